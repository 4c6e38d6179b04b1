"""A message shown beside a field after the dialog opened is readable in full: the dialog grows
so that the word-wrapped line gets the height its text needs (a user test found 「"签约"日期不能
是将来：2027-01-15」 squeezed into ~10 px between 日期 and 协议类型)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from crm.services import projects, stages


def _shown(qtbot: Any, dialog: QWidget) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)


def _fully_shown(label: QLabel) -> bool:
    """Every line of the label's text fits in its height (and it is on show)."""
    return label.isVisible() and label.height() >= label.heightForWidth(label.width())


def _negotiating_project(ctx: Any) -> str:
    with ctx.db.session() as s:
        project_id = projects.create_project(s, name="储能项目").id
        stages.move_stage(s, project_id, to_stage="negotiating", on=date(2026, 1, 5))
    return project_id


def test_signing_on_a_future_date_says_so_in_full(qtbot: Any, ctx: Any) -> None:
    from ui.projects.stage_dialog import StageMoveDialog

    dialog = StageMoveDialog(ctx, _negotiating_project(ctx), "negotiating")
    _shown(qtbot, dialog)
    before = dialog.height()
    dialog.target.setCurrentIndex(dialog.target.findData("signed"))
    dialog.on.set_value(date(2027, 1, 15))
    dialog.save()
    line = dialog.error_lines["on"]
    qtbot.waitUntil(lambda: line.isVisible())
    assert line.text() == "“签约”日期不能是将来：2027-01-15"
    assert line.heightForWidth(line.width()) > line.fontMetrics().height()  # it wraps
    qtbot.waitUntil(lambda: _fully_shown(line))
    assert dialog.height() > before
    # Nothing overlaps: the line ends above the 协议类型 row.
    below = dialog.agreement.mapTo(dialog, dialog.agreement.rect().topLeft()).y()
    assert line.mapTo(dialog, line.rect().bottomLeft()).y() < below


def test_a_funds_entry_in_the_future_says_so_in_full(qtbot: Any, ctx: Any) -> None:
    from ui.projects.funds_dialog import FundsDialog

    project_id = _negotiating_project(ctx)
    with ctx.db.session() as s:
        stages.move_stage(s, project_id, to_stage="signed", on=date(2026, 2, 1))
    dialog = FundsDialog(ctx, project_id, None)
    _shown(qtbot, dialog)
    dialog.amount.set_value(Decimal(500))
    dialog.received_on.set_value(date(2027, 1, 15))
    dialog.save()
    shown = {f: line for f, line in dialog.error_lines.items() if line.isVisible()}
    shown = shown or {"": dialog.message}
    assert all(line.text() for line in shown.values())
    for line in shown.values():
        qtbot.waitUntil(lambda line=line: _fully_shown(line))


def test_a_long_message_under_a_form_field_shows_in_full(qtbot: Any, ctx: Any) -> None:
    from crm.errors import ValidationError
    from ui.teams.dialogs import TeamDialog

    dialog = TeamDialog(ctx, None)
    _shown(qtbot, dialog)
    text = (
        "工作队名称与已有的“驻深圳招商工作队”过于相近，"
        "请换一个名称，或在已有工作队中继续工作：2027-01-15"
    )
    dialog.form.show_error(ValidationError("name", None, text, "Too close to an existing team"))
    line = dialog.form._fields["name"][1]
    assert dialog.form.error_of("name") == text
    assert line.heightForWidth(line.width()) > line.fontMetrics().height()  # it wraps
    qtbot.waitUntil(lambda: _fully_shown(line))
