"""Forms of the dispatch screen: a completion entry for a 旬 or month, an annual target."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crm.codes import CompletionPeriod, TargetMeasure, TargetScope
from crm.services import dispatch as svc
from ui.activities.forms import FieldForm, save_cancel_buttons, user_error
from ui.context import AppContext
from ui.ops import save_form
from ui.widgets.date_edit import OptionalDateEdit
from ui.widgets.money import MoneyEdit


class CompletionDialog(QDialog):
    """完成投资 of one project for the 旬 or month ending on a day: the amount in the period
    or the year's cumulative (either one; the other follows from the previous entry)."""

    def __init__(
        self,
        ctx: AppContext,
        project_id: str,
        project_name: str,
        parent: QWidget | None = None,
        *,
        period_end: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.project_id = ctx, project_id
        self.setWindowTitle(self.tr("填报完成投资"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(project_name, self))
        self.form = FieldForm(self)
        self.period_end = OptionalDateEdit(self)
        self.period_end.set_value(period_end or date.today())
        self.period_kind = QComboBox(self)
        for kind in CompletionPeriod:
            self.period_kind.addItem(kind.label(ctx.language), kind.value)
        self.amount = MoneyEdit(self)
        self.year_to_date = MoneyEdit(self)
        self.image_progress = QLineEdit(self)
        self.progress_note = QPlainTextEdit(self)
        self.progress_note.setFixedHeight(60)
        self.issues = QPlainTextEdit(self)
        self.issues.setFixedHeight(60)
        for field, label, widget in (
            ("period_end", self.tr("截止日期（旬末或月末）"), self.period_end),
            ("period_kind", self.tr("填报周期"), self.period_kind),
            ("amount", self.tr("本期完成投资（万元）"), self.amount),
            ("year_to_date", self.tr("本年累计完成投资（万元）"), self.year_to_date),
            ("image_progress", self.tr("形象进度"), self.image_progress),
            ("progress_note", self.tr("本期进展"), self.progress_note),
            ("issues", self.tr("存在问题"), self.issues),
        ):
            self.form.add(field, label, widget)
        layout.addWidget(self.form)
        self.buttons = save_cancel_buttons(self)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        self.form.clear_errors()
        if not self.period_end.is_valid() or self.period_end.value() is None:
            error = user_error("period_end", "日期格式应为 yyyy-mm-dd", "Use yyyy-mm-dd")
            self.form.show_error(error, self.ctx.language)
            return
        values = {
            "project_id": self.project_id,
            "period_end": self.period_end.value(),
            "period_kind": self.period_kind.currentData(),
            "amount": self.amount.value(),
            "year_to_date": self.year_to_date.value(),
            "image_progress": self.image_progress.text(),
            "progress_note": self.progress_note.toPlainText(),
            "issues": self.issues.toPlainText(),
        }
        save_form(self.ctx, self, lambda s: svc.record_completion(s, **values))


class TargetDialog(QDialog):
    """An annual target of the bureau, a county/district (code) or a park."""

    def __init__(
        self, ctx: AppContext, parks: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("设定年度目标"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        self.form = FieldForm(self)
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.scope = QComboBox(self)
        for scope in TargetScope:
            self.scope.addItem(scope.label(ctx.language), scope.value)
        self.region_code = QLineEdit(self)
        self.region_code.setPlaceholderText(self.tr("县（市、区）行政区划代码，如 450102"))
        self.park = QComboBox(self)
        for park_id, name in parks:
            self.park.addItem(name, park_id)
        self.measure = QComboBox(self)
        for measure in TargetMeasure:
            self.measure.addItem(measure.label(ctx.language), measure.value)
        self.value = QLineEdit(self)
        self.value.setPlaceholderText(self.tr("金额为万元，其余为个数"))
        for field, label, widget in (
            ("year", self.tr("年度"), self.year),
            ("scope", self.tr("对象"), self.scope),
            ("region_code", self.tr("县（市、区）"), self.region_code),
            ("park_id", self.tr("园区"), self.park),
            ("measure", self.tr("指标"), self.measure),
            ("value", self.tr("目标值"), self.value),
        ):
            self.form.add(field, label, widget)
        layout.addWidget(self.form)
        self.buttons = save_cancel_buttons(self)
        layout.addWidget(self.buttons)
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self._scope_changed()

    def _scope_changed(self) -> None:
        scope = self.scope.currentData()
        self.region_code.setEnabled(scope == TargetScope.COUNTY.value)
        self.park.setEnabled(scope == TargetScope.PARK.value)

    def save(self) -> None:
        self.form.clear_errors()
        scope = self.scope.currentData()
        values = {
            "year": self.year.value(),
            "scope": scope,
            "measure": self.measure.currentData(),
            "value": self.value.text(),
            "region_code": self.region_code.text() if scope == TargetScope.COUNTY else None,
            "park_id": self.park.currentData() if scope == TargetScope.PARK else None,
        }
        save_form(self.ctx, self, lambda s: svc.set_target(s, **values))
