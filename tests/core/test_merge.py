"""Duplicates: found at entry, merged when they already exist."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from crm.errors import ValidationError
from crm.models import (
    Activity,
    ChangeLog,
    Company,
    CompanyTag,
    Contact,
    FundsEntry,
    Problem,
    Project,
    StageEvent,
)
from crm.queries.project_choices import duplicate_candidates
from crm.services import activities, companies, funds, problems, projects, stages, teams
from crm.services.merge import (
    merge_companies,
    merge_projects,
    plan_company_merge,
    plan_project_merge,
)

TODAY = date(2026, 11, 23)


def _investor(s, name: str = "广西铝业集团有限公司", **kw) -> str:
    return companies.create_company(s, name=name, hq_region_code="450100", **kw).id


def test_duplicates_are_the_same_investor_and_a_close_name(db) -> None:
    with db.session() as s:
        alu = _investor(s)
        other = _investor(s, "中铝集团有限公司")
        first = projects.create_project(s, name="年产10万吨铝材项目", company_id=alu).id
        projects.create_project(s, name="年产10万吨铝材项目", company_id=other)
        projects.create_project(s, name="年产10万吨铝材项目")  # no investor
        found = duplicate_candidates(s, name=" 年产10万吨铝材 项目", company_id=alu)
        assert [(c.id, c.exact) for c in found] == [(first, True)]
        fuzzy = duplicate_candidates(s, name="年产10万吨铝材加工项目", company_id=alu)
        assert [c.id for c in fuzzy] == [first]
        assert duplicate_candidates(s, name="数据中心项目", company_id=alu) == []
        # Without an investor only the same name among projects without one.
        assert len(duplicate_candidates(s, name="年产10万吨铝材项目", company_id=None)) == 1
        assert (
            duplicate_candidates(s, name="年产10万吨铝材项目", company_id=alu, exclude_id=first)
            == []
        )


def _duplicates(s) -> tuple[str, str]:
    alu = _investor(s)
    team = teams.create_team(s, name="南宁市驻深圳招商工作队").id
    kept = projects.create_project(
        s, name="年产10万吨铝材项目", company_id=alu, planned_investment=Decimal(0)
    ).id
    gone = projects.create_project(
        s,
        name="年产10万吨铝材项目",
        company_id=alu,
        planned_investment=Decimal(150000),
        team_id=team,
        responsible_person="李明",
    ).id
    for pid in (kept, gone):
        stages.move_stage(
            s,
            pid,
            to_stage="signed",
            on=date(2026, 3, 1),
            today=TODAY,
            skipped={"negotiating": None},
        )
    funds.record_funds(s, project_id=gone, received_on=date(2026, 4, 1), amount="5000", today=TODAY)
    activities.log_activity(
        s, occurred_on=date(2026, 4, 2), kind="visit", project_id=gone, summary="回访"
    )
    problems.raise_problem(
        s,
        project_id=gone,
        category="land",
        description="用地指标不足",
        raised_on=date(2026, 4, 3),
        today=TODAY,
    )
    return kept, gone


def test_merging_projects_moves_everything_and_keeps_the_survivor_history(db) -> None:
    with db.session() as s:
        kept, gone = _duplicates(s)
        history_before = s.scalar(select(func.count()).where(StageEvent.project_id == kept))
        plan = plan_project_merge(s, survivor_id=kept, loser_id=gone)
        assert (plan.count("funds_entry"), plan.count("activity"), plan.count("problem")) == (
            1,
            1,
            1,
        )
        assert dict(plan.fills).keys() >= {"planned_investment", "team_id", "responsible_person"}
        assert "code" not in dict(plan.fills)  # the survivor has its own code
    with db.session() as s:
        merge_projects(s, survivor_id=kept, loser_id=gone, plan=plan)
    with db.session() as s:
        survivor, loser = s.get(Project, kept), s.get(Project, gone)
        assert (loser.deleted_at is not None, loser.merged_into_id) == (True, kept)
        assert survivor.deleted_at is None
        assert (survivor.planned_investment, survivor.responsible_person) == (
            Decimal(150000),
            "李明",
        )
        assert funds.funds_total(s, kept) == Decimal(5000)
        for model in (FundsEntry, Activity, Problem):
            assert s.scalar(select(func.count()).where(model.project_id == kept)) == 1
        assert s.scalar(select(func.count()).where(StageEvent.project_id == kept)) == (
            history_before
        )
        # One live project now, and the figures count its funds once.
        live = s.scalar(select(func.count()).where(Project.deleted_at.is_(None)))
        assert live == 1
        logged = {
            (row.table_name, row.field)
            for row in s.execute(
                select(ChangeLog.table_name, ChangeLog.field).where(ChangeLog.op != "insert")
            )
        }
        assert {
            ("funds_entry", "project_id"),
            ("activity", "project_id"),
            ("problem", "project_id"),
            ("project", "merged_into_id"),
            ("project", "deleted_at"),
            ("project", "planned_investment"),
        } <= logged


def test_a_merge_refuses_when_the_data_changed_after_the_preview(db) -> None:
    with db.session() as s:
        kept, gone = _duplicates(s)
        plan = plan_project_merge(s, survivor_id=kept, loser_id=gone)
        activities.log_activity(
            s, occurred_on=date(2026, 5, 2), kind="phone", project_id=gone, summary="电话"
        )
    with pytest.raises(ValidationError) as caught, db.session() as s:
        merge_projects(s, survivor_id=kept, loser_id=gone, plan=plan)
    assert caught.value.code == "plan_changed"
    with db.session() as s:
        assert s.get(Project, gone).deleted_at is None
        assert s.scalar(select(func.count()).where(Activity.project_id == gone)) == 2


def test_a_project_cannot_merge_with_itself_or_a_deleted_one(db) -> None:
    with db.session() as s:
        kept, gone = _duplicates(s)
    with pytest.raises(ValidationError), db.session() as s:
        merge_projects(s, survivor_id=kept, loser_id=kept)
    with db.session() as s:
        projects.delete_project(s, gone)
    with pytest.raises(Exception), db.session() as s:  # noqa: B017 - NotFoundError
        merge_projects(s, survivor_id=kept, loser_id=gone)


def test_the_survivor_takes_the_code_it_lacks(db) -> None:
    with db.session() as s:
        kept = projects.create_project(s, name="光伏组件项目", assign_code=False).id
        gone = projects.create_project(s, name="光伏组件项目", code="GX-2025-018").id
        merge_projects(s, survivor_id=kept, loser_id=gone)
    with db.session() as s:
        assert s.get(Project, kept).code == "GX-2025-018"
        assert s.get(Project, gone).code is None


def test_merging_companies_moves_projects_contacts_and_lists(db) -> None:
    with db.session() as s:
        kept = _investor(s, "比亚迪股份有限公司")
        gone = _investor(s, "比亚迪股份公司", uscc="91440300192317458F")
        child = _investor(s, "比亚迪汽车工业有限公司", parent_id=gone)
        project = projects.create_project(s, name="新能源电池项目", company_id=gone).id
        companies.add_contact(s, company_id=gone, name="王芳", phone="13800138000")
        companies.add_company_tag(s, company_id=kept, tag="fortune_global_500", edition_year=2025)
        companies.add_company_tag(s, company_id=gone, tag="fortune_global_500", edition_year=2025)
        companies.add_company_tag(s, company_id=gone, tag="listed")
        plan = plan_company_merge(s, survivor_id=kept, loser_id=gone)
        assert plan.count("company_tag") == 1 and plan.count("company_tag_repeated") == 1
        merge_companies(s, survivor_id=kept, loser_id=gone, plan=plan)
    with db.session() as s:
        survivor, loser = s.get(Company, kept), s.get(Company, gone)
        assert (loser.merged_into_id, loser.uscc, survivor.uscc) == (
            kept,
            None,
            "91440300192317458F",
        )
        assert s.get(Project, project).company_id == kept
        assert s.get(Company, child).parent_id == kept
        assert s.scalar(select(Contact.company_id).where(Contact.name == "王芳")) == kept
        live_tags = s.scalars(
            select(CompanyTag.tag).where(
                CompanyTag.company_id == kept, CompanyTag.deleted_at.is_(None)
            )
        ).all()
        assert sorted(live_tags) == ["fortune_global_500", "listed"]
