"""Core write paths: demo generation, the bulk insert path, one interactive edit's commit.

Floors: raw sqlite3 doing the same database work (same table, same indexes, same pragmas),
measured in the same run.
"""

from __future__ import annotations

import itertools
import random
import re
import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select

from benchmarks.runner import Case, Context
from crm.bulk_insert import BULK_CACHE_KIB, BulkWriter, CompiledInsert, Mode, bulk_cache
from crm.db import BUSY_TIMEOUT_MS, Database
from crm.demo import generate_demo
from crm.demo.draw import id_maker
from crm.models import Activity, Project, Team

BULK_ROWS = 200_000
GENERATE_SECONDS_GOAL = 60
EDIT_MS_GOAL = 20


def cases(ctx: Context) -> list[Case]:
    bulk = BulkBench(ctx)
    edit = EditBench(ctx)
    fresh = FreshDemo(ctx)
    return [
        _cache_build_case(ctx),
        Case(
            "demo.generate.small (fresh db)",
            fresh.run,
            None,
            goal="< 3 s",
            repeat=3,
            setup=fresh.setup,
            warmup=False,
            meets=lambda m, _f: m < 3000,
        ),
        Case(
            f"bulk.insert.activity {BULK_ROWS // 1000}k + change log",
            bulk.runner("compiled", True),
            bulk.floor,
            unit="rows/s",
            goal="≥ 200k rows/s, ≤ 4× floor",
            repeat=2,
            setup=bulk.setup,
            warmup=False,
            meets=_bulk_goal,
        ),
        Case(
            f"bulk.insert.activity {BULK_ROWS // 1000}k, no log",
            bulk.runner("compiled", False),
            bulk.floor,
            unit="rows/s",
            goal="≥ 200k rows/s, ≤ 4× floor",
            repeat=2,
            setup=bulk.setup,
            warmup=False,
            meets=_bulk_goal,
        ),
        Case(
            f"bulk.insert.activity {BULK_ROWS // 1000}k, no log, plain Core executemany",
            bulk.runner("core", False),
            None,
            unit="rows/s",
            goal="(comparison)",
            repeat=1,
            setup=bulk.setup,
            warmup=False,
        ),
        Case(
            "edit.project.commit (service, one session)",
            edit.run,
            edit.floor,
            goal=f"< {EDIT_MS_GOAL} ms",
            repeat=25,
            meets=lambda m, _f: m < EDIT_MS_GOAL,
        ),
    ]


def _bulk_goal(measured: float, floor: float | None) -> bool:
    return measured >= 200_000 and (floor is None or floor / measured <= 4)


def _cache_build_case(ctx: Context) -> Case:
    seconds = ctx.build_seconds
    when = "built in this run" if ctx.built_now else f"built {ctx.info.get('built_at', '?')}"
    records = ctx.info.get("records", 0) + ctx.info.get("change_log_rows", 0)
    large = ctx.scale == "large"
    return Case(
        f"demo.generate.{ctx.scale} (cache build)",
        None,
        goal=f"< {GENERATE_SECONDS_GOAL} s" if large else "",
        recorded=seconds * 1000 if seconds is not None else None,
        meets=(lambda m, _f: m < GENERATE_SECONDS_GOAL * 1000) if large else None,
        note=f"{when}; {records:,} rows",
    )


class FreshDemo:
    """The small scale generated into a new database each time."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.counter = itertools.count()
        self.db: Database | None = None

    def setup(self) -> None:
        if self.db is None:
            self.ctx.closers.append(self.close)
        self.close()
        self.db = self.ctx.scratch_database(f"fresh-{next(self.counter)}")

    def close(self) -> None:
        if self.db is not None:
            self.db.close()

    def run(self) -> object:
        assert self.db is not None
        return generate_demo(self.db, scale="small", seed=1, today=date(2026, 11, 23))


class BulkBench:
    """200k activity rows into a scratch database: the bulk path vs raw sqlite3."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.db: Database | None = None
        self.rows: list[dict[str, Any]] = []
        self.tuples: list[tuple[Any, ...]] = []
        self.ids = id_maker(random.Random(7))

    def _prepare(self) -> None:
        """Once: a scratch database with a tiny demo (targets for the foreign keys), the rows,
        and a copy of the activity table with the same indexes for the floor."""
        self.db = self.ctx.scratch_database("bulk")
        self.ctx.closers.append(self.db.close)
        generate_demo(self.db, scale="tiny", seed=1, today=date(2026, 11, 23))
        with self.db.engine.connect() as conn:
            projects = conn.execute(select(Project.id, Project.company_id)).all()
            teams = list(conn.scalars(select(Team.id)))
        self.rows = _activity_rows(projects, teams, BULK_ROWS)
        self.order = list(self.rows[0])
        _copy_table(self._path, "activity", "bench_activity_raw")

    @property
    def _path(self) -> Path:
        assert self.db is not None and self.db.path is not None
        return self.db.path

    def setup(self) -> None:
        """Before each timed call: fresh ids (primary keys), and the floor's ready tuples."""
        if self.db is None:
            self._prepare()
        for row in self.rows:
            row["id"] = self.ids()
        assert self.db is not None
        with self.db.engine.connect() as conn:
            compiled = CompiledInsert(conn, Activity.__table__)  # type: ignore[arg-type]
            self.tuples = compiled.params(self.rows)
            self.order = compiled.order

    def runner(self, mode: Mode, log: bool) -> Callable[[], object]:
        def run() -> object:
            assert self.db is not None
            table: Table = Activity.__table__  # type: ignore[assignment]
            with self.db.engine.begin() as conn, bulk_cache(conn):
                writer = BulkWriter(
                    conn, actor="bench", site_id=self.db.site_id, log=log, mode=mode
                )
                writer.write(table, self.rows)
            return len(self.rows)

        return run

    def floor(self) -> object:
        columns = ", ".join(self.order)
        marks = ", ".join("?" * len(self.order))
        conn = _raw_connection(self._path)
        try:
            conn.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
            conn.execute("BEGIN")
            conn.executemany(
                f"INSERT INTO bench_activity_raw ({columns}) VALUES ({marks})", self.tuples
            )
            conn.execute("COMMIT")
        finally:
            conn.close()
        return len(self.tuples)


def _activity_rows(projects: list[Any], teams: list[str], count: int) -> list[dict[str, Any]]:
    rng = random.Random(3)
    kinds = ("visit", "negotiation", "phone", "cloud_meeting", "site_inspection")
    start = date(2024, 1, 1).toordinal()
    at = datetime(2026, 1, 5, 9, 30)
    rows = []
    for _ in range(count):
        project_id, company_id = rng.choice(projects)
        day = date.fromordinal(start + rng.randrange(1000))
        follow = rng.random() < 0.35
        rows.append(
            {
                "id": "",
                "occurred_on": day,
                "kind": rng.choice(kinds),
                "project_id": project_id,
                "company_id": company_id,
                "team_id": rng.choice(teams) if rng.random() < 0.7 else None,
                "participants": "张伟、李娜",
                "summary": "拜访企业总部，介绍投资环境和产业政策",
                "next_step": "安排企业来考察" if follow else "",
                "next_step_due": date.fromordinal(day.toordinal() + 14) if follow else None,
                "next_step_open": False,  # set by its rule after the write (crm.follow_ups)
                "created_at": at,
                "updated_at": at,
                "created_by": "bench",
                "updated_by": "bench",
                "deleted_at": None,
            }
        )
    return rows


def _raw_connection(path: Path) -> sqlite3.Connection:
    """Plain sqlite3 with the application's pragmas (WAL, synchronous=FULL, foreign keys)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def _copy_table(path: Path, table: str, copy: str) -> None:
    """An empty copy of `table` with the same columns and the same indexes."""
    conn = _raw_connection(path)
    try:
        (sql,) = conn.execute(
            "SELECT sql FROM sqlite_master WHERE type='table' AND name=?", (table,)
        ).fetchone()
        # A table Alembic rebuilt has its name quoted (CREATE TABLE "activity").
        conn.execute(re.sub(rf'^CREATE TABLE "?{table}"?', f"CREATE TABLE {copy}", sql, count=1))
        indexes = conn.execute(
            "SELECT name, sql FROM sqlite_master"
            " WHERE type='index' AND tbl_name=? AND sql IS NOT NULL",
            (table,),
        ).fetchall()
        for name, index_sql in indexes:
            conn.execute(
                index_sql.replace(name, f"{copy}_{name}", 1)
                .replace(f'ON "{table}"', f"ON {copy}", 1)
                .replace(f"ON {table}", f"ON {copy}", 1)
            )
    finally:
        conn.close()


class EditBench:
    """Change one field of one project in the large database, as the UI's edit does."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        with ctx.db.engine.connect() as conn:
            self.project_id = conn.scalar(select(Project.id).order_by(Project.id).limit(1))
        self.counter = itertools.count()
        self.raw: sqlite3.Connection | None = None

    def run(self) -> object:
        from crm.services.projects import update_project

        with self.ctx.db.session() as s:
            update_project(s, self.project_id, notes=f"基准测试备注 {next(self.counter)}")
        return None

    def floor(self) -> object:
        """The same row change as one autocommitted UPDATE on an open sqlite3 connection."""
        if self.raw is None:
            self.raw = _raw_connection(self.ctx.path)
            self.ctx.closers.append(self.raw.close)
        self.raw.execute(
            "UPDATE project SET notes = ?, updated_at = ? WHERE id = ?",
            (f"raw {next(self.counter)}", datetime.now().isoformat(" "), self.project_id),
        )
        return None
