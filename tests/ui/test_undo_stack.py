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
