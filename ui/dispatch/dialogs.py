"""Forms of the dispatch screen: a completion entry for a 旬 or month, an annual target."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from crm.codes import CompletionPeriod, TargetMeasure, TargetScope
from crm.services import dispatch as svc
from ui.context import AppContext
from ui.widgets.date_edit import OptionalDateEdit
from ui.widgets.form_dialog import FormDialog, bad_date, coded_combo, multi_line
from ui.widgets.money import MoneyEdit


class CompletionDialog(FormDialog):
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
        super().__init__(ctx, parent, self.tr("填报完成投资"), 460)
        self.project_id = project_id
        self.body.addWidget(QLabel(project_name, self))
        f = self.field
        self.period_end = f("period_end", self.tr("截止日期（旬末或月末）"), OptionalDateEdit())
        self.period_end.set_value(period_end or date.today())
        self.period_kind = f(
            "period_kind", self.tr("填报周期"), coded_combo(self, CompletionPeriod, ctx.language)
        )
        self.amount = f("amount", self.tr("本期完成投资（万元）"), MoneyEdit())
        self.year_to_date = f("year_to_date", self.tr("本年累计完成投资（万元）"), MoneyEdit())
        self.image_progress = f("image_progress", self.tr("形象进度"), QLineEdit())
        self.progress_note = f("progress_note", self.tr("本期进展"), multi_line(self, 60))
        self.issues = f("issues", self.tr("存在问题"), multi_line(self, 60))
        self.finish()

    def save(self) -> None:
        if not self.start_save():
            return
        if self.period_end.value() is None:
            self.form.show_error(bad_date("period_end"), self.ctx.language)
            return
        values = {"project_id": self.project_id, **self.values()}
        self.save_record(values, svc.record_completion)


class TargetDialog(FormDialog):
    """An annual target of the bureau, a county/district (code) or a park."""

    def __init__(
        self, ctx: AppContext, parks: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent, self.tr("设定年度目标"), 420)
        lang = ctx.language
        self.year = self.field("year", self.tr("年度"), QSpinBox())
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.scope = self.field("scope", self.tr("对象"), coded_combo(self, TargetScope, lang))
        self.region_code = self.field("region_code", self.tr("县（市、区）"), QLineEdit())
        self.region_code.setPlaceholderText(self.tr("县（市、区）行政区划代码，如 450102"))
        self.park = self.field("park_id", self.tr("园区"), QComboBox())
        for park_id, name in parks:
            self.park.addItem(name, park_id)
        self.measure = self.field(
            "measure", self.tr("指标"), coded_combo(self, TargetMeasure, lang)
        )
        self.value = self.field("value", self.tr("目标值"), QLineEdit())
        self.value.setPlaceholderText(self.tr("金额为万元，其余为个数"))
        self.finish()
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self._scope_changed()

    def _scope_changed(self) -> None:
        scope = self.scope.currentData()
        self.region_code.setEnabled(scope == TargetScope.COUNTY.value)
        self.park.setEnabled(scope == TargetScope.PARK.value)

    def save(self) -> None:
        if not self.start_save():
            return
        values = self.values()
        if values["scope"] != TargetScope.COUNTY:
            values["region_code"] = None
        if values["scope"] != TargetScope.PARK:
            values["park_id"] = None
        self.save_record(values, svc.set_target)
