"""The analysis chart (Qt Charts): this period against last year's for one dimension, or the
second dimension stacked for two. Rows are drawn without the 合计 row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

#: At most this many rows (the largest, as the table orders them) and stacked series.
MAX_BARS = 12
MAX_STACKED = 8
#: Months drawn as vertical bars up to this many (a year).
MAX_MONTH_COLUMNS = 12
PALETTE = ("#3b73b9", "#e08b2c", "#4c9f70", "#c24b4b", "#8a63b8", "#6b8e9f", "#c9a227", "#999999")


class AnalysisChart(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        self.chart_ = QChart()
        self.chart_.setMargins(QMargins(4, 4, 4, 4))
        super().__init__(self.chart_, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(320, 220)

    def show_table(
        self,
        table: Any,
        *,
        current: str,
        previous: str,
        total: str,
        stacked: bool = True,
        words: dict[str, str] | None = None,
    ) -> None:
        """`table`: the analysis DataFrame; `current`/`previous`: the columns of one
        dimension's bars; for two dimensions the value columns come before `total`, stacked
        unless they overlap (region groups, lists: a project in two would count twice)."""
        chart = self.chart_
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        rows = table.iloc[:-1].head(MAX_BARS)
        labels = [str(label) for label in rows.index]
        columns = list(table.columns)
        # Beside the table the chart is tall and narrow: horizontal bars, names readable;
        # months keep time running left to right unless there are too many to label.
        months = table.attrs.get("dimensions", [""])[0] == "month"
        horizontal = not months or len(labels) > MAX_MONTH_COLUMNS
        if horizontal:  # the first row at the top
            rows, labels = rows.iloc[::-1], labels[::-1]
        if current in columns:
            series = QHorizontalBarSeries() if horizontal else QBarSeries()
            for n, name in enumerate((current, previous)):
                shown = (words or {}).get(name, name)
                series.append(self._set(shown, rows[name].tolist(), PALETTE[n]))
        else:
            if stacked:
                series = QHorizontalStackedBarSeries() if horizontal else QStackedBarSeries()
            else:
                series = QHorizontalBarSeries() if horizontal else QBarSeries()
            values = columns[: columns.index(total)][:MAX_STACKED]
            for n, name in enumerate(values):
                series.append(self._set(str(name), rows[name].tolist(), PALETTE[n % len(PALETTE)]))
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append(labels)
        categories.setLabelsFont(self.font())
        if not horizontal and len(labels) > 6:
            categories.setLabelsAngle(-30)
        values_axis = QValueAxis()
        values_axis.setLabelFormat("%.0f")
        values_axis.setLabelsFont(self.font())
        left, bottom = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom
        chart.addAxis(categories, left if horizontal else bottom)
        chart.addAxis(values_axis, bottom if horizontal else left)
        series.attachAxis(categories)
        series.attachAxis(values_axis)
        values_axis.applyNiceNumbers()
        small = self.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        chart.legend().setFont(small)
        chart.legend().setVisible(True)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.legend().setShowToolTips(True)  # a name cut short shows whole on hover

    @staticmethod
    def _set(name: str, values: list[Any], color: str) -> QBarSet:
        bars = QBarSet(name)
        bars.setColor(QColor(color))
        for value in values:
            bars.append(float(value or 0))  # drawing only: the table keeps the exact figure
        return bars
