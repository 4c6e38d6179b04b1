"""What a user test of the roles found in the window: a member's export and backups refused as
on the command line, a member's new lead for their own team, 变更阶段 forward, a readable
操作记录, record buttons waiting for a selection, who is signed in, the 保密线索 mark."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from windows import open_window

from crm.access import SYSTEM
from crm.accounts import sign_in
from crm.models import Project
from crm.services import projects, stages
from crm.services.settings import set_setting

MEMBER_REFUSED_EXPORT = "用户“张三”（工作队队员）无权导出台账。"


def _id(db: Any, name: str) -> str:
    with db.read() as s:
        return s.scalar(select(Project.id).where(Project.name == name))


def _save_to(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    from ui.ledger import export as ledger_export

    monkeypatch.setattr(ledger_export, "choose_xlsx_path", lambda *_a: str(target))


# -- 1. export and backups -------------------------------------------------------------------
def test_a_member_may_not_export_a_view_nor_back_up_or_restore(
    qtbot: Any, shared: Any, answers: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sign_in(shared, "zhang", "zhang-secret-1")
    window = open_window(qtbot, shared)
    screen = window.show_screen("projects")
    assert not window.act_export.isEnabled()
    assert window.act_export.toolTip() == MEMBER_REFUSED_EXPORT
    assert not screen.export_button.isEnabled()
    assert screen.export_button.toolTip() == MEMBER_REFUSED_EXPORT
    for screen_id in ("companies", "activities", "problems", "analysis"):
        button = window.show_screen(screen_id).export_button
        assert not button.isEnabled(), screen_id
        assert button.toolTip() == MEMBER_REFUSED_EXPORT, screen_id
    window.show_screen("projects")
    assert not window.backups.act_backup.isEnabled()
    assert window.backups.act_backup.toolTip() == "用户“张三”（工作队队员）无权备份。"
    assert not window.backups.act_restore.isEnabled()
    assert window.backups.act_restore.toolTip() == "用户“张三”（工作队队员）无权恢复备份。"

    # Reached anyway (a shortcut kept from before): the core refuses, in one sentence.
    target = tmp_path / "projects.xlsx"
    _save_to(monkeypatch, target)
    screen.export_view()
    assert not target.exists()
    assert answers["errors"][-1] == MEMBER_REFUSED_EXPORT


def test_an_administrator_exports_the_view_and_backs_up(
    qtbot: Any, shared: Any, answers: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sign_in(shared, "boss", "boss-secret-1")
    window = open_window(qtbot, shared)
    screen = window.show_screen("projects")
    window.show_screen("projects")
    assert window.act_export.isEnabled() and screen.export_button.isEnabled()
    assert window.backups.act_backup.isEnabled() and window.backups.act_restore.isEnabled()
    target = tmp_path / "projects.xlsx"
    _save_to(monkeypatch, target)
    qtbot.waitUntil(lambda: screen.model.complete and screen.model.rowCount() == 2)
    screen.export_view()
    assert target.exists() and answers["infos"][-1] == f"已导出 2 行到 {target}"


def test_the_core_refuses_a_members_backup_and_restore(shared: Any, tmp_path: Path) -> None:
    from crm import backup
    from crm.access import AccessDenied

    sign_in(shared, "zhang", "zhang-secret-1")
    member = shared.access_actor()
    path = shared.path
    with pytest.raises(AccessDenied) as refused:
        backup.create_backup(path, label="manual", actor=member)
    assert refused.value.message("zh") == "用户“张三”（工作队队员）无权备份。"
    assert backup.list_backups(path) == []
    made = backup.create_backup(path, label="auto")  # the program's own schedule
    before = path.read_bytes()
    with pytest.raises(AccessDenied) as refused:
        backup.restore_backup(path, made, actor=member)
    assert refused.value.message("zh") == "用户“张三”（工作队队员）无权恢复备份。"
    assert path.read_bytes() == before and len(backup.list_backups(path)) == 1

    sign_in(shared, "boss", "boss-secret-1")
    assert backup.create_backup(path, force=True, actor=shared.access_actor()).exists()


# -- 2. a member's new lead ------------------------------------------------------------------
def test_a_members_new_project_is_for_their_own_team_and_saves(
    qtbot: Any, shared: Any, answers: dict
) -> None:
    from ui.context import AppContext
    from ui.projects.form import ProjectForm

    sign_in(shared, "zhang", "zhang-secret-1")
    ctx = AppContext(db=shared, language="zh")
    form = ProjectForm(ctx, None)
    qtbot.addWidget(form)
    assert form.team.currentText() == "驻深圳招商工作队"
    form.name.setText("深圳储能线索")
    form.planned.setText("5000")
    form.team.set_value(None)  # cleared: required for a member
    form.save()
    assert form.field_error("team_id") == "请选择工作队"
    assert not form.save_button.isEnabled() and form.saved_id is None
    form.team.set_value(shared.access_actor().team_id)
    assert form.save_button.isEnabled()
    form.save()
    assert form.saved_id is not None and form.message.text() == ""
    with shared.read() as s:
        saved = s.get(Project, form.saved_id)
        assert (saved.name, saved.team_id) == ("深圳储能线索", shared.access_actor().team_id)


def test_an_administrators_new_project_may_have_no_team(
    qtbot: Any, shared: Any, answers: dict
) -> None:
    from ui.context import AppContext
    from ui.projects.form import ProjectForm

    sign_in(shared, "boss", "boss-secret-1")
    form = ProjectForm(AppContext(db=shared, language="zh"), None)
    qtbot.addWidget(form)
    form.name.setText("南宁物流园")
    form.planned.setText("0")
    assert form.team.value() is None and form.field_error("team_id") == ""
    assert form.save_button.isEnabled()


# -- 3. 变更阶段 goes forward --------------------------------------------------------------
@pytest.mark.parametrize(
    ("current", "offered"),
    [("lead", "在谈"), ("signed", "资金到位"), ("funded", "开工"), ("started", "投产")],
)
def test_the_stage_dialog_offers_the_next_stage_forward(
    qtbot: Any, ctx: Any, current: str, offered: str
) -> None:
    from ui.projects.stage_dialog import StageMoveDialog

    dialog = StageMoveDialog(ctx, "p", current)
    qtbot.addWidget(dialog)
    assert dialog.target.currentText() == offered


def test_the_stage_dialog_still_takes_the_stage_asked(qtbot: Any, ctx: Any) -> None:
    from ui.projects.stage_dialog import StageMoveDialog

    dialog = StageMoveDialog(ctx, "p", "lead", "started")  # a card dropped on 开工
    qtbot.addWidget(dialog)
    assert dialog.target.currentText() == "开工"


# -- 4. 操作记录 in people's words -----------------------------------------------------------
def test_the_change_log_shows_labels_records_and_plain_values(
    qtbot: Any, shared: Any, answers: dict
) -> None:
    from crm.accounts import sign_in as sign_in_cli
    from ui.access.audit_view import AuditDialog
    from ui.context import AppContext

    sign_in_cli(shared, "boss", "boss-secret-1", channel="cli")
    sign_in(shared, "boss", "boss-secret-1", channel="window")
    project = _id(shared, "深圳电池项目")
    with shared.session() as s:
        projects.update_project(s, project, confidential=True)
        stages.move_stage(
            s, project, to_stage="signed", on=date(2026, 1, 5), skipped={"negotiating": None}
        )
        set_setting(s, "bureau_level", "city")
    dialog = AuditDialog(AppContext(db=shared, language="zh"))
    qtbot.addWidget(dialog)
    rows = [
        [dialog.changes.item(r, c).text() for c in range(8)]
        for r in range(dialog.changes.rowCount())
    ]
    by_field = {(r[3], r[5]): r for r in rows}
    setting = by_field[("单位级别", "设置值")]
    assert setting[2:] == ["设置", "单位级别", "修改", "设置值", "", "city"]
    assert by_field[("深圳电池项目", "保密线索")][6:] == ["否", "是"]
    assert by_field[("深圳电池项目 · 签约", "顺序号")][2] == "阶段记录"
    assert by_field[("深圳电池项目 · 签约", "当前阶段")][7] == "签约"
    assert by_field[("深圳电池项目 · 在谈", "记录类型")][7] == "跳过"
    assert by_field[("深圳电池项目 · 在谈", "不适用")][7] == "是"
    shown = {r[5] for r in rows}
    assert not shown & {"sequence", "confidential", "value", "kind"}
    channels = [dialog.sign_ins.item(r, 3).text() for r in range(dialog.sign_ins.rowCount())]
    assert channels[:2] == ["窗口", "命令行"]


# -- 5. selection, the signed-in user, 保密线索 -----------------------------------------------
def test_a_member_sees_who_is_signed_in_and_buttons_wait_for_a_project(
    qtbot: Any, shared: Any, answers: dict
) -> None:
    own = _id(shared, "深圳电池项目")
    with shared.session(actor=SYSTEM) as s:
        projects.update_project(s, own, confidential=True)
    sign_in(shared, "zhang", "zhang-secret-1")
    window = open_window(qtbot, shared)
    screen = window.show_screen("projects")
    assert window.user_label.text() == "当前用户：张三（工作队队员）"
    assert not window.user_label.isHidden()
    for name in ("edit_button", "stage_button", "funds_button", "delete_button"):
        assert not getattr(screen, name).isEnabled(), name
    screen.show_detail(own)
    qtbot.waitUntil(lambda: screen.detail.detail is not None)
    for name in ("edit_button", "stage_button", "funds_button", "delete_button"):
        assert getattr(screen, name).isEnabled(), name
    assert screen.detail._fields["stage"].text() == "线索　保密线索"
    screen.show_detail(None)
    assert not screen.edit_button.isEnabled()


def test_without_accounts_no_user_is_shown(qtbot: Any, sqlite_db: Any, answers: dict) -> None:
    window = open_window(qtbot, sqlite_db)
    assert window.user_label.isHidden()


def test_the_menus_show_why_an_action_is_disabled(qtbot: Any, shared: Any) -> None:
    from PySide6.QtWidgets import QMenu

    sign_in(shared, "zhang", "zhang-secret-1")
    window = open_window(qtbot, shared)
    menus = [a.menu() for a in window.menuBar().actions() if isinstance(a.menu(), QMenu)]
    assert menus and all(menu.toolTipsVisible() for menu in menus)
    assert window.backups.act_backup.toolTip() == "用户“张三”（工作队队员）无权备份。"
