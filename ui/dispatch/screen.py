"""Dispatch screen (重大项目调度): this year's listed projects with their completion against
序时进度 as of a day (the 旬 it falls in), 四张清单, the targets; entering a completion entry
and setting a target. The figures are crm.stats' (the same as the printed notice)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from crm.codes import TargetMeasure
from crm.money import format_wan
from crm.periods import Period, xun
from crm.reports.numbers import pct
from crm.stats.dispatch import DispatchFigures, dispatch_figures
from crm.stats.targets import TargetFigures, park_choices, target_figures
from ui import ops
from ui.activities.forms import OVERDUE_COLOR, fill_table, fmt_pct, setup_table
from ui.context import AppContext
from ui.dispatch.dialogs import CompletionDialog, TargetDialog
from ui.screen import Screen
from ui.widgets.date_edit import OptionalDateEdit

TABLES = frozenset(
    {"completion_entry", "project_list_entry", "dispatch_profile", "target", "project", "park"}
)


@dataclass(frozen=True)
class DispatchData:
    figures: DispatchFigures
    targets: TargetFigures
    parks: list[tuple[str, str]]


def xun_of(day: date) -> Period:
    """The 旬 a day falls in, cut at that day."""
    number = 1 if day.day <= 10 else 2 if day.day <= 20 else 3
    return xun(day.year, day.month, number).cut_at(day)


def load_dispatch(session: Any, day: date, language: str = "zh") -> DispatchData:
    """Everything the screen shows, read in one session (runs on a worker thread); the lists'
    names in the window's language."""
    period = xun_of(day)
    figures = dispatch_figures(session, period, as_of=day, language=language)
    targets = target_figures(session, period)
    parks = park_choices(session)
    return DispatchData(figures, targets, parks)


def _money(value: Decimal) -> str:
    return format_wan(value, 0)


class DispatchScreen(Screen):
    screen_id = "dispatch"
    watched = TABLES

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.data: DispatchData | None = None
        self.task: Any = None
        self._build()
        self.refresh()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("截至"), self))
        self.as_of = OptionalDateEdit(self)
        self.as_of.set_value(date.today())
        bar.addWidget(self.as_of)
        self.entry_button = QPushButton(self.tr("填报完成投资…"), self)
        self.target_button = QPushButton(self.tr("设定目标…"), self)
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        for button in (self.entry_button, self.target_button, self.refresh_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.projects = QTableWidget(split)
        setup_table(self.projects)
        self.targets = QTableWidget(split)
        setup_table(self.targets)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)
        self.entry_button.clicked.connect(self.enter_completion)
        self.target_button.clicked.connect(self.set_target)
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.as_of.date_changed.connect(lambda *_: self.refresh())

    # -- loading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        day = self.as_of.value() or date.today()
        language = self.ctx.language
        self.task = ops.run_read_progress(
            self.ctx,
            self,
            lambda session, _progress: load_dispatch(session, day, language),
            on_done=self.show_data,
            title=self.tr("正在统计调度数据…"),
        )

    def show_data(self, data: DispatchData) -> None:
        self.data = data
        f = data.figures
        t = f.total
        lists = self._four_lists(f.four_lists)
        self.summary.setText(
            self.tr(
                "%1：重点项目%2个，年度计划投资%3万元，累计完成%4万元，完成率%5%，序时进度%6%；"
            )
            .replace("%1", f.period.label(self.ctx.language))
            .replace("%2", str(t.projects))
            .replace("%3", _money(t.year_plan))
            .replace("%4", _money(t.completed_ytd))
            .replace("%5", pct(t.rate_pct))
            .replace("%6", pct(f.elapsed_pct))
            + lists
        )
        headers = [self.tr("项目编号"), self.tr("项目名称"), self.tr("清单"),
                   self.tr("年度计划投资（万元）"), self.tr("本期完成"), self.tr("年度累计完成"),
                   self.tr("完成率"), self.tr("形象进度"), self.tr("存在问题")]  # fmt: skip
        rows = [
            [r.code, r.name, r.lists, _money(r.year_plan), _money(r.completed_in_period),
             _money(r.completed_ytd), fmt_pct(r.rate_pct), r.image_progress, r.issues]
            for r in f.rows
        ]  # fmt: skip
        fill_table(
            self.projects, headers, rows, ids=[r.project_id for r in f.rows],
            colors=[OVERDUE_COLOR if r.behind else None for r in f.rows],
            right_columns=frozenset({3, 4, 5, 6}),
        )  # fmt: skip
        target_rows = [
            [r.name if r.key else self.tr("全局"),
             TargetMeasure(r.measure).label(self.ctx.language), _money(r.target),
             _money(r.actual), fmt_pct(r.rate_pct), pct(r.ahead_points)]
            for r in data.targets.rows
        ]  # fmt: skip
        fill_table(
            self.targets,
            [self.tr("单位"), self.tr("指标"), self.tr("年度目标"), self.tr("累计完成"),
             self.tr("完成率"), self.tr("较序时进度（个百分点）")],
            target_rows, right_columns=frozenset({2, 3, 4, 5}),
        )  # fmt: skip

    def _four_lists(self, four_lists: Any) -> str:
        """新开工3个（计划5个，60.0%）；在建2个 … in the interface language."""
        names = {
            "new_start": self.tr("新开工"),
            "building": self.tr("在建"),
            "completion": self.tr("竣工"),
            "reserve": self.tr("储备"),
        }
        parts = []
        for x in four_lists:
            text = self.tr("%1%2个").replace("%1", names.get(x.key, x.label))
            text = text.replace("%2", str(x.done))
            if x.planned:
                text += (
                    self.tr("（计划%1个，%2%）")
                    .replace("%1", str(x.planned))
                    .replace("%2", pct(x.rate_pct))
                )
            parts.append(text)
        return self.tr("；").join(parts)

    # -- actions ------------------------------------------------------------------------------
    def current_project(self) -> tuple[str, str] | None:
        row = self.projects.currentRow()
        item = self.projects.item(row, 1) if row >= 0 else None
        if item is None:
            return None
        return item.data(Qt.ItemDataRole.UserRole), item.text()

    def enter_completion(self) -> None:
        chosen = self.current_project()
        if chosen is None:
            return
        day = self.as_of.value() or date.today()
        self._show(CompletionDialog(self.ctx, chosen[0], chosen[1], self,
                                    period_end=xun_of(day).whole.end))  # fmt: skip

    def new_record(self) -> None:
        self.enter_completion()

    def set_target(self) -> None:
        self._show(TargetDialog(self.ctx, self.data.parks if self.data else [], self))
