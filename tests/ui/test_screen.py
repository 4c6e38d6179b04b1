"""The Screen base: soft delete after a confirmation, undo of the last delete."""

from __future__ import annotations

from typing import Any

from crm.services import companies
from ui.screen import Screen


def _company(ctx: Any, name: str) -> str:
    with ctx.db.session() as s:
        return companies.create_company(s, name=name).id


def _alive(ctx: Any, company_id: str) -> bool:
    from crm.models import Company

    with ctx.db.session() as s:
        return s.get(Company, company_id).deleted_at is None


def test_soft_delete_asks_then_undo_restores_once(qtbot: Any, ctx: Any, answers: Any) -> None:
    screen = Screen(ctx)
    qtbot.addWidget(screen)
    company_id = _company(ctx, "南宁测试企业")

    deleted: list[bool] = []
    restored: list[str] = []

    def delete() -> bool:
        deleted.clear()
        screen.soft_delete(
            company_id, "删除企业", "删除选中的企业？",
            delete=companies.delete_company, restore=companies.restore_company,
            on_deleted=lambda: deleted.append(True), on_restored=restored.append,
        )  # fmt: skip
        return bool(deleted)

    def undo() -> str | None:
        restored.clear()
        screen.undo()  # the window's undo stack: Ctrl+Z
        return restored[0] if restored else None

    answers["confirm"] = False
    assert not delete() and _alive(ctx, company_id)
    assert undo() is None
    answers["confirm"] = True
    screen.soft_delete(
        None, "t", "q", delete=companies.delete_company, restore=companies.restore_company,
        on_deleted=lambda: deleted.append(True),
    )  # fmt: skip
    assert not deleted
    assert delete() and not _alive(ctx, company_id)
    assert undo() == company_id and _alive(ctx, company_id)
    assert undo() is None  # only the last delete, only once
    assert answers["infos"] == ["没有可撤销的操作。"] * 2  # the refused delete, and the second undo
    ctx.undo_stack.redo()  # Ctrl+Shift+Z deletes it again
    assert not _alive(ctx, company_id)
    assert answers["errors"] == []


def test_failed_delete_is_not_remembered(qtbot: Any, ctx: Any, answers: Any) -> None:
    screen = Screen(ctx)
    qtbot.addWidget(screen)
    deleted: list[bool] = []
    screen.soft_delete(
        "no-such-id", "删除企业", "删除选中的企业？",
        delete=companies.delete_company, restore=companies.restore_company,
        on_deleted=lambda: deleted.append(True),
    )  # fmt: skip
    assert not deleted and len(answers["errors"]) == 1
    assert not ctx.undo_stack.canUndo()
