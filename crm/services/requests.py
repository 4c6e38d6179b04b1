"""Enterprise requests (企业诉求): receive, handle, reply, close, reject, visit back (回访),
escalate (督办) and reopen — followed to the end (一跟到底). Status moves come from the one
machine in crm/request_states.py."""

from __future__ import annotations

import re
from datetime import date
from functools import partial
from typing import Any

from sqlalchemy.orm import Session

from crm.codes import ProblemCategory, RequestChannel, Satisfaction
from crm.errors import ValidationError, not_before
from crm.limits import max_length
from crm.models import Company, EnterpriseRequest, Project, RequestVisit
from crm.request_states import RequestAction, is_open, next_status, visit_action
from crm.services import checks
from crm.services.records import apply_fields, insert_row, soft_delete, updated
from crm.services.result import Changed, ChangeSet

REQUEST_FIELDS = frozenset(
    {"company_id", "project_id", "channel", "received_on", "category", "content",
     "handling_unit", "co_units", "due_on"}
)  # fmt: skip
_UNIT_SPLIT = re.compile(r"[、,，;；/\n]+")
#: What a close or a return visit may not come before.
_REPLY_DATE = ("答复日期", "the reply date")


def clean_units(value: Any) -> str:
    """Co-units as one "、"-joined text, from a list or any separators people type."""
    parts = value if isinstance(value, list | tuple) else _UNIT_SPLIT.split(str(value or ""))
    units = [str(p).strip() for p in parts if str(p).strip()]
    return checks.clean_text(
        "co_units",
        "、".join(dict.fromkeys(units)),
        max_length=max_length("enterprise_request", "co_units"),
    )


def _clean(session: Session, fields: dict[str, Any], today: date | None) -> dict[str, Any]:
    table = "enterprise_request"
    return checks.cleaned(
        fields,
        {
            "company_id": lambda v: checks.live(session, Company, v, field="company_id").id,
            "project_id": lambda v: checks.optional_live(session, Project, v, "project_id"),
            "channel": partial(_choice, "channel", ("诉求来源", "channel"), RequestChannel),
            "category": partial(_choice, "category", ("诉求类别", "category"), ProblemCategory),
            "content": partial(checks.required_field, table, "content", label_zh="诉求内容"),
            "handling_unit": partial(checks.field_text, table, "handling_unit"),
            "co_units": clean_units,
            "received_on": partial(_received_on, today=today),
            "due_on": partial(checks.a_date, "due_on"),
        },
    )


def _choice(field: str, said: tuple[str, str], codes: Any, value: Any) -> str | None:
    """checks.choice, refused by the field's own name with the words it takes (it said
    「channel 的取值未知：飞鸽」)."""
    try:
        return checks.choice(field, value, codes)
    except ValidationError as exc:
        if exc.code != "unknown_code":
            raise
        zh = "、".join(m.zh for m in codes)
        en = ", ".join(m.en for m in codes)
        raise ValidationError(
            field, value, f"{said[0]}的取值未知：{value}（可选：{zh}）",
            f"Unknown {said[1]}: {value} (one of {en})", code="unknown_code",
        ) from exc  # fmt: skip


def _received_on(value: Any, today: date | None) -> date:
    """The day received, named 受理日期 (checks would name received_on by the funds sheet:
    到位日期)."""
    try:
        return checks.past_day("received_on", value, today)
    except ValidationError as exc:
        if exc.code == "future_date":
            raise ValidationError(
                "received_on", value, f"受理日期不能是将来的日期：{value}",
                f"The date received cannot be in the future: {value}", code="future_date",
            ) from exc  # fmt: skip
        if exc.code == "bad_date":
            raise ValidationError(
                "received_on", value, f"受理日期不是有效日期：{value}",
                f"The date received is not a valid date: {value}", code="bad_date",
            ) from exc  # fmt: skip
        raise


def _not_before_received(request: EnterpriseRequest, field: str, day: date, zh: str) -> None:
    not_before(field, day, request.received_on, (zh, field), ("受理日期", "the date received"))


def raise_request(
    session: Session,
    *,
    company_id: str,
    channel: str,
    received_on: Any,
    category: str,
    content: str,
    handling_unit: str = "",
    co_units: Any = "",
    due_on: Any = None,
    project_id: str | None = None,
    today: date | None = None,
) -> Changed:
    """受理: a new request, with or without a project."""
    values = _clean(
        session,
        {
            "company_id": company_id, "project_id": project_id, "channel": channel,
            "received_on": received_on, "category": category, "content": content,
            "handling_unit": handling_unit, "co_units": co_units, "due_on": due_on,
        },
        today,
    )  # fmt: skip
    request = EnterpriseRequest(status="accepted", **values)
    if request.due_on is not None:
        _not_before_received(request, "due_on", request.due_on, "办理时限")
    return insert_row(session, request)


def update_request(
    session: Session, request_id: str, *, today: date | None = None, **fields: Any
) -> Changed:
    checks.unknown_fields(fields, REQUEST_FIELDS)
    request = checks.live(session, EnterpriseRequest, request_id)
    apply_fields(request, _clean(session, fields, today))
    if request.due_on is not None:
        _not_before_received(request, "due_on", request.due_on, "办理时限")
    return updated(session, request)


def _move(request: EnterpriseRequest, action: RequestAction) -> None:
    request.status = next_status(request.status, action).value


def start_request(session: Session, request_id: str) -> Changed:
    request = checks.live(session, EnterpriseRequest, request_id)
    _move(request, RequestAction.START)
    return updated(session, request)


def reject_request(session: Session, request_id: str, *, reason: str) -> Changed:
    """不予受理, with the reason the enterprise is told."""
    request = checks.live(session, EnterpriseRequest, request_id)
    text = checks.required_field(
        "enterprise_request", "reject_reason", reason, label_zh="不予受理理由"
    )
    _move(request, RequestAction.REJECT)
    request.reject_reason = text
    return updated(session, request)


def reply_request(
    session: Session, request_id: str, *, reply: str, replied_on: Any, today: date | None = None
) -> Changed:
    """已答复: the handling unit's answer, dated."""
    request = checks.live(session, EnterpriseRequest, request_id)
    text = checks.required_field("enterprise_request", "reply", reply, label_zh="答复内容")
    day = checks.past_day("replied_on", replied_on, today)
    _not_before_received(request, "replied_on", day, "答复日期")
    _move(request, RequestAction.REPLY)
    request.reply, request.replied_on = text, day
    return updated(session, request)


def close_request(
    session: Session, request_id: str, *, closed_on: Any, today: date | None = None
) -> Changed:
    """已办结 without a return visit (the enterprise confirmed otherwise)."""
    request = checks.live(session, EnterpriseRequest, request_id)
    day = checks.past_day("closed_on", closed_on, today)
    _close(request, day)
    return updated(session, request)


def _close(request: EnterpriseRequest, day: date) -> None:
    not_before("closed_on", day, request.replied_on, ("办结日期", "The closing date"), _REPLY_DATE)
    _move(request, RequestAction.CLOSE)
    request.closed_on = day


def record_return_visit(
    session: Session,
    request_id: str,
    *,
    visited_on: Any,
    satisfaction: str,
    visited_by: str = "",
    notes: str = "",
    today: date | None = None,
) -> ChangeSet:
    """回访: 满意 / 基本满意 closes a replied request (dated the visit), 不满意 reopens it."""
    request = checks.live(session, EnterpriseRequest, request_id)
    word = checks.choice("satisfaction", satisfaction, Satisfaction)
    assert word is not None
    day = checks.past_day("visited_on", visited_on, today)
    not_before("visited_on", day, request.replied_on, ("回访日期", "The return visit"), _REPLY_DATE)
    action = visit_action(request.status, word)
    visit = RequestVisit(
        request_id=request_id,
        visited_on=day,
        satisfaction=word,
        visited_by=checks.field_text("request_visit", "visited_by", visited_by),
        notes=checks.field_text("request_visit", "notes", notes),
    )
    session.add(visit)
    request.satisfaction = word
    if action is RequestAction.CLOSE:
        _close(request, day)
    elif action is RequestAction.REOPEN:
        _reopen(request, None)
    session.flush()
    return ChangeSet.of(
        [
            Changed("enterprise_request", request_id, "update"),
            Changed("request_visit", visit.id, "insert"),
        ]
    )


def _reopen(request: EnterpriseRequest, due_on: date | None) -> None:
    _move(request, RequestAction.REOPEN)
    # Closed no more: it counts as open (and overdue past its deadline) until closed again.
    request.closed_on = None
    request.reopened_count = (request.reopened_count or 0) + 1
    if due_on is not None:
        _not_before_received(request, "due_on", due_on, "办理时限")
        request.due_on = due_on


def reopen_request(session: Session, request_id: str, *, due_on: Any = None) -> Changed:
    """重新办理 (the enterprise is not satisfied), optionally with a new deadline."""
    request = checks.live(session, EnterpriseRequest, request_id)
    _reopen(request, checks.a_date("due_on", due_on))
    return updated(session, request)


def escalate_request(
    session: Session, request_id: str, *, escalated_on: Any, unit: str, today: date | None = None
) -> Changed:
    """督办: a supervising unit presses the handling unit, dated."""
    request = checks.live(session, EnterpriseRequest, request_id)
    if not is_open(request.status):
        raise ValidationError(
            "status",
            request.status,
            "已办结或不予受理的诉求不需要督办",
            "A closed or rejected request needs no escalation",
            code="not_open",
        )
    day = checks.past_day("escalated_on", escalated_on, today)
    _not_before_received(request, "escalated_on", day, "督办日期")
    request.escalated_on = day
    request.escalation_unit = checks.required_field(
        "enterprise_request", "escalation_unit", unit, label_zh="督办单位"
    )
    return updated(session, request)


def delete_request(session: Session, request_id: str) -> Changed:
    return soft_delete(session, EnterpriseRequest, request_id)
