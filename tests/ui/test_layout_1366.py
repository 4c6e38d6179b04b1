"""The window on a 1366×768 laptop: what a user needs is in view without scrolling, and
View → Reset layout brings the default back after the user changed it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget

from crm.queries.project_board import BOARD_STAGES
from ui.i18n import install_translations
from ui.main_window import MainWindow
from ui.qsettings import app_settings
from ui.screens import SCREENS

LAPTOP = (1366, 768)
#: Columns a user of the projects list must see without scrolling sideways.
MUST_SEE = ("name", "stage", "planned_investment", "team")


@pytest.fixture(params=["zh", "en"])
def language(request: pytest.FixtureRequest, qapp: Any) -> Iterator[str]:
    install_translations(qapp, request.param)
    yield request.param
    install_translations(qapp, "zh")


def _window(qtbot: Any, db: Any, language: str) -> MainWindow:
    window = MainWindow(db, language=language, start_screen="projects")
    qtbot.addWidget(window)
    window.resize(*LAPTOP)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.search_index_ready, timeout=10_000)
    return window


@pytest.fixture
def laptop(qtbot: Any, sqlite_db: Any, answers: Any, language: str) -> MainWindow:
    return _window(qtbot, sqlite_db, language)


def _inside(widget: QWidget, area: QWidget) -> bool:
    """The whole widget lies within `area` (both shown)."""
    top_left = widget.mapTo(area, QPoint(0, 0))
    return area.rect().contains(QRect(top_left, widget.size()))


def test_every_screen_fits_the_laptop_screen(laptop: MainWindow) -> None:
    for info in SCREENS:
        laptop.show_screen(info.screen_id)
        hint = laptop.minimumSizeHint()
        assert hint.width() <= LAPTOP[0] and hint.height() <= LAPTOP[1], info.screen_id
        assert laptop.width() == LAPTOP[0], info.screen_id  # nothing pushed the window wider


def test_a_drill_down_condition_does_not_widen_the_window(laptop: MainWindow) -> None:
    from crm.queries.project_filter import ProjectFilter

    screen = laptop.show_screen("projects")
    funds = "funds:2026-01-01:2026-11-20"  # the longest figure name
    screen.filter_bar.set_filter(ProjectFilter(figure=funds))
    assert screen.filter_bar.figure_chip.isVisible()
    assert laptop.minimumSizeHint().width() <= LAPTOP[0]
    assert laptop.width() == LAPTOP[0]


def test_stage_amount_and_team_columns_are_in_view(laptop: MainWindow) -> None:
    screen = laptop.show_screen("projects")
    table, header = screen.table, screen.table.horizontalHeader()
    viewport = table.viewport().width()
    for key in MUST_SEE:
        column = screen.model.column_index(key)
        assert not header.isSectionHidden(column), key
        left = header.sectionViewportPosition(column)
        assert left >= 0 and left + header.sectionSize(column) <= viewport, key
        # Wide enough for its header text (no elided title without a tooltip).
        title = screen.model.headerData(column, header.orientation())
        assert header.sectionSize(column) > header.fontMetrics().horizontalAdvance(title), key
    # And every stage's name fits the stage column whole.
    from crm.codes import Stage

    stage_width = header.sectionSize(screen.model.column_index("stage"))
    for stage in Stage:
        assert table.fontMetrics().horizontalAdvance(stage.label(laptop.ctx.language)) < (
            stage_width - 4
        )


def test_detail_tabs_all_show_without_scroll_arrows(laptop: MainWindow) -> None:
    detail = laptop.show_screen("projects").detail
    assert detail.width() < 400  # the panel is narrow at this size: the tabs had to wrap
    strip = detail.tab_strip
    assert len(strip.buttons) == detail.tabs.count() == 6
    assert not detail.tabs.tabBar().isVisible()  # Qt's own bar (with its arrows) is hidden
    for index, button in enumerate(strip.buttons):
        assert button.isVisible() and _inside(button, detail), button.text()
        assert button.text() == detail.tabs.tabText(index)
        assert button.width() >= button.sizeHint().width()  # its title whole
    strip.buttons[3].click()
    assert detail.tabs.currentIndex() == 3
    detail.tabs.setCurrentIndex(5)
    assert strip.buttons[5].isChecked()


def test_company_detail_tabs_all_show(laptop: MainWindow) -> None:
    from ui.layouts import TabStrip

    detail = laptop.show_screen("companies").detail
    panel = detail.parentWidget()
    strip = panel.findChild(TabStrip)
    assert not detail.tabBar().isVisible() and len(strip.buttons) == detail.count()
    for button in strip.buttons:
        assert button.isVisible() and _inside(button, panel), button.text()


def test_board_shows_every_stage_column(laptop: MainWindow, qtbot: Any) -> None:
    screen = laptop.show_screen("projects")
    screen.set_mode(1)
    qtbot.waitUntil(lambda: screen.board_task is not None and screen.board_task.done)
    viewport = screen.board.findChild(QWidget, "qt_scrollarea_viewport")
    for stage in BOARD_STAGES:
        column = screen.board.list_for(stage).parentWidget()
        assert column.isVisible() and _inside(column, viewport), stage
    # The detail panel stays beside the board.
    assert screen.detail.isVisible() and screen.detail.width() > 200


def test_reset_layout_restores_the_default_columns(
    qtbot: Any, sqlite_db: Any, answers: Any, language: str
) -> None:
    window = _window(qtbot, sqlite_db, language)
    screen = window.show_screen("projects")
    header = screen.table.horizontalHeader()
    team, stage = screen.model.column_index("team"), screen.model.column_index("stage")
    default_width = header.sectionSize(team)
    visible = [i for i in range(header.count()) if not header.isSectionHidden(i)]
    order = [header.logicalIndex(v) for v in range(header.count())]
    header.setSectionHidden(team, True)
    header.moveSection(header.visualIndex(stage), header.count() - 1)
    screen.splitter.setSizes([0, 900, 100])
    window.save_state()
    assert app_settings().value("projects/header") is not None
    window.close()

    again = _window(qtbot, sqlite_db, language)  # the user's layout came back …
    screen = again.show_screen("projects")
    header = screen.table.horizontalHeader()
    assert header.isSectionHidden(team)
    assert screen.splitter.sizes()[0] == 0  # the views list stays folded away
    screen.set_mode(1)  # the board has splitter sizes of its own …
    assert screen.splitter.sizes()[0] == 0 and screen.detail.width() > 200
    screen.set_mode(0)  # … and the table's come back
    assert screen.splitter.sizes()[0] == 0
    again.reset_layout()  # … and View → Reset layout undoes it
    assert [i for i in range(header.count()) if not header.isSectionHidden(i)] == visible
    assert [header.logicalIndex(v) for v in range(header.count())] == order
    assert header.sectionSize(team) == default_width
    assert screen.splitter.sizes()[0] > 0 and screen.detail.width() > 200
    assert app_settings().value("projects/header") is None
    action = again.act_reset_layout
    assert action.text() == ("重置布局" if language == "zh" else "Reset layout")


def test_a_board_card_shows_a_long_name_whole_on_two_lines(qapp: Any) -> None:
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QApplication

    from ui.projects.board import card_text

    metrics = QFontMetrics(QApplication.font())
    name = "盈泽新能源汽车零部件生产基地项目"  # 16 characters
    width = metrics.horizontalAdvance(name[:9])  # a narrow column holds nine
    lines = card_text([name, "盈泽集团股份有限公司", "27,000"], metrics, width).split("\n")
    assert lines[0] + lines[1] == name  # whole, on two lines
    assert lines[2].endswith("…") and lines[2].startswith("盈泽集团")  # the company is cut
    assert lines[3] == "27,000"  # the amount never is
    assert all(metrics.horizontalAdvance(line) <= width for line in lines)
    # A name that fits stays on one line.
    assert card_text(["短名称", "27,000"], metrics, width) == "短名称\n27,000"


def test_reset_layout_restores_a_list_screens_widths(laptop: MainWindow) -> None:
    screen = laptop.show_screen("companies")
    name = screen.model.column_index("name")
    default = screen.table.columnWidth(name)
    screen.table.setColumnWidth(name, default + 150)
    laptop.save_state()
    assert app_settings().value("companies/column_widths")
    laptop.reset_layout()
    assert screen.table.columnWidth(name) == default
    assert app_settings().value("companies/column_widths") is None


def test_the_brief_preview_does_not_widen_the_window(
    qtbot: Any, sqlite_db: Any, answers: Any, language: str
) -> None:
    """The pages and the signed rows beside them (long industry names) stay within 1366."""
    from crm.periods import parse_period
    from tests.core.test_stats_data import build_small_world

    with sqlite_db.session() as session:
        build_small_world(session)
    laptop = _window(qtbot, sqlite_db, language)
    screen = laptop.show_screen("briefs")
    with qtbot.waitSignal(screen.preview_ready, timeout=30_000):
        screen.set_choice(parse_period("2026-Q1"))
        screen.build()
    qtbot.wait(50)  # the pages and the rows are laid out
    assert screen.rows_panel.table.rowCount() > 3  # the rows are shown beside the pages
    assert laptop.minimumSizeHint().width() <= LAPTOP[0]
    assert laptop.width() == LAPTOP[0]
    for part in (screen.preview_stack, screen.rows_panel, screen.status):
        assert _inside(part, laptop), type(part).__name__
    table = screen.rows_panel.table
    assert not table.horizontalScrollBar().isVisible()  # 签约额 in view without scrolling


def test_detail_timeline_and_history_fit_the_panel(
    laptop: MainWindow, tmp_path: Any, qtbot: Any
) -> None:
    """Long comments and a bulk-imported record wrap inside the narrow panel: no sideways
    scrolling; who recorded a step or made a change is in the row's tooltip."""
    from datetime import date

    from crm.services.stages import move_stage
    from tests.ui.test_change_log_bulk import _import

    project_id = _import(laptop.ctx.db, tmp_path)
    comment = "首笔资金已汇入监管账户，项目用地已摘牌，施工许可证正在办理，预计年内开工"
    with laptop.ctx.db.session() as s:
        move_stage(s, project_id, to_stage="funded", on=date(2026, 4, 1), comment=comment)
    screen = laptop.show_screen("projects")
    screen.refresh()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=10_000)
    screen.select_id(project_id)
    detail = screen.detail
    qtbot.waitUntil(lambda: detail.history.rowCount() > 0, timeout=10_000)
    for index, table in ((1, detail.timeline), (5, detail.history)):
        detail.tabs.setCurrentIndex(index)
        qtbot.wait(50)
        assert table.rowCount() > 0
        assert not table.horizontalScrollBar().isVisible()
        header = table.horizontalHeader()
        shown = [c for c in range(table.columnCount()) if not header.isSectionHidden(c)]
        used = sum(header.sectionSize(c) for c in shown)
        assert used <= table.viewport().width()
        for column in shown:  # every title whole
            title = table.horizontalHeaderItem(column).text()
            assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(title)
    timeline = detail.timeline
    row = next(r for r in range(timeline.rowCount()) if timeline.item(r, 4).text() == comment)
    tip = timeline.item(row, 0).toolTip().split("\n")
    folded = [timeline.horizontalHeaderItem(c).text() for c in (2, 5, 6)]  # type, by, at
    assert [line.split(": ")[0] for line in tip[1:]] == folded
    assert timeline.item(row, 4).toolTip().split("\n")[0] == comment  # the whole comment
    assert timeline.rowHeight(row) > timeline.rowHeight(0)  # it wrapped onto more lines
