"""Activities screen and quick-log dialog, driven as a user would; then the database checked."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from crm.models import Activity
from crm.services.activities import log_activity
from crm.services.companies import create_company
from crm.services.projects import create_project
from crm.services.teams import create_team


def _seed(ctx: Any) -> dict[str, str]:
    today = date.today()
    with ctx.db.session() as s:
        firm = create_company(s, name="华为技术有限公司").id
        team = create_team(s, name="驻深圳工作队").id
        project = create_project(s, name="华为云计算中心", company_id=firm, team_id=team).id
        log_activity(
            s, occurred_on=today - timedelta(days=20), kind="visit", project_id=project,
            team_id=team, summary="首次拜访", next_step="寄送园区资料",
            next_step_due=today - timedelta(days=3),
        )  # fmt: skip
        log_activity(s, occurred_on=today - timedelta(days=30), kind="phone", company_id=firm,
                     summary="电话联系")  # fmt: skip
    return {"firm": firm, "team": team, "project": project}


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


def _save(dialog: Any, qtbot: Any) -> None:
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def test_quick_log_from_project_prefills_and_saves(ctx: Any, qtbot: Any) -> None:
    from ui.activities.quick_log import QuickLogDialog

    ids = _seed(ctx)
    dialog = QuickLogDialog(ctx, project_id=ids["project"])
    qtbot.addWidget(dialog)
    assert dialog.company.value() == ids["firm"]
    assert dialog.team.currentData() == ids["team"]
    dialog.kind.setCurrentIndex(dialog.kind.findData("negotiation"))
    ime_type(qtbot, dialog.participants, "张三、李总")
    ime_type(qtbot, dialog.summary, "洽谈用地和厂房")
    ime_type(qtbot, dialog.next_step, "报送用地方案")
    due = date.today() + timedelta(days=5)
    qtbot.keyClicks(dialog.next_step_due, due.isoformat())
    _save(dialog, qtbot)
    assert dialog.saved_id is not None
    with ctx.db.session() as s:
        saved = s.get(Activity, dialog.saved_id)
        assert saved.kind == "negotiation" and saved.project_id == ids["project"]
        assert saved.next_step_due == due and saved.summary == "洽谈用地和厂房"


def test_quick_log_error_next_to_field_keeps_input(ctx: Any, qtbot: Any) -> None:
    from ui.activities.quick_log import QuickLogDialog

    _seed(ctx)
    dialog = QuickLogDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    ime_type(qtbot, dialog.summary, "没有关联对象")
    _save(dialog, qtbot)
    assert dialog.saved_id is None
    assert "关联" in dialog.form.error_of("project_id")
    assert dialog.summary.toPlainText() == "没有关联对象"
    ime_type(qtbot, dialog.project.text, "华为")
    qtbot.keyClicks(dialog.next_step_due, "2025-13-40")
    _save(dialog, qtbot)
    assert dialog.form.error_of("next_step_due") != ""
    dialog.next_step_due.clear()
    ime_type(qtbot, dialog.next_step, "回访")
    qtbot.keyClick(dialog.next_step, Qt.Key.Key_Return)  # Enter saves, as the default button

    assert dialog.saved_id is not None
    with ctx.db.session() as s:
        assert (
            s.scalar(select(Activity.summary).where(Activity.id == dialog.saved_id))
            == "没有关联对象"
        )


def test_screen_filters_next_steps_and_delete(
    ctx: Any, qtbot: Any, answers: dict, qtmodeltester: Any
) -> None:
    from ui.activities.screen import ActivitiesScreen

    ids = _seed(ctx)
    screen = ActivitiesScreen(ctx)
    qtbot.addWidget(screen)
    qtmodeltester.check(screen.model)
    assert screen.model.rowCount() == 2
    assert "【超期】" in screen.steps.item(0).text()
    screen.kinds.set_values(["phone"])
    assert screen.model.rowCount() == 1
    screen.kinds.set_values([])
    ime_type(qtbot, screen.search, "拜访")
    screen.search.flush()
    assert screen.model.rowCount() == 1
    screen.search.clear()
    screen.search.flush()
    screen.team.set_value(ids["team"])
    assert screen.model.rowCount() == 1
    screen.team.set_value(None)
    screen.table.selectRow(0)
    screen.delete_current()
    assert screen.model.rowCount() == 1
    with ctx.db.session() as s:
        live = s.scalars(select(Activity).where(Activity.deleted_at.is_(None))).all()
        assert len(live) == 1
    screen.undo()
    assert screen.model.rowCount() == 2
