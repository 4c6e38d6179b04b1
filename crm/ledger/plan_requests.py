"""Enterprise request lists (企业诉求台账): plan each row — find the enterprise, check what the
services would refuse, tell new rows from rows already in the database — and, when applying,
write it through crm/services/requests.py, moving its status step by step as a clerk would
(受理 → 督办 → 答复 → 回访 → 办结, or 不予受理)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.errors import ValidationError
from crm.ledger.context import PlanContext, report_repeats
from crm.ledger.fields import RECORD_ID
from crm.ledger.headers import fold
from crm.ledger.parse import INVALID, NEW, UNCHANGED, UPDATED, Item
from crm.ledger.plan_others import _take, _take_id
from crm.models import EnterpriseRequest
from crm.request_states import SATISFIED_WORDS, next_status, visit_action
from crm.services import requests as svc

#: Sheet fields stored under another column name.
_COLUMN = {"received": "received_on"}
#: Fields a matched row may change in place.
PLAIN = ("channel", "category", "handling_unit", "co_units", "due_on")
#: What the steps write; a row that differs here moves the request on.
STEP_FIELDS = ("status", "reply", "replied_on", "closed_on", "satisfaction", "escalated_on")
_DATES = (
    ("due_on", "办理时限"),
    ("replied_on", "答复日期"),
    ("closed_on", "办结日期"),
    ("visited_on", "回访日期"),
    ("escalated_on", "督办日期"),
)


def plan_requests(ctx: PlanContext, items: list[Item]) -> None:
    existing = _load(ctx)
    by_id = {r["id"]: r for records in existing.values() for r in records}
    report_repeats(ctx, items, RECORD_ID, "duplicate_record_id")
    for item, record_id in ctx.rows_to_plan(items, EnterpriseRequest, by_id):
        v = item.values
        company = ctx.companies.find(v["enterprise"], None)
        if company is None:
            ctx.report(item, "enterprise", v["enterprise"], "unknown_company", v["enterprise"])
        _check(ctx, item)
        if item.status == INVALID or company is None:
            item.status = INVALID
            continue
        item.extra["company"] = company
        key = (company.existing_id, v["received"], fold(v["content"]))
        if record_id:
            record = _take_id(existing, by_id[record_id])
        else:
            pool = existing.get(key) if company.existing_id else None
            record = _take(pool, lambda r, v=v: _changes(v, r))
        if record is None:
            item.status = NEW
            continue
        changes = _changes(v, record, keyed=bool(record_id))
        item.target_id = record["id"]
        item.extra["record"] = record
        moves = any(k in v and v[k] not in (None, "") and v[k] != record[k] for k in STEP_FIELDS)
        item.status, item.changes = (UPDATED, changes) if changes or moves else (UNCHANGED, {})
        item.keep_before(record)


def _changes(v: dict[str, Any], record: dict[str, Any], *, keyed: bool = False) -> dict[str, Any]:
    names = (*PLAIN, *(("received", "content") if keyed else ()))
    found = {
        n: v[n] for n in names if n in v and v[n] is not None and v[n] != record[_COLUMN.get(n, n)]
    }
    return {_COLUMN.get(n, n): value for n, value in found.items()}


def status_written(values: dict[str, Any]) -> str | None:
    """The status a row's request ends at: the sheet's, moved on by the return visit the row
    records (a 满意 visit closes a replied request, crm.request_states), as write_request
    applies it. The preview shows this one: it said 已答复 of a request written 已办结."""
    status = values.get("status")
    satisfaction = values.get("satisfaction")
    if not status or not satisfaction or not values.get("visited_on"):
        return status
    try:
        action = visit_action(status, satisfaction)
        return next_status(status, action).value if action else status
    except (ValueError, ValidationError):  # refused elsewhere, row by row
        return status


def _check(ctx: PlanContext, item: Item) -> None:
    """What the services would refuse, said per row and column before anything is written."""
    v = item.values
    received: date = v["received"]
    if received > ctx.today:
        ctx.report(item, "received", received, "future_date")
    for name, label in _DATES:
        day = v.get(name)
        if day is None:
            continue
        if day < received:
            ctx.report(item, name, day, "stage_rule", f"{label}早于受理日期")
        elif name != "due_on" and day > ctx.today:
            ctx.report(item, name, day, "future_date")
    status = v.get("status")
    needs = {
        "rejected": (("reject_reason", "不予受理理由"),),
        "replied": (("reply", "答复内容"), ("replied_on", "答复日期")),
        "closed": (("reply", "答复内容"), ("replied_on", "答复日期")),
    }.get(status or "", ())
    if v.get("reply") and not v.get("replied_on"):
        needs = (*needs, ("replied_on", "答复日期"))
    if v.get("satisfaction") and not v.get("visited_on"):
        needs = (*needs, ("visited_on", "回访日期"))
    if v.get("escalation_unit") or v.get("escalated_on"):
        needs = (*needs, ("escalation_unit", "督办单位"), ("escalated_on", "督办日期"))
    closes_by_visit = v.get("satisfaction") in SATISFIED_WORDS
    if status == "closed" and not v.get("closed_on") and not closes_by_visit:
        needs = (*needs, ("closed_on", "办结日期"))
    for name, label in dict.fromkeys(needs):
        if not v.get(name):
            ctx.report(item, name, "", "missing_required", label)


def _load(ctx: PlanContext) -> dict[tuple[Any, ...], list[dict[str, Any]]]:
    found: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    r = EnterpriseRequest
    cols = (r.id, r.company_id, r.received_on, r.content, *(getattr(r, n) for n in PLAIN))
    steps = (getattr(r, n) for n in STEP_FIELDS if n not in ("status",))
    query = select(*cols, r.status, *steps).where(r.deleted_at.is_(None))
    for row in ctx.session.execute(query):
        record = dict(row._mapping)
        found[(record["company_id"], record["received_on"], fold(record["content"]))].append(record)
    return found


# --- applying -----------------------------------------------------------------------------------


def write_request(session: Session, item: Item, *, company_id: str, today: date) -> None:
    """One planned row: receive it (or update it), then move it on as far as the row says."""
    v = item.values
    if item.status == NEW:
        item.target_id = svc.raise_request(
            session,
            company_id=company_id,
            channel=v["channel"],
            received_on=v["received"],
            category=v["category"],
            content=v["content"],
            handling_unit=v.get("handling_unit", ""),
            co_units=v.get("co_units", ""),
            due_on=v.get("due_on"),
            today=today,
        ).id
    elif item.changes:
        svc.update_request(session, item.target_id, today=today, **item.changes)
    _move_on(session, item.target_id, v, today)


def _move_on(session: Session, request_id: str, v: dict[str, Any], today: date) -> None:
    request = session.get(EnterpriseRequest, request_id)
    assert request is not None
    wanted = v.get("status")
    if wanted == "rejected":
        if request.status == "accepted":
            svc.reject_request(session, request_id, reason=v["reject_reason"])
        return
    if v.get("escalated_on") and request.escalated_on != v["escalated_on"] and _open(request):
        svc.escalate_request(
            session, request_id, escalated_on=v["escalated_on"], unit=v["escalation_unit"]
        )
    if wanted == "handling" and request.status == "accepted":
        svc.start_request(session, request_id)
    new_reply = v.get("reply") and (v["reply"], v["replied_on"]) != (
        request.reply,
        request.replied_on,
    )
    if new_reply and request.status in ("accepted", "handling", "replied"):
        svc.reply_request(
            session, request_id, reply=v["reply"], replied_on=v["replied_on"], today=today
        )
    if wanted == "closed" and request.status == "replied" and v.get("closed_on"):
        svc.close_request(session, request_id, closed_on=v["closed_on"], today=today)
    visit = v.get("satisfaction") and request.satisfaction != v["satisfaction"]
    if visit and request.status in ("replied", "closed"):
        svc.record_return_visit(
            session,
            request_id,
            visited_on=v["visited_on"],
            satisfaction=v["satisfaction"],
            visited_by=v.get("visited_by", ""),
            today=today,
        )


def _open(request: EnterpriseRequest) -> bool:
    return request.status in ("accepted", "handling", "replied")
