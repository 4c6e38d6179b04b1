"""Forms for problems: raise / edit one, and close one out (销号) with a resolution note."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from crm.codes import ProblemCategory
from crm.queries import activities as activity_queries
from crm.queries import problems as q
from crm.services import problems as svc
from ui.activities.forms import FieldForm, ProjectPicker, save_cancel_buttons, user_error
from ui.context import AppContext
from ui.ops import run_read, save_form
from ui.widgets.date_edit import OptionalDateEdit
from ui.widgets.search_combo import UnitCombo, offer_units


def _date_edit(parent: QWidget, value: date | None = None) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(QDate(value or date.today()))
    return edit


class ProblemDialog(QDialog):
    """Raise a problem for a project (or edit one, with problem_id)."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        project_id: str | None = None,
        problem_id: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.problem_id = problem_id
        self.saved_id: str | None = None
        self.setWindowTitle(self.tr("编辑问题") if problem_id else self.tr("新增问题"))
        self.setMinimumWidth(540)
        layout = QVBoxLayout(self)
        self.form = FieldForm(self)
        self.project = ProjectPicker(ctx, activity_queries.project_options, self)
        self.category = QComboBox(self)
        for category in ProblemCategory:
            self.category.addItem(category.label(ctx.language), category.value)
        self.description = QPlainTextEdit(self)
        self.description.setFixedHeight(90)
        self.responsible_unit = UnitCombo(self)
        offer_units(ctx, self, self.responsible_unit)
        self.raised_on = _date_edit(self)
        self.due_on = OptionalDateEdit(self)
        for field, label, widget in (
            ("project_id", self.tr("项目 *"), self.project),
            ("category", self.tr("类别"), self.category),
            ("description", self.tr("问题描述 *"), self.description),
            ("responsible_unit", self.tr("责任单位"), self.responsible_unit),
            ("raised_on", self.tr("提出日期"), self.raised_on),
            ("due_on", self.tr("办结期限"), self.due_on),
        ):
            self.form.add(field, label, widget)
        layout.addWidget(self.form)
        self.buttons = save_cancel_buttons(self)
        layout.addWidget(self.buttons)
        self.form.require(
            "project_id",
            lambda: bool(self.project.value()),
            self.tr("请选择项目"),
            self.project.project_changed,
        )
        self.form.require(
            "description",
            lambda: bool(self.description.toPlainText().strip()),
            self.tr("请填写问题描述"),
            self.description.textChanged,
        )
        self.form.bind_save(self.buttons.button(QDialogButtonBox.StandardButton.Save))
        if project_id:
            run_read(
                ctx,
                self,
                lambda s: activity_queries.name_of(s, "project", project_id),
                on_done=lambda name: self.project.set_value(project_id, name),
            )
        if problem_id:
            run_read(ctx, self, lambda s: q.problem_detail(s, problem_id), on_done=self._load)

    def _load(self, p: Any) -> None:
        if p is None:
            return
        self.project.set_value(p.project_id, p.project_name)
        self.project.setEnabled(False)  # a problem stays with its project
        self.category.setCurrentIndex(max(self.category.findData(p.category), 0))
        self.description.setPlainText(p.description)
        self.responsible_unit.setText(p.responsible_unit)
        self.raised_on.setDate(QDate(p.raised_on))
        self.due_on.set_value(p.due_on)

    def save(self) -> None:
        self.form.clear_errors()
        if not self.form.check_required():
            return
        if not self.due_on.is_valid():
            self.form.show_error(
                user_error("due_on", "日期格式应为 yyyy-mm-dd", "Use yyyy-mm-dd"), self.ctx.language
            )
            return
        values: dict[str, Any] = {
            "category": self.category.currentData(),
            "description": self.description.toPlainText(),
            "responsible_unit": self.responsible_unit.text(),
            "raised_on": self.raised_on.date().toPython(),
            "due_on": self.due_on.value(),
        }
        project_id = self.project.value()

        def write(session: Any) -> Any:
            if self.problem_id:
                return svc.update_problem(session, self.problem_id, **values)
            if not project_id:
                raise user_error("project_id", "请选择项目", "Choose a project")
            return svc.raise_problem(session, project_id=project_id, **values)

        save_form(self.ctx, self, write)


class CloseProblemDialog(QDialog):
    """销号: how it was resolved, and when."""

    def __init__(self, ctx: AppContext, problem_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.problem_id = problem_id
        self.setWindowTitle(self.tr("问题销号"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        self.form = FieldForm(self)
        self.resolution = QPlainTextEdit(self)
        self.resolution.setPlaceholderText(self.tr("如何解决的、由谁办结"))
        self.resolution.setFixedHeight(100)
        self.resolved_on = _date_edit(self)
        self.form.add("resolution", self.tr("办理结果 *"), self.resolution)
        self.form.add("resolved_on", self.tr("销号日期"), self.resolved_on)
        layout.addWidget(self.form)
        self.buttons = save_cancel_buttons(self, self.tr("销号"))
        layout.addWidget(self.buttons)
        self.form.require(
            "resolution",
            lambda: bool(self.resolution.toPlainText().strip()),
            self.tr("请填写办理结果"),
            self.resolution.textChanged,
        )
        self.form.bind_save(self.buttons.button(QDialogButtonBox.StandardButton.Save))

    def save(self) -> None:
        self.form.clear_errors()
        if not self.form.check_required():
            return
        note = self.resolution.toPlainText()
        day = self.resolved_on.date().toPython()
        save_form(
            self.ctx,
            self,
            lambda s: svc.close_problem(s, self.problem_id, resolution=note, resolved_on=day),
        )
