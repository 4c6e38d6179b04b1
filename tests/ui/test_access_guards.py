"""The window disables what the signed-in person may not do, with the reason as a tooltip: a
viewer's write buttons and actions, a member's on another team's project; only a manager signs
off a brief (签发 on the Briefs screen)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))

from test_stats_data import build_small_world
from windows import open_window

from crm.access import SYSTEM
from crm.accounts import sign_in
from crm.models import BriefSignoff
from crm.periods import parse_period

READ_ONLY = "只读账户不能修改数据。"
OTHER_TEAM = "只能修改本工作队的记录。"
#: screen id → the write buttons a viewer finds disabled.
VIEWER_BUTTONS = {
    "projects": ("new_button", "edit_button", "stage_button", "funds_button", "delete_button",
                 "merge_button"),
    "companies": ("new_button", "merge_button"),
    "activities": ("new_button",),
    "problems": ("new_button",),
    "teams": ("new_button",),
}  # fmt: skip


def _project_id(db: Any, name: str) -> str:
    from crm.models import Project

    with db.read() as s:
        return s.scalar(select(Project.id).where(Project.name == name))


def test_a_viewer_finds_every_write_disabled(qtbot: Any, shared: Any, answers: dict) -> None:
    sign_in(shared, "kan", "kan-secret-1")
    window = open_window(qtbot, shared)
    for action in (window.act_new, window.act_edit, window.act_delete, window.act_import):
        assert not action.isEnabled()
    assert window.act_new.toolTip() == READ_ONLY
    for screen_id, names in VIEWER_BUTTONS.items():
        screen = window.show_screen(screen_id)
        for name in names:
            button = getattr(screen, name)
            assert not button.isEnabled(), (screen_id, name)
            assert button.toolTip() == READ_ONLY, (screen_id, name)
        button.setEnabled(True)  # a screen's own enabling cannot undo the rule
        assert not button.isEnabled()
    briefs = window.show_screen("briefs")
    assert not briefs.sign_button.isEnabled()
    assert briefs.sign_button.toolTip() == "用户“小看”（只读用户）无权签发简报。"
    settings = window.show_screen("settings")
    assert not settings.save_button.isEnabled()


def test_a_member_may_edit_their_own_teams_project_only(
    qtbot: Any, shared: Any, answers: dict
) -> None:
    sign_in(shared, "zhang", "zhang-secret-1")
    window = open_window(qtbot, shared)
    screen = window.show_screen("projects")
    assert window.act_new.isEnabled() and screen.new_button.isEnabled()
    assert not screen.merge_button.isEnabled()  # merging is the bureau's

    other = _project_id(shared, "上海芯片项目")
    screen.show_detail(other)
    qtbot.waitUntil(lambda: screen.detail.detail is not None and screen.detail.detail.id == other)
    for name in ("edit_button", "stage_button", "funds_button", "delete_button"):
        assert not getattr(screen, name).isEnabled(), name
        assert getattr(screen, name).toolTip() == OTHER_TEAM
    assert not screen.detail.log_button.isEnabled()
    assert screen.detail.log_button.toolTip() == OTHER_TEAM

    own = _project_id(shared, "深圳电池项目")
    screen.show_detail(own)
    qtbot.waitUntil(lambda: screen.detail.detail is not None and screen.detail.detail.id == own)
    for name in ("edit_button", "stage_button", "funds_button", "delete_button"):
        assert getattr(screen, name).isEnabled(), name
    assert screen.detail.log_button.isEnabled()
    companies = window.show_screen("companies")
    assert not companies.new_button.isEnabled()  # companies are the bureau's ledger


def test_a_manager_signs_off_the_brief_shown(qtbot: Any, shared: Any, answers: dict) -> None:
    with shared.session(actor=SYSTEM) as s:
        build_small_world(s)
    sign_in(shared, "wang", "wang-secret-1")
    window = open_window(qtbot, shared)
    briefs = window.show_screen("briefs")
    with qtbot.waitSignal(briefs.preview_ready, timeout=30_000):
        briefs.set_choice(parse_period("2026-Q1"), "bureau")
        briefs.build()
    assert briefs.sign_button.isEnabled()
    with qtbot.waitSignal(briefs.preview_ready, timeout=30_000):
        briefs.sign_button.click()
    day = briefs.preview.built.footer.removeprefix("签发：王局长 ")
    assert briefs.preview.built.footer == f"签发：王局长 {day}"
    assert f"已签发：王局长 {day}。" in briefs.status.text()
    with shared.read() as s:
        row = s.scalars(select(BriefSignoff)).one()
        assert (row.login, row.period_code, row.scope_code) == ("wang", "2026-Q1", "bureau")


def test_only_an_administrator_renames_the_site(qtbot: Any, shared: Any, answers: dict) -> None:
    """The site's name tells the bureau's peers apart: a setting of the computer's owner."""
    sign_in(shared, "zhang", "zhang-secret-1")
    window = open_window(qtbot, shared)
    sync = window.show_screen("sync")
    assert not sync.rename_button.isEnabled()
    assert "修改设置" in sync.rename_button.toolTip()


def _shown_window(qtbot: Any, db: Any) -> Any:
    from PySide6.QtWidgets import QApplication

    window = open_window(qtbot, db)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def _select(qtbot: Any, screen: Any, project_id: str) -> None:
    """The user clicks the project's row: the table has the focus, the panel shows it."""
    screen.select_id(project_id)
    screen.table.setFocus()
    qtbot.waitUntil(
        lambda: screen.detail.detail is not None and screen.detail.detail.id == project_id
    )


def test_a_members_keys_and_menu_do_what_the_record_buttons_do(
    qtbot: Any, shared: Any, answers: dict
) -> None:
    """A user test: on another team's project 编辑 was disabled, but Ctrl+E (and 编辑 → 编辑)
    opened the whole form, only 保存 greyed, no reason given."""
    from PySide6.QtCore import Qt

    sign_in(shared, "zhang", "zhang-secret-1")
    window = _shown_window(qtbot, shared)
    screen = window.show_screen("projects")
    qtbot.waitUntil(lambda: screen.model.complete and screen.model.rowCount() == 2)
    # Nothing selected: nothing to edit or delete.
    assert not window.act_edit.isEnabled() and not window.act_delete.isEnabled()

    _select(qtbot, screen, _project_id(shared, "上海芯片项目"))
    for action in (window.act_edit, window.act_delete):
        assert not action.isEnabled(), action.text()
        assert action.toolTip() == OTHER_TEAM, action.text()
    qtbot.keyClick(screen.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(screen.table, Qt.Key.Key_Delete)
    window.act_edit.trigger()  # a disabled action does nothing, from wherever
    # A double click, or a call that bypasses the buttons, meets the same rule: the reason
    # shows in the status bar.
    for hook in ("edit_current", "delete_current", "move_current", "record_funds_current"):
        getattr(screen, hook)()
    assert answers["dialogs"] == [] and answers["asked"] == []
    assert window.statusBar().currentMessage() == OTHER_TEAM

    _select(qtbot, screen, _project_id(shared, "深圳电池项目"))
    assert window.act_edit.isEnabled() and window.act_delete.isEnabled()
    assert window.act_edit.toolTip() == "编辑"
    qtbot.keyClick(screen.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert answers["dialogs"] == ["ProjectForm"]

    # Back to no selection: the menu's 编辑 / 删除 wait for a row again.
    screen.select_id(None)
    screen.show_detail(None)
    assert not window.act_edit.isEnabled() and not window.act_delete.isEnabled()


def test_edit_and_delete_wait_for_a_row_on_every_list(
    qtbot: Any, shared: Any, answers: dict
) -> None:
    from crm.services import companies

    sign_in(shared, "boss", "boss-secret-1")
    window = _shown_window(qtbot, shared)
    for screen_id in ("companies", "activities", "problems", "requests", "dashboard"):
        window.show_screen(screen_id)  # empty lists (no company yet)
        assert not window.act_edit.isEnabled(), screen_id
        assert not window.act_delete.isEnabled(), screen_id
    with shared.session(actor=SYSTEM) as s:
        companies.create_company(s, name="比亚迪股份有限公司")
    companies_screen = window.show_screen("companies")
    companies_screen.refresh()
    # The companies list shows its first company at once: there is one to edit.
    qtbot.waitUntil(lambda: companies_screen.current_id() is not None)
    assert window.act_edit.isEnabled() and window.act_delete.isEnabled()
    window.show_screen("projects")  # nothing selected there
    assert not window.act_edit.isEnabled() and not window.act_delete.isEnabled()


def test_a_member_finds_edit_and_delete_of_a_company_disabled_with_the_reason(
    qtbot: Any, shared: Any, answers: dict
) -> None:
    from crm import access
    from crm.services import companies

    with shared.session(actor=SYSTEM) as s:
        companies.create_company(s, name="比亚迪股份有限公司")
    sign_in(shared, "zhang", "zhang-secret-1")
    window = _shown_window(qtbot, shared)
    screen = window.show_screen("companies")
    qtbot.waitUntil(lambda: screen.current_id() is not None)
    reason = access.may_write(shared.access_actor(), "company", ()).reason_zh
    assert reason  # companies are the bureau's ledger
    for action in (window.act_edit, window.act_delete):
        assert not action.isEnabled() and action.toolTip() == reason
    assert screen.detail.edit_button.toolTip() == reason  # what the panel's 编辑 says
