"""One undo stack for the window: a delete made on one screen is undone from another with
Edit → Undo, and Edit → Redo makes it again."""

from __future__ import annotations

from typing import Any

from crm.models import Company
from crm.services import companies


def _alive(ctx: Any, company_id: str) -> bool:
    with ctx.db.read() as s:
        return s.get(Company, company_id).deleted_at is None


def test_edit_undo_and_redo_walk_one_stack_across_screens(
    qtbot: Any, sqlite_db: Any, answers: Any
) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(sqlite_db, start_screen="companies")
    qtbot.addWidget(window)
    ctx = window.ctx
    with sqlite_db.session() as s:
        company_id = companies.create_company(s, name="误删企业").id
    company_screen = window.screen("companies")
    company_screen.soft_delete(
        company_id, "删除企业", "删除选中的企业？",
        delete=companies.delete_company, restore=companies.restore_company,
    )  # fmt: skip
    assert not _alive(ctx, company_id)
    assert window.act_undo.isEnabled() and not window.act_redo.isEnabled()
    window.show_screen("projects")
    window.act_undo.trigger()  # Ctrl+Z on another screen: the window's last undoable write
    assert _alive(ctx, company_id)
    assert window.act_redo.isEnabled()
    window.act_redo.trigger()
    assert not _alive(ctx, company_id)
    assert answers["errors"] == []


def _shown_window(qtbot: Any, db: Any) -> Any:
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    window = MainWindow(db, start_screen="projects")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    # As for the user: keys go to the focused widget of the active window.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def test_ctrl_z_right_after_a_delete_undoes_it_with_the_focus_in_the_search_box(
    qtbot: Any, sqlite_db: Any, answers: Any
) -> None:
    """A user test: search, select the one row, Delete, 是, Ctrl+Z at once: the focus had
    landed in the search box, which took Ctrl+Z for its own (empty) text undo."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from crm.services import projects

    with sqlite_db.session() as s:
        projects.create_project(s, name="Alpha光伏项目")
        projects.create_project(s, name="电池项目")
    window = _shown_window(qtbot, sqlite_db)
    screen = window.screen("projects")
    qtbot.waitUntil(lambda: screen.model.complete and screen.model.rowCount() == 2)
    search = screen.filter_bar.search
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(search, "Alpha")
    search.flush()
    qtbot.waitUntil(lambda: screen.model.complete and screen.model.rowCount() == 1)
    column = screen.table.horizontalHeader().logicalIndexAt(10)
    row = screen.table.visualRect(screen.model.index(0, column)).center()
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=row)
    qtbot.waitUntil(screen.delete_button.isEnabled)
    qtbot.keyClick(screen.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: screen.model.complete and screen.model.rowCount() == 0)

    search.setFocus()  # where the focus landed after the confirmation
    qtbot.keyClick(search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: screen.model.complete and screen.model.rowCount() == 1)
    assert search.text() == "Alpha"  # the typing before the delete stays
    assert screen.current_id() == screen.model.id_at(0)

    # Typed after the delete was undone: the search box's own undo is the newer one.
    search.end(False)
    qtbot.keyClicks(search, "X")
    assert window.ctx.undo_stack.canRedo()
    qtbot.keyClick(search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "X" not in search.text()  # (Qt undoes the typing since the focus came, in one go)
    assert QApplication.focusWidget() is search
    assert window.ctx.undo_stack.canRedo()  # the window's stack did not move
    search.flush()  # the list follows the search box before the window closes
    qtbot.waitUntil(lambda: screen.model.complete)
    assert answers["infos"] == [] and answers["errors"] == []
