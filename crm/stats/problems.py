"""Problems (问题清单): raised and closed out (销号) in the period, open and overdue at its end,
by category; and the overdue ones themselves."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from crm.codes import ProblemCategory
from crm.periods import Period
from crm.stats.model import OverdueProblem, ProblemFigures, ProblemRow
from crm.stats.query import (
    PROBLEM,
    PROJECT,
    TEAM,
    Steps,
    count_if,
    live_projects,
    live_team_join,
    within,
)
from crm.stats.scope import Scope

OVERDUE_LIST_LIMIT = 15


def open_at(day: date) -> ColumnElement[bool]:
    c = PROBLEM.c
    return and_(c.raised_on <= day, or_(c.resolved_on.is_(None), c.resolved_on > day))


def overdue_at(day: date) -> ColumnElement[bool]:
    """Open at the end of `day` with its due date already past."""
    return and_(open_at(day), PROBLEM.c.due_on < day)


def problem_figures(
    session: Session, period: Period, scope: Scope, *, steps: Steps, limit: int = OVERDUE_LIST_LIMIT
) -> ProblemFigures:
    c = PROBLEM.c
    end = period.report_end
    rows = session.execute(
        select(
            c.category,
            count_if(within(c.raised_on, period)),
            count_if(within(c.resolved_on, period)),
            count_if(open_at(end)),
            count_if(overdue_at(end)),
        )
        .select_from(PROBLEM.join(PROJECT, PROJECT.c.id == c.project_id))
        .where(c.deleted_at.is_(None), c.raised_on <= period.end, *live_projects(scope))
        .group_by(c.category)
    ).all()
    found = {r[0]: tuple(int(v) for v in r[1:]) for r in rows}
    keys = [k.value for k in ProblemCategory]
    keys += sorted(set(found) - set(keys))
    by_category = tuple(
        ProblemRow(k, ProblemCategory.label_of(k), *found.get(k, (0, 0, 0, 0))) for k in keys
    )
    total = ProblemRow(
        "total",
        "合计",
        *(
            sum(getattr(r, f) for r in by_category)
            for f in ("raised", "closed", "open_at_end", "overdue_at_end")
        ),
    )
    overdue = _overdue(session, end, scope, limit)
    steps.step()
    return ProblemFigures(by_category, total, overdue)


def _overdue(session: Session, end: date, scope: Scope, limit: int) -> tuple[OverdueProblem, ...]:
    c = PROBLEM.c
    rows = session.execute(
        select(
            c.id,
            PROJECT.c.name,
            func.coalesce(TEAM.c.name, ""),
            c.category,
            c.description,
            c.responsible_unit,
            c.raised_on,
            c.due_on,
        )
        .select_from(
            PROBLEM.join(PROJECT, PROJECT.c.id == c.project_id).outerjoin(TEAM, live_team_join())
        )
        .where(c.deleted_at.is_(None), overdue_at(end), *live_projects(scope))
        .order_by(c.due_on, c.raised_on, c.id)
        .limit(limit)
    )
    return tuple(
        OverdueProblem(
            problem_id=r[0],
            project_name=r[1],
            team_name=r[2],
            category=r[3],
            category_label=ProblemCategory.label_of(r[3]),
            description=r[4],
            responsible_unit=r[5],
            raised_on=r[6],
            due_on=r[7],
            days_overdue=(end - r[7]).days,
        )
        for r in rows
    )
