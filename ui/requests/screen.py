"""Enterprise requests screen (企业诉求): filters, the list with overdue in red, this year's
figures (办结率, 满意率, overdue), and the steps that follow a request to the end."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm.codes import ProblemCategory, RequestStatus
from crm.periods import year_to_date
from crm.queries import requests as q
from crm.services import requests as svc
from crm.stats.requests import request_figures
from crm.stats.scope import BUREAU
from ui.activities.forms import fmt_date, setup_table
from ui.context import AppContext
from ui.ops import run_write
from ui.requests import dialogs as forms
from ui.requests.table_model import Column, RowsModel
from ui.screen import Screen
from ui.widgets.filters import ChoiceCombo
from ui.widgets.search_box import SearchBox

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


def _pct(value: Any) -> str:
    return "—" if value is None else f"{value:.1f}%"


class RequestsScreen(Screen):
    screen_id = "requests"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dialog: QDialog | None = None
        self.today = date.today()
        self._build()
        self.refresh()
        ctx.bus.changed.connect(self._on_changed)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = SearchBox(self)
        self.search.setPlaceholderText(self.tr("搜索诉求内容、企业或承办单位"))
        self.status = ChoiceCombo(self.tr("全部状态"), self)
        self.status.set_choices([(s.value, s.label(self.ctx.language)) for s in RequestStatus])
        self.category = ChoiceCombo(self.tr("全部类别"), self)
        self.category.set_choices([(c.value, c.label(self.ctx.language)) for c in ProblemCategory])
        self.unit = QLineEdit(self)
        self.unit.setPlaceholderText(self.tr("承办单位"))
        self.unit.setClearButtonEnabled(True)
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
        self.table.setSortingEnabled(True)
        for column, width in enumerate((90, 200, 80, 90, 280, 140, 95, 80, 90, 70)):
            self.table.setColumnWidth(column, width)
        layout.addWidget(self.table, 1)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(60)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.detail)
        self.search.search_changed.connect(lambda _t: self.refresh())
        self.status.choice_changed.connect(lambda _v: self.refresh())
        self.category.choice_changed.connect(lambda _v: self.refresh())
        self.unit.textChanged.connect(lambda _t: self.refresh())
        self.overdue_only.toggled.connect(lambda _b: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self.table.doubleClicked.connect(lambda _i: self.edit_current())

    def _columns(self) -> list[Column]:
        overdue: Callable[[q.RequestListRow], bool] = lambda r: r.overdue  # noqa: E731
        return [
            Column("received_on", self.tr("受理日期"), lambda r: fmt_date(r.received_on)),
            Column("company", self.tr("企业"), lambda r: r.company_name),
            Column("channel", self.tr("渠道"), lambda r: r.channel_label),
            Column("category", self.tr("类别"), lambda r: r.category_label),
            Column("content", self.tr("诉求内容"), lambda r: r.content),
            Column("unit", self.tr("承办单位"), lambda r: r.handling_unit),
            Column("due_on", self.tr("办理时限"), lambda r: fmt_date(r.due_on), overdue),
            Column("status", self.tr("状态"), self._status_text, overdue),
            Column("satisfaction", self.tr("回访"), lambda r: r.satisfaction_label),
            Column(
                "escalated", self.tr("督办"), lambda r: self.tr("已督办") if r.escalated_on else ""
            ),
        ]

    def _status_text(self, r: q.RequestListRow) -> str:
        return r.status_label + (self.tr("（逾期）") if r.overdue else "")

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
        current = self.current_id()
        with self.ctx.db.read() as session:
            rows = q.list_requests(session, self.current_filter())
            figures = request_figures(session, year_to_date(self.today), BUREAU)
        self.model.set_rows(rows)
        t = figures.total
        self.figures.setText(
            self.tr(
                "今年以来：受理 {a} 件，办结 {c} 件，办结率 {cp}，按时办结率 {op}，"
                "满意率 {sp}，逾期未办结 {o} 件（含项目问题）"
            ).format(
                a=t.accepted,
                c=t.closed,
                cp=_pct(t.closed_pct),
                op=_pct(t.on_time_pct),
                sp=_pct(t.satisfaction_pct),
                o=t.overdue_at_end,
            )
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

    # -- actions ------------------------------------------------------------------------------
    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

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
        build = {
            "reply": forms.reply_dialog,
            "visit": forms.visit_dialog,
            "close": forms.close_dialog,
            "reject": forms.reject_dialog,
            "escalate": forms.escalate_dialog,
            "reopen": forms.reopen_dialog,
        }[key]
        self._show(build(self.ctx, request_id, self))

    def delete_current(self) -> None:
        from crm.models import EnterpriseRequest
        from crm.services.records import restore

        self.soft_delete(
            self.current_id(),
            self.tr("删除诉求"),
            self.tr("删除选中的诉求？"),
            delete=svc.delete_request,
            restore=lambda s, i: restore(s, EnterpriseRequest, i),
        )

    def undo(self) -> None:
        self.undo_last_delete()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _on_changed(self, tables: frozenset[str]) -> None:
        if tables & TABLES:
            self.refresh()
