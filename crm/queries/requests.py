"""Read side of enterprise requests for the window and the command line: plain rows, never
live ORM objects.

A request attached to a project the reader may not see (another team's confidential lead,
crm.access) is as confidential as that project: left out of the list, and not found by id. A
request a company raised without a project is seen by everyone."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from crm import access
from crm.codes import ProblemCategory, RequestChannel, RequestStatus, Satisfaction
from crm.errors import NotFoundError
from crm.models import Company, EnterpriseRequest, Project, RequestVisit
from crm.queries.conditions import mentions, within
from crm.request_states import OPEN_STATUSES

R = EnterpriseRequest


@dataclass(frozen=True)
class RequestFilter:
    status: str | None = None
    category: str | None = None
    #: Part of the handling unit's name.
    handling_unit: str | None = None
    company_id: str | None = None
    #: Words in the content, the company's name or the handling unit.
    text: str = ""
    overdue_only: bool = False
    received_from: date | None = None
    received_to: date | None = None
    #: The day "overdue" is judged on (default today).
    today: date | None = None


@dataclass(frozen=True)
class RequestListRow:
    id: str
    company_id: str
    company_name: str
    project_id: str | None
    project_name: str
    channel: str
    channel_label: str
    received_on: date
    category: str
    category_label: str
    content: str
    handling_unit: str
    co_units: str
    due_on: date | None
    status: str
    status_label: str
    reply: str
    replied_on: date | None
    closed_on: date | None
    satisfaction: str | None
    satisfaction_label: str
    escalated_on: date | None
    escalation_unit: str
    reject_reason: str
    reopened_count: int
    overdue: bool

    def as_json(self) -> dict[str, Any]:
        return {k: v.isoformat() if isinstance(v, date) else v for k, v in asdict(self).items()}


@dataclass(frozen=True)
class VisitRow:
    visited_on: date
    visited_by: str
    satisfaction: str
    satisfaction_label: str
    notes: str


@dataclass(frozen=True)
class RequestDetail:
    row: RequestListRow
    visits: tuple[VisitRow, ...] = field(default_factory=tuple)


def _seen(session: Session) -> Select[Any]:
    """Requests with their company's and project's names, as the session's actor may see."""
    return (
        select(R, Company.name, Project.name)
        .join(Company, Company.id == R.company_id)
        .outerjoin(Project, Project.id == R.project_id)
        .where(access.visible_project_ids(session, R.project_id))
    )


def _query(session: Session, f: RequestFilter) -> Select[Any]:
    today = f.today or date.today()
    q = _seen(session).where(R.deleted_at.is_(None))
    if f.status:
        q = q.where(R.status == f.status)
    if f.category:
        q = q.where(R.category == f.category)
    if f.handling_unit:
        q = q.where(R.handling_unit.like(f"%{f.handling_unit}%"))
    if f.company_id:
        q = q.where(R.company_id == f.company_id)
    q = q.where(*within(R.received_on, f.received_from, f.received_to))
    q = q.where(*mentions(f.text, R.content, Company.name, R.handling_unit))
    if f.overdue_only:
        q = q.where(R.status.in_([s.value for s in OPEN_STATUSES]), R.due_on < today)
    return q.order_by(R.received_on.desc(), R.id)


def _row(r: EnterpriseRequest, company: str, project: str | None, today: date) -> RequestListRow:
    is_open = RequestStatus(r.status) in OPEN_STATUSES
    return RequestListRow(
        id=r.id, company_id=r.company_id, company_name=company, project_id=r.project_id,
        project_name=project or "",
        channel=r.channel, channel_label=RequestChannel.label_of(r.channel),
        received_on=r.received_on, category=r.category,
        category_label=ProblemCategory.label_of(r.category), content=r.content,
        handling_unit=r.handling_unit, co_units=r.co_units, due_on=r.due_on, status=r.status,
        status_label=RequestStatus.label_of(r.status), reply=r.reply, replied_on=r.replied_on,
        closed_on=r.closed_on, satisfaction=r.satisfaction,
        satisfaction_label=Satisfaction.label_of(r.satisfaction), escalated_on=r.escalated_on,
        escalation_unit=r.escalation_unit, reject_reason=r.reject_reason,
        reopened_count=r.reopened_count or 0,
        overdue=is_open and r.due_on is not None and r.due_on < today,
    )  # fmt: skip


def list_requests(session: Session, f: RequestFilter | None = None) -> list[RequestListRow]:
    f = f or RequestFilter()
    today = f.today or date.today()
    return [_row(r, c, p, today) for r, c, p in session.execute(_query(session, f))]


def request_detail(
    session: Session, request_id: str, *, today: date | None = None
) -> RequestDetail:
    found = session.execute(_seen(session).where(R.id == request_id)).first()
    if found is None:
        raise NotFoundError(
            "找不到这条企业诉求（可能已被删除，或属于其他工作队的保密项目）。",
            "This enterprise request was not found (deleted, or on another team's "
            "confidential project).",
        )
    visits = session.execute(
        select(RequestVisit)
        .where(RequestVisit.request_id == request_id, RequestVisit.deleted_at.is_(None))
        .order_by(RequestVisit.visited_on, RequestVisit.created_at)
    ).scalars()
    return RequestDetail(
        _row(found[0], found[1], found[2], today or date.today()),
        tuple(
            VisitRow(
                v.visited_on,
                v.visited_by,
                v.satisfaction,
                Satisfaction.label_of(v.satisfaction),
                v.notes,
            )
            for v in visits
        ),
    )


def handling_units(session: Session) -> list[str]:
    """Units named so far, for the form's choices."""
    rows = session.scalars(
        select(R.handling_unit).where(R.deleted_at.is_(None), R.handling_unit != "").distinct()
    )
    return sorted(rows)
