"""Accounts in the window: the login dialog, what a member does not see, the change log view."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from crm import paths
from crm.accounts import add_user, sign_in
from crm.services import projects, teams
from ui.access.login import LoginDialog, ensure_signed_in
from ui.qsettings import FILE_NAME
from ui.testing import type_text

MEMBER_PW = "member-secret-1"


@pytest.fixture
def shared(sqlite_db: Any) -> Any:
    """The per-test database with an administrator, a member of team A, one project edited."""
    with sqlite_db.session() as s:
        team = teams.create_team(s, name="驻深圳招商工作队").id
        projects.create_project(s, name="深圳电池项目", team_id=team)
        add_user(s, login="boss", name="管理员", roles="admin", password="boss-secret-1")
    with sqlite_db.session() as s:
        add_user(s, login="zhang", name="张三", roles="member", password=MEMBER_PW, team=team)
    sqlite_db.has_accounts = True  # as when it is opened next time
    return sqlite_db


def test_login_refuses_a_wrong_password_then_signs_in_and_remembers_only_the_login(
    qtbot: Any, shared: Any
) -> None:
    dialog = LoginDialog(shared)
    qtbot.addWidget(dialog)
    type_text(dialog.login, "zhang")
    QTest.keyClicks(dialog.password, "wrong-password")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "用户名或密码错误。"
    assert dialog.result() != QDialog.DialogCode.Accepted and shared.user is None
    assert dialog.password.text() == ""
    QTest.keyClicks(dialog.password, MEMBER_PW)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert shared.user.login == "zhang" and shared.access_actor().team_id
    stored = (paths.data_dir() / FILE_NAME).read_text(encoding="utf-8")
    assert "zhang" in stored and MEMBER_PW not in stored

    again = LoginDialog(shared)
    qtbot.addWidget(again)
    assert again.login.text() == "zhang"  # remembered for the next start


def test_a_database_without_accounts_asks_nobody(sqlite_db: Any, answers: dict) -> None:
    assert ensure_signed_in(sqlite_db)
    assert answers["dialogs"] == []


def test_start_on_a_shared_database_asks_for_login(qapp: Any, shared: Any, answers: dict) -> None:
    assert not ensure_signed_in(shared)  # the dialog closed unanswered: no window
    assert answers["dialogs"] == ["LoginDialog"]


def _window(qtbot: Any, db: Any) -> Any:
    from ui.main_window import MainWindow

    window = MainWindow(db, start_screen="projects")
    qtbot.addWidget(window)
    return window


def test_member_does_not_see_tools_or_import(qtbot: Any, shared: Any, answers: dict) -> None:
    sign_in(shared, "zhang", MEMBER_PW)
    window = _window(qtbot, shared)
    assert not window.act_users.isVisible() and not window.act_audit.isVisible()
    assert not window.tools_menu.menuAction().isVisible()
    assert not window.act_import.isEnabled() and window.act_new.isEnabled()
    assert "张三（工作队队员）" in window.windowTitle()


def test_admin_reads_the_change_log_and_sign_ins(
    qtbot: Any, shared: Any, answers: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.access.audit_view import AuditDialog
    from ui.ledger import export as ledger_export

    sign_in(shared, "zhang", MEMBER_PW)
    with shared.session() as s:
        project = projects.create_project(s, name="深圳储能线索", team_id=shared.user.team_id)
    sign_in(shared, "boss", "boss-secret-1")
    window = _window(qtbot, shared)
    assert window.act_users.isVisible() and window.act_audit.isVisible()
    dialog = AuditDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.user.setCurrentIndex(dialog.user.findData("zhang"))
    qtbot.mouseClick(dialog.search_button, Qt.MouseButton.LeftButton)
    rows = [
        [dialog.changes.item(r, c).text() for c in range(8)]
        for r in range(dialog.changes.rowCount())
    ]
    # The person, with the login the filter picked (the log keeps the login).
    assert dialog.user.currentText() == "张三（zhang）"
    assert rows and {r[1] for r in rows} == {"张三（zhang）"}
    assert ["张三（zhang）", "项目", "深圳储能线索", "新增", "项目名称", "", "深圳储能线索"] in [
        r[1:] for r in rows
    ]
    assert project.id
    events = [dialog.sign_ins.item(r, 1).text() for r in range(dialog.sign_ins.rowCount())]
    assert events[:2] == ["boss", "zhang"]
    target = tmp_path / "audit.xlsx"
    monkeypatch.setattr(ledger_export, "choose_xlsx_path", lambda *_a: str(target))
    dialog.export()
    assert target.exists()


def test_first_start_on_a_laptop_sets_the_local_profile(qtbot: Any, tmp_path: Path) -> None:
    from crm.db import open_database
    from crm.services.settings import get_setting
    from ui.context import AppContext
    from ui.first_start import FirstStartDialog

    db = open_database(tmp_path / "laptop.sqlite")
    try:
        with db.session() as s:
            team = teams.create_team(s, name="驻深圳招商工作队").id
        dialog = FirstStartDialog(AppContext(db=db), None)
        qtbot.addWidget(dialog)
        type_text(dialog.bureau_name, "柳州市投资促进局")
        dialog.region.lineEdit().setText("柳州")
        dialog.region.pick_typed()
        type_text(dialog.user_name, "王芳")
        dialog.my_team.set_value(team)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.result() == QDialog.DialogCode.Accepted
        with db.read() as s:
            assert get_setting(s, "my_team_id") == team
        profile = db.access_actor()
        assert (profile.login, profile.team_id, profile.sees_all) == ("王芳", team, True)
    finally:
        db.close()


def test_project_form_marks_a_lead_confidential(qtbot: Any, ctx: Any, answers: dict) -> None:
    from crm.models import Project
    from ui.projects.form import ProjectForm

    with ctx.db.session() as s:
        project = projects.create_project(s, name="深圳储能线索").id
    form = ProjectForm(ctx, project)
    qtbot.addWidget(form)
    assert not form.confidential.isChecked()
    form.confidential.setChecked(True)
    form.save()
    assert form.saved_id == project
    with ctx.db.read() as s:
        assert s.get(Project, project).confidential is True
    again = ProjectForm(ctx, project)
    qtbot.addWidget(again)
    assert again.confidential.isChecked()
