"""Major-project dispatch at the scale of the cached demo database, on a copy of it with
1,000 more projects on this year's list (besides the demo's own) and 100,000
investment-completion entries (100 旬 each).

- 旬 dispatch notice (figures, 四张清单, targets, PDF to disk) vs its floor: the very SELECT
  statements it sends replayed through a raw sqlite3 connection, plus the same tables drawn
  plainly on a canvas (as bench_briefs does for the brief). Goal < 2 s and ≤ 4× floor.
- dispatch sheet import (100k rows: every demo project's 中旬 figures) vs the ledger import of
  the demo's projects workbook, per row, both end to end in the same run. Goal ≤ 1.5×.
  Like with like: the ledger import goes into an empty database, which takes no pre-import
  backup; the dispatch sheet goes into a copy of the demo database, whose backup (a copy of
  the whole file, the same for any import into it) is measured apart, not inside the ratio.
"""

from __future__ import annotations

import calendar
import random
import shutil
import sqlite3
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest import mock

from openpyxl import Workbook
from sqlalchemy import event

from benchmarks.bench_briefs import draw_tables_plainly
from benchmarks.runner import Case, Context
from crm.backup import create_backup
from crm.db import Database, open_database
from crm.ledger import ImportOptions, apply_plan, build_plan, export_ledger
from crm.money import wan_to_fen as _wan_to_fen
from crm.periods import Period, xun
from crm.reports.notice import build_notice, dispatch_notice
from crm.stats.dispatch import dispatch_figures
from crm.stats.targets import target_figures

LISTED, ENTRIES_EACH = 1000, 100
NOTICE_MS_GOAL, NOTICE_RATIO_GOAL, IMPORT_RATIO_GOAL = 2000, 4.0, 1.5


def wan_to_fen(amount: int) -> int:
    return _wan_to_fen(Decimal(amount))


def xun_ends(before: date, n: int) -> list[date]:
    """The last n 旬 ends on or before `before`, oldest first."""
    ends: list[date] = []
    year, month = before.year, before.month
    while len(ends) < n:
        last = calendar.monthrange(year, month)[1]
        ends += [d for d in (date(year, month, last), date(year, month, 20),
                             date(year, month, 10)) if d <= before]  # fmt: skip
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return sorted(ends[:n])


def current_xun(today: date) -> Period:
    """The last 旬 that is over by `today`."""
    end = xun_ends(today - timedelta(days=1), 1)[0]
    number = 1 if end.day == 10 else 2 if end.day == 20 else 3
    return xun(end.year, end.month, number)


def _row(**values: Any) -> dict[str, Any]:
    now = datetime(2026, 1, 1)
    return {"id": str(uuid.uuid4()), "created_at": now, "updated_at": now, "created_by": "bench",
            "updated_by": "bench", "deleted_at": None, **values}  # fmt: skip


def _insert(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    names = list(rows[0])
    conn.executemany(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        [tuple(r[n] for n in names) for r in rows],
    )


def add_dispatch_data(path: Path, today: date, seed: int = 12) -> None:
    """This year's list (1,000 projects, plans, profiles, park targets) and 100,000
    completion entries, written straight with sqlite3 (data for measuring, not a use case)."""
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    pids = [r[0] for r in conn.execute(
        "SELECT id FROM project WHERE deleted_at IS NULL AND stage IN ('started', 'funded', "
        "'operating') AND id NOT IN (SELECT project_id FROM dispatch_profile) "
        "AND id NOT IN (SELECT project_id FROM project_list_entry) ORDER BY id LIMIT ?",
        (LISTED,))]  # fmt: skip
    ends = xun_ends(today - timedelta(days=1), ENTRIES_EACH)
    lists, profiles, entries = [], [], []
    for pid in pids:
        plan = rng.randrange(1000, 60000)
        level = rng.choice(["province", "city", "county"])
        lists.append(_row(project_id=pid, year=today.year, level=level, programme_id=None,
                          year_plan=wan_to_fen(plan)))  # fmt: skip
        profiles.append(_row(
            project_id=pid, construction_nature=rng.choice(["new", "expansion", "upgrade"]),
            expected_completion_on=date(today.year, rng.randrange(1, 13), 28),
            completed_on=None, pooled_on=date(today.year, rng.randrange(1, 12), 1),
            leader_name="副市长",
        ))  # fmt: skip
        ytd = 0
        for end in ends:
            amount = rng.randrange(0, max(2, plan // 30))
            ytd = amount if end.month == 1 and end.day == 10 else ytd + amount
            entries.append(_row(
                project_id=pid, period_end=end, period_kind="xun", amount=wan_to_fen(amount),
                year_to_date=wan_to_fen(ytd), cumulative=None, image_progress="主体施工",
                progress_note="", issues="",
            ))  # fmt: skip
    targets = [
        _row(year=today.year, scope="park", region_code=None, park_id=park,
             measure="signed_investment", value=wan_to_fen(rng.randrange(100000, 900000)))
        for (park,) in conn.execute("SELECT id FROM park WHERE deleted_at IS NULL")
    ]  # fmt: skip
    for table, rows in (("project_list_entry", lists), ("dispatch_profile", profiles),
                        ("completion_entry", entries), ("target", targets)):  # fmt: skip
        if rows:
            _insert(conn, table, rows)
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()


class DispatchBench:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.path = ctx.scratch / "dispatch.sqlite"
        shutil.copy(ctx.path, self.path)
        add_dispatch_data(self.path, ctx.today)
        self.db = open_database(self.path)
        ctx.closers.append(self.db.close)
        self.period = current_xun(ctx.today)
        self.statements = self._capture()
        self.raw = sqlite3.connect(self.path)
        ctx.closers.append(self.raw.close)

    def notice(self) -> None:
        with self.db.session() as session:
            build_notice(session, self.period, kind="dispatch", issued_on=self.ctx.today,
                         pdf_path=self.ctx.scratch / "notice.pdf")  # fmt: skip

    def _capture(self) -> list[tuple[str, Any]]:
        captured: list[tuple[str, Any]] = []

        def record(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
            captured.append((statement, parameters))

        event.listen(self.db.engine, "before_cursor_execute", record)
        try:
            self.notice()
        finally:
            event.remove(self.db.engine, "before_cursor_execute", record)
        return [(s, p) for s, p in captured if s.lstrip().upper().startswith(("SELECT", "WITH"))]

    def notice_floor(self) -> int:
        """The captured statements through raw sqlite3, then the tables drawn plainly."""
        for statement, parameters in self.statements:
            self.raw.execute(statement, parameters).fetchall()
        return draw_tables_plainly(self.tables, self.ctx.scratch / "floor.pdf")

    @property
    def tables(self) -> list[Any]:
        if self._tables is None:
            with self.db.session() as session:
                figures = dispatch_figures(session, self.period, as_of=self.ctx.today)
                targets = target_figures(session, self.period.cut_at(self.ctx.today))
            self._tables = list(dispatch_notice(figures, targets, "").tables().values())
        return self._tables

    _tables: list[Any] | None = None


class ImportBench:
    """Per-row cost of a 100k-row dispatch sheet vs the ledger's projects import."""

    def __init__(self, ctx: Context, source: Path) -> None:
        self.ctx, self.source = ctx, source
        self.sheet = ctx.scratch / "dispatch-sheet.xlsx"
        self.ledger = ctx.scratch / "projects.xlsx"
        self.dispatch_db: Database | None = None
        self.ledger_db: Database | None = None
        ctx.closers.append(self.close)
        with ctx.db.session() as s:
            self.ledger_rows = export_ledger(s, self.ledger, sheets=("projects",)).counts[
                "projects"
            ]
        self.rows = self._write_sheet()

    def _write_sheet(self) -> int:
        conn = sqlite3.connect(self.ctx.path)
        projects = conn.execute(
            "SELECT code, name FROM project WHERE deleted_at IS NULL AND code IS NOT NULL"
        ).fetchall()
        conn.close()
        end = current_xun(self.ctx.today).end
        label = {10: "上旬", 20: "中旬"}.get(end.day, "下旬")
        book = Workbook(write_only=True)
        sheet = book.create_sheet("调度")
        sheet.append([f"{end.year}年重大项目调度表"])
        cumulative = f"1-{end.month}月{label}累计完成投资"
        sheet.append(["项目编号", "项目名称", f"{end.year}年计划投资", cumulative,
                      "本旬完成投资", "形象进度"])  # fmt: skip
        rng = random.Random(7)
        for code, name in projects:
            done = rng.randrange(0, 5000)
            sheet.append([code, name, 20000, 1000 + done, done, "主体施工"])
        book.save(self.sheet)
        return len(projects)

    def prepare(self) -> None:
        """Untimed: a copy of the demo database for the dispatch sheet (its projects exist),
        an empty one for the ledger import."""
        for db in (self.dispatch_db, self.ledger_db):
            if db is not None:
                db.close()
        path = self.ctx.scratch / "dispatch-import.sqlite"
        shutil.copy(self.ctx.path, path)
        self.dispatch_db = open_database(path)
        self.ledger_db = self.ctx.scratch_database("ledger-import")

    def close(self) -> None:
        for db in (self.dispatch_db, self.ledger_db):
            if db is not None:
                db.close()

    def dispatch_import(self) -> int:
        db = self.dispatch_db
        assert db is not None
        with mock.patch("crm.ledger.apply.create_backup", lambda *_a, **_k: None):
            apply_plan(db, build_plan(db, self.sheet, ImportOptions()))
        return self.rows

    def backup(self) -> None:
        """The pre-import backup the dispatch import takes of the demo database (timed apart)."""
        db = self.dispatch_db
        assert db is not None and db.path is not None
        create_backup(db.path, label="import")

    def ledger_import(self) -> int:
        db = self.ledger_db
        assert db is not None
        apply_plan(db, build_plan(db, self.ledger, ImportOptions(create_missing=True)))
        return self.ledger_rows


def cases(ctx: Context) -> list[Case]:
    bench = DispatchBench(ctx)
    imports = ImportBench(ctx, ctx.path)
    k = f"{imports.rows // 1000}k"
    return [
        Case(
            f"dispatch.notice {bench.period.code} ({LISTED} listed, 100k entries) to disk",
            bench.notice,
            bench.notice_floor,
            goal=f"< {NOTICE_MS_GOAL} ms, ≤ {NOTICE_RATIO_GOAL:g}× floor",
            repeat=3,
            meets=lambda m, f: m < NOTICE_MS_GOAL and f is not None and m <= NOTICE_RATIO_GOAL * f,
        ),
        Case(
            f"dispatch.import {k}-row sheet vs ledger import, rows/s",
            imports.dispatch_import,
            imports.ledger_import,
            unit="rows/s",
            goal=f"≤ {IMPORT_RATIO_GOAL:g}× ledger import per row",
            repeat=1,
            warmup=False,
            setup=imports.prepare,
            meets=lambda m, f: f is not None and f / m <= IMPORT_RATIO_GOAL,
        ),
        Case(
            "dispatch.import pre-import backup of the demo database (apart from the ratio)",
            imports.backup,
            repeat=1,
            warmup=False,
            setup=imports.prepare,
        ),
    ]
