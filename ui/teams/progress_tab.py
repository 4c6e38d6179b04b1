"""The Teams screen's 目标完成 tab: each measure of the year's target against 序时进度, as a
table and as bars."""

from __future__ import annotations

from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableWidget, QVBoxLayout, QWidget

from crm.queries import teams as q
from ui.activities.forms import OVERDUE_COLOR, fill_table, fmt_pct, fmt_points, setup_table
from ui.widgets.money import format_amount

AHEAD_COLOR = "#1e8449"


def ahead_color(points: Any) -> str | None:
    """Green when ahead of 序时进度 (or level), red when behind, none when unknown."""
    if points is None:
        return None
    return AHEAD_COLOR if points >= 0 else OVERDUE_COLOR


def ahead_text(points: Any, ahead: str, behind: str) -> str:
    """Points ahead of 序时进度 (or level) in `ahead`, behind it in `behind` ({p}: the points
    without their sign), "—" when unknown."""
    if points is None:
        return "—"
    size = fmt_points(abs(points)).lstrip("+")
    return (ahead if points >= 0 else behind).format(p=size)


class ProgressTab(QWidget):
    """`fill(progress)`; `target_button` opens the target dialog (the screen connects it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.elapsed = QLabel(self)
        self.progress = QTableWidget(self)
        setup_table(self.progress)
        self.target_button = QPushButton(self.tr("设置年度目标"), self)
        self.progress.setMaximumHeight(150)
        self.progress_chart = QChart()
        self.progress_chart.setTitle(self.tr("完成率与序时进度（%）"))
        self.progress_chart.setMargins(QMargins(4, 4, 4, 4))
        chart_view = QChartView(self.progress_chart, self)
        chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        layout.addWidget(self.elapsed)
        layout.addWidget(self.progress)
        layout.addWidget(chart_view, 1)
        row = QHBoxLayout()
        row.addWidget(self.target_button)
        row.addStretch(1)
        layout.addLayout(row)

    def fill(self, progress: q.TeamProgress) -> None:
        self.elapsed.setText(
            self.tr("{year} 年序时进度：{pct}").format(
                year=progress.year, pct=fmt_pct(progress.elapsed_percent)
            )
        )
        names = {
            "signed_investment": self.tr("签约投资额（万元）"),
            "signed_projects": self.tr("签约项目（个）"),
            "funds_in_place": self.tr("到位资金（万元）"),
            "projects_over_100m": self.tr("亿元以上项目（个）"),
        }
        money = {"signed_investment", "funds_in_place"}
        ahead, behind = self.tr("超序时进度 {p} 个百分点"), self.tr("落后序时进度 {p} 个百分点")
        rows, colors = [], []
        for m in progress.measures:

            def show(value: Any, key: str = m.key) -> str:
                if value is None:
                    return "—"
                return format_amount(value) if key in money else str(int(value))

            rows.append(
                [
                    names[m.key],
                    show(m.actual),
                    show(m.target),
                    fmt_pct(m.percent),
                    ahead_text(m.ahead_points, ahead, behind),
                ]
            )
            colors.append(ahead_color(m.ahead_points))
        headers = [
            self.tr("指标"),
            self.tr("完成"),
            self.tr("年度目标"),
            self.tr("完成率"),
            self.tr("较序时进度"),
        ]
        fill_table(self.progress, headers, rows, colors=colors, right_columns=frozenset({1, 2, 3}))
        self._chart_progress(progress, names)

    def _chart_progress(self, progress: q.TeamProgress, names: dict[str, str]) -> None:
        """Each measure's completion beside the share of the year gone."""
        chart = self.progress_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        measures = [m for m in progress.measures if m.percent is not None]
        done = QBarSet(self.tr("完成率"))
        done.setColor(QColor("#3b73b9"))
        elapsed = QBarSet(self.tr("序时进度"))
        elapsed.setColor(QColor("#b0b8c4"))
        for m in reversed(measures):
            done.append(float(min(m.percent or 0, 200)))
            elapsed.append(float(progress.elapsed_percent))
        series = QHorizontalBarSeries()
        series.append(done)
        series.append(elapsed)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        series.setLabelsPrecision(3)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([names[m.key] for m in reversed(measures)] or [self.tr("未设目标")])
        categories.setLabelsFont(self.font())
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        values = QValueAxis()
        top = max([120.0, *(float(m.percent or 0) + 10 for m in measures)])
        values.setRange(0, min(top, 210))
        values.setLabelFormat("%d%%")
        values.setLabelsFont(self.font())
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(values)
        chart.legend().setFont(self.font())
        chart.setTitleFont(self.font())
