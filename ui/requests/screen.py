"""Enterprise requests screen (企业诉求): filters, the list with overdue in red, this year's
figures (办结率, 满意率, overdue), and the steps that follow a request to the end."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm.codes import Coded, ProblemCategory, RequestChannel, RequestStatus, Satisfaction
from crm.models import EnterpriseRequest
from crm.periods import year_to_date
from crm.queries import requests as q
from crm.services import requests as svc
from crm.services.records import restorer
from crm.stats.requests import request_figures
from crm.stats.scope import BUREAU
from ui.activities.forms import fmt_date, fmt_pct, setup_table
from ui.context import AppContext
from ui.ops import run_read, run_write
from ui.requests import dialogs as forms
from ui.requests.table_model import Column, RowsModel
from ui.screen import Screen
from ui.widgets.detail_label import detail_label
from ui.widgets.filters import ChoiceCombo, code_choices, watch
from ui.widgets.search_box import SearchBox
from ui.widgets.search_combo import offer_units, unit_filter

TABLES = frozenset({"enterprise_request", "request_visit", "company", "problem"})
#: Which step buttons each status allows (the machine in crm/request_states.py decides;
#: this only spares the user a click that would be refused).
STEPS: dict[str, frozenset[str]] = {
    "accepted": frozenset({"start", "reply", "reject", "escalate"}),
    "handling": frozenset({"reply", "escalate"}),
    "replied": frozenset({"reply", "visit", "close", "reopen", "escalate"}),
    "closed": frozenset({"visit", "reopen"}),
    "rejected": frozenset(),
}


class RequestsScreen(Screen):
    screen_id = "requests"
    watched = TABLES

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.today = date.today()
        self._build()
        self.refresh()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = SearchBox(self, placeholder=self.tr("搜索诉求内容、企业或承办单位"))
        lang = self.ctx.language
        statuses = code_choices(RequestStatus, lang)
        self.status = ChoiceCombo(self.tr("全部状态"), self, choices=statuses)
        categories = code_choices(ProblemCategory, lang)
        self.category = ChoiceCombo(self.tr("全部类别"), self, choices=categories)
        self.unit = unit_filter(self, self.tr("承办单位"))
        offer_units(self.ctx, self, self.unit)
        self.overdue_only = QCheckBox(self.tr("只看逾期"), self)
        for widget, stretch in ((self.search, 2), (self.status, 1), (self.category, 1)):
            bar.addWidget(widget, stretch)
        bar.addWidget(self.unit, 1)
        bar.addWidget(self.overdue_only)
        layout.addLayout(bar)
        self.figures = QLabel(self)
        self.figures.setObjectName("request_figures")
        layout.addWidget(self.figures)
        actions = QHBoxLayout()
        self.new_button = QPushButton(self.tr("受理诉求"), self)
        self.new_button.clicked.connect(self.new_record)
        actions.addWidget(self.new_button)
        self.step_buttons: dict[str, QPushButton] = {}
        for key, label in (
            ("start", self.tr("开始办理")),
            ("reply", self.tr("答复…")),
            ("visit", self.tr("回访…")),
            ("close", self.tr("办结…")),
            ("reject", self.tr("不予受理…")),
            ("escalate", self.tr("督办…")),
            ("reopen", self.tr("重新办理…")),
        ):
            button = QPushButton(label, self)
            button.clicked.connect(lambda _c=False, k=key: self.step(k))
            actions.addWidget(button)
            self.step_buttons[key] = button
        actions.addStretch(1)
        self.count_label = QLabel(self)
        actions.addWidget(self.count_label)
        layout.addLayout(actions)
        self.model = RowsModel(self._columns(), self)
        self.table = QTableView(self)
        setup_table(self.table)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)  # newest first, as read
        self.table.setSortingEnabled(True)
        for column, width in enumerate((90, 200, 95, 110, 260, 130, 95, 115, 95, 80)):
            self.table.setColumnWidth(column, width)
        layout.addWidget(self.table, 1)
        self.detail = detail_label(self, 60)
        layout.addWidget(self.detail)
        watch(self.refresh, self.search, self.status, self.category, self.unit, self.overdue_only)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self.table.doubleClicked.connect(lambda _i: self.edit_current())

    def _label(self, codes: type[Coded], value: str | None) -> str:
        return codes.label_of(value, self.ctx.language)

    def _columns(self) -> list[Column]:
        overdue: Callable[[q.RequestListRow], bool] = lambda r: r.overdue  # noqa: E731
        return [
            Column("received_on", self.tr("受理日期"), lambda r: fmt_date(r.received_on)),
            Column("company", self.tr("企业"), lambda r: r.company_name),
            Column("channel", self.tr("渠道"), lambda r: self._label(RequestChannel, r.channel)),
            Column("category", self.tr("类别"), lambda r: self._label(ProblemCategory, r.category)),
            Column("content", self.tr("诉求内容"), lambda r: r.content),
            Column("unit", self.tr("承办单位"), lambda r: r.handling_unit),
            Column("due_on", self.tr("办理时限"), lambda r: fmt_date(r.due_on), overdue),
            Column("status", self.tr("状态"), self._status_text, overdue),
            Column(
                "satisfaction", self.tr("回访"), lambda r: self._label(Satisfaction, r.satisfaction)
            ),
            Column(
                "escalated",
                self.tr("督办情况"),
                lambda r: self.tr("已督办") if r.escalated_on else "",
            ),
        ]

    def _status_text(self, r: q.RequestListRow) -> str:
        return self._label(RequestStatus, r.status) + (self.tr("（逾期）") if r.overdue else "")

    # -- reading ------------------------------------------------------------------------------
    def current_filter(self) -> q.RequestFilter:
        return q.RequestFilter(
            status=self.status.value() or None,
            category=self.category.value() or None,
            handling_unit=self.unit.text().strip() or None,
            text=self.search.text().strip(),
            overdue_only=self.overdue_only.isChecked(),
            today=self.today,
        )

    def refresh(self) -> None:
        """Re-read the list (with the filters as they are now) and the year's figures."""
        f, period = self.current_filter(), year_to_date(self.today)

        def read(session: Any) -> tuple[Any, Any]:
            return q.list_requests(session, f), request_figures(session, period, BUREAU)

        run_read(self.ctx, self, read, on_done=self._show_rows)

    def _show_rows(self, found: tuple[Any, Any]) -> None:
        rows, figures = found
        current = self.current_id()
        self.model.set_rows(rows)
        t = figures.total
        shares = self.tr("办结率 {cp}，按时办结率 {op}，满意率 {sp}").format(
            cp=fmt_pct(t.closed_pct), op=fmt_pct(t.on_time_pct), sp=fmt_pct(t.satisfaction_pct)
        )
        self.figures.setText(
            self.tr(
                "今年以来：受理 {a} 件，办结 {c} 件，{shares}，逾期未办结 {o} 件（含项目问题）"
            ).format(a=t.accepted, c=t.closed, shares=shares, o=t.overdue_at_end)
        )
        self.count_label.setText(self.tr("共 {n} 条").format(n=len(rows)))
        self.record_count_changed.emit(len(rows))
        ids = [r.id for r in rows]
        if current in ids:
            self.table.selectRow(ids.index(current))
        self._show_detail()

    def record_count(self) -> int:
        return self.model.rowCount()

    def current_row(self) -> q.RequestListRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def current_id(self) -> str | None:
        row = self.current_row() if hasattr(self, "model") else None
        return row.id if row else None

    def _show_detail(self) -> None:
        row = self.current_row()
        allowed = STEPS.get(row.status, frozenset()) if row else frozenset()
        for key, button in self.step_buttons.items():
            button.setEnabled(key in allowed)
        if row is None:
            self.detail.setText("")
            return
        lines = [self.tr("诉求：{c}").format(c=row.content)]
        if row.co_units:
            lines.append(self.tr("协办单位：{u}").format(u=row.co_units))
        if row.reply:
            lines.append(
                self.tr("答复（{d}）：{r}").format(d=fmt_date(row.replied_on), r=row.reply)
            )
        if row.reject_reason:
            lines.append(self.tr("不予受理理由：{r}").format(r=row.reject_reason))
        if row.escalated_on:
            lines.append(
                self.tr("督办：{u}（{d}）").format(
                    u=row.escalation_unit, d=fmt_date(row.escalated_on)
                )
            )
        if row.reopened_count:
            lines.append(self.tr("重新办理 {n} 次").format(n=row.reopened_count))
        self.detail.setText("\n".join(lines))
        request_id = row.id

        def show_visits(visits: Any) -> None:
            if self.current_id() != request_id:
                return  # another row was chosen meanwhile
            for v in visits:
                word = self._label(Satisfaction, v.satisfaction)
                who = f"（{v.visited_by}）" if v.visited_by else ""
                lines.append(
                    self.tr("回访 {d}{who}：{s}").format(d=fmt_date(v.visited_on), who=who, s=word)
                )
            self.detail.setText("\n".join(lines))

        run_read(
            self.ctx,
            self,
            lambda session: q.request_detail(session, request_id).visits,
            on_done=show_visits,
        )

    # -- actions ------------------------------------------------------------------------------
    def new_record(self) -> None:
        self._show(forms.RequestDialog(self.ctx, self))

    def edit_current(self) -> None:
        request_id = self.current_id()
        if request_id:
            self._show(forms.RequestDialog(self.ctx, self, request_id=request_id))

    def step(self, key: str) -> None:
        request_id = self.current_id()
        if not request_id:
            return
        if key == "start":
            run_write(self.ctx, self, lambda s: svc.start_request(s, request_id))
            return
        self._show(forms.RequestStepDialog(self.ctx, key, request_id, self))

    def delete_current(self) -> None:
        title, question = self.tr("删除诉求"), self.tr("删除选中的诉求？")
        delete, restore = svc.delete_request, restorer(EnterpriseRequest)
        self.soft_delete(self.current_id(), title, question, delete=delete, restore=restore)
