"""The detail panel of the selected project: fields, stage timeline, funds, activities,
problems and the audit history. Read-only, except two buttons under the title that ask the
screen to log an activity or raise a problem for the shown project."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm.codes import (
    ActivityKind,
    AgreementType,
    FundsSource,
    ProblemCategory,
    ProblemStatus,
    Stage,
)
from crm.queries.project_detail import ProjectDetail
from crm.services.stage_undo import UNDO_COMMENT
from ui.activities.forms import fill_rows
from ui.field_labels import field_label, logged_text, step_kind_label
from ui.layouts import TabStrip, share_width
from ui.widgets.money import UNIT_YI, format_amount


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _table(headers: Sequence[str], parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)
    return table


def _fill(table: QTableWidget, rows: Sequence[Sequence[Any]]) -> None:
    fill_rows(table, rows, _text)


def _fit(table: QTableWidget, *, stretch: set[int], folded: Sequence[int] = ()) -> None:
    """Fit a table to the narrow panel without a sideways scroll bar: the `folded` columns are
    hidden and said in the tooltip of their row, the `stretch` ones share what the others
    leave and wrap their text, each cell's whole text in its tooltip."""
    for column in range(table.columnCount()):
        table.setColumnHidden(column, column in folded)
    share_width(table, stretch=stretch)
    titles = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    for row in range(table.rowCount()):
        cells = [table.item(row, c) for c in range(table.columnCount())]
        more = [f"{titles[c]}: {cells[c].text()}" for c in folded if cells[c] and cells[c].text()]
        for column, item in enumerate(cells):
            if item is not None and column not in folded:
                item.setToolTip("\n".join(t for t in (item.text(), *more) if t))
    table.setWordWrap(True)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)


def _two_lines(moment: datetime) -> str:
    """A moment as its day over its time: the column stays as narrow as a date."""
    return moment.strftime("%Y-%m-%d\n%H:%M")


class ProjectDetailPanel(QWidget):
    #: The user wants to log an activity / raise a problem for this project id.
    log_activity_requested = Signal(str)
    raise_problem_requested = Signal(str)
    #: The user wants to correct / delete this funds entry (entry id).
    edit_funds_requested = Signal(str)
    delete_funds_requested = Signal(str)

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self.detail: ProjectDetail | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self.tr("未选择项目"), self)
        self.title.setWordWrap(True)
        self.title.setObjectName("detail-title")
        title_font = self.title.font()
        title_font.setBold(True)
        if title_font.pointSizeF() > 0:
            title_font.setPointSizeF(title_font.pointSizeF() * 1.15)
        self.title.setFont(title_font)
        layout.addWidget(self.title)
        layout.addLayout(self._build_actions())
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self._build_overview()
        self.timeline = self._table_tab(
            self.tr("阶段历程"),
            [
                self.tr("阶段"),
                self.tr("日期"),
                self.tr("类型"),
                self.tr("协议"),
                self.tr("说明"),
                self.tr("记录人"),
                self.tr("记录时间"),
            ],
        )
        self._build_funds()
        self.activities = self._table_tab(
            self.tr("跟进记录"),
            [
                self.tr("日期"),
                self.tr("方式"),
                self.tr("内容"),
                self.tr("参与人"),
                self.tr("下一步"),
            ],
        )
        self.problems = self._table_tab(
            self.tr("问题"),
            [
                self.tr("类别"),
                self.tr("问题描述"),
                self.tr("状态"),
                self.tr("提出日期"),
                self.tr("期限"),
                self.tr("责任单位"),
            ],
        )
        self.history = self._table_tab(
            self.tr("变更历史"),
            [
                self.tr("时间"),
                self.tr("修改人"),
                self.tr("操作"),
                self.tr("字段"),
                self.tr("原值"),
                self.tr("新值"),
            ],
        )
        # Six tabs do not fit a 300-pixel panel in one row: they wrap instead of scrolling.
        self.tab_strip = TabStrip(self.tabs, self)
        layout.addWidget(self.tab_strip)
        layout.addWidget(self.tabs, 1)

    def _table_tab(self, title: str, headers: Sequence[str]) -> QTableWidget:
        """A read-only table of the project's records on a tab of its own."""
        table = _table(headers, self)
        self.tabs.addTab(table, title)
        return table

    def _build_actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.log_button = QPushButton(self.tr("记录跟进"), self)
        self.problem_button = QPushButton(self.tr("提出问题"), self)
        self.log_button.clicked.connect(lambda: self._request(self.log_activity_requested))
        self.problem_button.clicked.connect(lambda: self._request(self.raise_problem_requested))
        for button in (self.log_button, self.problem_button):
            button.setEnabled(False)
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _request(self, signal: Any) -> None:
        if self.detail is not None:
            signal.emit(self.detail.id)

    def _build_overview(self) -> None:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        inner = QWidget(scroll)
        self.form = QFormLayout(inner)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self._fields: dict[str, QLabel] = {}
        for key, label in self._overview_fields():
            value = QLabel("", inner)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._fields[key] = value
            self.form.addRow(label, value)
        scroll.setWidget(inner)
        self.tabs.addTab(scroll, self.tr("概况"))

    def _overview_fields(self) -> list[tuple[str, str]]:
        return [
            ("code", self.tr("项目编号")),
            ("company", self.tr("投资方")),
            ("tags", self.tr("企业标签")),
            ("industry", self.tr("行业")),
            ("chain", self.tr("产业链")),
            ("source_place", self.tr("来源地")),
            ("landing", self.tr("落地园区")),
            ("team", self.tr("工作队")),
            ("stage", self.tr("当前阶段")),
            ("planned_investment", self.tr("协议投资额")),
            ("funds_in_place", self.tr("到位资金")),
            ("signed_on", self.tr("签约日期")),
            ("started_on", self.tr("开工日期")),
            ("operating_on", self.tr("投产日期")),
            ("responsible", self.tr("责任单位/责任人")),
            ("notes", self.tr("备注")),
        ]

    def _build_funds(self) -> None:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.funds_progress = QProgressBar(page)
        self.funds_progress.setTextVisible(True)
        self.funds_summary = QLabel("", page)
        self.funds = _table(
            [
                self.tr("到位日期"),
                self.tr("金额（万元）"),
                self.tr("累计（万元）"),
                self.tr("其中固定资产（万元）"),
                self.tr("来源"),
                self.tr("说明"),
            ],
            page,
        )
        self.funds.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.funds.itemSelectionChanged.connect(self._on_funds_selection)
        self.funds.itemDoubleClicked.connect(
            lambda _item: self._request_funds(self.edit_funds_requested)
        )
        buttons = QHBoxLayout()
        self.edit_funds_button = QPushButton(self.tr("修改…"), page)
        self.delete_funds_button = QPushButton(self.tr("删除"), page)
        self.edit_funds_button.clicked.connect(
            lambda: self._request_funds(self.edit_funds_requested)
        )
        self.delete_funds_button.clicked.connect(
            lambda: self._request_funds(self.delete_funds_requested)
        )
        for button in (self.edit_funds_button, self.delete_funds_button):
            button.setEnabled(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addWidget(self.funds_summary)
        layout.addWidget(self.funds_progress)
        layout.addWidget(self.funds, 1)
        layout.addLayout(buttons)
        self.funds_page = page
        self.tabs.addTab(page, self.tr("到位资金"))

    def selected_funds_id(self) -> str | None:
        row = self.funds.currentRow()
        item = self.funds.item(row, 0) if row >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select_funds(self, entry_id: str) -> bool:
        for row in range(self.funds.rowCount()):
            if self.funds.item(row, 0).data(Qt.ItemDataRole.UserRole) == entry_id:
                self.funds.selectRow(row)
                return True
        return False

    def _on_funds_selection(self) -> None:
        chosen = self.selected_funds_id() is not None
        self.edit_funds_button.setEnabled(chosen)
        self.delete_funds_button.setEnabled(chosen)

    def _request_funds(self, signal: Any) -> None:
        entry_id = self.selected_funds_id()
        if entry_id:
            signal.emit(entry_id)

    def set_detail(self, detail: ProjectDetail | None, unit: str = "wan") -> None:
        self.detail = detail
        self.log_button.setEnabled(detail is not None)
        self.problem_button.setEnabled(detail is not None)
        if detail is None:
            self.title.setText(self.tr("未选择项目"))
            for label in self._fields.values():
                label.setText("")
            for table in (self.timeline, self.funds, self.activities, self.problems, self.history):
                table.setRowCount(0)
            self.funds_summary.setText("")
            self.funds_progress.setValue(0)
            return
        self._show_overview(detail, unit)
        self._show_lists(detail)
        self._show_funds(detail, unit)

    def _show_overview(self, detail: ProjectDetail, unit: str) -> None:
        row, values = detail.row, detail.values
        unit_text = self.tr("亿元") if unit == UNIT_YI else self.tr("万元")
        self.title.setText(row.name)
        shown = {
            "code": row.code,
            "company": row.company,
            "tags": row.tags,
            "industry": row.industry,
            "chain": row.chain,
            "source_place": row.source_place,
            "landing": row.landing,
            "team": row.team,
            "stage": self._stage_text(row.stage, bool(values.get("confidential"))),
            "planned_investment": self._money(row.planned_investment, unit, unit_text),
            "funds_in_place": self._money(row.funds_in_place, unit, unit_text),
            "signed_on": _text(row.signed_on),
            "started_on": _text(row.started_on),
            "operating_on": _text(row.operating_on),
            "responsible": " / ".join(
                p for p in (row.responsible_unit, row.responsible_person) if p
            ),
            "notes": values.get("notes") or "",
        }
        for key, value in shown.items():
            self._fields[key].setText(_text(value))

    def _stage_text(self, stage: str, confidential: bool) -> str:
        """签约, with 保密线索 beside it for a lead only its team and the bureau see."""
        text = Stage.label_of(stage, self._language)
        if not confidential:
            return text
        return text + "　" + self.tr("保密线索")

    def _show_lists(self, detail: ProjectDetail) -> None:
        lang = self._language
        _fill(
            self.timeline,
            [
                (
                    self._step_text(e.stage, e.kind, e.agreement_type),
                    self.tr("不适用") if e.not_applicable else e.occurred_on,
                    step_kind_label(e.kind),
                    AgreementType.label_of(e.agreement_type, lang),
                    self._comment_text(e.comment),
                    e.recorded_by,
                    e.recorded_at,
                )
                for e in detail.timeline
            ],
        )
        # The narrow panel: the stage cell says a skip or the agreement; the type, agreement,
        # who recorded a step and when are in its tooltip.
        _fit(self.timeline, stretch={0, 4}, folded=(2, 3, 5, 6))
        _fill(
            self.activities,
            [
                (
                    a.occurred_on,
                    ActivityKind.label_of(a.kind, lang),
                    a.summary,
                    a.participants,
                    a.next_step,
                )
                for a in detail.activities
            ],
        )
        _fill(
            self.problems,
            [
                (
                    ProblemCategory.label_of(p.category, lang),
                    p.description,
                    ProblemStatus.label_of(p.status, lang),
                    p.raised_on,
                    p.due_on,
                    p.responsible_unit,
                )
                for p in detail.problems
            ],
        )
        _fill(
            self.history,
            [
                (
                    _two_lines(h.changed_at),
                    h.changed_by,
                    self._op_text(h.op),
                    field_label(h.field),
                    logged_text(h.field, h.old_value, h.old_name, lang),
                    logged_text(h.field, h.new_value, h.new_name, lang, h.record_names, limit=60),
                )
                for h in detail.history
            ],
        )
        # Field, old and new values share the width and wrap; who changed it, and how (the
        # field says it: 导入/新建记录, 当前阶段 …), are in the row's tooltip.
        _fit(self.history, stretch={3, 4, 5}, folded=(1, 2))
        for row, h in enumerate(detail.history):
            if h.field == "*":  # a record loaded whole: a few lines here, all of it on hover
                item = self.history.item(row, 5)
                lines = item.toolTip().split("\n")  # its text, then who changed it and how
                whole = logged_text(h.field, h.new_value, None, lang, h.record_names, limit=2000)
                item.setToolTip("\n".join([whole, *lines[1:]]))

    def _show_funds(self, detail: ProjectDetail, unit: str) -> None:
        lang = self._language
        _fill(
            self.funds,
            [
                (
                    f.received_on,
                    format_amount(f.amount),
                    format_amount(f.cumulative),
                    format_amount(f.fixed_asset_amount),
                    FundsSource.label_of(f.source, lang),
                    f.note,
                )
                for f in detail.funds
            ],
        )
        for row, line in enumerate(detail.funds):
            self.funds.item(row, 0).setData(Qt.ItemDataRole.UserRole, line.id)
        self._on_funds_selection()
        planned = detail.row.planned_investment
        planned = planned if planned is not None else Decimal(0)
        total = detail.funds_total
        unit_text = self.tr("亿元") if unit == UNIT_YI else self.tr("万元")
        self.funds_summary.setText(
            self.tr("累计到位 %1 / 协议投资 %2 %3")
            .replace("%1", format_amount(total, unit))
            .replace("%2", format_amount(planned, unit))
            .replace("%3", unit_text)
        )
        percent = int(total * 100 / planned) if planned else 0
        self.funds_progress.setRange(0, 100)
        self.funds_progress.setValue(min(percent, 100))
        self.funds_progress.setFormat(f"{percent}%")

    @staticmethod
    def _money(value: Any, unit: str, unit_text: str) -> str:
        return f"{format_amount(value, unit)} {unit_text}"

    def _step_text(self, stage: str, kind: str, agreement: str | None) -> str:
        """The stage of a step, with what else matters in a narrow column: its agreement
        (签约（正式合同）) or how it was not a plain advance (在谈（跳过）)."""
        notes = [AgreementType.label_of(agreement, self._language)]
        if kind != "advance":
            notes.append(step_kind_label(kind))
        extra = "，".join(n for n in notes if n)
        if not extra:
            return Stage.label_of(stage, self._language)
        if self._language == "en":
            return f"{Stage.label_of(stage, self._language)} ({extra.replace('，', ', ')})"
        return f"{Stage.label_of(stage, self._language)}（{extra}）"

    def _comment_text(self, comment: str) -> str:
        """A step's comment as typed, but the undo's own words (crm.services.stage_undo,
        stored in Chinese) in the window's language."""
        return self.tr("撤销误操作") if comment == UNDO_COMMENT else comment

    def _op_text(self, op: str) -> str:
        return {
            "insert": self.tr("新建"),
            "update": self.tr("修改"),
            "delete": self.tr("删除"),
            "restore": self.tr("恢复"),
            "merge": self.tr("合并"),
            "stage": self.tr("阶段变更"),
        }.get(op, op)
