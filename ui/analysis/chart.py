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
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

#: At most this many rows (the largest, as the table orders them) and stacked series.
MAX_BARS = 15
MAX_STACKED = 8
PALETTE = ("#3b73b9", "#e08b2c", "#4c9f70", "#c24b4b", "#8a63b8", "#6b8e9f", "#c9a227", "#999999")


class AnalysisChart(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        self.chart_ = QChart()
        self.chart_.setMargins(QMargins(4, 4, 4, 4))
        super().__init__(self.chart_, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)

    def show_table(self, table: Any, *, current: str, previous: str, total: str) -> None:
        """`table`: the analysis DataFrame; `current`/`previous`: the columns of one
        dimension's bars; for two dimensions the value columns come before `total`."""
        chart = self.chart_
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        rows = table.iloc[:-1].head(MAX_BARS)
        labels = [str(label) for label in rows.index]
        columns = list(table.columns)
        if current in columns:
            series = QBarSeries()
            for n, name in enumerate((current, previous)):
                series.append(self._set(name, [rows[name].tolist()][0], PALETTE[n]))
        else:
            series = QStackedBarSeries()
            values = columns[: columns.index(total)][:MAX_STACKED]
            for n, name in enumerate(values):
                series.append(self._set(str(name), rows[name].tolist(), PALETTE[n % len(PALETTE)]))
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append(labels)
        axis_x.setLabelsFont(self.font())
        axis_x.setLabelsAngle(-30 if len(labels) > 6 else 0)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = QValueAxis()
        axis_y.setLabelFormat("%.0f")
        axis_y.setLabelsFont(self.font())
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        chart.legend().setFont(self.font())
        chart.legend().setVisible(True)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)

    @staticmethod
    def _set(name: str, values: list[Any], color: str) -> QBarSet:
        bars = QBarSet(name)
        bars.setColor(QColor(color))
        for value in values:
            bars.append(float(value or 0))  # drawing only: the table keeps the exact figure
        return bars
