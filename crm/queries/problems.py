"""Read side of problems (问题清单): the filtered list, one problem, and the overdue ones.

Overdue: not yet closed out (销号) and the due date is before today.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import astuple, dataclass, fields
from datetime import date

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from crm import access
from crm.models import Problem, Project
from crm.queries import field_position, ordering
from crm.queries.conditions import mentions

RESOLVED = "resolved"


@dataclass(frozen=True)
class ProblemFilter:
    statuses: frozenset[str] = frozenset()
    category: str = ""
    responsible_unit: str = ""
    project_id: str = ""
    text: str = ""
    overdue_on: date | None = None  # only those overdue on this day


@dataclass(frozen=True)
class ProblemRow:
    id: str
    project_id: str
    project_name: str
    category: str
    description: str
    responsible_unit: str
    raised_on: date
    due_on: date | None
    status: str
    resolution: str
    resolved_on: date | None

    def overdue(self, today: date) -> bool:
        return self.status != RESOLVED and self.due_on is not None and self.due_on < today


SORT_COLUMNS: dict[str, ColumnElement] = {
    "due_on": Problem.due_on,
    "raised_on": Problem.raised_on,
    "status": Problem.status,
    "category": Problem.category,
    "responsible_unit": Problem.responsible_unit,
    "project": Project.name,
}
SORT_KEYS = tuple(SORT_COLUMNS)


def _sort_column(key: str) -> ColumnElement:
    return SORT_COLUMNS.get(key, Problem.due_on)


def _overdue(today: date) -> ColumnElement[bool]:
    return (Problem.status != RESOLVED) & (Problem.due_on < today)


def _conditions(flt: ProblemFilter) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [Problem.deleted_at.is_(None), Project.deleted_at.is_(None)]
    if flt.statuses:
        conds.append(Problem.status.in_(flt.statuses))
    if flt.category:
        conds.append(Problem.category == flt.category)
    if flt.responsible_unit.strip():
        conds.append(Problem.responsible_unit.like(f"%{flt.responsible_unit.strip()}%"))
    if flt.project_id:
        conds.append(Problem.project_id == flt.project_id)
    conds += mentions(flt.text, Problem.description, Project.name)
    if flt.overdue_on:
        conds.append(_overdue(flt.overdue_on))
    return conds


def problem_ids(
    session: Session, flt: ProblemFilter, *, sort: str = "due_on", descending: bool = False
) -> list[str]:
    """Ids in order; problems without a due date sort last either way."""
    query = select(Problem.id).join(Project, Project.id == Problem.project_id)
    if sort == "project":  # by the project's name, in pinyin order (crm.queries.ordering)
        query, order = ordering.by_name(
            session, query, "project", Problem.project_id, descending=descending
        )
    else:
        column = _sort_column(sort)
        order = [column.is_(None), column.desc() if descending else column.asc()]
    query = query.where(*_conditions(flt), access.visible_projects(session))
    query = query.order_by(*order, Problem.id)
    return list(session.scalars(query))


def count_problems(session: Session, flt: ProblemFilter) -> int:
    query = (
        select(func.count(Problem.id))
        .join(Project, Project.id == Problem.project_id)
        .where(*_conditions(flt), access.visible_projects(session))
    )
    return session.scalar(query) or 0


def _row(p: Problem, project_name: str) -> ProblemRow:
    return ProblemRow(
        p.id,
        p.project_id,
        project_name,
        p.category,
        p.description,
        p.responsible_unit or "",
        p.raised_on,
        p.due_on,
        p.status,
        p.resolution or "",
        p.resolved_on,
    )


def problem_rows(session: Session, ids: Sequence[str]) -> list[ProblemRow]:
    if not ids:
        return []
    query = (
        select(Problem, Project.name)
        .join(Project, Project.id == Problem.project_id)
        .where(Problem.id.in_(ids))
    )
    by_id = {p.id: _row(p, name) for p, name in session.execute(query)}
    return [by_id[i] for i in ids if i in by_id]


def problem_detail(session: Session, problem_id: str) -> ProblemRow | None:
    rows = problem_rows(session, [problem_id])
    if not rows:
        return None
    p = session.get(Problem, problem_id)
    return rows[0] if p is not None and p.deleted_at is None else None


def overdue_problems(session: Session, *, today: date, limit: int = 100) -> list[ProblemRow]:
    """Open problems past their due date, longest overdue first."""
    ids = problem_ids(session, ProblemFilter(overdue_on=today), sort="due_on")[:limit]
    return problem_rows(session, ids)


def responsible_units(session: Session) -> list[str]:
    """Units named on live problems, for the filter's suggestions."""
    query = (
        select(Problem.responsible_unit)
        .where(Problem.deleted_at.is_(None), Problem.responsible_unit != "")
        .distinct()
        .order_by(Problem.responsible_unit)
    )
    return list(session.scalars(query))


def row_index(name: str) -> int:
    """Position of a ProblemRow field (or "overdue", after them) in the tuples
    `ProblemListQuery.fetch_rows` returns."""
    if name == "overdue":
        return len(fields(ProblemRow))
    return field_position(ProblemRow, name)


@dataclass(frozen=True)
class ProblemListQuery:
    """The problems table's query object; soonest due first unless sorted otherwise."""

    flt: ProblemFilter = ProblemFilter()
    today: date | None = None
    sort_keys: frozenset[str] = frozenset(SORT_KEYS)

    def ids(
        self, session: Session, *, sort: str | None = None, descending: bool = False
    ) -> list[str]:
        return problem_ids(session, self.flt, sort=sort or "due_on", descending=descending)

    def fetch_rows(self, session: Session, ids: Sequence[str]) -> list[tuple]:
        """ProblemRow fields, then whether it is overdue today (at OVERDUE_INDEX)."""
        today = self.today or date.today()
        return [(*astuple(r), r.overdue(today)) for r in problem_rows(session, ids)]
