"""The main window: opens on an empty database and on demo data, shortcuts, remembering."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from crm.models import Project
from ui import dialogs
from ui.main_window import MainWindow
from ui.qsettings import app_settings
from ui.screens import SCREENS, PlaceholderScreen


@pytest.fixture
def window(qtbot: Any, sqlite_db: Any, answers: Any) -> MainWindow:
    win = MainWindow(sqlite_db, start_screen="projects")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.search_index_ready, timeout=10_000)
    return win


def test_opens_on_an_empty_database_and_every_screen_builds(window: MainWindow) -> None:
    assert window.current_screen().screen_id == "projects"
    assert _project_count(window) == 0
    assert str(window.ctx.db.location) in window.db_label.text()
    for info in SCREENS:
        screen = window.show_screen(info.screen_id)
        assert screen.screen_id == info.screen_id
        assert window.current_screen() is screen
    # The settings and projects screens are ours and never placeholders.
    assert not isinstance(window.screen("settings"), PlaceholderScreen)


def test_status_bar_counts_only_screens_with_a_record_list(window: MainWindow) -> None:
    window.show_screen("projects")
    assert window.count_label.text() == "共 0 条记录"
    for screen_id in ("dashboard", "briefs", "settings"):
        window.show_screen(screen_id)
        assert window.current_screen().record_count() is None
        assert window.count_label.text() == "", screen_id
    window.show_screen("companies")
    assert window.count_label.text() == "共 0 条记录"


def _project_count(window: MainWindow) -> int:
    from crm.queries.project_list import total_count

    with window.ctx.db.read() as s:
        return total_count(s)


@pytest.mark.async_ops  # waits for the demo task itself
def test_demo_data_loads_off_the_gui_thread_and_the_view_follows(
    qtbot: Any, window: MainWindow
) -> None:
    pytest.importorskip("crm.demo")
    import crm.demo

    def tiny(db: Any, **kw: Any) -> Any:
        kw["scale"] = "tiny"
        return real(db, **kw)

    real = crm.demo.generate_demo
    crm.demo.generate_demo = tiny
    try:
        task = window.load_demo_data(confirmed=True)
        assert task is not None
        with qtbot.waitSignal(task.finished, timeout=60_000):
            pass
    finally:
        crm.demo.generate_demo = real
    projects = window.screen("projects")
    with window.ctx.db.session() as s:
        total = s.query(Project).filter(Project.deleted_at.is_(None)).count()
    assert total > 0
    qtbot.waitUntil(lambda: f"共 {total:,} 条记录" == window.count_label.text(), timeout=10_000)
    assert projects.record_count() == total


def test_keyboard_shortcuts_reach_the_current_screen(
    qtbot: Any, window: MainWindow, sample_projects: Any, answers: Any, monkeypatch: Any
) -> None:
    projects = window.screen("projects")
    projects.refresh()
    assert projects.record_count() == 3
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is projects.filter_bar.search
    projects.select_id(sample_projects["光伏组件项目"])
    projects.table.setFocus()
    qtbot.keyClick(projects.table, Qt.Key.Key_Delete)
    assert projects.record_count() == 2
    qtbot.keyClick(projects.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert projects.record_count() == 3
    opened: list[Any] = []
    monkeypatch.setattr(dialogs, "exec_dialog", lambda d: opened.append(d) or 0)
    qtbot.keyClick(projects.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(projects.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert [type(d).__name__ for d in opened] == ["ProjectForm", "ProjectForm"]
    assert opened[1].name.text() == "光伏组件项目"
    qtbot.keyClick(projects.table, Qt.Key.Key_F5)
    assert projects.record_count() == 3
    assert window.act_delete.shortcut().toString() == "Del"
    assert window.act_new.shortcut().toString() == "Ctrl+N"


def test_navigation_and_last_screen_are_remembered(
    qtbot: Any, window: MainWindow, sqlite_db: Any, crm_home: Any
) -> None:
    window.nav.setCurrentRow(next(i for i, s in enumerate(SCREENS) if s.screen_id == "settings"))
    assert window.current_screen().screen_id == "settings"
    window.close()
    assert (crm_home / "ui-settings.ini").exists()
    assert app_settings().value("window/last_screen") == "settings"
    again = MainWindow(sqlite_db)
    qtbot.addWidget(again)
    qtbot.waitUntil(again.search_index_ready, timeout=10_000)
    assert again.current_screen().screen_id == "settings"


def test_open_and_new_database_files(
    qtbot: Any, window: MainWindow, tmp_path: Any, answers: Any
) -> None:
    answers["confirm"] = False  # no demo data for the new file
    target = tmp_path / "other.sqlite"
    window.new_database_file(str(target))
    qtbot.waitUntil(lambda: window.index_task.done, timeout=10_000)
    assert str(target) in window.db_label.text()
    assert _project_count(window) == 0
    window.open_database_file(str(tmp_path / "missing.sqlite"))
    assert str(target) in window.db_label.text()  # refused: stays on the open one


def test_placeholder_when_a_screen_module_is_missing(ctx: Any) -> None:
    from ui.screens import ScreenInfo, create_screen

    screen = create_screen(ScreenInfo("nowhere", "ui.does_not_exist", "X"), ctx)
    assert isinstance(screen, PlaceholderScreen)
    assert date.today()  # keeps the import used


def test_load_demo_data_is_offered_only_for_an_empty_database(
    qtbot: Any, window: MainWindow, answers: Any
) -> None:
    """Finding 25: 加载演示数据… stayed enabled on a database with projects (crm.demo then
    refuses)."""
    pytest.importorskip("crm.demo")
    window.update_demo_action()
    assert window.act_demo.isEnabled()
    from crm.services import projects

    with window.ctx.db.session() as s:
        projects.create_project(s, name="东盟跨境物流园")
    window.ctx.bus.announce({"project"})
    assert not window.act_demo.isEnabled()
    assert window.act_demo.toolTip() == "演示数据只能加入空数据库；当前数据库已有数据。"
