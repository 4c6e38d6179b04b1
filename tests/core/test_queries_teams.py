"""Teams read side: grouping, members over time, target completion, 序时进度, monthly tallies."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from crm.queries.teams import (
    elapsed_percent,
    team_comparison,
    team_list,
    team_members,
    team_progress,
    team_projects,
    team_tallies,
    team_targets,
)
from crm.services import teams as svc
from crm.services.activities import log_activity
from crm.services.companies import create_company
from crm.services.funds import record_funds
from crm.services.projects import create_project, delete_project
from crm.services.stages import move_stage

TODAY = date(2025, 6, 30)


def _signed(s, team_id: str, name: str, amount: int, signed_on: date, company_id=None) -> str:
    pid = create_project(
        s, name=name, team_id=team_id, planned_investment=Decimal(amount),
        company_id=company_id, lead_on=min(date(2025, 1, 10), signed_on),
    ).id  # fmt: skip
    move_stage(
        s, pid, to_stage="signed", on=signed_on, agreement_type="formal",
        skipped={"negotiating": None}, today=TODAY,
    )  # fmt: skip
    return pid


def _seed(s) -> dict[str, str]:
    ids = {
        "sz": svc.create_team(s, name="驻深圳工作队", region_group_code="gba").id,
        "sh": svc.create_team(s, name="驻上海工作队", region_group_code="yrd").id,
        "gone": svc.create_team(s, name="已撤销工作队").id,
    }
    svc.delete_team(s, ids["gone"])
    svc.add_member(
        s, team_id=ids["sz"], person_name="张三", role="leader", from_on=date(2024, 3, 1)
    )
    svc.add_member(
        s, team_id=ids["sz"], person_name="李四", from_on=date(2024, 3, 1), to_on=date(2025, 2, 28)
    )
    svc.set_target(
        s, team_id=ids["sz"], year=2025, signed_investment=Decimal(200000), signed_projects=10,
        funds_in_place=Decimal(50000),
    )  # fmt: skip
    firm = create_company(s, name="深圳某科技有限公司").id
    ids["p1"] = _signed(s, ids["sz"], "新能源项目", 150000, date(2025, 3, 15), firm)
    ids["p2"] = _signed(s, ids["sz"], "电子项目", 5000, date(2025, 5, 20))
    _signed(s, ids["sz"], "去年项目", 80000, date(2024, 11, 1))
    dropped = _signed(s, ids["sz"], "删掉的项目", 90000, date(2025, 4, 1))
    delete_project(s, dropped)
    record_funds(s, project_id=ids["p1"], received_on=date(2025, 4, 10), amount=Decimal(12000))
    record_funds(s, project_id=ids["p1"], received_on=date(2025, 7, 10), amount=Decimal(9000))
    for day, kind in [(3, "visit"), (3, "negotiation"), (9, "visit"), (12, "phone")]:
        log_activity(
            s, occurred_on=date(2025, 3, day), kind=kind, team_id=ids["sz"],
            project_id=ids["p1"], summary="走访",
        )  # fmt: skip
    log_activity(s, occurred_on=date(2025, 4, 2), kind="cloud_meeting", team_id=ids["sz"])
    return ids


def test_list_groups_and_my_team(db) -> None:
    with db.session() as s:
        ids = _seed(s)
        rows = team_list(s, today=TODAY)
        assert [r.name for r in rows] == ["驻深圳工作队", "驻上海工作队"]  # gba before yrd
        assert rows[0].region_group_name == "粤港澳大湾区"
        assert rows[0].active_members == 1
        mine = team_list(s, today=TODAY, my_team_id=ids["sh"])
        assert mine[0].id == ids["sh"]


def test_members_and_targets(db) -> None:
    with db.session() as s:
        ids = _seed(s)
        members = team_members(s, ids["sz"], today=TODAY)
        assert [(m.person_name, m.active) for m in members] == [("张三", True), ("李四", False)]
        targets = team_targets(s, ids["sz"])
        assert targets[0].year == 2025 and targets[0].signed_projects == 10


def test_progress_counts_first_signing_in_year_to_date(db) -> None:
    with db.session() as s:
        ids = _seed(s)
        progress = team_progress(s, ids["sz"], year=2025, today=TODAY)
        invest = progress.measure("signed_investment")
        assert invest.actual == Decimal(155000)
        assert invest.percent == Decimal("77.5")
        assert progress.measure("signed_projects").actual == 2
        assert progress.measure("projects_over_100m").actual == 1
        assert progress.measure("projects_over_100m").percent is None  # no target set
        funds = progress.measure("funds_in_place")
        assert funds.actual == Decimal(12000)  # the July entry is after "today"
        assert progress.elapsed_percent == 50  # the end of June is exactly half the year
        assert invest.ahead_points == invest.percent - progress.elapsed_percent
        assert funds.ahead_points is not None and funds.ahead_points < 0
        full_year = team_progress(s, ids["sz"], year=2025, today=date(2026, 1, 5))
        assert full_year.measure("funds_in_place").actual == Decimal(21000)
        assert full_year.elapsed_percent == 100


def test_elapsed_percent_bounds() -> None:
    assert elapsed_percent(2025, date(2024, 12, 31)) == 0
    assert elapsed_percent(2024, date(2024, 12, 31)) == 100
    assert elapsed_percent(2024, date(2024, 6, 29)) == Decimal(181) * 100 / Decimal(366)


def test_tallies_and_comparison(db) -> None:
    with db.session() as s:
        ids = _seed(s)
        months = team_tallies(s, ids["sz"], year=2025)
        assert len(months) == 12
        march, april = months[2], months[3]
        assert march.companies_visited == 1  # two visits, one firm
        assert march.negotiations == 1
        assert march.days_out == 2  # 3rd and 9th; the phone call is not a day out
        assert april.negotiations == 1  # cloud meeting
        assert months[0].new_leads == 2  # last year's lead and the deleted one do not count
        rows = {r.team_id: r for r in team_comparison(s, year=2025, today=TODAY)}
        assert rows[ids["sz"]].signed_projects == 2
        assert rows[ids["sz"]].investment_percent == Decimal("77.5")
        assert rows[ids["sz"]].days_out == 2
        assert rows[ids["sh"]].signed_projects == 0 and rows[ids["sh"]].investment_percent is None
        projects = team_projects(s, ids["sz"])
        assert {p.name for p in projects} == {"新能源项目", "电子项目", "去年项目"}
        assert next(p for p in projects if p.id == ids["p1"]).funds_in_place == Decimal(21000)


@pytest.mark.parametrize("year", [2025])
def test_empty_team_progress(db, year: int) -> None:
    with db.session() as s:
        team = svc.create_team(s, name="空队").id
        progress = team_progress(s, team, year=year, today=TODAY)
        assert all(m.actual == 0 and m.percent is None for m in progress.measures)
        assert team_tallies(s, team, year=year)[5].days_out == 0


def test_progress_agrees_with_brief_statistics(sqlite_db) -> None:
    """The teams screen and the briefs/dashboard must print the same completion figures."""
    from crm.demo.generate import generate_demo
    from crm.stats import dashboard_figures

    today = date(2026, 9, 15)
    generate_demo(sqlite_db, scale="tiny", today=today)
    with sqlite_db.session() as s:
        stats_rows = dashboard_figures(s, today=today, top_teams=1000).top_teams
        assert stats_rows
        for row in stats_rows:
            mine = team_progress(s, row.team_id, year=2026, today=today)
            assert mine.measure("signed_investment").actual == row.signed_ytd_investment
            assert mine.measure("signed_investment").percent == row.completion_pct
            assert mine.measure("signed_projects").actual == row.signed_ytd_count
            assert mine.measure("funds_in_place").actual == row.funds_ytd
            assert mine.measure("projects_over_100m").actual == row.over_100m_ytd
            assert mine.measure("signed_investment").ahead_points == row.ahead_points
