"""Open next steps (待跟进): the one home of the follow-up rule and of the flag that keeps it.

A next step is open while the activity names one, is live, and no later live activity has been
logged on its subject: the same project, or, for an activity without a project, the same
company (any later activity of the company counts, with or without a project).

Counting open steps by that rule means an EXISTS for every due activity (2.5 s over the large
demo's million activities, on every start of the window, for the navigation's count). So each
activity keeps the answer in `next_step_open`, a derived column (crm.derived): every writer
refreshes the subjects it touched through `refresh` — ORM flushes through crm.audit, the
ledger's bulk writer, sync and the demo generator — and the count reads one small index range.
`stale_flags` counts rows whose flag disagrees with the rule (crm check, the tests).

On PostgreSQL the refresh runs in the owner's function `crm_refresh_open_steps` when the
database has one (crm.access_pg): a team member's visit may close another team's open step on
the same company, a row that row-level security would not let the member update.

One race is left on PostgreSQL: two transactions logging activities on the same subject at the
same moment each refresh without seeing the other's new row, and the earlier of the two new
activities may stay marked open. `crm check --repair` (or the subject's next write) puts it
right; SQLite serializes writers, so it cannot happen there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    any_,
    exists,
    func,
    literal_column,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import aliased

from crm.models import Activity
from crm.sqlin import chunks, in_ids

#: The PostgreSQL function that refreshes as the tables' owner (crm.access_pg creates it).
PG_FUNCTION = "crm_refresh_open_steps"
PG_SIGNATURE = f"{PG_FUNCTION}(text[], text[])"


def followed_up(activity: Any = Activity) -> ColumnElement[bool]:
    """A later live activity on the same project (or company, when there is no project)."""
    later = aliased(Activity)
    same_subject = or_(
        and_(activity.project_id.is_not(None), later.project_id == activity.project_id),
        and_(
            activity.project_id.is_(None),
            activity.company_id.is_not(None),
            later.company_id == activity.company_id,
        ),
    )
    return exists().where(
        same_subject,
        later.deleted_at.is_(None),
        later.occurred_on > activity.occurred_on,
    )


def is_open(activity: Any = Activity) -> ColumnElement[bool]:
    """The rule itself: a live activity naming a next step that nothing followed up yet."""
    return and_(activity.next_step != "", activity.deleted_at.is_(None), ~followed_up(activity))


@dataclass(frozen=True)
class Subjects:
    """What a change of activities may open or close steps of: projects, and companies (for
    the activities without a project)."""

    projects: frozenset[str] = frozenset()
    companies: frozenset[str] = frozenset()

    def __or__(self, other: Subjects) -> Subjects:
        return Subjects(self.projects | other.projects, self.companies | other.companies)

    def __bool__(self) -> bool:
        return bool(self.projects or self.companies)

    @classmethod
    def of(cls, pairs: Iterable[tuple[str | None, str | None]]) -> Subjects:
        """From (project id, company id) pairs of activities, old or new values alike: a
        project activity's company is a subject too (it follows up the company's visits)."""
        projects: set[str] = set()
        companies: set[str] = set()
        for project_id, company_id in pairs:
            if project_id:
                projects.add(project_id)
            if company_id:
                companies.add(company_id)
        return cls(frozenset(projects), frozenset(companies))

    @classmethod
    def of_rows(cls, rows: Iterable[Mapping[str, Any]]) -> Subjects:
        return cls.of((row.get("project_id"), row.get("company_id")) for row in rows)


def subjects_of(conn: Connection, activity_ids: Iterable[str]) -> Subjects:
    """The subjects of these activities as stored now (read before a write moves them)."""
    ids = list(dict.fromkeys(activity_ids))
    pairs: list[tuple[str | None, str | None]] = []
    for chunk in chunks(conn, ids):
        query = select(Activity.project_id, Activity.company_id).where(
            in_ids(conn, Activity.id, chunk)
        )
        pairs.extend((p, c) for p, c in conn.execute(query))
    return Subjects.of(pairs)


def _refresh_where(subject: ColumnElement[bool]) -> Any:
    """Set the flag by the rule on the activities `subject` selects; the flag alone changes
    (derived: not logged, updated_at untouched)."""
    return (
        update(Activity)
        .where(subject)
        .values(next_step_open=is_open())
        .execution_options(synchronize_session=False)
    )


def refresh(conn: Connection, subjects: Subjects | None) -> None:
    """Bring the flag of every activity of these subjects (None: of all) in line with the rule."""
    if subjects is None:
        conn.execute(_refresh_where(Activity.next_step_open != is_open()))
        return
    if not subjects:
        return
    if conn.dialect.name == "postgresql" and _has_pg_function(conn):
        conn.exec_driver_sql(
            f"SELECT {PG_FUNCTION}(%s, %s)",
            (sorted(subjects.projects), sorted(subjects.companies)),
        )
        return
    for chunk in chunks(conn, sorted(subjects.projects)):
        conn.execute(_refresh_where(in_ids(conn, Activity.project_id, chunk)))
    for chunk in chunks(conn, sorted(subjects.companies)):
        without_project = and_(
            Activity.project_id.is_(None), in_ids(conn, Activity.company_id, chunk)
        )
        conn.execute(_refresh_where(without_project))


def _has_pg_function(conn: Connection) -> bool:
    key = "crm_refresh_open_steps"
    if key not in conn.info:  # per pooled connection: `crm init` adds it once
        conn.info[key] = bool(
            conn.exec_driver_sql(f"SELECT to_regprocedure('{PG_SIGNATURE}') IS NOT NULL").scalar()
        )
    return bool(conn.info[key])


def pg_function_body() -> str:
    """The statements of crm_refresh_open_steps(projects, companies), compiled from the rule
    above so that the function and the Python refresh can never differ."""
    projects = Activity.project_id == any_(literal_column("projects"))
    companies = and_(
        Activity.project_id.is_(None), Activity.company_id == any_(literal_column("companies"))
    )
    dialect = postgresql.dialect()
    statements = [
        update(Activity).where(where).values(next_step_open=is_open())
        for where in (projects, companies)
    ]
    return ";\n".join(
        str(s.compile(dialect=dialect, compile_kwargs={"literal_binds": True})) for s in statements
    )


def stale_flags(conn: Connection) -> int:
    """How many activities' stored flag disagrees with the rule (0 when every writer kept it)."""
    query = select(func.count()).select_from(Activity).where(Activity.next_step_open != is_open())
    return int(conn.scalar(query) or 0)
