"""Every write rule of the services, on SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from crm.errors import NotFoundError, ValidationError, not_before
from crm.models import ChangeLog, Company, FundsEntry, Project, StageEvent, Team
from crm.names import normalize_company_name
from crm.services import (
    activities,
    companies,
    dispatch,
    funds,
    problems,
    projects,
    stages,
    teams,
)
from crm.services.settings import set_setting

TODAY = date(2026, 11, 23)


def make_company(s, **fields) -> str:
    fields.setdefault("name", "深圳市测试科技有限公司")
    fields.setdefault("hq_region_code", "440300")
    return companies.create_company(s, **fields).id


def make_project(s, **fields) -> str:
    fields.setdefault("name", "新能源电池项目")
    fields.setdefault("planned_investment", Decimal("50000"))
    return projects.create_project(s, **fields).id


def raises(code: str, field: str | None = None):
    class _Ctx:
        def __enter__(self):
            self.cm = pytest.raises(ValidationError)
            self.info = self.cm.__enter__()
            return self.info

        def __exit__(self, *exc):
            handled = self.cm.__exit__(*exc)
            assert self.info.value.code == code, self.info.value
            if field is not None:
                assert self.info.value.field == field
            assert self.info.value.message_zh and self.info.value.message_en
            return handled

    return _Ctx()


def test_company_uscc_checked_and_unique(db) -> None:
    with raises("bad_uscc", "uscc"), db.session() as s:
        make_company(s, uscc="914403001922038217")
    with db.session() as s:
        first = make_company(s, uscc="914403001922038216")
    with raises("duplicate_uscc", "uscc") as caught, db.session() as s:
        make_company(s, name="另一家公司", uscc=" 914403001922038216 ")
    assert caught.value.message_zh == (
        "统一社会信用代码已被“深圳市测试科技有限公司”使用：914403001922038216"
    )
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Company)) == 1
        assert s.get(Company, first).uscc == "914403001922038216"
        companies.delete_company(s, first)
    # A deleted company keeps its code (it can be restored): the message says it is deleted.
    with raises("duplicate_uscc", "uscc") as caught, db.session() as s:
        make_company(s, name="另一家公司", uscc="914403001922038216")
    assert "已被“深圳市测试科技有限公司”（已作废）使用" in caught.value.message_zh
    assert caught.value.message_en == (
        "Unified social credit code already used by '深圳市测试科技有限公司' (deleted): "
        "914403001922038216"
    )
    with db.session() as s:
        # Foreign firms have no code at all.
        make_company(s, name="Siemens AG", hq_region_code=None, hq_country_code="DE")


def test_required_length_and_unknown_codes(db) -> None:
    with raises("required", "name"), db.session() as s:
        make_company(s, name="  ")
    with raises("too_long", "name"), db.session() as s:
        make_company(s, name="长" * 201)
    with raises("unknown_code", "hq_region_code"), db.session() as s:
        make_company(s, hq_region_code="999999")
    with raises("unknown_code", "ownership"), db.session() as s:
        make_company(s, ownership="martian")
    with raises("unknown_field"), db.session() as s:
        companies.create_company(s, name="x", colour="red")


def test_company_and_team_fields_cleaned_one_by_one(db) -> None:
    """Each field given goes through its own check, in the form's order; others stay."""
    with db.session() as s:
        cid = make_company(s, hq_country_code="", ownership="", website="  www.x.cn ")
        company = s.get(Company, cid)
        assert (company.hq_country_code, company.ownership, company.website) == (
            "CN",
            None,
            "www.x.cn",
        )
        companies.update_company(s, cid, hq_country_code="DE")
        companies.update_company(s, cid, hq_country_code=None)  # no country: China
        assert company.hq_country_code == "CN"
        companies.update_company(s, cid, name="  广西新名字有限公司 ")
        assert (company.name, company.hq_region_code) == ("广西新名字有限公司", "440300")
        assert company.name_normalized == normalize_company_name("广西新名字有限公司")
        tid = teams.create_team(s, name=" 驻沪工作队 ", station_region_code="310000").id
        team = s.get(Team, tid)
        assert (team.name, team.station_region_code, team.active_from) == (
            "驻沪工作队",
            "310000",
            None,
        )
    with raises("unknown_code", "station_region_code"), db.session() as s:
        teams.update_team(s, tid, notes="x", station_region_code="999999")
    with raises("unknown_code", "chain_code"), db.session() as s:  # the first bad one reported
        companies.update_company(s, cid, chain_code="nope", parent_id="nope")
    with raises("bad_date", "active_to"), db.session() as s:
        teams.update_team(s, tid, active_to="明年")


def test_amounts_must_be_non_negative_numbers(db) -> None:
    with raises("negative", "planned_investment"), db.session() as s:
        make_project(s, planned_investment="-5")
    with raises("not_number", "planned_investment"), db.session() as s:
        make_project(s, planned_investment="一百万")
    with raises("foreign_over_total", "foreign_investment"), db.session() as s:
        make_project(s, planned_investment="100", foreign_investment="200")
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Project)) == 0


def test_project_defaults_from_company_and_source_class(db) -> None:
    with db.session() as s:
        set_setting(s, "bureau_region_code", "450100")
        cid = make_company(s, industry_code="C", hq_region_code="440300")
        pid = make_project(s, company_id=cid)
        hk = make_project(s, name="港资项目", source_region_code=None, source_country_code="HK")
        local = make_project(s, name="本市项目", source_region_code="450100")
        same_province = make_project(s, name="省内项目", source_region_code="450200")
    with db.session() as s:
        p = s.get(Project, pid)
        assert (p.industry_code, p.source_region_code, p.source_class) == (
            "C",
            "440300",
            "out_of_province",
        )
        assert s.get(Project, hk).source_class == "foreign"
        assert s.get(Project, hk).source_region_code == "810000"
        assert s.get(Project, local).source_class == "in_city"
        assert s.get(Project, same_province).source_class == "in_province"


def test_project_code_unique(db) -> None:
    with db.session() as s:
        make_project(s, code="NN-2026-001")
    with raises("duplicate_code", "code") as caught, db.session() as s:
        make_project(s, name="另一个", code="NN-2026-001")
    assert caught.value.message_zh == "项目编号已被“新能源电池项目”使用：NN-2026-001"
    with db.session() as s:  # its own code is no clash
        pid = s.scalar(select(Project.id).where(Project.code == "NN-2026-001"))
        projects.update_project(s, pid, code="NN-2026-001", notes="x")


def test_stage_moves_forward_with_dates(db) -> None:
    with db.session() as s:
        pid = make_project(s)
        stages.move_stage(s, pid, to_stage="negotiating", on=date(2026, 1, 5), today=TODAY)
        stages.move_stage(
            s, pid, to_stage="签约", on=date(2026, 2, 1), agreement_type="formal", today=TODAY
        )
    with db.session() as s:
        p = s.get(Project, pid)
        assert (p.stage, p.signed_on, p.agreement_type) == ("signed", date(2026, 2, 1), "formal")
        assert p.stage_on == date(2026, 2, 1)


def test_stage_date_rules(db) -> None:
    with db.session() as s:
        pid = make_project(s)
        stages.move_stage(
            s,
            pid,
            to_stage="signed",
            on=date(2026, 3, 1),
            today=TODAY,
            skipped={"negotiating": date(2026, 2, 1)},
        )
    with raises("stage_date_missing", "on"), db.session() as s:
        stages.move_stage(s, pid, to_stage="funded", on=None, today=TODAY)
    with raises("future_date", "on"), db.session() as s:
        stages.move_stage(s, pid, to_stage="funded", on=TODAY + timedelta(days=1), today=TODAY)
    with raises("stage_order", "on"), db.session() as s:
        stages.move_stage(s, pid, to_stage="funded", on=date(2026, 2, 15), today=TODAY)
    with raises("skipped_stage"), db.session() as s:
        stages.move_stage(s, pid, to_stage="started", on=date(2026, 4, 1), today=TODAY)
    with raises("stage_order", "skipped.funded"), db.session() as s:
        stages.move_stage(
            s,
            pid,
            to_stage="started",
            on=date(2026, 4, 1),
            today=TODAY,
            skipped={"funded": date(2026, 1, 1)},
        )
    with db.session() as s:
        stages.move_stage(
            s, pid, to_stage="started", on=date(2026, 4, 1), today=TODAY, skipped={"funded": None}
        )
        p = s.get(Project, pid)
        assert (p.stage, p.funded_on, p.started_on) == ("started", None, date(2026, 4, 1))
        skip = s.scalar(
            select(StageEvent).where(StageEvent.project_id == pid, StageEvent.stage == "funded")
        )
        assert skip.not_applicable and skip.kind == "skip"


def test_backward_move_is_a_recorded_correction(db) -> None:
    with db.session() as s:
        pid = make_project(s)
        stages.move_stage(
            s,
            pid,
            to_stage="signed",
            on=date(2026, 3, 1),
            today=TODAY,
            skipped={"negotiating": None},
        )
    with raises("comment_required", "comment"), db.session() as s:
        stages.move_stage(s, pid, to_stage="negotiating", on=None, today=TODAY)
    with db.session() as s:
        stages.move_stage(
            s, pid, to_stage="negotiating", on=date(2026, 2, 1), today=TODAY, comment="签约录入有误"
        )
        p = s.get(Project, pid)
        assert (p.stage, p.signed_on) == ("negotiating", None)
        kinds = [e.kind for e in stages.history(s, pid)]
        assert kinds == ["advance", "skip", "advance", "correction"]


def test_operating_and_dropped_need_reopen(db) -> None:
    with db.session() as s:
        pid = make_project(s)
        stages.move_stage(
            s,
            pid,
            to_stage="operating",
            on=date(2026, 9, 1),
            today=TODAY,
            skipped={
                "negotiating": None,
                "signed": date(2026, 1, 10),
                "funded": date(2026, 2, 1),
                "started": date(2026, 3, 1),
            },
        )
    with raises("reopen_required"), db.session() as s:
        stages.move_stage(s, pid, to_stage="dropped", on=date(2026, 10, 1), reason="x", today=TODAY)
    with db.session() as s:
        stages.reopen_project(
            s, pid, to_stage="started", on=date(2026, 10, 1), today=TODAY, comment="投产认定撤回"
        )
        assert s.get(Project, pid).operating_on is None
    with raises("reason_required", "reason"), db.session() as s:
        stages.move_stage(s, pid, to_stage="dropped", on=date(2026, 10, 2), today=TODAY)
    with db.session() as s:
        stages.move_stage(
            s, pid, to_stage="dropped", on=date(2026, 10, 2), reason="企业资金链断裂", today=TODAY
        )
        p = s.get(Project, pid)
        assert (p.stage, p.dropped_on, p.drop_reason) == (
            "dropped",
            date(2026, 10, 2),
            "企业资金链断裂",
        )
    with raises("reopen_required"), db.session() as s:
        stages.move_stage(s, pid, to_stage="operating", on=date(2026, 11, 1), today=TODAY)


def test_first_funds_entry_moves_signed_to_funded_and_over_planned_warns(db) -> None:
    with db.session() as s:
        pid = make_project(s, planned_investment="1000")
        stages.move_stage(
            s,
            pid,
            to_stage="signed",
            on=date(2026, 3, 1),
            today=TODAY,
            skipped={"negotiating": None},
        )
        first = funds.record_funds(
            s, project_id=pid, received_on=date(2026, 4, 1), amount="600.5", today=TODAY
        )
        assert first.warnings == ()
        second = funds.record_funds(
            s, project_id=pid, received_on=date(2026, 5, 1), amount="400", today=TODAY
        )
        assert [w.code for w in second.warnings] == ["over_planned"]
    with db.session() as s:
        p = s.get(Project, pid)
        assert (p.stage, p.funded_on) == ("funded", date(2026, 4, 1))
        assert funds.funds_total(s, pid) == Decimal("1000.5")


def test_funds_before_signing_date_is_refused_and_nothing_written(db) -> None:
    with db.session() as s:
        pid = make_project(s)
        stages.move_stage(
            s,
            pid,
            to_stage="signed",
            on=date(2026, 3, 1),
            today=TODAY,
            skipped={"negotiating": None},
        )
    with raises("stage_order", "received_on"), db.session() as s:
        funds.record_funds(
            s, project_id=pid, received_on=date(2026, 2, 1), amount="10", today=TODAY
        )
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(FundsEntry)) == 0
        assert s.get(Project, pid).stage == "signed"


def test_funds_amount_rules(db) -> None:
    with db.session() as s:
        pid = make_project(s)
    for value, code in (("-1", "negative"), ("abc", "not_number"), ("0", "zero_amount")):
        with raises(code, "amount"), db.session() as s:
            funds.record_funds(
                s, project_id=pid, received_on=date(2026, 1, 1), amount=value, today=TODAY
            )


def test_soft_delete_hides_but_keeps(db) -> None:
    with db.session() as s:
        pid = make_project(s)
        projects.delete_project(s, pid)
    with db.session() as s:
        assert s.get(Project, pid).deleted_at is not None
        with pytest.raises(NotFoundError):
            projects.update_project(s, pid, notes="x")
        projects.restore_project(s, pid)
        assert s.get(Project, pid).deleted_at is None


def test_hard_delete_is_refused(db) -> None:
    from crm.errors import CrmError

    with db.session() as s:
        pid = make_project(s)
    with pytest.raises(CrmError), db.session() as s:
        s.delete(s.get(Project, pid))
        s.flush()
    with db.session() as s:
        assert s.get(Project, pid) is not None


def test_audit_rows_per_changed_field(db) -> None:
    with db.session(actor="王科长") as s:
        pid = make_project(s, responsible_person="李四")
    with db.session(actor="张三") as s:
        projects.update_project(s, pid, responsible_person="赵六", planned_investment="60000")
        projects.delete_project(s, pid)
    with db.session() as s:
        rows = s.scalars(
            select(ChangeLog).where(ChangeLog.record_id == pid).order_by(ChangeLog.hlc)
        ).all()
        inserts = {r.field: r.new_value for r in rows if r.op == "insert"}
        assert inserts["name"] == "新能源电池项目"
        assert inserts["planned_investment"] == "50000"
        updates = {
            r.field: (r.old_value, r.new_value, r.changed_by) for r in rows if r.op == "update"
        }
        assert updates == {
            "responsible_person": ("李四", "赵六", "张三"),
            "planned_investment": ("50000", "60000", "张三"),
        }
        deletes = [r for r in rows if r.op == "delete"]
        assert len(deletes) == 1 and deletes[0].field == "deleted_at"
        assert all(r.site_id == db.site_id for r in rows)
        assert [r.hlc for r in rows] == sorted(r.hlc for r in rows)
        assert s.get(Project, pid).created_by == "王科长"
        assert s.get(Project, pid).updated_by == "张三"


def test_failed_write_leaves_no_trace(db) -> None:
    with db.session() as s:
        before = s.scalar(select(func.count()).select_from(ChangeLog))
    with pytest.raises(ValidationError), db.session() as s:
        companies.create_company(s, name="好公司")
        companies.create_company(s, name="坏公司", uscc="123")
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Company)) == 0
        assert s.scalar(select(func.count()).select_from(ChangeLog)) == before


def test_contacts_phone_normalised_and_checked(db) -> None:
    with db.session() as s:
        cid = make_company(s)
        contact = companies.add_contact(s, company_id=cid, name="陈经理", phone="+86 138 0013 8000")
        from crm.models import Contact

        assert s.get(Contact, contact.id).phone == "13800138000"
    with raises("bad_phone", "phone"), db.session() as s:
        companies.add_contact(s, company_id=cid, name="刘", phone="12800138000")
    with raises("bad_email", "email"), db.session() as s:
        companies.add_contact(s, company_id=cid, name="刘", email="not-an-email")


def test_tags_and_parent_group(db) -> None:
    with db.session() as s:
        group = make_company(s, name="中国石油化工集团有限公司", hq_region_code="110000")
        child = make_company(s, name="中石化广西分公司", parent_id=group)
        companies.add_company_tag(
            s, company_id=group, tag="fortune_global_500", edition_year=2025, rank=5
        )
    with raises("cycle", "parent_id"), db.session() as s:
        companies.update_company(s, group, parent_id=child)
    with raises("unknown_code", "tag"), db.session() as s:
        companies.add_company_tag(s, company_id=child, tag="top_1000")


def test_years_are_held_to_their_range(db) -> None:
    """A team target and a dispatch list year run 2000–2100; a list edition may go back to
    1950 and may be left out. Each refusal names the field and says which year it was."""
    with db.session() as s:
        cid = make_company(s)
        tid = teams.create_team(s, name="南宁市驻深圳招商工作队").id
        pid = make_project(s, company_id=cid)
        companies.add_company_tag(s, company_id=cid, tag="fortune_global_500", edition_year=1950)
        companies.add_company_tag(s, company_id=cid, tag="china_500")
        assert teams.set_target(s, team_id=tid, year="2100", signed_projects=1).op == "insert"
    with raises("bad_year", "edition_year") as caught, db.session() as s:
        companies.add_company_tag(s, company_id=cid, tag="china_500", edition_year=1949)
    assert caught.value.message_zh == "榜单年份不合理：1949"
    assert caught.value.message_en == "Implausible edition year: 1949"
    with raises("bad_year", "year") as caught, db.session() as s:
        teams.set_target(s, team_id=tid, year=1999, signed_projects=1)
    assert caught.value.message_zh == "年份不合理：1999"
    with raises("bad_year", "year"), db.session() as s:
        teams.set_target(s, team_id=tid, year=None, signed_projects=1)
    with raises("bad_year", "year"), db.session() as s:
        dispatch.put_on_list(s, project_id=pid, year=2101, level="city")
    with raises("not_number", "year"), db.session() as s:
        dispatch.put_on_list(s, project_id=pid, year="明年", level="city")


def test_park_names_are_unique(db) -> None:
    with db.session() as s:
        projects.create_park(s, name=" 东盟经开区 ", region_code="450100")
    with raises("duplicate_name", "name") as caught, db.session() as s:
        projects.create_park(s, name="东盟经开区")
    assert caught.value.message_zh == "园区名称已存在：东盟经开区"
    assert caught.value.message_en == "A park with this name exists: 东盟经开区"
    with db.session() as s:
        assert projects.create_park(s, name="东盟经开区二期").op == "insert"


def test_similar_companies_found(db) -> None:
    with db.session() as s:
        cid = make_company(s, name="比亚迪股份有限公司", uscc="91440300192317458F")
        make_company(s, name="腾讯科技（深圳）有限公司")
        found = companies.find_similar_companies(s, name="比亚迪有限公司")
        assert found and found[0][0] == cid
        by_code = companies.find_similar_companies(s, name="完全不同", uscc="91440300192317458F")
        assert by_code[0][0] == cid


def test_teams_members_targets(db) -> None:
    with db.session() as s:
        tid = teams.create_team(
            s, name="南宁市驻深圳招商工作队", station_region_code="440300", region_group_code="gba"
        ).id
        teams.add_member(
            s, team_id=tid, person_name="黄队长", role="leader", from_on=date(2026, 1, 1)
        )
        teams.set_target(s, team_id=tid, year=2026, signed_investment="500000", signed_projects=20)
        again = teams.set_target(s, team_id=tid, year=2026, signed_investment="600000")
        assert again.op == "update"
    with raises("duplicate_name", "name") as caught, db.session() as s:
        teams.create_team(s, name="南宁市驻深圳招商工作队")
    assert caught.value.message_zh == "工作队名称已存在：南宁市驻深圳招商工作队"
    with db.session() as s:  # its own name is no clash
        teams.update_team(s, tid, name="南宁市驻深圳招商工作队", notes="x")
    with raises("date_order", "to_on") as caught, db.session() as s:
        member = teams.add_member(s, team_id=tid, person_name="某", from_on=date(2026, 5, 1))
        teams.end_membership(s, member.id, to_on=date(2026, 4, 1))
    assert caught.value.message_zh == "结束日期（2026-04-01）早于开始日期（2026-05-01）"


def test_not_before_names_both_dates_and_ignores_a_missing_one() -> None:
    not_before("x", None, date(2026, 1, 2), ("甲", "A"), ("乙", "b"))
    not_before("x", date(2026, 1, 1), None, ("甲", "A"), ("乙", "b"))
    not_before("x", date(2026, 1, 2), date(2026, 1, 2), ("甲", "A"), ("乙", "b"))
    with pytest.raises(ValidationError) as info:
        not_before("x", date(2026, 1, 1), date(2026, 1, 2), ("甲", "A"), ("乙", "b"), code="c")
    assert (info.value.field, info.value.value, info.value.code) == ("x", date(2026, 1, 1), "c")
    assert info.value.message_zh == "甲（2026-01-01）早于乙（2026-01-02）"
    assert info.value.message_en == "A (2026-01-01) is before b (2026-01-02)"


def test_activities_and_problems(db) -> None:
    with db.session() as s:
        pid = make_project(s)
        act = activities.log_activity(
            s,
            occurred_on=date(2026, 11, 1),
            kind="洽谈",
            project_id=pid,
            summary="第二轮洽谈",
            next_step="提交用地方案",
            next_step_due=date(2026, 11, 30),
        )
        assert act.op == "insert"
    with raises("required", "project_id"), db.session() as s:
        activities.log_activity(s, occurred_on=date(2026, 11, 1), kind="visit")
    with raises("date_order", "next_step_due") as caught, db.session() as s:
        activities.log_activity(
            s,
            occurred_on=date(2026, 11, 1),
            kind="visit",
            project_id=pid,
            next_step="x",
            next_step_due=date(2026, 10, 1),
        )
    assert caught.value.message_zh == "下一步期限（2026-10-01）早于记录日期（2026-11-01）"
    with db.session() as s:
        pr = problems.raise_problem(
            s,
            project_id=pid,
            category="用地",
            description="用地指标不足",
            raised_on=date(2026, 10, 1),
            due_on=date(2026, 10, 31),
            today=TODAY,
        ).id
    with raises("required", "resolution"), db.session() as s:
        problems.close_problem(s, pr, resolution=" ", resolved_on=date(2026, 11, 2), today=TODAY)
    with db.session() as s:
        problems.close_problem(
            s, pr, resolution="已协调指标", resolved_on=date(2026, 11, 2), today=TODAY
        )
        problems.reopen_problem(s, pr)
        from crm.models import Problem

        assert s.get(Problem, pr).status == "open"


# --- issue 8: own-area funds sources, 增资, the bureau's level --------------------------


def test_funds_of_an_own_area_project_take_the_own_area_source(db) -> None:
    with db.session() as s:
        local = make_project(s, name="本市项目", source_region_code="450100")
        stages.move_stage(
            s, local, to_stage="signed", on=date(2026, 1, 5), skipped={"negotiating": None},
            today=TODAY,
        )  # fmt: skip
        entry = funds.record_funds(
            s, project_id=local, received_on=date(2026, 2, 1), amount=Decimal(100), today=TODAY
        ).id
        assert s.get(FundsEntry, entry).source == "in_city"


def test_funds_total_counts_the_projects_live_entries_only(db) -> None:
    with db.session() as s:
        pids = [make_project(s, name=name) for name in ("甲项目", "乙项目")]
        for pid in pids:
            stages.move_stage(
                s, pid, to_stage="signed", on=date(2026, 3, 1), today=TODAY,
                skipped={"negotiating": None},
            )  # fmt: skip
        entries = [
            funds.record_funds(
                s, project_id=pids[0], received_on=date(2026, 4, day), amount=amount, today=TODAY
            ).id
            for day, amount in ((1, "100"), (2, "20.5"), (3, "3"))
        ]
        funds.record_funds(
            s, project_id=pids[1], received_on=date(2026, 4, 1), amount="7000", today=TODAY
        )
        funds.delete_funds_entry(s, entries[2])
        assert funds.funds_total(s, pids[0]) == Decimal("120.5")  # 100 + 20.5; 3 deleted
        assert funds.funds_total(s, make_project(s, name="丙项目")) == 0


def test_capital_increase_rules(db) -> None:
    from crm.models import InvestmentIncrease
    from crm.services import increases

    with db.session() as s:
        pid = make_project(s)
        with raises("not_signed", "project_id"):
            increases.record_increase(
                s, project_id=pid, increased_on=date(2026, 3, 1), amount=Decimal(10), today=TODAY
            )
        stages.move_stage(
            s, pid, to_stage="signed", on=date(2026, 2, 1), skipped={"negotiating": None},
            today=TODAY,
        )  # fmt: skip
        with raises("stage_order", "increased_on"):
            increases.record_increase(
                s, project_id=pid, increased_on=date(2026, 1, 1), amount=Decimal(10), today=TODAY
            )
        with raises("zero_amount", "amount"):
            increases.record_increase(
                s, project_id=pid, increased_on=date(2026, 3, 1), amount=0, today=TODAY
            )
        with raises("future_date", "increased_on"):
            increases.record_increase(
                s, project_id=pid, increased_on=TODAY + timedelta(days=1), amount=1, today=TODAY
            )
        entry = increases.record_increase(
            s, project_id=pid, increased_on=date(2026, 3, 1), amount="2.5", note="二期", today=TODAY
        ).id
        assert increases.increases_total(s, pid) == Decimal("2.5")
        # A correction (the ledger import's 增资 rows with their 系统编号) under the same rules.
        with raises("zero_amount", "amount"):
            increases.update_increase(
                s, entry, increased_on=date(2026, 3, 1), amount=0, today=TODAY
            )
        with raises("stage_order", "increased_on"):
            increases.update_increase(
                s, entry, increased_on=date(2026, 1, 31), amount=1, today=TODAY
            )
        increases.update_increase(
            s, entry, increased_on=date(2026, 3, 2), amount="4.25", note="二期追加", today=TODAY
        )
        corrected = s.get(InvestmentIncrease, entry)
        assert (corrected.increased_on, corrected.amount, corrected.note) == (
            date(2026, 3, 2), Decimal("4.25"), "二期追加",
        )  # fmt: skip
        assert increases.increases_total(s, pid) == Decimal("4.25")
        # The project's planned investment stays its first agreement's amount.
        assert s.get(Project, pid).planned_investment == Decimal(50000)
        logged = s.scalar(
            select(func.count()).where(ChangeLog.record_id == entry, ChangeLog.op == "insert")
        )
        assert logged >= 3  # project_id, increased_on, amount, note
        increases.delete_increase(s, entry)
        assert s.get(InvestmentIncrease, entry).deleted_at is not None
        assert increases.increases_total(s, pid) == 0


def test_bureau_level_and_county_region_settings(db) -> None:
    with db.session() as s:
        set_setting(s, "bureau_level", "county")
        set_setting(s, "bureau_region_code", "450102")  # a county of Nanning, not in the list
        with raises("unknown_code"):
            set_setting(s, "bureau_level", "township")
        with raises("unknown_code"):
            set_setting(s, "bureau_region_code", "999901")
        from crm.services.settings import bureau_of

        bureau = bureau_of(s)
        assert (bureau.region_code, bureau.level, bureau.own_prefix) == (
            "450102",
            "county",
            "450102",
        )
