"""Forms for enterprise requests: receive / edit one, and each step that follows it (reply,
return visit, close, reject, escalate, reopen). Every save calls one service through
run_write; an error is shown beside the field it names."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from crm.codes import ProblemCategory, RequestChannel, Satisfaction
from crm.queries import activities as activity_queries
from crm.queries import requests as q
from crm.queries.companies import company_name_options
from crm.services import requests as svc
from ui.activities.forms import FieldForm, ProjectPicker, save_cancel_buttons, user_error
from ui.context import AppContext
from ui.ops import run_read, save_form
from ui.widgets.date_edit import OptionalDateEdit
from ui.widgets.search_combo import UnitCombo, offer_units

TABLES = frozenset({"enterprise_request", "request_visit"})


def date_edit(parent: QWidget, value: date | None = None) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(QDate(value or date.today()))
    return edit


def coded_combo(parent: QWidget, codes: Any, language: str) -> QComboBox:
    combo = QComboBox(parent)
    for member in codes:
        combo.addItem(member.label(language), member.value)
    return combo


def company_search(session: Any, text: str) -> list[tuple[str, str]]:
    return [(o.code, o.label) for o in company_name_options(session, text)]


class RequestDialog(QDialog):
    """受理 a request (or edit one, with request_id)."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, request_id: str | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.request_id = ctx, request_id
        self.saved_id: str | None = None
        self.setWindowTitle(self.tr("编辑诉求") if request_id else self.tr("受理企业诉求"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.form = FieldForm(self)
        lang = ctx.language
        self.company = ProjectPicker(ctx, company_search, self)
        self.project = ProjectPicker(ctx, activity_queries.project_options, self)
        self.channel = coded_combo(self, RequestChannel, lang)
        self.received_on = date_edit(self)
        self.category = coded_combo(self, ProblemCategory, lang)
        self.content = QPlainTextEdit(self)
        self.content.setFixedHeight(90)
        self.handling_unit = UnitCombo(self)
        self.co_units = UnitCombo(self, several=True)
        self.co_units.setPlaceholderText(self.tr("多个单位用顿号分隔"))
        offer_units(ctx, self, self.handling_unit, self.co_units)
        self.due_on = OptionalDateEdit(self)
        for field, label, widget in (
            ("company_id", self.tr("企业 *"), self.company),
            ("project_id", self.tr("相关项目"), self.project),
            ("channel", self.tr("来源渠道"), self.channel),
            ("received_on", self.tr("受理日期"), self.received_on),
            ("category", self.tr("类别"), self.category),
            ("content", self.tr("诉求内容 *"), self.content),
            ("handling_unit", self.tr("承办单位"), self.handling_unit),
            ("co_units", self.tr("协办单位"), self.co_units),
            ("due_on", self.tr("办理时限"), self.due_on),
        ):
            self.form.add(field, label, widget)
        layout.addWidget(self.form)
        self.buttons = save_cancel_buttons(self)
        layout.addWidget(self.buttons)
        self.form.require(
            "company_id",
            lambda: bool(self.company.value()),
            self.tr("请选择企业"),
            self.company.project_changed,
        )
        self.form.require(
            "content",
            lambda: bool(self.content.toPlainText().strip()),
            self.tr("请填写诉求内容"),
            self.content.textChanged,
        )
        self.form.bind_save(self.buttons.button(QDialogButtonBox.StandardButton.Save))
        if request_id:
            run_read(ctx, self, lambda s: q.request_detail(s, request_id).row, on_done=self._load)

    def _load(self, r: Any) -> None:
        self.company.set_value(r.company_id, r.company_name)
        if r.project_id:
            self.project.set_value(r.project_id, r.project_name)
        self.channel.setCurrentIndex(max(self.channel.findData(r.channel), 0))
        self.received_on.setDate(QDate(r.received_on))
        self.category.setCurrentIndex(max(self.category.findData(r.category), 0))
        self.content.setPlainText(r.content)
        self.handling_unit.setText(r.handling_unit)
        self.co_units.setText(r.co_units)
        self.due_on.set_value(r.due_on)

    def save(self) -> None:
        self.form.clear_errors()
        if not self.form.check_required():
            return
        if not self.due_on.is_valid():
            error = user_error("due_on", "日期格式应为 yyyy-mm-dd", "Use yyyy-mm-dd")
            self.form.show_error(error, self.ctx.language)
            return
        values: dict[str, Any] = {
            "company_id": self.company.value(),
            "project_id": self.project.value(),
            "channel": self.channel.currentData(),
            "received_on": self.received_on.date().toPython(),
            "category": self.category.currentData(),
            "content": self.content.toPlainText(),
            "handling_unit": self.handling_unit.text(),
            "co_units": self.co_units.text(),
            "due_on": self.due_on.value(),
        }

        def write(session: Any) -> Any:
            if self.request_id:
                return svc.update_request(session, self.request_id, **values)
            return svc.raise_request(session, **values)

        save_form(self.ctx, self, write)


@dataclass(frozen=True)
class FieldValues:
    """A step dialog's field values as read when Save was pressed (what `write` gets)."""

    values: dict[str, Any]

    def value(self, field: str) -> Any:
        return self.values.get(field)


class StepDialog(QDialog):
    """One step of a request: a few fields and one service call (`write`) on save."""

    def __init__(
        self,
        ctx: AppContext,
        title: str,
        fields: list[tuple[str, str, QWidget]],
        write: Callable[[Any], Any],
        parent: QWidget | None = None,
        *,
        required: tuple[str, ...] = (),
    ) -> None:
        super().__init__(parent)
        self.ctx, self._write = ctx, write
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.form = FieldForm(self)
        self.widgets: dict[str, QWidget] = {}
        for field, label, widget in fields:
            widget.setParent(self)
            self.form.add(field, label, widget)
            self.widgets[field] = widget
        layout.addWidget(self.form)
        self.buttons = save_cancel_buttons(self)
        layout.addWidget(self.buttons)
        for field in required:
            widget = self.widgets[field]
            signal = (
                widget.project_changed if isinstance(widget, ProjectPicker) else widget.textChanged  # type: ignore[attr-defined]
            )
            self.form.require(
                field,
                lambda f=field: bool(str(self.value(f) or "").strip()),
                self.tr("此项必填"),
                signal,
            )
        self.form.bind_save(self.buttons.button(QDialogButtonBox.StandardButton.Save))

    def value(self, field: str) -> Any:
        widget = self.widgets[field]
        if isinstance(widget, OptionalDateEdit | ProjectPicker):  # before the text widgets
            return widget.value()
        if isinstance(widget, UnitCombo):  # free text, before the other combos
            return widget.text()
        if isinstance(widget, QDateEdit):
            return widget.date().toPython()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        return _text(widget)

    def save(self) -> None:
        self.form.clear_errors()
        if not self.form.check_required():
            return
        # The fields are read here, on the GUI thread; the write gets their values.
        values = FieldValues({field: self.value(field) for field in self.widgets})
        save_form(self.ctx, self, lambda s: self._write(s, values), changes=TABLES)


def _text(widget: QWidget) -> str:
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    return ""


def _multi_line(height: int = 90) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setFixedHeight(height)
    return edit


def reply_dialog(ctx: AppContext, request_id: str, parent: QWidget) -> StepDialog:
    tr = parent.tr
    return StepDialog(
        ctx,
        tr("答复企业诉求"),
        [
            ("reply", tr("答复内容 *"), _multi_line()),
            ("replied_on", tr("答复日期"), date_edit(parent)),
        ],
        lambda s, d: svc.reply_request(
            s, request_id, reply=d.value("reply"), replied_on=d.value("replied_on")
        ),
        parent,
        required=("reply",),
    )


def visit_dialog(ctx: AppContext, request_id: str, parent: QWidget) -> StepDialog:
    tr = parent.tr
    return StepDialog(
        ctx,
        tr("回访"),
        [
            ("satisfaction", tr("满意度"), coded_combo(parent, Satisfaction, ctx.language)),
            ("visited_on", tr("回访日期"), date_edit(parent)),
            ("visited_by", tr("回访人"), QLineEdit()),
            ("notes", tr("回访记录"), _multi_line(60)),
        ],
        lambda s, d: svc.record_return_visit(
            s,
            request_id,
            satisfaction=d.value("satisfaction"),
            visited_on=d.value("visited_on"),
            visited_by=d.value("visited_by"),
            notes=d.value("notes"),
        ),
        parent,
    )


def close_dialog(ctx: AppContext, request_id: str, parent: QWidget) -> StepDialog:
    tr = parent.tr
    return StepDialog(
        ctx,
        tr("办结"),
        [("closed_on", tr("办结日期"), date_edit(parent))],
        lambda s, d: svc.close_request(s, request_id, closed_on=d.value("closed_on")),
        parent,
    )


def reject_dialog(ctx: AppContext, request_id: str, parent: QWidget) -> StepDialog:
    tr = parent.tr
    return StepDialog(
        ctx,
        tr("不予受理"),
        [("reject_reason", tr("理由 *"), _multi_line())],
        lambda s, d: svc.reject_request(s, request_id, reason=d.value("reject_reason")),
        parent,
        required=("reject_reason",),
    )


def escalate_dialog(ctx: AppContext, request_id: str, parent: QWidget) -> StepDialog:
    tr = parent.tr
    unit = UnitCombo()
    offer_units(ctx, unit, unit)
    return StepDialog(
        ctx,
        tr("督办"),
        [
            ("escalation_unit", tr("督办单位 *"), unit),
            ("escalated_on", tr("督办日期"), date_edit(parent)),
        ],
        lambda s, d: svc.escalate_request(
            s, request_id, unit=d.value("escalation_unit"), escalated_on=d.value("escalated_on")
        ),
        parent,
        required=("escalation_unit",),
    )


def reopen_dialog(ctx: AppContext, request_id: str, parent: QWidget) -> StepDialog:
    tr = parent.tr
    return StepDialog(
        ctx,
        tr("重新办理"),
        [("due_on", tr("新的办理时限"), OptionalDateEdit())],
        lambda s, d: svc.reopen_request(s, request_id, due_on=d.value("due_on")),
        parent,
    )
