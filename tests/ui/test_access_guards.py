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
