"""The navigation bar: an icon per screen, overdue problems counted beside 问题清单 (the same
filter as the problems screen), icons on the menus, the window icon."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from test_stats_data import build_small_world


def nav_texts(window: Any) -> dict[str, str]:
    nav = window.nav
    return {
        nav.item(r).data(Qt.ItemDataRole.UserRole): nav.item(r).text() for r in range(nav.count())
    }


def test_icons_and_counts(qtbot: Any, sqlite_db: Any, answers: Any) -> None:
    from ui.main_window import MainWindow

    with sqlite_db.session() as session:
        build_small_world(session)  # problems: P1, P2, P5 overdue and open; P7's closed
    window = MainWindow(sqlite_db, start_screen="projects")
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(window.navigation.counts), timeout=10_000)
    texts = nav_texts(window)
    assert texts["problems"] == "问题清单  3"
    assert texts["activities"] == "跟进记录"  # no next step due
    assert texts["projects"] == "项目"
    for row in range(window.nav.count()):
        assert not window.nav.item(row).icon().isNull()
    assert not window.windowIcon().isNull()
    assert not window.act_new.icon().isNull() and not window.act_refresh.icon().isNull()
    from PySide6.QtWidgets import QPushButton

    for screen_id, text in (("projects", "新建项目"), ("problems", "销号"), ("briefs", "保存PDF…")):
        screen = window.show_screen(screen_id)
        buttons = [b for b in screen.findChildren(QPushButton) if b.text() == text]
        assert buttons and not buttons[0].icon().isNull(), text
    # Closing a problem out lowers the count (the bus announces the change).
    from crm.queries.problems import ProblemFilter, problem_ids
    from crm.services import problems

    with sqlite_db.session() as session:
        first = problem_ids(session, ProblemFilter())[0]
        problems.close_problem(session, first, resolution="已解决", resolved_on=date.today())
    window.ctx.bus.announce({"problem"})
    qtbot.waitUntil(lambda: nav_texts(window)["problems"] == "问题清单  2", timeout=10_000)
