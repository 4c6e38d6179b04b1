"""Enterprise requests (企业诉求): the status machine, the services and the figures, worked
out by hand, on SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from crm.errors import ValidationError
from crm.models import ChangeLog, EnterpriseRequest, RequestVisit
from crm.periods import month
from crm.request_states import RequestAction, next_status, visit_action
from crm.services import companies, problems, projects
from crm.services import requests as svc
from crm.stats.requests import request_figures
from crm.stats.scope import BUREAU

TODAY = date(2026, 12, 2)


def d(m: int, day: int) -> date:
    return date(2026, m, day)


def test_machine_moves_and_refusals() -> None:
    assert next_status("accepted", RequestAction.START) == "handling"
    assert next_status("handling", RequestAction.REPLY) == "replied"
    assert next_status("replied", RequestAction.CLOSE) == "closed"
    assert next_status("closed", RequestAction.REOPEN) == "handling"
    assert next_status("accepted", RequestAction.REJECT) == "rejected"
    for status, action in (
        ("handling", RequestAction.REJECT),  # 不予受理 only before handling starts
        ("accepted", RequestAction.CLOSE),  # no 办结 without an answer
        ("rejected", RequestAction.REOPEN),
        ("closed", RequestAction.REPLY),
    ):
        with pytest.raises(ValidationError) as info:
            next_status(status, action)
        assert info.value.code == "bad_request_move"
        assert "不能" in info.value.message_zh
    assert visit_action("replied", "satisfied") is RequestAction.CLOSE
    assert visit_action("replied", "fairly") is RequestAction.CLOSE
    assert visit_action("closed", "unsatisfied") is RequestAction.REOPEN
    assert visit_action("closed", "satisfied") is None
    with pytest.raises(ValidationError) as info:
        visit_action("handling", "satisfied")
    assert info.value.code == "not_replied"


def _company(s, name: str = "广西测试铝业有限公司") -> str:
    return companies.create_company(s, name=name, hq_region_code="450100").id


def _request(s, company: str, received: date, **fields) -> str:
    fields.setdefault("channel", "走访")
    fields.setdefault("category", "用地")
    fields.setdefault("content", "厂房用地指标不足")
    return svc.raise_request(s, company_id=company, received_on=received, today=TODAY, **fields).id


def test_request_followed_to_the_end_with_change_log(db) -> None:
    with db.session() as s:
        company = _company(s)
        rid = _request(
            s, company, d(11, 2), handling_unit="自然资源局", co_units="住建局，发改委、住建局",
            due_on=d(11, 10),
        )  # fmt: skip
    with db.session() as s:
        request = s.get(EnterpriseRequest, rid)
        assert (request.status, request.channel, request.category) == ("accepted", "visit", "land")
        assert request.project_id is None  # no project needed
        assert request.co_units == "住建局、发改委"
        svc.start_request(s, rid)
        svc.escalate_request(s, rid, escalated_on=d(11, 6), unit="市政府督查室", today=TODAY)
        svc.reply_request(s, rid, reply="已调剂指标", replied_on=d(11, 8), today=TODAY)
        svc.record_return_visit(
            s, rid, visited_on=d(11, 9), satisfaction="不满意", visited_by="张三", today=TODAY
        )
    with db.session() as s:
        request = s.get(EnterpriseRequest, rid)
        # Not satisfied: back to 办理中, counted once more as reopened.
        assert (request.status, request.reopened_count, request.closed_on) == ("handling", 1, None)
        svc.reply_request(s, rid, reply="已供地", replied_on=d(11, 12), today=TODAY)
        svc.record_return_visit(s, rid, visited_on=d(11, 14), satisfaction="满意", today=TODAY)
    with db.session() as s:
        request = s.get(EnterpriseRequest, rid)
        assert (request.status, request.closed_on, request.satisfaction) == (
            "closed",
            d(11, 14),
            "satisfied",
        )
        assert request.escalation_unit == "市政府督查室"
        visits = s.scalars(select(RequestVisit.satisfaction).order_by(RequestVisit.visited_on))
        assert list(visits) == ["unsatisfied", "satisfied"]
        fields = set(
            s.scalars(
                select(ChangeLog.field).where(
                    ChangeLog.table_name == "enterprise_request", ChangeLog.record_id == rid
                )
            )
        )
        assert {"status", "reply", "closed_on", "satisfaction", "escalated_on"} <= fields


def test_bad_request_input_says_which_field(db) -> None:
    with db.session() as s:
        company = _company(s)
    cases = [
        ({"channel": "传真"}, "channel", "unknown_code"),
        ({"content": " "}, "content", "required"),
        ({"due_on": d(10, 1)}, "due_on", "date_order"),
    ]
    for fields, field, code in cases:
        with pytest.raises(ValidationError) as info, db.session() as s:
            _request(s, company, d(11, 2), **fields)
        assert (info.value.field, info.value.code) == (field, code)
    with db.session() as s:
        rid = _request(s, company, d(11, 2))
    with pytest.raises(ValidationError) as info, db.session() as s:
        svc.reject_request(s, rid, reason="")
    assert info.value.field == "reject_reason"
    with pytest.raises(ValidationError) as info, db.session() as s:
        svc.record_return_visit(s, rid, visited_on=d(11, 3), satisfaction="满意", today=TODAY)
    assert info.value.code == "not_replied"
    with db.session() as s:
        assert s.get(EnterpriseRequest, rid).status == "accepted"  # nothing written


def test_dates_out_of_order_name_both_dates(db) -> None:
    """A close or a return visit dated before the reply, a reply before the day received: the
    message names the two dates, in both languages."""
    with db.session() as s:
        rid = _request(s, _company(s), d(11, 2))
    with pytest.raises(ValidationError) as info, db.session() as s:
        svc.reply_request(s, rid, reply="已办", replied_on=d(11, 1), today=TODAY)
    assert (info.value.field, info.value.code) == ("replied_on", "date_order")
    assert info.value.message_zh == "答复日期（2026-11-01）早于受理日期（2026-11-02）"
    assert (
        info.value.message_en == "replied_on (2026-11-01) is before the date received (2026-11-02)"
    )
    with db.session() as s:
        svc.reply_request(s, rid, reply="已办", replied_on=d(11, 8), today=TODAY)
    with pytest.raises(ValidationError) as info, db.session() as s:
        svc.close_request(s, rid, closed_on=d(11, 7), today=TODAY)
    assert (info.value.field, info.value.code) == ("closed_on", "date_order")
    assert info.value.message_zh == "办结日期（2026-11-07）早于答复日期（2026-11-08）"
    assert (
        info.value.message_en
        == "The closing date (2026-11-07) is before the reply date (2026-11-08)"
    )
    with pytest.raises(ValidationError) as info, db.session() as s:
        svc.record_return_visit(s, rid, visited_on=d(11, 5), satisfaction="满意", today=TODAY)
    assert info.value.message_zh == "回访日期（2026-11-05）早于答复日期（2026-11-08）"
    with db.session() as s:
        svc.close_request(s, rid, closed_on=d(11, 8), today=TODAY)  # the same day is in order
        assert s.get(EnterpriseRequest, rid).status == "closed"


def _sample(db) -> None:
    """The month of November 2026 worked out by hand in test_figures_by_hand."""
    with db.session() as s:
        c = _company(s)
        r1 = _request(s, c, d(11, 2), handling_unit="自然资源局", due_on=d(11, 10))
        svc.reply_request(s, r1, reply="已办", replied_on=d(11, 8), today=TODAY)
        svc.record_return_visit(s, r1, visited_on=d(11, 9), satisfaction="满意", today=TODAY)
        r2 = _request(s, c, d(11, 3), category="融资", handling_unit="金融办", due_on=d(11, 15))
        svc.reply_request(s, r2, reply="已对接银行", replied_on=d(11, 20), today=TODAY)
        svc.record_return_visit(s, r2, visited_on=d(11, 21), satisfaction="基本满意", today=TODAY)
        r3 = _request(s, c, d(11, 5), handling_unit="自然资源局", due_on=d(11, 20))
        svc.reply_request(s, r3, reply="研究中", replied_on=d(11, 12), today=TODAY)
        svc.record_return_visit(s, r3, visited_on=d(11, 13), satisfaction="不满意", today=TODAY)
        r4 = _request(s, c, d(11, 6), category="政策兑现", handling_unit="发改委")
        svc.reject_request(s, r4, reason="不属于本级事权")
        _request(s, c, d(10, 20), category="市场拓展", handling_unit="住建局", due_on=d(10, 31))
        # Received in December: not in November's figures at all.
        _request(s, c, d(12, 1), handling_unit="自然资源局")
        project = projects.create_project(
            s, name="铝精深加工项目", planned_investment=Decimal("10000"), company_id=c
        ).id
        p1 = problems.raise_problem(
            s, project_id=project, category="land", description="用地报批",
            responsible_unit="自然资源局", raised_on=d(11, 4), due_on=d(11, 30), today=TODAY,
        ).id  # fmt: skip
        problems.close_problem(s, p1, resolution="已批", resolved_on=d(11, 25), today=TODAY)
        problems.raise_problem(
            s, project_id=project, category="permits", description="施工许可",
            responsible_unit="行政审批局", raised_on=d(11, 10), today=TODAY,
        )  # fmt: skip


def test_figures_by_hand(db) -> None:
    _sample(db)
    with db.read() as s:
        f = request_figures(s, month(2026, 11), BUREAU)
    t = f.total
    # Received: r1 r2 r3 r4 (rejected) and the two problems; r5 came in October.
    assert (t.received, t.rejected, t.accepted) == (6, 1, 5)
    # Closed by 30 Nov: r1 (9 Nov), r2 (21 Nov), p1 (25 Nov) → 3 of 5 = 60%.
    assert (t.closed, t.closed_pct) == (3, Decimal(60))
    # On time: r1 (due 10th, closed 9th) and p1; r2 closed after its deadline → 2 of 3.
    assert t.closed_on_time == 2 and round(t.on_time_pct, 2) == Decimal("66.67")
    # Visited: r1 满意, r2 基本满意, r3 不满意 → 2 of 3.
    assert (t.visited, t.satisfied) == (3, 2)
    # Open on 30 Nov: r3 (reopened), r5 (October), p2; overdue: r3 (due 20th), r5 (31 Oct).
    assert (t.open_at_end, t.overdue_at_end) == (3, 2)
    assert (f.requests.received, f.problems.received, f.problems.closed) == (4, 2, 1)
    assert [(o.subject, o.days_overdue) for o in f.overdue] == [
        ("广西测试铝业有限公司", 30),
        ("广西测试铝业有限公司", 10),
    ]
    units = [(r.label, r.rank, r.accepted, r.closed) for r in f.by_unit]
    assert units == [
        ("金融办", 1, 1, 1),  # 100%
        ("自然资源局", 2, 3, 2),  # r1, p1 of r1 r3 p1: 66.7%
        ("行政审批局", 3, 1, 0),  # 0%
        ("发改委", 0, 0, 0),  # only a rejected one: not ranked
        ("住建局", 0, 0, 0),  # only an open one from October: not ranked
    ]
    assert [(r.label, r.received) for r in f.by_category] == [
        ("用地", 3),
        ("审批手续", 1),  # one still open: before the others received once
        ("政策兑现", 1),
        ("融资", 1),
        ("市场拓展", 0),
    ]
