"""Offline sync: a team's day exported at the cached scale, a 100k-change package imported,
its size against plain JSON, and a server sync with a PostgreSQL hub.

Floors (same run):
- export: raw sqlite3 reading the same change rows by `seq`, serialised and compressed;
- import: raw sqlite3 executemany of the same change rows and of the records they make;
- server sync: none (the goal is absolute); skipped without a PostgreSQL server
  (CRM_BENCH_PG_URL, default the local `test` database).
"""

from __future__ import annotations

import os
import sqlite3
import uuid
import zlib
from datetime import date, timedelta
from typing import Any

import orjson
import sqlalchemy as sa

from benchmarks.runner import Case, Context
from crm.db import Database, open_database
from crm.demo import generate_demo
from crm.demo.scales import SCALES, Scale
from crm.models import ChangeLog, Project
from crm.services import activities, projects
from crm.sync.exchange import export_package, import_package, sync_with_server
from crm.sync.peers import local_identity, pair

#: About 100k records: the package of the import case (one change per bulk-loaded record).
SYNC_SCALE = Scale("sync-100k", projects=6_000, activities=60_000, home_units=6)
#: About 10k records a side for the server sync.
HUB_SCALE = Scale("sync-10k", projects=600, activities=6_000, home_units=3, stations=(4, 6))
DAY_CHANGES = 1_000
PG_URL = os.environ.get("CRM_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _pair(a: Database, b: Database) -> None:
    with a.session() as s:
        ida = local_identity(s.connection(), a.site_id)[1]
    with b.session() as s:
        idb = local_identity(s.connection(), b.site_id)[1]
        pair(s.connection(), ida, own_site_id=b.site_id)
    with a.session() as s:
        pair(s.connection(), idb, own_site_id=a.site_id)


def _demo(db: Database, scale: Scale, seed: int, today: date) -> None:
    SCALES[scale.name] = scale
    generate_demo(db, scale=scale.name, seed=seed, today=today)


class DayExport:
    """A resident team's day (~1,000 changes) on top of the cached database, exported."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.peer = ctx.scratch_database("bureau-peer")
        ctx.closers.append(self.peer.close)
        _pair(ctx.db, self.peer)
        with ctx.db.session() as s:
            last = s.scalar(sa.select(sa.func.max(ChangeLog.seq))) or 0
            # The peer holds everything up to now: only the day's work is waiting.
            from crm.models.sync import SyncPeer

            s.execute(
                sa.update(SyncPeer).where(SyncPeer.site_id == self.peer.site_id).values(acked=last)
            )
            ids = list(
                s.scalars(sa.select(Project.id).where(Project.deleted_at.is_(None)).limit(150))
            )
        day = ctx.today - timedelta(days=1)
        made = 0
        while made < DAY_CHANGES:
            with ctx.db.session(actor="驻深圳工作队") as s:
                for pid in ids:
                    projects.update_project(s, pid, notes=f"第{made}次跟进")
                    activities.log_activity(
                        s, occurred_on=day, kind="visit", project_id=pid, summary="上门拜访"
                    )
            made += len(ids) * 7  # one update, one activity of ~6 fields
        self.after = last
        self.out = ctx.scratch / "day.zspkg"
        self.changes = 0

    def run(self) -> None:
        self.changes = export_package(self.ctx.db, self.peer.site_id, self.out).changes

    def floor(self) -> None:
        con = sqlite3.connect(self.ctx.path)
        rows = con.execute(
            "SELECT id, table_name, record_id, op, field, old_value, new_value, changed_by,"
            " changed_at, hlc, site_id, prev_id, context, supersedes FROM change_log"
            " WHERE seq > ? ORDER BY seq",
            (self.after,),
        ).fetchall()
        zlib.compress(orjson.dumps(rows), 6)
        con.close()


class PackageImport:
    """A package of ~100k changes (a site's whole ledger) into an empty database."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.source = ctx.scratch_database("sync-source")
        ctx.closers.append(self.source.close)
        _demo(self.source, SYNC_SCALE, 11, ctx.today)
        with self.source.session() as s:
            self.rows = [
                dict(r._mapping)
                for r in s.execute(sa.select(ChangeLog.__table__).order_by(ChangeLog.seq))
            ]
        self.json_bytes = len(keyed_json(self.rows))
        self.records = _records_by_table(self.source)
        self.n = 0
        self.setup()
        self.changes, self.package_bytes = self.exported.changes, self.exported.size

    def setup(self) -> None:
        """A new, empty receiver paired with the source, and the package addressed to it."""
        self.n += 1
        self.target = self.ctx.scratch_database(f"sync-target-{self.n}")
        self.ctx.closers.append(self.target.close)
        _pair(self.source, self.target)
        self.package = self.ctx.scratch / f"full-{self.n}.zspkg"
        self.exported = export_package(self.source, self.target.site_id, self.package)

    def run(self) -> int:
        import_package(self.target, self.package)
        return self.changes

    def floor(self) -> int:
        empty = self.ctx.scratch_database(f"sync-floor-{self.n}")
        path = empty.path
        empty.close()
        con = sqlite3.connect(path, isolation_level=None)  # type: ignore[arg-type]
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        con.execute("PRAGMA foreign_keys=ON")
        con.execute("BEGIN")
        columns = list(self.rows[0])
        con.executemany(
            f"INSERT INTO change_log ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})",
            [tuple(_plain(r[c]) for c in columns) for r in self.rows],
        )
        for table, (names, values) in self.records.items():
            con.executemany(
                f"INSERT INTO {table} ({', '.join(names)}) "
                f"VALUES ({', '.join('?' for _ in names)})",
                values,
            )
        con.execute("COMMIT")
        con.close()
        return self.changes


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat(" ")
    return value


def keyed_json(rows: list[dict[str, Any]]) -> bytes:
    """The changes as plain JSON objects: what the size goal compares with."""
    return orjson.dumps([{k: _plain(v) for k, v in r.items() if k != "seq"} for r in rows])


def _records_by_table(db: Database) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    from crm.models import DOMAIN_MODELS

    out: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = {}
    con = sqlite3.connect(db.path)  # type: ignore[arg-type]
    for model in DOMAIN_MODELS:
        name = model.__tablename__  # type: ignore[attr-defined]
        cursor = con.execute(f"SELECT * FROM {name}")
        names = [d[0] for d in cursor.description]
        out[name] = (names, cursor.fetchall())
    con.close()
    return out


class HubSync:
    """A laptop and a PostgreSQL hub, ~10k changes each, synced both ways."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.schema = f"bench_{uuid.uuid4().hex[:10]}"
        self.admin = sa.create_engine(PG_URL)
        with self.admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{self.schema}"'))
        ctx.closers.append(self._drop)
        separator = "&" if "?" in PG_URL else "?"
        self.hub_url = f"{PG_URL}{separator}options=-csearch_path%3D{self.schema}"
        self.n = 0
        self.hub: Database | None = None
        self.laptop: Database | None = None
        self.sent = self.received = 0

    def _drop(self) -> None:
        if self.hub is not None:
            self.hub.close()
        with self.admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{self.schema}" CASCADE'))
        self.admin.dispose()

    def setup(self) -> None:
        self.n += 1
        if self.hub is not None:
            self.hub.close()
            with self.admin.begin() as conn:
                conn.execute(sa.text(f'DROP SCHEMA "{self.schema}" CASCADE'))
                conn.execute(sa.text(f'CREATE SCHEMA "{self.schema}"'))
        self.hub = open_database(self.hub_url)
        _demo(self.hub, HUB_SCALE, 21, self.ctx.today)
        self.laptop = self.ctx.scratch_database(f"laptop-{self.n}")
        self.ctx.closers.append(self.laptop.close)
        _demo(self.laptop, HUB_SCALE, 22, self.ctx.today)

    def run(self) -> None:
        # Two demos that share nothing: the merge a person would confirm (crm sync with --yes).
        result = sync_with_server(self.laptop, self.hub, merge_unrelated=True)  # type: ignore[arg-type]
        self.sent, self.received = result.sent, result.received


def cases(ctx: Context) -> list[Case]:
    day = DayExport(ctx)
    full = PackageImport(ctx)
    ratio = full.package_bytes / full.json_bytes
    result = [
        Case(
            f"sync.export one team's day (~{DAY_CHANGES:,} changes) at {ctx.scale}",
            day.run,
            day.floor,
            goal="< 1 s",
            repeat=5,
            meets=lambda m, _f: m < 1000,
        ),
        Case(
            f"sync.import package of {full.changes:,} changes",
            full.run,
            full.floor,
            unit="rows/s",
            goal="≤ 3× floor, < 60 s",
            repeat=2,
            setup=full.setup,
            warmup=False,
            meets=lambda m, f: (f is None or f / m <= 3) and full.changes / m < 60,
        ),
        Case(
            "sync.package size vs plain JSON",
            None,
            recorded=ratio * 100,
            goal="≤ 33.3 (%)",
            note=f"{full.package_bytes:,} of {full.json_bytes:,} bytes",
            meets=lambda m, _f: m <= 100 / 3,
        ),
    ]
    try:
        with sa.create_engine(PG_URL).connect():
            pass
    except Exception:  # no server: say so instead of failing the run
        result.append(Case("sync.server 10k each way (PostgreSQL hub)", None, note="no server"))
        return result
    hub = HubSync(ctx)
    result.append(
        Case(
            "sync.server ~10k changes each way (PostgreSQL hub)",
            hub.run,
            None,
            goal="< 15 s",
            repeat=1,
            setup=hub.setup,
            warmup=False,
            meets=lambda m, _f: m < 15_000,
        )
    )
    return result
