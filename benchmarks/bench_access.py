"""What authorization costs (crm.access): the projects list, a search and a brief's statistics,
run as a team member (confidential leads of other teams filtered out, every check made)
beside the very same call as the local profile, which passes every check without a filter.

Goal: < 10% more than without authorization. A share of the leads is marked confidential in
the cached database first (idempotent), so the member's filter has something to remove.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, text

from benchmarks.bench_briefs import last_full_quarter
from benchmarks.runner import Case, Context
from crm import search
from crm.access import Actor
from crm.codes import Role
from crm.models import Project
from crm.queries.project_filter import ProjectFilter
from crm.queries.project_list import ProjectQuery
from crm.stats import BUREAU, brief_figures

RATIO_GOAL = 1.10
PAGE = 300


class AccessBench:
    def __init__(self, ctx: Context) -> None:
        self.db = ctx.db
        self.period = last_full_quarter(ctx.today)
        with self.db.engine.begin() as conn:
            # Leads whose id ends in 0 or 1 (about one in eight) are confidential, the rest
            # not. The end of an id is random; its start is not (imports write ids in time
            # order, so "starts with 0" once marked every lead).
            conn.execute(
                text(
                    "UPDATE project SET confidential = "
                    "(stage = 'lead' AND substr(id, -1, 1) IN ('0', '1')) "
                    "WHERE confidential <> (stage = 'lead' AND substr(id, -1, 1) IN ('0', '1'))"
                )
            )
            team = conn.scalar(
                select(Project.team_id)
                .where(Project.team_id.is_not(None))
                .group_by(Project.team_id)
                .order_by(func.count().desc())
                .limit(1)
            )
        self.member = Actor("bench", "基准队员", frozenset({Role.MEMBER}), team_id=team)
        # The search index is brought up to date and loaded once, as the window does at start
        # (a read session would rebuild it on every call and roll it back).
        with self.db.session() as s:
            for table in search.SEARCHABLE:
                search.ensure_fresh(s, table)
            search.warm_memory(s)
        self.search_text = "电池"

    def _as(self, user: Actor | None, work: Any) -> Any:
        self.db.user = user
        try:
            return work()
        finally:
            self.db.user = None

    def _list(self) -> int:
        with self.db.read() as s:
            query = ProjectQuery()
            return len(query.ids(s, limit=PAGE)) + query.count(s)

    def _search(self) -> int:
        with self.db.read() as s:
            return len(ProjectQuery(ProjectFilter(text=self.search_text)).ids(s, limit=PAGE))

    def _brief(self) -> Any:
        with self.db.read() as s:
            return brief_figures(s, self.period, BUREAU)

    def case(self, name: str, work: Any, repeat: int) -> Case:
        return ratio_case(
            name,
            lambda: self._as(self.member, work),
            lambda: self._as(None, work),
            repeat=repeat,
            without="authorization",
            note="floor: the same call as the local profile (no filter, every check passes)",
        )


def ratio_case(name: str, run: Any, floor: Any, *, repeat: int, without: str, note: str) -> Case:
    """A case whose point is its cost beside the same call `without` something (< 10%),
    run and floor timed alternately."""
    return Case(
        name,
        run,
        floor,
        goal=f"< {RATIO_GOAL:.2f}× without {without}",
        repeat=repeat,
        meets=lambda m, f: f is not None and m < RATIO_GOAL * f,
        note=note,
        interleave=True,
    )


def cases(ctx: Context) -> list[Case]:
    bench = AccessBench(ctx)
    return [
        bench.case("access.list first page + count (member)", bench._list, 41),
        bench.case(f"access.search '{bench.search_text}' (member)", bench._search, 21),
        bench.case(f"access.brief stats {bench.period.code} (member)", bench._brief, 7),
    ]
