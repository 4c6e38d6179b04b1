"""What PostgreSQL's row-level security costs (crm.access_pg): the projects list, a search and
a brief's statistics for a team member connected through the application role (every policy
binding, the sign-in token shown on each connection) beside the very same calls for the same
member through the owner's connection, which no policy binds (the core's own filter runs in
both). Goal: the policies add < 10%.

The demo data is loaded into PostgreSQL once, into the schema `crm_bench_access_<scale>_<seed>`
of CRM_BENCH_PG_URL (default the local `test` database), and kept for later runs (its comment
names the generator version and day; drop the schema to rebuild), vacuumed as autovacuum
keeps a database in use (`_vacuum`). Leads whose id ends in 0 or 1 are confidential, as in
bench_access.
"""

from __future__ import annotations

import os
from typing import Any

import sqlalchemy as sa

from benchmarks.bench_access import ratio_case
from benchmarks.bench_briefs import last_full_quarter
from benchmarks.runner import Case, Context
from crm import search
from crm.access import Actor
from crm.accounts import actor_of_account, add_user, sign_in
from crm.db import Database, open_database
from crm.demo import GENERATOR_VERSION, generate_demo
from crm.models import Project, UserAccount
from crm.queries.project_filter import ProjectFilter
from crm.queries.project_list import ProjectQuery
from crm.stats import BUREAU, brief_figures

PG_URL = os.environ.get("CRM_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PAGE = 300
PASSWORD = "bench-pass-1"


def _schema_url(schema: str) -> str:
    """The owner's URL, with the settings the application role has (no JIT, crm.access_pg)."""
    url = sa.make_url(PG_URL)
    query = dict(url.query) | {"options": f"-csearch_path={schema} -cjit=off"}
    return url.set(query=query).render_as_string(hide_password=False)


def _ensure_data(ctx: Context, schema: str) -> str:
    """The owner's URL of the kept PostgreSQL copy, built when missing or stale."""
    marker = f"demo generator {GENERATOR_VERSION}, seed {ctx.seed}, as of {ctx.today}"
    admin = sa.create_engine(PG_URL)
    try:
        with admin.begin() as conn:
            comment = (
                "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = :s"
            )
            found = conn.execute(sa.text(comment), {"s": schema}).first()
            if found is not None and found[0] == marker:
                return _schema_url(schema)
            conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        db = open_database(_schema_url(schema))
        try:
            generate_demo(db, scale=ctx.scale, seed=ctx.seed, today=ctx.today)
        finally:
            db.close()
        _vacuum(schema, analyze=True)
        with admin.begin() as conn:
            conn.exec_driver_sql(f"COMMENT ON SCHEMA \"{schema}\" IS '{marker}'")
    finally:
        admin.dispose()
    return _schema_url(schema)


def _vacuum(schema: str, *, analyze: bool = False) -> None:
    """What autovacuum keeps up in a database in use (the test server runs without it): the
    visibility map, which lets a count be answered from an index alone — with or without a
    policy, whose test of every row's team would otherwise decode each whole row — and
    (`analyze`) the statistics plans are made from. Quick once done: VACUUM skips the pages
    it already knows to be all-visible."""
    engine = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")  # no VACUUM in a transaction
    try:
        with engine.connect() as conn:
            tables = conn.execute(
                sa.text("SELECT tablename FROM pg_tables WHERE schemaname = :s"), {"s": schema}
            ).scalars()
            for table in list(tables):
                options = "(ANALYZE) " if analyze else ""
                conn.exec_driver_sql(f'VACUUM {options}"{schema}"."{table}"')
    finally:
        engine.dispose()


class PgAccessBench:
    def __init__(self, ctx: Context) -> None:
        from crm.access_pg import create_app_role

        schema = f"crm_bench_access_{ctx.scale}_{ctx.seed}"
        owner_url = _ensure_data(ctx, schema)
        self.period = last_full_quarter(ctx.today)
        self.owner = open_database(owner_url)
        ctx.closers.append(self.owner.close)
        with self.owner.engine.begin() as conn:
            conn.execute(
                sa.text(
                    "UPDATE project SET confidential = "
                    "(stage = 'lead' AND right(id, 1) IN ('0', '1')) WHERE confidential "
                    "IS DISTINCT FROM (stage = 'lead' AND right(id, 1) IN ('0', '1'))"
                )
            )
            team = conn.scalar(
                sa.select(Project.team_id)
                .where(Project.team_id.is_not(None))
                .group_by(Project.team_id)
                .order_by(sa.func.count().desc(), Project.team_id)
                .limit(1)
            )
            role = create_app_role(
                conn, owner_url, name=f"crm_bench_app_{ctx.scale}", password=PASSWORD
            )
        with self.owner.session() as s:
            if s.scalar(sa.select(UserAccount.id).where(UserAccount.login == "bench_member")):
                pass
            else:
                if not s.scalar(sa.select(UserAccount.id).limit(1)):
                    add_user(s, login="bench_admin", name="基准管理员", roles="admin",
                             password=PASSWORD)  # fmt: skip
                add_user(s, login="bench_member", name="基准队员", roles="member",
                         password=PASSWORD, team=team)  # fmt: skip
        with self.owner.session() as s:
            account = s.scalars(
                sa.select(UserAccount).where(UserAccount.login == "bench_member")
            ).one()
            self.member: Actor = actor_of_account(account)
            for table in search.SEARCHABLE:
                search.ensure_fresh(s, table)
            search.warm_memory(s)
        _vacuum(schema)  # after this set-up's own writes (and for a copy kept from before)
        self.owner.user = self.member  # the core's checks and filters, no policy
        self.app = open_database(role.url)
        ctx.closers.append(self.app.close)
        sign_in(self.app, "bench_member", PASSWORD)
        with self.app.read() as s:
            search.warm_memory(s)
        self.search_text = "电池"

    def _list(self, db: Database) -> int:
        with db.read() as s:
            query = ProjectQuery()
            return len(query.ids(s, limit=PAGE)) + query.count(s)

    def _search(self, db: Database) -> int:
        with db.read() as s:
            return len(ProjectQuery(ProjectFilter(text=self.search_text)).ids(s, limit=PAGE))

    def _brief(self, db: Database) -> Any:
        with db.read() as s:
            return brief_figures(s, self.period, BUREAU)

    def case(self, name: str, work: Any, repeat: int) -> Case:
        return ratio_case(
            name,
            lambda: work(self.app),
            lambda: work(self.owner),
            repeat=repeat,
            without="row-level security",
            note="floor: the same member's call through the owner's connection (no policy)",
        )


def cases(ctx: Context) -> list[Case]:
    try:
        with sa.create_engine(PG_URL).connect():
            pass
    except Exception:  # no server: say so instead of failing the run
        return [Case("access_pg (PostgreSQL row-level security)", None, note="no server")]
    bench = PgAccessBench(ctx)
    return [
        bench.case("access_pg.list first page + count (member, RLS)", bench._list, 21),
        bench.case(f"access_pg.search '{bench.search_text}' (member, RLS)", bench._search, 21),
        bench.case(f"access_pg.brief stats {bench.period.code} (member, RLS)", bench._brief, 9),
    ]
