"""Problems screen: raise, start, close out (销号), reopen, delete; overdue flagged in red."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from crm.models import Problem
from crm.services.problems import raise_problem
from crm.services.projects import create_project


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


def _click_save(qtbot: Any, dialog: Any) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _seed(ctx: Any) -> dict[str, str]:
    today = date.today()
    with ctx.db.session() as s:
        project = create_project(s, name="锂电池材料项目").id
        late = raise_problem(
            s, project_id=project, category="land", description="用地指标不足",
            responsible_unit="自然资源局", raised_on=today - timedelta(days=60),
            due_on=today - timedelta(days=5),
        ).id  # fmt: skip
        fine = raise_problem(
            s, project_id=project, category="environment", description="环评批复慢",
            responsible_unit="生态环境局", raised_on=today - timedelta(days=10),
            due_on=today + timedelta(days=30),
        ).id  # fmt: skip
    return {"project": project, "late": late, "fine": fine}


def test_list_overdue_red_and_filters(ctx: Any, qtbot: Any, qtmodeltester: Any) -> None:
    from ui.problems.screen import ProblemsScreen

    ids = _seed(ctx)
    screen = ProblemsScreen(ctx)
    qtbot.addWidget(screen)
    qtmodeltester.check(screen.model)
    assert screen.model.rowCount() == 2
    row = screen.model.row_of(ids["late"])
    overdue_col = screen.model.column_index("overdue")
    index = screen.model.index(row, overdue_col)
    assert index.data() == "超期"
    assert index.data(Qt.ItemDataRole.ForegroundRole).name() == "#c0392b"
    qtbot.mouseClick(screen.overdue_only, Qt.MouseButton.LeftButton)
    assert screen.model.ids == [ids["late"]]
    screen.overdue_only.setChecked(False)
    ime_type(qtbot, screen.unit, "生态")
    assert screen.model.ids == [ids["fine"]]


def test_raise_close_reopen(ctx: Any, qtbot: Any, answers: dict) -> None:
    from ui.problems.screen import ProblemsScreen

    ids = _seed(ctx)
    screen = ProblemsScreen(ctx)
    qtbot.addWidget(screen)
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()  # project and description are required, yet nothing is red
    assert dialog.form.error_of("project_id") == dialog.form.error_of("description") == ""
    dialog.save()  # a save attempt: the messages sit next to the fields
    assert dialog.form.error_of("project_id") == "请选择项目"
    assert dialog.form.error_of("description") == "请填写问题描述"
    ime_type(qtbot, dialog.project.text, "锂电池")
    assert dialog.project.value() == ids["project"]
    assert dialog.form.error_of("project_id") == ""
    dialog.category.setCurrentIndex(dialog.category.findData("labour"))
    assert not save.isEnabled()
    ime_type(qtbot, dialog.description, "招工难")
    assert save.isEnabled() and dialog.form.error_of("description") == ""
    ime_type(qtbot, dialog.responsible_unit, "人社局")
    qtbot.keyClicks(dialog.due_on, (date.today() + timedelta(days=20)).isoformat())
    _click_save(qtbot, dialog)
    assert dialog.saved_id is not None
    new_id = dialog.saved_id
    assert screen.model.rowCount() == 3
    screen.table.selectRow(screen.model.row_of(new_id))
    qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    with ctx.db.session() as s:
        assert s.get(Problem, new_id).status == "in_progress"
    screen.table.selectRow(screen.model.row_of(new_id))
    qtbot.mouseClick(screen.close_button, Qt.MouseButton.LeftButton)
    closer = screen.dialog
    assert closer.form.error_of("resolution") == ""
    closer.save()
    assert closer.form.error_of("resolution") != ""  # a resolution note is required
    ime_type(qtbot, closer.resolution, "已招满200人")
    _click_save(qtbot, closer)
    with ctx.db.session() as s:
        p = s.get(Problem, new_id)
        assert p.status == "resolved" and p.resolution == "已招满200人"
    assert screen.model.row_of(new_id) == -1  # the default filter shows open ones
    screen.statuses.set_values(["resolved"])
    screen.table.selectRow(screen.model.row_of(new_id))
    assert screen.reopen_button.isEnabled()
    qtbot.mouseClick(screen.reopen_button, Qt.MouseButton.LeftButton)
    with ctx.db.session() as s:
        assert s.get(Problem, new_id).status == "open"
    screen.statuses.set_values([])
    screen.table.selectRow(screen.model.row_of(ids["fine"]))
    screen.delete_current()
    with ctx.db.session() as s:
        assert s.scalar(select(Problem.deleted_at).where(Problem.id == ids["fine"])) is not None
    screen.undo()
    with ctx.db.session() as s:
        assert s.get(Problem, ids["fine"]).deleted_at is None
