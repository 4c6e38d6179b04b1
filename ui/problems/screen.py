"""Problems screen (问题清单): status, category, responsible unit, due date; overdue in red;
close out (销号), reopen, raise a new one."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm.codes import ProblemCategory, ProblemStatus
from crm.models import Problem
from crm.queries import problems as q
from crm.services import problems as svc
from crm.services.records import restorer
from ui import dialogs, ops
from ui.activities.forms import OVERDUE_COLOR, fmt_date
from ui.context import AppContext
from ui.list_screen import ListScreen, project_id_key
from ui.problems.dialogs import CloseProblemDialog, ProblemDialog
from ui.widgets.detail_label import detail_label
from ui.widgets.filters import ChoiceCombo, MultiChoiceCombo, code_choices, watch
from ui.widgets.paged_model import LEFT, ColumnSpec
from ui.widgets.search_box import SearchBox
from ui.widgets.search_combo import unit_filter

TABLES = frozenset({"problem", "project"})
OPEN_STATUSES = ("open", "in_progress")


class ProblemsScreen(ListScreen):
    watched = TABLES
    screen_id = "problems"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        category = 160 if ctx.is_english else 100  # "Environmental approval"
        widths = (200, category, 300, 150, 95, 95, 60, 80, 95)
        self.finish_setup(5, Qt.SortOrder.AscendingOrder, enumerate(widths))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self.model.reload(sync=True)
        self._update_units()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = SearchBox(self, placeholder=self.tr("搜索问题描述或项目名称"))
        lang = self.ctx.language
        statuses = code_choices(ProblemStatus, lang)
        self.statuses = MultiChoiceCombo(self.tr("全部状态"), self, choices=statuses)
        self.statuses.set_values(list(OPEN_STATUSES))
        categories = code_choices(ProblemCategory, lang)
        self.category = ChoiceCombo(self.tr("全部类别"), self, choices=categories)
        self.unit = unit_filter(self, self.tr("责任单位"))
        self.overdue_only = QCheckBox(self.tr("只看超期"), self)
        bar.addWidget(self.search, 2)
        bar.addWidget(self.statuses, 1)
        bar.addWidget(self.category, 1)
        bar.addWidget(self.unit, 1)
        bar.addWidget(self.overdue_only)
        layout.addLayout(bar)
        actions = QHBoxLayout()
        self.new_button = QPushButton(self.tr("新增问题"), self)
        self.start_button = QPushButton(self.tr("开始办理"), self)
        self.close_button = QPushButton(self.tr("销号"), self)
        self.reopen_button = QPushButton(self.tr("重新打开"), self)
        for button in (self.new_button, self.start_button, self.close_button, self.reopen_button):
            actions.addWidget(button)
        actions.addStretch(1)
        self.count_label = QLabel(self)
        actions.addWidget(self.count_label)
        self.export_button = self._export_button()
        actions.addWidget(self.export_button)
        layout.addLayout(actions)
        self.table = self._list_table(self)
        layout.addWidget(self.table, 1)
        self.detail = detail_label(self, 48)
        layout.addWidget(self.detail)
        filters = (self.search, self.statuses, self.category, self.unit, self.overdue_only)
        watch(self.apply_filters, *filters)
        self.start_button.clicked.connect(self.start_current)
        self.close_button.clicked.connect(self.close_current)
        self.reopen_button.clicked.connect(self.reopen_current)

    def _columns(self) -> list[ColumnSpec]:
        lang = self.ctx.language
        i = q.row_index

        def label(codes: Any) -> Any:
            return lambda v: codes.label_of(v, lang)

        def red(overdue: Any) -> Any:
            return QColor(OVERDUE_COLOR) if overdue else None

        def overdue_text(overdue: Any) -> str:
            return self.tr("超期") if overdue else ""

        return [
            ColumnSpec(
                "project", self.tr("项目"), i("project_name"), sort_key="project", tooltip=True
            ),
            ColumnSpec(
                "category", self.tr("类别"), i("category"), label(ProblemCategory), LEFT, "category"
            ),
            ColumnSpec("description", self.tr("问题描述"), i("description"), tooltip=True),
            ColumnSpec(
                "unit", self.tr("责任单位"), i("responsible_unit"), sort_key="responsible_unit"
            ),
            ColumnSpec(
                "raised_on", self.tr("提出日期"), i("raised_on"), fmt_date, LEFT, "raised_on"
            ),
            ColumnSpec("due_on", self.tr("办结期限"), i("due_on"), fmt_date, LEFT, "due_on"),
            ColumnSpec("overdue", self.tr("超期"), i("overdue"), overdue_text, foreground=red),
            ColumnSpec(
                "status", self.tr("状态"), i("status"), label(ProblemStatus), LEFT, "status"
            ),
            ColumnSpec("resolved_on", self.tr("销号日期"), i("resolved_on"), fmt_date),
        ]

    # -- filters ------------------------------------------------------------------------------
    def current_filter(self) -> q.ProblemFilter:
        return q.ProblemFilter(
            statuses=frozenset(self.statuses.values()),
            category=self.category.value() or "",
            responsible_unit=self.unit.text(),
            text=self.search.text().strip(),
            overdue_on=date.today() if self.overdue_only.isChecked() else None,
        )

    def _query(self) -> q.ProblemListQuery:
        return q.ProblemListQuery(self.current_filter(), today=date.today())

    def export_title(self) -> str:
        return self.tr("问题清单")

    def export_row_keys(self) -> dict[str, int]:
        return project_id_key(q.row_index)

    def _on_loaded(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText(self.tr("共 {n} 条").format(n=count))
        self.record_count_changed.emit(count)
        self._show_detail()

    def _update_units(self) -> None:
        ops.run_read(
            self.ctx,
            self,
            q.responsible_units,
            on_done=self.unit.set_units,
        )

    def _show_detail(self) -> None:
        row = self.table.currentIndex().row()
        if row < 0 or row >= self.model.rowCount():
            self.detail.setText("")
            self._enable_actions(None)
            return
        raw = self.model.raw_row(row)
        status = raw[q.row_index("status")]
        text = self.tr("问题：{d}").format(d=raw[q.row_index("description")])
        if raw[q.row_index("resolution")]:
            text += "\n" + self.tr("办理结果：{r}").format(r=raw[q.row_index("resolution")])
        self.detail.setText(text)
        self._enable_actions(status)

    def _enable_actions(self, status: str | None) -> None:
        self.start_button.setEnabled(status == "open")
        self.close_button.setEnabled(status in OPEN_STATUSES)
        self.reopen_button.setEnabled(status == "resolved")

    # -- actions ------------------------------------------------------------------------------

    def new_record(self) -> None:
        self._show(ProblemDialog(self.ctx, self))

    def edit_current(self) -> None:
        problem_id = self.current_id()
        if problem_id:
            self._show(ProblemDialog(self.ctx, self, problem_id=problem_id))

    def close_current(self) -> None:
        problem_id = self.current_id()
        if problem_id:
            self._show(CloseProblemDialog(self.ctx, problem_id, self))

    def start_current(self) -> None:
        problem_id = self.current_id()
        if problem_id:
            ops.run_write(self.ctx, self, lambda s: svc.start_problem(s, problem_id))

    def reopen_current(self) -> None:
        problem_id = self.current_id()
        if problem_id and dialogs.ask_confirm(
            self, self.tr("重新打开"), self.tr("重新打开已销号的问题？")
        ):
            ops.run_write(self.ctx, self, lambda s: svc.reopen_problem(s, problem_id))

    def delete_current(self) -> None:
        title, question = self.tr("删除问题"), self.tr("删除选中的问题？")
        delete, restore = svc.delete_problem, restorer(Problem)
        self.soft_delete(self.current_id(), title, question, delete=delete, restore=restore)

    def refresh(self) -> None:
        current = self.current_id()
        self.model.reload()
        if current and self.model.row_of(current) >= 0:
            self.table.selectRow(self.model.row_of(current))
        self._update_units()
