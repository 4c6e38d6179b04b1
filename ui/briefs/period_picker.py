"""The period picker of the Briefs screen: a kind (周报, 旬报, 月报, 季度, 半年, 全年, 年初至今,
自定义), the year and the number within it, or dates. Periods come from crm.periods."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from crm import periods
from crm.errors import CrmError
from crm.periods import Period, PeriodKind
from ui.widgets.form_dialog import day_edit

KINDS = (
    PeriodKind.WEEK,
    PeriodKind.XUN,
    PeriodKind.MONTH,
    PeriodKind.QUARTER,
    PeriodKind.HALF,
    PeriodKind.YEAR,
    PeriodKind.YTD,
    PeriodKind.RANGE,
)


def last_full_quarter(today: date) -> Period:
    number = (today.month - 1) // 3
    return periods.quarter(today.year, number) if number else periods.quarter(today.year - 1, 4)


class PeriodPicker(QWidget):
    """Emits `changed` whenever the chosen period changes; `period()` gives it (or None)."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.kind = QComboBox(self)
        for kind, label in zip(KINDS, self._kind_labels(), strict=True):
            self.kind.addItem(label, kind.value)
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.year.setSuffix(self.tr("年"))
        self.number = QComboBox(self)
        # Its items change with the kind (一季度 … 11月下旬, "Days 21–end, month 11"): its width
        # follows them, not the first kind shown.
        self.number.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.start = day_edit(self, date(today.year, 1, 1))
        self.end = day_edit(self, today)
        self.to_label = QLabel(self.tr("至"), self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.kind, self.year, self.number, self.start, self.to_label, self.end):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.year.valueChanged.connect(self._on_year)
        self.number.currentIndexChanged.connect(self.changed)
        self.start.dateChanged.connect(self.changed)
        self.end.dateChanged.connect(self.changed)
        self.kind.setCurrentIndex(KINDS.index(PeriodKind.QUARTER))
        self._on_kind()
        self.set_period(last_full_quarter(today))

    # --- reading and setting -----------------------------------------------------------

    def period(self) -> Period | None:
        """The chosen period; None while the choice is impossible (e.g. end before start)."""
        try:
            return self._build()
        except CrmError:
            return None

    def set_period(self, period: Period) -> None:
        """Show a given period (used by tests and when restoring a choice)."""
        self.kind.setCurrentIndex(KINDS.index(period.kind))
        self.year.setValue(period.year)
        self._fill_numbers()
        if period.kind is PeriodKind.XUN:
            self.number.setCurrentIndex((period.month - 1) * 3 + period.number - 1)
        elif period.kind in (PeriodKind.YTD, PeriodKind.RANGE):
            self.start.setDate(QDate(period.start))
            self.end.setDate(QDate(period.end))
        elif period.number:
            self.number.setCurrentIndex(self.number.findData(period.number))

    def _build(self) -> Period:
        kind = PeriodKind(self.kind.currentData())
        year, number = self.year.value(), self.number.currentData()
        if kind is PeriodKind.WEEK:
            return periods.iso_week(year, number)
        if kind is PeriodKind.XUN:
            month, part = divmod(number, 10)
            return periods.xun(year, month, part)
        builders = {
            PeriodKind.MONTH: periods.month,
            PeriodKind.QUARTER: periods.quarter,
            PeriodKind.HALF: periods.half,
        }
        if kind in builders:
            return builders[kind](year, number)
        if kind is PeriodKind.YEAR:
            return periods.year(year)
        if kind is PeriodKind.YTD:
            return periods.year_to_date(self.end.date().toPython())
        return periods.date_range(self.start.date().toPython(), self.end.date().toPython())

    # --- reacting ------------------------------------------------------------------------

    def _on_kind(self) -> None:
        kind = PeriodKind(self.kind.currentData())
        uses_dates = kind in (PeriodKind.YTD, PeriodKind.RANGE)
        self.year.setVisible(not uses_dates)
        self.number.setVisible(kind not in (PeriodKind.YEAR, PeriodKind.YTD, PeriodKind.RANGE))
        self.start.setVisible(kind is PeriodKind.RANGE)
        self.to_label.setVisible(kind is PeriodKind.RANGE)
        self.end.setVisible(uses_dates)
        self._fill_numbers()
        self.changed.emit()

    def _on_year(self) -> None:
        self._fill_numbers()
        self.changed.emit()

    def _fill_numbers(self) -> None:
        """The numbers of the kind in the chosen year; the latest finished one preselected."""
        kind = PeriodKind(self.kind.currentData())
        year = self.year.value()
        items = self._numbers(kind, year)
        keep = self.number.currentData()
        self.number.blockSignals(True)
        self.number.clear()
        for label, value in items:
            self.number.addItem(label, value)
        values = [v for _, v in items]
        default = self._default_number(kind, year)
        index = (
            values.index(keep)
            if keep in values
            else values.index(default)
            if default in values
            else 0
        )
        self.number.setCurrentIndex(index if items else -1)
        self.number.blockSignals(False)

    def _numbers(self, kind: PeriodKind, year: int) -> list[tuple[str, int]]:
        if kind is PeriodKind.WEEK:
            return [(self.tr("第%1周").replace("%1", str(n)), n)
                    for n in range(1, periods.weeks_in_year(year) + 1)]  # fmt: skip
        if kind is PeriodKind.XUN:
            parts = (self.tr("上旬"), self.tr("中旬"), self.tr("下旬"))
            xun = self.tr("%1月%2")  # "11月上旬"; English "Days 1–10, month 11"
            return [(xun.replace("%1", str(m)).replace("%2", parts[p - 1]), m * 10 + p)
                    for m in range(1, 13) for p in (1, 2, 3)]  # fmt: skip
        if kind is PeriodKind.MONTH:
            return [(self.tr("%1月").replace("%1", str(m)), m) for m in range(1, 13)]
        if kind is PeriodKind.QUARTER:
            names = (self.tr("一季度"), self.tr("二季度"), self.tr("三季度"), self.tr("四季度"))
            return [(names[q - 1], q) for q in range(1, 5)]
        if kind is PeriodKind.HALF:
            return [(self.tr("上半年"), 1), (self.tr("下半年"), 2)]
        return []

    def _default_number(self, kind: PeriodKind, year: int) -> int | None:
        """The last period of this kind that has ended by today (the usual brief to write),
        or the first of the year when none has."""
        day = self._today - timedelta(days=1)
        if year != day.year:
            day = date(year, 12, 31) if year < day.year else date(year, 1, 1)
        if kind is PeriodKind.WEEK:
            last = day - timedelta(days=day.weekday() + 1)  # the Sunday ending the last week
            return last.isocalendar()[1] if last.isocalendar()[0] == year else 1
        if kind is PeriodKind.XUN:
            part = 1 if day.day < 10 else 2 if day.day < 20 else 3
            previous = day.month * 10 + part - 1
            return previous if previous % 10 else max(11, (day.month - 1) * 10 + 3)
        if kind is PeriodKind.MONTH:
            return max(1, day.month - 1) if day.month > 1 else 1
        if kind is PeriodKind.QUARTER:
            return max(1, (day.month - 1) // 3)
        if kind is PeriodKind.HALF:
            return 1
        return None

    def _kind_labels(self) -> list[str]:
        return [
            self.tr("周报（ISO周）"),
            self.tr("旬报"),
            self.tr("月报"),
            self.tr("季度"),
            self.tr("半年"),
            self.tr("全年"),
            self.tr("年初至今"),
            self.tr("自定义日期"),
        ]
