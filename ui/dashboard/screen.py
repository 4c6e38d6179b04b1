"""Dashboard (首页): this year to date against the same days of last year, the stage funnel,
the best teams by target completion, overdue problems and the next steps due this week.

The figures come from crm.stats.dashboard_figures (the same functions the briefs use), loaded on
a worker thread through ui.ops.run_op.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalBarSeries
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from crm.codes import ProblemCategory, Stage
from crm.money import format_yi
from crm.queries import activities as activity_queries
from crm.queries import problems as problem_queries
from crm.reports.numbers import TIMES_ABOVE_PCT
from crm.stats import DashboardFigures, Figure, dashboard_figures
from ui.activities.forms import (
    OVERDUE_COLOR,
    fill_table,
    fmt_date,
    fmt_pct,
    setup_table,
)
from ui.context import SETTINGS, AppContext
from ui.dashboard.drill import install_drill
from ui.layouts import line_height, share_width
from ui.ops import Progress, Task, run_read_progress
from ui.screen import Screen
from ui.teams.progress_tab import AHEAD_COLOR, ahead_color, ahead_text
from ui.widgets.money import format_amount

#: The figures depend on these tables, and on the settings (the bureau's region, thresholds).
TABLES = frozenset(
    {"project", "funds_entry", "stage_event", "team_target", "problem", "activity", SETTINGS}
)
#: Widest a column of the overdue-problems table may be (pixels).

#: The funnel chart keeps room for its six bars and title, in lines of text.
CHART_LINES = 10


@dataclass(frozen=True)
class DashboardData:
    figures: DashboardFigures
    overdue: list[problem_queries.ProblemRow]
    next_steps: list[activity_queries.NextStepRow]


def load_dashboard(session: Any, today: date, progress: Progress | None = None) -> DashboardData:
    """Everything the dashboard shows, read in one session (runs on a worker thread)."""
    days_left_in_week = 6 - today.weekday()
    figures = dashboard_figures(session, today=today)
    if progress is not None:
        progress.check()
    overdue = problem_queries.overdue_problems(session, today=today, limit=50)
    steps = activity_queries.next_steps(
        session, today=today, days_ahead=days_left_in_week, limit=50
    )
    return DashboardData(figures, overdue, steps)


def _stage_label(code: str, fallback: str, language: str) -> str:
    return Stage(code).label(language) if code in Stage._value2member_map_ else fallback


class FigureCard(QFrame):
    """One key figure: this year to date, last year's same days, and the change."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureCard")
        self.setStyleSheet(
            "#figureCard { background: #f7f9fc; border: 1px solid #d6dde8; border-radius: 6px; }"
        )
        layout = QVBoxLayout(self)
        self.title = QLabel(title, self)
        self.title.setStyleSheet("color: #555;")
        self.value = QLabel("—", self)
        font = QFont(self.value.font())
        font.setPointSize(font.pointSize() + 8)
        font.setBold(True)
        self.value.setFont(font)
        self.previous = QLabel(self)
        self.change = QLabel(self)
        for widget in (self.title, self.value, self.previous, self.change):
            layout.addWidget(widget)

    def set_figure(self, current: str, previous: str, change: Decimal | None) -> None:
        self.value.setText(current)
        self.previous.setText(self.tr("去年同期：{v}").format(v=previous))
        if change is None:
            self.change.setText(self.tr("同比：—"))
            self.change.setStyleSheet("color: #555;")
            return
        if change > TIMES_ABOVE_PCT:
            # As the briefs write it: +1740% is 增长17.4倍, which English says as a ratio (18.4×
            # last year's): "up 17.4×" would read as seventeen times, not eighteen.
            text = self.tr("同比增长 {n} 倍").format(
                n=f"{change / 100:.1f}", ratio=f"{change / 100 + 1:.1f}"
            )
        else:
            rounded = f"{abs(change):.1f}%"
            text = self.tr("同比增长 {p}") if change >= 0 else self.tr("同比下降 {p}")
            text = text.format(p=rounded)
        self.change.setText(text)
        self.change.setStyleSheet(f"color: {AHEAD_COLOR if change >= 0 else OVERDUE_COLOR};")


class DashboardScreen(Screen):
    watched = TABLES
    screen_id = "dashboard"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.data: DashboardData | None = None
        self.task: Task[Any] | None = None
        self._build()
        install_drill(self)
        self.refresh()

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.heading = QLabel(self.tr("正在统计…"), self)
        font = QFont(self.heading.font())
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        cards = QHBoxLayout()
        self.cards = {
            "funds": FigureCard(self.tr("到位资金（亿元）"), self),
            "signed_count": FigureCard(self.tr("新签约项目（个）"), self),
            "signed_investment": FigureCard(self.tr("签约投资额（亿元）"), self),
            "started": FigureCard(self.tr("开工项目（个）"), self),
            "operating": FigureCard(self.tr("投产项目（个）"), self),
        }
        for card in self.cards.values():
            cards.addWidget(card)
        layout.addLayout(cards)
        # The counts of the projects screen's ready-made stalled views (one rule: crm.stalled).
        self.stalled = QLabel(self)
        layout.addWidget(self.stalled)
        grid = QGridLayout()
        self.chart = QChart()
        self.chart.setTitle(self.tr("项目阶段分布（在库项目）"))
        self.chart.legend().hide()
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart_view = QChartView(self.chart, self)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(line_height(self) * CHART_LINES)
        grid.addWidget(self._boxed(self.tr("阶段漏斗"), self.chart_view), 0, 0)
        self.teams = QTableWidget(self)
        setup_table(self.teams)
        grid.addWidget(self._boxed(self.tr("目标完成领先的工作队"), self.teams), 0, 1)
        self.problems = QTableWidget(self)
        setup_table(self.problems)
        grid.addWidget(self._boxed(self.tr("超期问题"), self.problems), 1, 0)
        self.steps = QTableWidget(self)
        setup_table(self.steps)
        grid.addWidget(self._boxed(self.tr("本周到期的下一步"), self.steps), 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid, 1)

    def _boxed(self, title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title, self)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(4, 4, 4, 4)
        inner.addWidget(widget)
        return box

    # -- loading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        today = date.today()
        self.task = run_read_progress(
            self.ctx,
            self,
            lambda session, progress: load_dashboard(session, today, progress),
            on_done=self.show_data,
            title=self.tr("正在统计首页数据…"),
        )

    # -- showing ------------------------------------------------------------------------------
    def show_data(self, data: DashboardData) -> None:
        if not isValid(self):  # the screen was closed while the figures were being read
            return
        self.data = data
        f = data.figures
        if self.ctx.is_english:
            self.heading.setText(
                self.tr("本年累计（{start} 至 {end}），与去年同期比较").format(
                    start=f.period.start.isoformat(), end=f.today.isoformat()
                )
            )
        else:
            self.heading.setText(
                self.tr("{label}累计（截至 {end}），与去年同期比较").format(
                    label=f.period.label(self.ctx.language), end=f.today.isoformat()
                )
            )
        self._show_cards(f)
        self.stalled.setText(
            self.tr("停滞项目：签约未开工 {a} 个，开工未投产 {b} 个，长期无跟进 {c} 个").format(
                a=f.stalled.signed_not_started,
                b=f.stalled.started_not_operating,
                c=f.stalled.no_update,
            )
        )
        self._show_funnel(f)
        self._show_teams(f)
        self._show_problems(data.overdue, f.today)
        self._show_steps(data.next_steps)

    def _show_cards(self, f: DashboardFigures) -> None:
        def yi(value: Decimal) -> str:
            # Rounded as the briefs print it, so the two always read the same.
            return format_yi(value)

        figures: dict[str, tuple[Figure[Any], Any]] = {
            "funds": (f.funds, yi),
            "signed_count": (f.signed_count, str),
            "signed_investment": (f.signed_investment, yi),
            "started": (f.started, str),
            "operating": (f.operating, str),
        }
        for key, (figure, fmt) in figures.items():
            self.cards[key].set_figure(fmt(figure.current), fmt(figure.previous), figure.change_pct)

    def _show_funnel(self, f: DashboardFigures) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        stages = [p for p in f.funnel if p.stage != Stage.DROPPED.value]
        stages.reverse()  # lead at the top of a horizontal bar chart
        bars = QBarSet(self.tr("项目数"))
        bars.setColor(QColor("#3b73b9"))
        bars.setLabelColor(QColor("#222222"))
        labels = []
        for p in stages:
            bars.append(p.count)
            label = _stage_label(p.stage, p.label, self.ctx.language)
            labels.append(label)
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        self.chart.addSeries(series)
        axis = QBarCategoryAxis()
        axis.append(labels)
        axis.setLabelsFont(self.font())
        self.chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis)
        self.chart.setTitleFont(self.font())

    def _show_teams(self, f: DashboardFigures) -> None:
        headers = [
            self.tr("工作队"),
            self.tr("签约投资（万元）"),
            self.tr("完成率"),
            self.tr("较序时进度"),
        ]
        ahead_of, behind = self.tr("超 {p} 个百分点"), self.tr("落后 {p} 个百分点")
        rows, colors = [], []
        for t in f.top_teams:
            points = t.ahead_points
            ahead = ahead_text(points, ahead_of, behind)
            rows.append(
                [t.name, format_amount(t.signed_ytd_investment), fmt_pct(t.completion_pct), ahead]
            )
            colors.append(ahead_color(points))
        if not rows:
            rows, colors = [[self.tr("还没有设定年度目标的工作队"), "", "", ""]], [None]
        fill_table(self.teams, headers, rows, colors=colors, right_columns=frozenset({1, 2, 3}))
        share_width(self.teams, stretch={0})

    def _show_problems(self, overdue: list[problem_queries.ProblemRow], today: date) -> None:
        lang = self.ctx.language
        # The problem itself right after its project: the table is narrow on a laptop.
        headers = [
            self.tr("项目"),
            self.tr("问题"),
            self.tr("类别"),
            self.tr("超期天数"),
            self.tr("期限"),
            self.tr("责任单位"),
        ]
        rows = [
            [
                p.project_name,
                p.description,
                ProblemCategory.label_of(p.category, lang),
                str((today - p.due_on).days) if p.due_on else "",
                fmt_date(p.due_on),
                p.responsible_unit,
            ]
            for p in overdue
        ]
        fill_table(
            self.problems,
            headers,
            rows,
            ids=[p.id for p in overdue],
            colors=[OVERDUE_COLOR] * len(rows),
        )
        # Long names share the width left by the short columns (whole in their tooltips).
        share_width(self.problems, stretch={0, 1, 5})

    def _show_steps(self, steps: list[activity_queries.NextStepRow]) -> None:
        headers = [self.tr("期限"), self.tr("项目或企业"), self.tr("工作队"), self.tr("下一步工作")]
        rows = [
            [fmt_date(s.due), s.project_name or s.company_name, s.team_name, s.next_step]
            for s in steps
        ]
        colors = [OVERDUE_COLOR if s.overdue else None for s in steps]
        fill_table(self.steps, headers, rows, ids=[s.activity_id for s in steps], colors=colors)
        share_width(self.steps, stretch={1, 2, 3})
