"""Drill-down: a dashboard figure (or a team's row) opens the projects list on exactly the
projects it counts, with the condition shown and removable (small world of test_stats_data;
this year to date: P1, P2, P3 and P7 signed in 2026)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from test_stats_data import build_small_world

from crm.stats import dashboard_figures


@pytest.fixture
def window(qtbot: Any, sqlite_db: Any, answers: Any) -> Any:
    from ui.main_window import MainWindow

    with sqlite_db.session() as session:
        build_small_world(session)
    win = MainWindow(sqlite_db, start_screen="dashboard")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def listed(qtbot: Any, window: Any) -> int:
    screen = window.current_screen()
    assert screen.screen_id == "projects"
    qtbot.waitUntil(lambda: screen.record_count() >= 0, timeout=10_000)
    return screen.record_count()


def test_a_card_opens_the_projects_it_counts(qtbot: Any, window: Any) -> None:
    dashboard = window.screen("dashboard")
    qtbot.waitUntil(lambda: dashboard.data is not None, timeout=10_000)
    with window.ctx.db.session() as s:
        expected = dashboard_figures(s, today=date.today()).signed_count.current
    assert expected == 4
    qtbot.mouseClick(dashboard.cards["signed_count"].value, Qt.MouseButton.LeftButton)
    assert listed(qtbot, window) == expected
    bar = window.current_screen().filter_bar
    assert bar.figure_chip.isVisible()
    assert bar.figure_chip.text().startswith(f"新签约项目 {date.today().year}-01-01 至 ")
    # The chip removes the condition: every project again (P1–P8, P4 deleted: 7).
    qtbot.mouseClick(bar.figure_chip, Qt.MouseButton.LeftButton)
    assert not bar.figure_chip.isVisible()
    assert listed(qtbot, window) == 7


def test_a_team_row_opens_its_signed_projects(qtbot: Any, window: Any) -> None:
    dashboard = window.screen("dashboard")
    qtbot.waitUntil(lambda: dashboard.data is not None, timeout=10_000)
    teams = dashboard.data.figures.top_teams
    assert [t.name for t in teams] == ["南宁市驻深圳招商工作队"]  # the one with a target
    dashboard.teams.cellDoubleClicked.emit(0, 0)
    assert listed(qtbot, window) == teams[0].signed_ytd_count == 2  # P1, P7
    assert window.current_screen().current_filter().team_id == teams[0].team_id


def test_a_brief_row_opens_its_projects(qtbot: Any, window: Any) -> None:
    from crm.periods import parse_period

    briefs = window.show_screen("briefs")
    qtbot.waitUntil(lambda: not briefs.busy, timeout=30_000)
    with qtbot.waitSignal(briefs.preview_ready, timeout=30_000):
        briefs.set_choice(parse_period("2026-Q1"), "bureau")
        briefs.build()
    panel = briefs.rows_panel
    rows = {panel.table.item(r, 0).text(): r for r in range(panel.table.rowCount())}
    assert panel.table.item(0, 1).text() == "3"  # 合计: P1, P2, P7
    assert not panel.open_row(rows["工作队"])  # a group's heading opens nothing
    team_row = rows["南宁市驻深圳招商工作队"]
    assert panel.table.item(team_row, 1).text() == "2"
    panel.table.cellDoubleClicked.emit(team_row, 0)
    assert listed(qtbot, window) == 2
    chip = window.current_screen().filter_bar.figure_chip.text()
    assert chip.startswith("新签约项目 2026-01-01 至 2026-03-31")
    # A row without a key (no team) cannot be listed: nothing happens.
    if "未落实工作队" in rows:
        assert not panel.open_row(rows["未落实工作队"])


def run_analysis_screen(qtbot: Any, window: Any, measure: str, by: str, **filters: str) -> Any:
    from crm.periods import parse_period

    screen = window.show_screen("analysis")
    screen.measure.setCurrentIndex(screen.measure.findData(measure))
    screen.period.set_period(parse_period("2026-Q1"))
    screen.first.setCurrentIndex(screen.first.findData(by))
    screen.second.setCurrentIndex(0)
    for dim, values in filters.items():
        screen.filter_dim.setCurrentIndex(screen.filter_dim.findData(dim))
        screen.filter_values.setText(values)
    task = screen.run()
    qtbot.waitUntil(lambda: task.done, timeout=10_000)  # it may have landed already
    return screen


def test_an_analysis_row_opens_its_projects(qtbot: Any, window: Any) -> None:
    screen = run_analysis_screen(qtbot, window, "signed_count", "team", industry="制造业")
    assert screen.table.item(0, 0).text() == "南宁市驻深圳招商工作队"
    assert screen.table.item(0, 1).text() == "1"  # P1, the only manufacturing signing
    assert screen.open_row(0)
    assert listed(qtbot, window) == 1
    f = window.current_screen().current_filter()
    assert (f.industry_code, f.team_id) == ("C", screen.table_data.attrs["row_keys"][0])


def test_a_month_row_opens_the_projects_funded_that_month(qtbot: Any, window: Any) -> None:
    screen = run_analysis_screen(qtbot, window, "funds", "month")
    assert [screen.table.item(r, 0).text() for r in range(2)] == ["2026-01", "2026-03"]
    assert screen.open_row(1)
    assert listed(qtbot, window) == 2  # P1 (2000) and P2 (500) in March
    chip = window.current_screen().filter_bar.figure_chip.text()
    assert chip.startswith("有到位资金的项目 2026-03-01 至 2026-03-31")


def test_a_brief_list_row_opens_exactly_the_projects_it_counts(qtbot: Any, window: Any) -> None:
    """中国500强 in 2026-Q1: P1 (through its parent 华润集团). P10's investor is on the 2020
    list only, which counts through 2021: the row does not count it, nor may the list."""
    from decimal import Decimal

    from sqlalchemy import select

    from crm.models import Project
    from crm.periods import parse_period
    from crm.services import companies, stages
    from crm.services import projects as project_service

    with window.ctx.db.session() as s:
        old = companies.create_company(s, name="旧榜企业有限公司").id
        companies.add_company_tag(s, company_id=old, tag="china_500", edition_year=2020)
        p10 = project_service.create_project(
            s, name="P10 旧榜项目", company_id=old, planned_investment=Decimal(3000)
        ).id
        stages.move_stage(
            s, p10, to_stage="signed", on=date(2026, 2, 5), skipped={"negotiating": None}
        )
        p1 = s.scalar(select(Project.id).where(Project.name == "P1 新能源电池项目"))
    briefs = window.show_screen("briefs")
    qtbot.waitUntil(lambda: not briefs.busy, timeout=30_000)
    with qtbot.waitSignal(briefs.preview_ready, timeout=30_000):
        briefs.set_choice(parse_period("2026-Q1"), "bureau")
        briefs.build()
    panel = briefs.rows_panel
    rows = {panel.table.item(r, 0).text(): r for r in range(panel.table.rowCount())}
    assert panel.table.item(0, 1).text() == "4"  # 合计: P1, P2, P7, P10
    assert panel.table.item(rows["企业标签"], 1).text() == ""  # a heading
    row = rows["中国500强"]
    assert panel.table.item(row, 1).text() == "1"
    panel.table.cellDoubleClicked.emit(row, 0)
    assert listed(qtbot, window) == 1
    screen = window.current_screen()
    assert screen.model.ids == [p1]
    chip = screen.filter_bar.figure_chip.text()
    assert chip.startswith("新签约项目 2026-01-01 至 2026-03-31 · 中国500强")
