"""Read side of follow-up records (跟进记录): the filtered list and the next steps that fall due.

The activity table is the largest one (a million rows in the large demo): the list is split
into `activity_ids` (filter and sort in SQL, ids only) and `activity_rows` (one page).

A next step counts as open until a later activity is logged on the same project (or on the
same company when the activity has no project): that later contact is the follow-up. The rule
and the flag that stores its answer live in crm.follow_ups.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import astuple, dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, func, select, true
from sqlalchemy.orm import Session

from crm import access
from crm.models import Activity, Company, Project, Team
from crm.queries import field_position, live_record, ordering
from crm.queries.conditions import mentions, within


@dataclass(frozen=True)
class ActivityFilter:
    kinds: frozenset[str] = frozenset()
    team_id: str = ""
    project_id: str = ""
    company_id: str = ""
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""
    #: Only activities whose next step is due on or before this day (and not followed up).
    due_by: date | None = None


@dataclass(frozen=True)
class ActivityRow:
    id: str
    occurred_on: date
    kind: str
    project_id: str | None
    project_name: str
    company_id: str | None
    company_name: str
    team_name: str
    participants: str
    summary: str
    next_step: str
    next_step_due: date | None


@dataclass(frozen=True)
class ActivityDetail:
    id: str
    occurred_on: date
    kind: str
    project_id: str | None
    company_id: str | None
    team_id: str | None
    participants: str
    summary: str
    next_step: str
    next_step_due: date | None


@dataclass(frozen=True)
class NextStepRow:
    activity_id: str
    due: date
    next_step: str
    project_id: str | None
    project_name: str
    company_name: str
    team_name: str
    overdue: bool


SORT_COLUMNS: dict[str, ColumnElement] = {
    "occurred_on": Activity.occurred_on,
    "kind": Activity.kind,
    "project": Activity.project_id,
    "company": Activity.company_id,
    "team": Activity.team_id,
    "next_step_due": Activity.next_step_due,
}
SORT_KEYS = tuple(SORT_COLUMNS)


def _sort_column(key: str) -> ColumnElement:
    return SORT_COLUMNS.get(key, Activity.occurred_on)


def _conditions(flt: ActivityFilter) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [Activity.deleted_at.is_(None)]
    if flt.kinds:
        conds.append(Activity.kind.in_(flt.kinds))
    if flt.team_id:
        conds.append(Activity.team_id == flt.team_id)
    if flt.project_id:
        conds.append(Activity.project_id == flt.project_id)
    if flt.company_id:
        conds.append(Activity.company_id == flt.company_id)
    conds += within(Activity.occurred_on, flt.date_from, flt.date_to)
    conds += mentions(flt.text, Activity.summary, Activity.participants, Activity.next_step)
    if flt.due_by:  # open steps only: the rule's stored answer (crm.follow_ups)
        conds.append(Activity.next_step_open == true())
        conds.append(Activity.next_step_due <= flt.due_by)
    return conds


def activity_ids(
    session: Session, flt: ActivityFilter, *, sort: str = "occurred_on", descending: bool = True
) -> list[str]:
    query = select(Activity.id).where(*_conditions(flt), _visible(session))
    tiebreak = Activity.id.desc() if descending else Activity.id.asc()
    if sort in ("project", "company"):  # by the name, in pinyin order (crm.queries.ordering)
        id_column = Activity.project_id if sort == "project" else Activity.company_id
        query, order = ordering.by_name(session, query, sort, id_column, descending=descending)
    else:
        column = (
            ordering.team_rank(session, Activity.team_id) if sort == "team" else _sort_column(sort)
        )
        order = [column.desc() if descending else column.asc()]
    return list(session.scalars(query.order_by(*order, tiebreak)))


def count_activities(session: Session, flt: ActivityFilter) -> int:
    # count(*), not count(id): the id is in no index but the primary key (a row look-up each).
    query = select(func.count()).select_from(Activity).where(*_conditions(flt), _visible(session))
    return session.scalar(query) or 0


def _visible(session: Session) -> ColumnElement[bool]:
    # Activities of a confidential project are as confidential as the project (crm.access).
    return access.visible_project_ids(session, Activity.project_id)


def activity_rows(session: Session, ids: Sequence[str]) -> list[ActivityRow]:
    """The rows for a page of ids, in the order of `ids`."""
    if not ids:
        return []
    query = (
        select(Activity, Project.name, Company.name, Team.name)
        .outerjoin(Project, Project.id == Activity.project_id)
        .outerjoin(Company, Company.id == Activity.company_id)
        .outerjoin(Team, Team.id == Activity.team_id)
        .where(Activity.id.in_(ids))
    )
    by_id = {
        a.id: ActivityRow(
            a.id,
            a.occurred_on,
            a.kind,
            a.project_id,
            project or "",
            a.company_id,
            company or "",
            team or "",
            a.participants or "",
            a.summary or "",
            a.next_step or "",
            a.next_step_due,
        )
        for a, project, company, team in session.execute(query)
    }
    return [by_id[i] for i in ids if i in by_id]


def activity_detail(session: Session, activity_id: str) -> ActivityDetail | None:
    a = live_record(session, Activity, activity_id)
    if a is None:
        return None
    return ActivityDetail(
        a.id,
        a.occurred_on,
        a.kind,
        a.project_id,
        a.company_id,
        a.team_id,
        a.participants or "",
        a.summary or "",
        a.next_step or "",
        a.next_step_due,
    )


def next_steps(
    session: Session,
    *,
    today: date,
    days_ahead: int = 7,
    team_id: str = "",
    limit: int = 200,
) -> list[NextStepRow]:
    """Open next steps: those due from today to `days_ahead` days on (soonest first), then the
    overdue ones (most recently due first, so long-forgotten ones do not crowd out the rest)."""
    upcoming = ActivityFilter(team_id=team_id, due_by=today + timedelta(days=days_ahead))
    overdue = ActivityFilter(team_id=team_id, due_by=today - timedelta(days=1))
    first = _next_step_rows(
        session, upcoming, Activity.next_step_due >= today, Activity.next_step_due.asc(), limit
    )
    rest = _next_step_rows(
        session, overdue, Activity.next_step_due < today, Activity.next_step_due.desc(), limit
    )
    return [
        NextStepRow(i, due, step, pid, pname or "", cname or "", tname or "", due < today)
        for i, due, step, pid, pname, cname, tname in [*first, *rest][:limit]
    ]


def _next_step_rows(
    session: Session,
    flt: ActivityFilter,
    window: ColumnElement[bool],
    order: ColumnElement,
    limit: int,
) -> list:
    query = (
        select(
            Activity.id,
            Activity.next_step_due,
            Activity.next_step,
            Activity.project_id,
            Project.name,
            func.coalesce(Company.name, ""),
            Team.name,
        )
        .outerjoin(Project, Project.id == Activity.project_id)
        .outerjoin(Company, Company.id == func.coalesce(Activity.company_id, Project.company_id))
        .outerjoin(Team, Team.id == Activity.team_id)
        .where(*_conditions(flt), window, _visible(session))
        .order_by(order, Activity.id)
        .limit(limit)
    )
    return list(session.execute(query).all())


def project_options(session: Session, text: str = "", *, limit: int = 30) -> list[tuple[str, str]]:
    """Live projects whose name contains `text`, for the quick-log picker."""
    conds = [Project.deleted_at.is_(None), access.visible_projects(session)]
    conds += mentions(text, Project.name)
    query = select(Project.id, Project.name).where(*conds).order_by(Project.name).limit(limit)
    return [(i, n) for i, n in session.execute(query)]


def team_options(session: Session) -> list[tuple[str, str]]:
    query = select(Team.id, Team.name).where(Team.deleted_at.is_(None))
    return ordering.by_pinyin((i, n) for i, n in session.execute(query))


def name_of(session: Session, table: str, record_id: str | None) -> str:
    """Display name of a project, company or team (empty when unknown)."""
    if not record_id:
        return ""
    model = {"project": Project, "company": Company, "team": Team}[table]
    return session.scalar(select(model.name).where(model.id == record_id)) or ""


def project_company_and_team(session: Session, project_id: str) -> tuple[str | None, str | None]:
    """The investor and team of a project, to prefill a quick log started from the project."""
    row = session.execute(
        select(Project.company_id, Project.team_id).where(Project.id == project_id)
    ).first()
    return (row[0], row[1]) if row else (None, None)


def row_index(name: str) -> int:
    """Position of an ActivityRow field in the tuples `ActivityListQuery.fetch_rows` returns."""
    return field_position(ActivityRow, name)


@dataclass(frozen=True)
class ActivityListQuery:
    """The activities table's query object; newest first unless sorted otherwise."""

    flt: ActivityFilter = ActivityFilter()
    sort_keys: frozenset[str] = frozenset(SORT_KEYS)

    def ids(
        self, session: Session, *, sort: str | None = None, descending: bool = False
    ) -> list[str]:
        if sort is None:
            return activity_ids(session, self.flt)
        return activity_ids(session, self.flt, sort=sort, descending=descending)

    def fetch_rows(self, session: Session, ids: Sequence[str]) -> list[tuple]:
        return [astuple(r) for r in activity_rows(session, ids)]
