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
