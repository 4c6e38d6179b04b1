"""Analysis (分析): the user picks a measure, a period, one or two dimensions and a filter;
crm.analysis.run_analysis computes the table on a worker (ui.ops.run_op); the table and a
chart show it; it exports to xlsx (numbers as numbers) and can be saved under a name.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from crm.analysis import DIMENSIONS, MEASURES, TOTAL, AnalysisSpec, parse_filters
from crm.analysis.spec import OVERLAPPING, UNITS, label
from crm.errors import CrmError
from crm.services.result import ChangeSet
from ui import dialogs, icons, ops
from ui.activities.forms import fill_table, fmt_pct, setup_table
from ui.analysis.chart import AnalysisChart
from ui.briefs.period_picker import PeriodPicker
from ui.context import SETTINGS, AppContext
from ui.drill import open_projects
from ui.ops import Progress, Task, run_write
from ui.screen import Screen
from ui.widgets.money import format_amount

#: The figures depend on these tables (and the settings: the bureau, saved analyses).
TABLES = frozenset({"project", "funds_entry", "investment_increase", "company_tag", SETTINGS})
PERCENT_COLUMNS = frozenset({"同比(%)", "占比(%)"})


def compute(session: Any, spec: AnalysisSpec, language: str, progress: Progress) -> Any:
    """Runs on a worker, in its own read-only session."""
    from crm.analysis import run_analysis

    return run_analysis(
        session,
        spec,
        progress=progress.fraction,
        should_cancel=progress.should_cancel,
        language=language,
    )


def load_saved(session: Any) -> list[tuple[str, AnalysisSpec]]:
    from crm.analysis.saved import saved_analyses

    return saved_analyses(session)


class AnalysisScreen(Screen):
    screen_id = "analysis"
    watched = TABLES
    can_export = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.table_data: Any = None
        self.task: Task[Any] | None = None
        self.saved: list[tuple[str, AnalysisSpec]] = []
        self._build()
        self.reload_saved()

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        lang = self.ctx.language
        self.measure = QComboBox(self)
        for code in MEASURES:
            self.measure.addItem(label(code, lang), code)
        self.period = PeriodPicker(date.today(), self)
        self.first = QComboBox(self)
        self.second = QComboBox(self)
        self.second.addItem(self.tr("（无）"), "")
        self.filter_dim = QComboBox(self)
        self.filter_dim.addItem(self.tr("（不筛选）"), "")
        for code in DIMENSIONS:
            self.first.addItem(label(code, lang), code)
            self.second.addItem(label(code, lang), code)
            self.filter_dim.addItem(label(code, lang), code)
        self.filter_values = QLineEdit(self)
        self.filter_values.setPlaceholderText(self.tr("名称或代码，多个用逗号分隔"))
        self.run_button = QPushButton(self.tr("分析"), self)
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run)
        self.export_button = QPushButton(self.tr("导出 xlsx…"), self)
        self.export_button.clicked.connect(self.export_view)
        self.export_button.setEnabled(False)
        self.saved_box = QComboBox(self)
        self.saved_box.setMinimumContentsLength(12)
        self.saved_box.activated.connect(self._on_saved_chosen)
        self.save_button = QPushButton(self.tr("保存分析…"), self)
        self.save_button.clicked.connect(self.save_current)
        self.delete_button = QPushButton(self.tr("删除"), self)
        self.delete_button.clicked.connect(self.delete_saved)
        for button, name in (
            (self.run_button, "analyse"),
            (self.export_button, "export"),
            (self.save_button, "save"),
            (self.delete_button, "delete"),
        ):
            button.setIcon(icons.icon(name))

        controls = QGridLayout()
        controls.addWidget(QLabel(self.tr("指标"), self), 0, 0)
        controls.addWidget(self.measure, 0, 1)
        controls.addWidget(QLabel(self.tr("期间"), self), 0, 2)
        controls.addWidget(self.period, 0, 3, 1, 3)
        controls.addWidget(QLabel(self.tr("按"), self), 1, 0)
        controls.addWidget(self.first, 1, 1)
        controls.addWidget(QLabel(self.tr("再按"), self), 1, 2)
        controls.addWidget(self.second, 1, 3)
        controls.addWidget(QLabel(self.tr("筛选"), self), 1, 4)
        filters = QHBoxLayout()
        filters.addWidget(self.filter_dim)
        filters.addWidget(self.filter_values, 1)
        controls.addLayout(filters, 1, 5)
        controls.setColumnStretch(5, 1)
        buttons = QHBoxLayout()
        for widget in (self.run_button, self.export_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(QLabel(self.tr("已保存的分析"), self))
        for widget in (self.saved_box, self.save_button, self.delete_button):
            buttons.addWidget(widget)
        self.heading = QLabel(self.tr("选择指标、期间和维度，然后点“分析”。"), self)
        self.heading.setWordWrap(True)
        self.table = QTableWidget(self)
        setup_table(self.table, stretch_last=False)
        self.chart = AnalysisChart(self)
        self.table.cellDoubleClicked.connect(lambda row, _col: self.open_row(row))
        # Side by side: the chart gets the height its bars (and long team names) need.
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([620, 440])  # the chart's legend needs room for its names
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(buttons)
        layout.addWidget(self.heading)
        layout.addWidget(splitter, 1)

    # -- the spec -----------------------------------------------------------------------------
    def spec(self) -> AnalysisSpec:
        """What the controls say; a CrmError names what is missing or wrong."""
        period = self.period.period()
        if period is None:
            raise CrmError("请选择有效的期间", "Choose a valid period", code="bad_period")
        dims = tuple(d for d in (self.first.currentData(), self.second.currentData()) if d)
        filters: dict[str, tuple[str, ...]] = {}
        dim, values = self.filter_dim.currentData(), self.filter_values.text().strip()
        if dim and values:
            filters = parse_filters([f"{dim}={values}"])
        return AnalysisSpec(self.measure.currentData(), dims, period, filters=filters)

    def set_spec(self, spec: AnalysisSpec) -> None:
        self.measure.setCurrentIndex(self.measure.findData(spec.measure))
        self.period.set_period(spec.period)
        self.first.setCurrentIndex(self.first.findData(spec.dimensions[0]))
        second = spec.dimensions[1] if len(spec.dimensions) > 1 else ""
        self.second.setCurrentIndex(self.second.findData(second))
        dim, values = next(iter(spec.filters.items()), ("", ()))
        self.filter_dim.setCurrentIndex(self.filter_dim.findData(dim))
        self.filter_values.setText(",".join(values))

    # -- running ------------------------------------------------------------------------------
    def run(self) -> Task[Any] | None:
        try:
            spec = self.spec()
        except CrmError as exc:
            dialogs.show_error(self, exc.message(self.ctx.language))
            return None
        self.run_button.setEnabled(False)

        def ended() -> None:
            if isValid(self):
                self.run_button.setEnabled(True)

        def done(table: Any) -> None:
            ended()
            self.show_table(table)

        def failed(exc: Exception) -> None:
            ended()
            dialogs.show_error(self, ops.error_text(exc, self.ctx.language))

        self.task = ops.run_read_progress(
            self.ctx,
            self,
            lambda session, progress: compute(session, spec, self.ctx.language, progress),
            on_done=done,
            on_error=failed,
            on_cancelled=ended,
            title=self.tr("正在分析…"),
        )
        return self.task

    def refresh(self) -> None:
        if self.table_data is not None:
            self.run()

    def apply_change(self, change: ChangeSet) -> None:
        tables = change.tables()
        if SETTINGS in tables:
            self.reload_saved()
        if tables & TABLES and self.table_data is not None:
            self.run()

    def show_table(self, table: Any) -> None:
        if not isValid(self):
            return
        self.table_data = table
        money = table.attrs["unit"] == "万元"
        words = self._words()
        headers = [str(table.index.name), *(words.get(str(c), str(c)) for c in table.columns)]
        rows = [
            [
                words.get(str(row_label), str(row_label)),
                *(self._cell(str(c), v, money) for c, v in values.items()),
            ]
            for row_label, values in table.iterrows()
        ]
        keys = [str(k) if k is not None else "" for k in table.attrs.get("row_keys", [])]
        fill_table(self.table, headers, rows, ids=keys or None,
                   right_columns=frozenset(range(1, len(headers))))  # fmt: skip
        total_row = self.table.rowCount() - 1
        for column in range(self.table.columnCount()):
            item = self.table.item(total_row, column)
            if item is not None:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
        dims = table.attrs["dimensions"]
        self.chart.show_table(
            table,
            current="本期",
            previous="上年同期",
            total=TOTAL,
            stacked=not (len(dims) == 2 and dims[1] in OVERLAPPING),
            words=words,
        )
        period, previous = table.attrs["period"], table.attrs["previous"]
        english = self.ctx.is_english
        text = self.tr("%1 %2（%3），与上年同期（%4 至 %5）比较")
        for n, part in enumerate(
            (
                period.label(self.ctx.language),
                label(table.attrs["measure"], self.ctx.language),
                UNITS[table.attrs["measure"]][1 if english else 0],
                previous.start.isoformat(),
                previous.end.isoformat(),
            ),
            start=1,
        ):
            text = text.replace(f"%{n}", part)
        notes = table.attrs.get("notes", [])
        self.heading.setText("\n".join([text, *notes]))
        self.export_button.setEnabled(True)

    def _words(self) -> dict[str, str]:
        """The table's fixed headers (crm.analysis names them in Chinese) as shown."""
        return {
            "本期": self.tr("本期"),
            "上年同期": self.tr("上年同期"),
            "同比(%)": self.tr("同比(%)"),
            "占比(%)": self.tr("占比(%)"),
            TOTAL: self.tr("合计"),
        }

    @staticmethod
    def _cell(column: str, value: Any, money: bool) -> str:
        if column in PERCENT_COLUMNS:
            return fmt_pct(value)
        if money and isinstance(value, Decimal | int):
            return format_amount(Decimal(value))
        return f"{value:,}" if isinstance(value, int) else str(value)

    def open_row(self, row: int) -> bool:
        """Drill-down: the projects the row counts (ui.analysis.drill says which rows can)."""
        from ui.analysis.drill import row_filter

        f = None if self.table_data is None else row_filter(self.table_data, row)
        return f is not None and open_projects(self, f)

    # -- export -------------------------------------------------------------------------------
    def export_view(self) -> None:
        if self.table_data is None:
            return
        table = self.table_data
        path = self.ask_save_path(f"分析_{table.attrs['period'].code}.xlsx")
        if not path:
            return

        def work(session: Any, _progress: Progress) -> Path:
            from crm.analysis.export import to_xlsx
            from crm.reports.files import write_file_atomically
            from ui.access.guards import require_export

            require_export(session)  # the rule `crm export ledger` obeys (crm.access)
            write_file_atomically(Path(path), to_xlsx(table))
            return Path(path)

        ops.run_op(
            self,
            ops.reading(lambda: self.ctx.db, work),
            on_done=lambda p: dialogs.show_info(self, self.tr("已导出到 %1").replace("%1", str(p))),
            title=self.tr("正在导出…"),
            ctx=self.ctx,
        )

    def ask_save_path(self, suggested: str) -> str | None:
        """A method so tests can replace the file dialog."""
        return dialogs.ask_save_path(
            self, self.tr("导出分析"), suggested, self.tr("Excel 工作簿 (*.xlsx)")
        )

    # -- saved analyses -----------------------------------------------------------------------
    def reload_saved(self) -> Task[Any]:
        return ops.run_read(self.ctx, self, load_saved, on_done=self._show_saved)

    def _show_saved(self, saved: list[tuple[str, AnalysisSpec]]) -> None:
        if not isValid(self):
            return
        self.saved = saved
        self.saved_box.clear()
        for name, _spec in saved:
            self.saved_box.addItem(name)
        self.delete_button.setEnabled(bool(saved))

    def _on_saved_chosen(self, index: int) -> None:
        if 0 <= index < len(self.saved):
            self.set_spec(self.saved[index][1])
            self.run()

    def save_current(self) -> None:
        try:
            spec = self.spec()
        except CrmError as exc:
            dialogs.show_error(self, exc.message(self.ctx.language))
            return
        name = dialogs.ask_text(self, self.tr("保存分析"), self.tr("名称"))
        if not name:
            return
        from crm.analysis.saved import save_analysis

        run_write(self.ctx, self, lambda s: save_analysis(s, name, spec), changes={SETTINGS})

    def delete_saved(self) -> None:
        name = self.saved_box.currentText()
        if not name:
            return
        question = self.tr("删除已保存的分析“%1”？").replace("%1", name)
        if not dialogs.ask_confirm(self, self.tr("删除"), question):
            return
        from crm.analysis.saved import delete_analysis

        run_write(self.ctx, self, lambda s: delete_analysis(s, name), changes={SETTINGS})
