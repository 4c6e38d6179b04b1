"""The projects list, board and detail queries: filters combine, sorting in SQL, pages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from crm.queries.project_board import BOARD_STAGES, board
from crm.queries.project_choices import company_choices, project_choices
from crm.queries.project_detail import project_detail
from crm.queries.project_filter import ProjectFilter
from crm.queries.project_list import COL, SORT_KEYS, ProjectQuery, fetch_project_rows, total_count
from crm.queries.stalled_views import (
    STALLED_ANY,
    STALLED_NO_ACTIVITY,
    STALLED_SIGNED_NOT_STARTED,
    StalledRule,
)
from crm.services import activities, companies, funds, problems, stages, teams
from crm.services import projects as project_service
from crm.stalled import StalledRules

TODAY = date(2026, 6, 30)


@pytest.fixture
def sample(db):
    """Four projects: a 500强 investor from Shenzhen, a signed-but-stalled one, a dropped one."""
    ids: dict[str, str] = {}
    with db.session() as s:
        team = teams.create_team(s, name="驻深圳招商工作队").id
        big = companies.create_company(
            s, name="深圳比亚迪股份有限公司", hq_region_code="440300", industry_code="36"
        ).id
        companies.add_company_tag(s, company_id=big, tag="fortune_global_500", edition_year=2025)
        small = companies.create_company(s, name="上海小微科技有限公司", hq_region_code="310000").id
        ids["ev"] = project_service.create_project(
            s,
            name="新能源汽车零部件项目",
            company_id=big,
            planned_investment=Decimal(500000),
            team_id=team,
            responsible_person="张三",
        ).id
        ids["chip"] = project_service.create_project(
            s,
            name="芯片封装测试项目",
            company_id=small,
            planned_investment=Decimal(8000),
            industry_code="39",
        ).id
        ids["food"] = project_service.create_project(
            s, name="预制菜生产基地", planned_investment=Decimal(20000), is_major=True
        ).id
        ids["gone"] = project_service.create_project(s, name="已终止项目").id
        stages.move_stage(s, ids["ev"], to_stage="negotiating", on=date(2025, 1, 5), today=TODAY)
        stages.move_stage(s, ids["ev"], to_stage="signed", on=date(2025, 2, 1), today=TODAY)
        funds.record_funds(
            s,
            project_id=ids["ev"],
            received_on=date(2025, 3, 1),
            amount=Decimal("1234.5"),
            today=TODAY,
        )
        stages.move_stage(s, ids["chip"], to_stage="negotiating", on=date(2025, 1, 1), today=TODAY)
        stages.move_stage(
            s, ids["gone"], to_stage="dropped", on=date(2025, 5, 1), reason="撤资", today=TODAY
        )
        problems.raise_problem(
            s,
            project_id=ids["chip"],
            category="land",
            description="用地指标不足",
            raised_on=date(2026, 1, 1),
            due_on=date(2026, 3, 1),
            today=TODAY,
        )
        activities.log_activity(
            s, occurred_on=date(2026, 6, 20), kind="visit", project_id=ids["food"]
        )
    return ids


def _ids(db, f: ProjectFilter, **kw) -> list[str]:
    with db.session() as s:
        return ProjectQuery(f, today=TODAY).ids(s, **kw)


def test_filters_combine(db, sample) -> None:
    F = ProjectFilter
    assert set(_ids(db, F())) == set(sample.values())
    assert _ids(db, F(stages=("signed", "funded"))) == [sample["ev"]]
    assert _ids(db, F(industry_code="C", stages=("negotiating",))) == [sample["chip"]]
    assert _ids(db, F(region_group="gba")) == [sample["ev"]]
    assert _ids(db, F(source_province="310000")) == [sample["chip"]]
    assert _ids(db, F(tags=("fortune_global_500",))) == [sample["ev"]]
    assert _ids(db, F(amount_min=Decimal(10000), amount_max=Decimal(30000))) == [sample["food"]]
    assert _ids(db, F(date_field="signed_on", date_from=date(2025, 1, 1))) == [sample["ev"]]
    assert _ids(db, F(text="xpfz")) == [sample["chip"]]
    assert _ids(db, F(text="比亚迪")) == [sample["ev"]]
    assert _ids(db, F(is_major=True)) == [sample["food"]]
    rule = StalledRule(today=TODAY)
    assert _ids(db, F(overdue_problems=True, stalled_rule=rule)) == [sample["chip"]]
    assert _ids(db, F(text="xpfz", stages=("lead",))) == []


def test_stalled_views(db, sample) -> None:
    rule = StalledRule(StalledRules(signed_not_started=180, no_update=30), today=TODAY)
    stalled = ProjectFilter(stalled=STALLED_SIGNED_NOT_STARTED, stalled_rule=rule)
    assert _ids(db, stalled) == [sample["ev"]]
    quiet = set(_ids(db, ProjectFilter(stalled=STALLED_NO_ACTIVITY, stalled_rule=rule)))
    assert quiet == {sample["ev"], sample["chip"]}
    assert set(_ids(db, ProjectFilter(stalled=STALLED_ANY, stalled_rule=rule))) == quiet


def test_sorting_in_sql(db, sample) -> None:
    by_amount = _ids(db, ProjectFilter(), sort="planned_investment", descending=True)
    assert by_amount[:3] == [sample["ev"], sample["food"], sample["chip"]]
    by_stage = _ids(db, ProjectFilter(), sort="stage")
    assert by_stage[-1] == sample["gone"]
    for key in SORT_KEYS:
        assert len(_ids(db, ProjectFilter(), sort=key)) == 4


def test_rows_are_fetched_per_page_with_sums(db, sample) -> None:
    with db.session() as s:
        rows = {r[0]: r for r in fetch_project_rows(s, list(sample.values()), today=TODAY)}
    ev = rows[sample["ev"]]
    assert ev[COL["company"]] == "深圳比亚迪股份有限公司"
    assert ev[COL["stage"]] == "funded"
    assert ev[COL["funds_in_place"]] == Decimal("1234.5")
    assert ev[COL["planned_investment"]] == Decimal(500000)
    assert "世界500强" in ev[COL["tags"]]
    assert ev[COL["source_place"]] == "深圳市"
    assert rows[sample["chip"]][COL["open_problems"]] == 1
    assert rows[sample["chip"]][COL["days_in_stage"]] == (TODAY - date(2025, 1, 1)).days


def test_board_counts_sums_and_caps_cards(db, sample) -> None:
    with db.session() as s:
        columns = {c.stage: c for c in board(s, ProjectFilter(), per_column=1)}
    assert [c for c in BOARD_STAGES] == list(columns)
    assert columns["lead"].count == 1
    assert columns["funded"].planned_total == Decimal(500000)
    assert columns["dropped"].cards[0].id == sample["gone"]
    assert sum(c.count for c in columns.values()) == 4


def test_detail_has_timeline_funds_problems_history(db, sample) -> None:
    with db.session() as s:
        detail = project_detail(s, sample["ev"], today=TODAY)
        assert project_detail(s, "missing") is None
    assert detail is not None
    assert [e.stage for e in detail.timeline] == ["lead", "negotiating", "signed", "funded"]
    assert detail.funds_total == Decimal("1234.5")
    assert detail.history and detail.history[0].changed_by == "tester"
    with db.session() as s:
        chip = project_detail(s, sample["chip"])
    assert chip is not None and chip.problems[0].description == "用地指标不足"


def test_deleted_projects_are_hidden(db, sample) -> None:
    with db.session() as s:
        project_service.delete_project(s, sample["food"])
    assert sample["food"] not in _ids(db, ProjectFilter())
    with db.session() as s:
        assert total_count(s) == 3


def test_filter_round_trips_through_dict() -> None:
    f = ProjectFilter(
        text="abc",
        stages=("lead",),
        date_field="signed_on",
        date_from=date(2025, 1, 1),
        amount_min=Decimal("1.5"),
        overdue_problems=True,
    )
    assert ProjectFilter.from_dict(f.to_dict()) == f


def test_choices_and_company_picker(db, sample) -> None:
    with db.session() as s:
        choices = project_choices(s, "zh")
        assert ("gba", "粤港澳大湾区") in choices.region_groups
        assert any(name == "驻深圳招商工作队" for _id, name in choices.teams)
        assert [name for _id, name in company_choices(s, "byd")] == ["深圳比亚迪股份有限公司"]
