"""Teams screen: grouping and "my team" first, targets and completion, members, tallies."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from crm.models import Team, TeamMember, TeamTarget
from crm.services import teams as svc
from crm.services.activities import log_activity
from crm.services.projects import create_project
from crm.services.settings import get_setting
from crm.services.stages import move_stage


def ime_type(qtbot: Any, widget: Any, text: str) -> None:
    """Type text the way a Chinese input method delivers it (QTest can only send Latin keys)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _save(qtbot: Any, dialog: Any) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _seed(ctx: Any) -> dict[str, str]:
    today = date.today()
    jan = date(today.year, 1, 1)
    with ctx.db.session() as s:
        sz = svc.create_team(s, name="驻深圳工作队", region_group_code="gba", leader_name="张三").id
        sh = svc.create_team(s, name="驻上海工作队", region_group_code="yrd").id
        svc.add_member(s, team_id=sz, person_name="张三", role="leader", from_on=jan)
        project = create_project(
            s, name="新能源项目", team_id=sz, planned_investment=Decimal(60000), lead_on=jan
        ).id
        move_stage(s, project, to_stage="signed", on=today, skipped={"negotiating": None})
        log_activity(s, occurred_on=today, kind="visit", project_id=project, team_id=sz)
        log_activity(s, occurred_on=today - timedelta(days=0), kind="negotiation", team_id=sz)
    return {"sz": sz, "sh": sh, "project": project}


def _tree_names(screen: Any) -> list[tuple[str, list[str]]]:
    tree = screen.tree
    return [
        (tree.topLevelItem(i).text(0),
         [tree.topLevelItem(i).child(j).text(0) for j in range(tree.topLevelItem(i).childCount())])
        for i in range(tree.topLevelItemCount())
    ]  # fmt: skip


def test_groups_my_team_and_target(ctx: Any, qtbot: Any, answers: dict) -> None:
    from ui.teams.screen import TeamsScreen

    ids = _seed(ctx)
    screen = TeamsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1200, 700)
    screen.show()
    qtbot.waitExposed(screen)
    assert _tree_names(screen) == [("粤港澳大湾区", ["驻深圳工作队"]), ("长三角", ["驻上海工作队"])]
    assert screen.team_id == ids["sz"]
    assert screen.progress.item(0, 1).text() == "60,000"
    assert screen.progress.item(0, 2).text() == "—"  # no target yet
    qtbot.mouseClick(screen.target_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    qtbot.keyClicks(dialog.signed_investment, "120000")
    qtbot.keyClicks(dialog.signed_projects, "4")
    _save(qtbot, dialog)
    with ctx.db.session() as s:
        target = s.scalars(select(TeamTarget).where(TeamTarget.team_id == ids["sz"])).one()
        assert target.signed_investment == Decimal(120000) and target.signed_projects == 4
    assert screen.progress.item(0, 3).text() == "50.0%"
    assert screen.targets.item(0, 0).text() == str(date.today().year)
    assert screen.targets.item(0, 1).text() == "120,000"
    assert "个百分点" in screen.progress.item(0, 4).text()
    assert screen.tallies.item(12, 0).text() == "合计"
    assert screen.tallies.item(12, 1).text() == "0"  # the visit's project has no company
    assert screen.tallies.item(12, 2).text() == "1"
    assert screen.tallies.item(12, 3).text() == "1"
    # my team first
    screen.select_team(ids["sh"])
    qtbot.mouseClick(screen.my_team_button, Qt.MouseButton.LeftButton)
    with ctx.db.session() as s:
        assert get_setting(s, "my_team_id") == ids["sh"]
    assert _tree_names(screen)[0] == ("我的工作队", ["驻上海工作队"])
    screen.tabs.setCurrentWidget(screen.comparison)  # loads on a worker when first shown
    qtbot.waitUntil(lambda: screen.comparison.rowCount() == 2, timeout=10_000)
    assert screen.comparison.item(0, 0).text() == "驻深圳工作队"  # has a target: ranked first


def test_new_team_members(ctx: Any, qtbot: Any, answers: dict) -> None:
    from ui.teams.screen import TeamsScreen

    _seed(ctx)
    screen = TeamsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1200, 700)
    screen.show()
    qtbot.waitExposed(screen)
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()  # a name is required ...
    assert dialog.form.error_of("name") == ""  # ... but no red text before anything was typed
    dialog.save()  # a save attempt (e.g. Enter) says what is missing
    assert dialog.form.error_of("name") == "请填写工作队名称"
    ime_type(qtbot, dialog.name, "驻北京工作队")
    dialog.group.set_value("jjj")
    _save(qtbot, dialog)
    with ctx.db.session() as s:
        team_id = s.scalar(select(Team.id).where(Team.name == "驻北京工作队"))
    assert team_id and screen.team_id == team_id
    qtbot.mouseClick(screen.add_member_button, Qt.MouseButton.LeftButton)
    member_form = screen.dialog
    ime_type(qtbot, member_form.person_name, "王五")
    member_form.from_on.setText("2025-03-01")
    _save(qtbot, member_form)
    assert screen.members.rowCount() == 1
    screen.members.selectRow(0)
    answers["date"] = date(2025, 9, 30)
    qtbot.mouseClick(screen.end_member_button, Qt.MouseButton.LeftButton)
    with ctx.db.session() as s:
        member = s.scalars(select(TeamMember).where(TeamMember.team_id == team_id)).one()
        assert member.person_name == "王五" and member.to_on == date(2025, 9, 30)
    assert screen.members.item(0, 4).text() == "2025-09-30"


def test_delete_team_then_undo(ctx: Any, qtbot: Any, answers: dict) -> None:
    from ui.teams.screen import TeamsScreen

    ids = _seed(ctx)
    screen = TeamsScreen(ctx)
    qtbot.addWidget(screen)
    screen.select_team(ids["sh"])
    screen.delete_current()
    assert screen.team_id != ids["sh"]
    assert all("驻上海工作队" not in names for _group, names in _tree_names(screen))
    screen.undo()
    assert screen.team_id == ids["sh"]
    assert ("长三角", ["驻上海工作队"]) in _tree_names(screen)
    assert answers["errors"] == []


def test_the_teams_export_says_teams_and_rows(
    ctx: Any, qtbot: Any, answers: dict, tmp_path: Any, monkeypatch: Any
) -> None:
    """The teams sheet has a row per team and target year: the message counts both (it said
    已导出 182 行 of a file of 521 rows: user test 2, F10). Two teams, the first with targets
    for two years: 2 teams, 3 rows."""
    from ui.ledger import export as ledger_export
    from ui.teams.screen import TeamsScreen

    ids = _seed(ctx)
    year = date.today().year
    with ctx.db.session() as s:
        for y in (year - 1, year):
            svc.set_target(s, team_id=ids["sz"], year=y, signed_investment=Decimal(100000))
    target = tmp_path / "teams.xlsx"
    monkeypatch.setattr(ledger_export, "choose_xlsx_path", lambda *_a: str(target))
    screen = TeamsScreen(ctx)
    qtbot.addWidget(screen)
    screen.export_view()
    qtbot.waitUntil(lambda: bool(answers["infos"]), timeout=10_000)
    assert answers["infos"][-1] == f"已导出 2 支工作队（3 行）到 {target}"
