"""The enterprise requests sheet of `crm export ledger` (企业诉求): one row per live request,
in the layout the importer reads (crm/ledger/plan_requests.py), with its 系统编号 hidden, so
that export → import back changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from crm.codes import Coded, ProblemCategory, RequestChannel, RequestStatus, Satisfaction
from crm.models import Company, EnterpriseRequest, RequestVisit

REQUEST_EXPORT = ("seq", "enterprise", "channel", "received", "category", "content",
                  "handling_unit", "co_units", "due_on", "status", "reject_reason", "reply",
                  "replied_on", "closed_on", "satisfaction", "visited_on", "visited_by",
                  "escalation_unit", "escalated_on", "record_id")  # fmt: skip


def has_requests(session: Session, *, whole_ledger: bool) -> bool:
    """Whether the sheet is written: only for the whole ledger (requests belong to companies,
    not to the projects a filtered export picks), and only when there is a request."""
    live = EnterpriseRequest.deleted_at.is_(None)
    return whole_ledger and bool(session.scalar(select(exists().where(live))))


def _label(codes: type[Coded], value: str | None) -> str | None:
    return codes.label_of(value) if value else value


def request_rows(session: Session) -> Iterator[list[Any]]:
    latest: dict[str, RequestVisit] = {}
    for visit in session.scalars(
        select(RequestVisit)
        .where(RequestVisit.deleted_at.is_(None))
        .order_by(RequestVisit.visited_on, RequestVisit.created_at)
    ):
        latest[visit.request_id] = visit  # the last one wins: the request's current word
    r = EnterpriseRequest
    query = (
        select(r, Company.name)
        .join(Company, Company.id == r.company_id)
        .where(r.deleted_at.is_(None))
        .order_by(r.received_on, r.id)
    )
    for request, company in session.execute(query):
        visit = latest.get(request.id)
        yield [
            0, company, _label(RequestChannel, request.channel), request.received_on,
            _label(ProblemCategory, request.category), request.content,
            request.handling_unit or None, request.co_units or None, request.due_on,
            _label(RequestStatus, request.status), request.reject_reason or None,
            request.reply or None, request.replied_on, request.closed_on,
            _label(Satisfaction, request.satisfaction),
            visit.visited_on if visit else None, (visit.visited_by or None) if visit else None,
            request.escalation_unit or None, request.escalated_on, request.id,
        ]  # fmt: skip
