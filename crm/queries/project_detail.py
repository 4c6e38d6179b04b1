"""One project's detail panel: its list row, form values, stage timeline, funds in place,
activities, problems and change history."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm import access
from crm.accounts import author_labels
from crm.audit import last_change
from crm.derived import event_step, history_order
from crm.models import Activity, ChangeLog, Company, FundsEntry, Problem, Project, StageEvent
from crm.queries import live_record
from crm.queries.logged_names import logged_values, record_names, reference_names
from crm.queries.project_list import ProjectRow, fetch_project_rows
from crm.stages import StageState, apply_step


@dataclass(frozen=True)
class TimelineEntry:
    stage: str
    occurred_on: date | None
    not_applicable: bool
    kind: str
    agreement_type: str | None
    comment: str
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True)
class FundsLine:
    id: str
    received_on: date
    amount: Decimal
    cumulative: Decimal
    source: str
    note: str
    fixed_asset_amount: Decimal | None = None


@dataclass(frozen=True)
class ActivityLine:
    id: str
    occurred_on: date
    kind: str
    summary: str
    participants: str
    next_step: str


@dataclass(frozen=True)
class ProblemLine:
    id: str
    category: str
    description: str
    status: str
    raised_on: date
    due_on: date | None
    responsible_unit: str


@dataclass(frozen=True)
class HistoryLine:
    changed_at: datetime
    changed_by: str
    op: str
    field: str
    old_value: str | None
    new_value: str | None
    #: The names of the records or reference codes the values are (company, team, region …).
    old_name: str | None = None
    new_name: str | None = None
    #: A record loaded whole (field `*`): the names its reference fields' values stand for.
    record_names: tuple[tuple[str, str], ...] = ()


#: Fields the change history does not show: derived from others or kept for the program's own
#: use (the name's matching key, the stage's date — the milestone dates say it —, the source
#: class — the source place says it).
HISTORY_HIDDEN_FIELDS = frozenset({"name_normalized", "stage_on", "source_class"})


@dataclass(frozen=True)
class ProjectDetail:
    id: str
    row: ProjectRow
    values: dict[str, Any]
    timeline: tuple[TimelineEntry, ...]
    funds: tuple[FundsLine, ...]
    activities: tuple[ActivityLine, ...]
    problems: tuple[ProblemLine, ...]
    history: tuple[HistoryLine, ...]

    @property
    def funds_total(self) -> Decimal:
        return self.funds[-1].cumulative if self.funds else Decimal(0)


EDITABLE_FIELDS = (
    "name",
    "code",
    "company_id",
    "industry_code",
    "chain_code",
    "planned_investment",
    "foreign_investment",
    "source_region_code",
    "source_country_code",
    "landing_region_code",
    "park_id",
    "responsible_unit",
    "responsible_person",
    "team_id",
    "is_major",
    "confidential",
    "expected_jobs",
    "expected_annual_output",
    "expected_signing_on",
    "expected_start_on",
    "expected_operation_on",
    "notes",
)


def project_values(session: Session, project_id: str) -> dict[str, Any] | None:
    """The editable fields of one live project (for the form), plus its stage."""
    project = live_record(session, Project, project_id)
    if project is None:
        return None
    if not access.can_see_project(session, project):
        return None
    values = {name: getattr(project, name) for name in EDITABLE_FIELDS}
    values.update(stage=project.stage, stage_on=project.stage_on)
    # What the editor has seen: saving refuses a field someone else changes after this.
    values["seen_through"] = last_change(session, "project", project_id)
    values["company_name"] = (
        session.scalar(select(Company.name).where(Company.id == project.company_id))
        if project.company_id
        else ""
    ) or ""
    return values


def project_detail(
    session: Session,
    project_id: str,
    *,
    history_limit: int = 200,
    today: date | None = None,
    language: str = "zh",
) -> ProjectDetail | None:
    values = project_values(session, project_id)
    if values is None:
        return None
    rows = fetch_project_rows(session, [project_id], today=today, language=language)
    return ProjectDetail(
        id=project_id,
        row=rows[0],
        values=values,
        timeline=_timeline(session, project_id),
        funds=_funds(session, project_id),
        activities=_activities(session, project_id),
        problems=_problems(session, project_id),
        history=_history(session, project_id, history_limit, language),
    )


def _timeline(session: Session, project_id: str) -> tuple[TimelineEntry, ...]:
    stmt = (
        select(StageEvent)
        .where(StageEvent.project_id == project_id, StageEvent.deleted_at.is_(None))
        .order_by(StageEvent.sequence, StageEvent.created_at)
    )
    return tuple(
        TimelineEntry(
            e.stage,
            e.occurred_on,
            e.not_applicable,
            e.kind,
            e.agreement_type,
            e.comment,
            e.created_by,
            e.created_at,
        )
        for e in session.scalars(stmt)
    )


def _funds(session: Session, project_id: str) -> tuple[FundsLine, ...]:
    stmt = (
        select(FundsEntry)
        .where(FundsEntry.project_id == project_id, FundsEntry.deleted_at.is_(None))
        .order_by(FundsEntry.received_on, FundsEntry.created_at)
    )
    running = Decimal(0)
    lines = []
    for entry in session.scalars(stmt):
        running += entry.amount
        lines.append(
            FundsLine(
                entry.id,
                entry.received_on,
                entry.amount,
                running,
                entry.source,
                entry.note,
                entry.fixed_asset_amount,
            )
        )
    return tuple(lines)


def funds_entry_values(session: Session, entry_id: str) -> dict[str, Any] | None:
    """One live funds entry's fields (for the correction form)."""
    entry = live_record(session, FundsEntry, entry_id)
    if entry is None:
        return None
    return {
        "project_id": entry.project_id,
        "received_on": entry.received_on,
        "amount": entry.amount,
        "fixed_asset_amount": entry.fixed_asset_amount,
        "source": entry.source,
        "note": entry.note,
    }


def _activities(session: Session, project_id: str) -> tuple[ActivityLine, ...]:
    stmt = (
        select(Activity)
        .where(Activity.project_id == project_id, Activity.deleted_at.is_(None))
        .order_by(Activity.occurred_on.desc())
        .limit(100)
    )
    return tuple(
        ActivityLine(a.id, a.occurred_on, a.kind, a.summary, a.participants, a.next_step)
        for a in session.scalars(stmt)
    )


def _problems(session: Session, project_id: str) -> tuple[ProblemLine, ...]:
    stmt = (
        select(Problem)
        .where(Problem.project_id == project_id, Problem.deleted_at.is_(None))
        .order_by(Problem.raised_on.desc())
    )
    return tuple(
        ProblemLine(
            p.id, p.category, p.description, p.status, p.raised_on, p.due_on, p.responsible_unit
        )
        for p in session.scalars(stmt)
    )


def _history(
    session: Session, project_id: str, limit: int, language: str = "zh"
) -> tuple[HistoryLine, ...]:
    stmt = (
        select(ChangeLog)
        .where(
            ChangeLog.table_name == "project",
            ChangeLog.record_id == project_id,
            ChangeLog.field.not_in(HISTORY_HIDDEN_FIELDS),
        )
        .order_by(ChangeLog.changed_at.desc(), ChangeLog.hlc.desc())
        .limit(limit)
    )
    rows = session.scalars(stmt).all()
    names = reference_names(session, logged_values(rows), language)
    lines = [
        HistoryLine(
            c.changed_at,
            c.changed_by,
            c.op,
            c.field,
            c.old_value,
            c.new_value,
            names.get((c.field, c.old_value)),
            names.get((c.field, c.new_value)),
            record_names(c.field, c.new_value, names),
        )
        for c in rows
    ]
    lines.extend(_stage_lines(session, project_id))
    lines.sort(key=lambda line: line.changed_at, reverse=True)
    lines = lines[:limit]
    authors = author_labels(session, (line.changed_by for line in lines))
    return tuple(
        replace(line, changed_by=authors.get(line.changed_by, line.changed_by)) for line in lines
    )


def _stage_lines(session: Session, project_id: str) -> list[HistoryLine]:
    """The stage as the history moved it. The stage is derived from the stage history (not a
    logged field, see crm.derived), so its changes are read from there — the same on every
    site, whichever site recorded the move."""
    events = session.scalars(
        select(StageEvent)
        .where(StageEvent.project_id == project_id, StageEvent.deleted_at.is_(None))
        .order_by(*history_order(StageEvent.__table__))
    ).all()
    state = StageState(dates={})
    lines = []
    for event in events:
        before = state.stage
        apply_step(state, event_step(event))
        if state.stage is not before:
            lines.append(
                HistoryLine(
                    event.created_at,
                    event.created_by,
                    "stage",
                    "stage",
                    before.value,
                    state.stage.value,
                )
            )
    return lines
