"""Key enterprises screen (重点企业): the enterprises on the bureau's own lists in a 旬, their
commissioner (特派员) and responsible leader (包保领导), who was contacted and who was not,
and the visit coverage (走访覆盖率)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm.codes import ListLevel
from crm.periods import Period, parse_period, xun
from crm.services import companies
from crm.services import key_enterprises as key
from crm.services.result import ChangeSet
from crm.stats.coverage import CoverageRow, key_enterprise_coverage
from ui.activities.forms import ProjectPicker, company_search, fmt_date, setup_table
from ui.context import AppContext
from ui.layouts import fit_headers
from ui.ops import run_read
from ui.requests.dialogs import StepDialog, coded_combo, date_edit
from ui.requests.table_model import Column, RowsModel
from ui.screen import Screen
from ui.widgets.date_edit import OptionalDateEdit

TABLES = frozenset({"company", "company_tag", "tag_kind", "enterprise_liaison", "activity"})
XUN_CHOICES = 36


def recent_xun(today: date, count: int = XUN_CHOICES) -> list[Period]:
    """The 旬 holding `today` and the ones before it, newest first."""
    number = 1 if today.day <= 10 else 2 if today.day <= 20 else 3
    year, month, found = today.year, today.month, []
    for _ in range(count):
        found.append(xun(year, month, number))
        number -= 1
        if number == 0:
            number, month = 3, month - 1
            if month == 0:
                year, month = year - 1, 12
    return found


class KeyEnterprisesScreen(Screen):
    screen_id = "key_enterprises"
    watched = TABLES

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dialog: QDialog | None = None
        self.today = date.today()
        self._build()
        self._fill_lists()
        self.refresh()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.list_combo = QComboBox(self)
        self.period_combo = QComboBox(self)
        for period in recent_xun(self.today):
            self.period_combo.addItem(period.label(self.ctx.language), period.code)
        bar.addWidget(QLabel(self.tr("名单"), self))
        bar.addWidget(self.list_combo, 2)
        bar.addWidget(QLabel(self.tr("旬"), self))
        bar.addWidget(self.period_combo, 1)
        bar.addStretch(1)
        for text, slot in (
            (self.tr("新建名单…"), self.define_list),
            (self.tr("列入名单…"), self.add_member),
            (self.tr("指定特派员…"), self.assign),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            bar.addWidget(button)
        layout.addLayout(bar)
        self.summary = QLabel(self)
        self.summary.setObjectName("coverage_summary")
        layout.addWidget(self.summary)
        not_done = lambda r: not r.contacted  # noqa: E731
        self.model = RowsModel(
            [
                Column("company", self.tr("企业"), lambda r: r.company_name),
                Column("lists", self.tr("所在名单"), lambda r: r.lists),
                Column(
                    "commissioner", self.tr("特派员"), lambda r: r.commissioner or "—", not_done
                ),
                Column("leader", self.tr("包保领导"), lambda r: r.leader or "—"),
                Column("contacted", self.tr("本旬走访"), self._contacted_text, not_done),
                Column("contacts", self.tr("走访次数"), lambda r: str(r.contacts)),
                Column("last", self.tr("最近走访"), lambda r: fmt_date(r.last_contact)),
            ],
            self,
        )
        self.table = QTableView(self)
        setup_table(self.table)
        self.table.setModel(self.model)
        # Not visited first (未 before 已), as the coverage lists them.
        self.table.horizontalHeader().setSortIndicator(4, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        for column, width in enumerate((220, 200, 90, 110, 80, 70, 95)):
            self.table.setColumnWidth(column, width)
        fit_headers(self.table)  # "Visited this period" was cut in English
        layout.addWidget(self.table, 1)
        self.list_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.period_combo.currentIndexChanged.connect(lambda _i: self.refresh())

    def _contacted_text(self, r: CoverageRow) -> str:
        return self.tr("已走访") if r.contacted else self.tr("未走访")

    def _fill_lists(self) -> None:
        run_read(self.ctx, self, key.bureau_lists, on_done=self._show_lists)

    def _show_lists(self, lists: list[tuple[str, str]]) -> None:
        current = self.list_combo.currentData()
        self.list_combo.blockSignals(True)
        self.list_combo.clear()
        self.list_combo.addItem(self.tr("本单位全部重点企业名单"), None)
        for code, name in lists:
            self.list_combo.addItem(name, code)
        self.list_combo.setCurrentIndex(max(self.list_combo.findData(current), 0))
        self.list_combo.blockSignals(False)

    def period(self) -> Period:
        return parse_period(self.period_combo.currentData(), today=self.today)

    def refresh(self) -> None:
        period, list_code = self.period(), self.list_combo.currentData()
        run_read(
            self.ctx,
            self,
            lambda s: key_enterprise_coverage(s, period, list_code=list_code),
            on_done=lambda cov: self._show_coverage(period, cov),
        )

    def _show_coverage(self, period: Period, cov: Any) -> None:
        self.model.set_rows(cov.rows)
        rate = "—" if cov.coverage_pct is None else f"{cov.coverage_pct:.1f}%"
        self.summary.setText(
            self.tr(
                "{p}：名单内 {n} 家，已走访 {c} 家，走访覆盖率 {r}；未指定特派员 {w} 家"
            ).format(
                p=period.label(self.ctx.language),
                n=cov.on_list,
                c=cov.contacted,
                r=rate,
                w=cov.without_commissioner,
            )
        )
        self.record_count_changed.emit(cov.on_list)

    def record_count(self) -> int:
        return self.model.rowCount()

    def current_row(self) -> CoverageRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    # -- actions ------------------------------------------------------------------------------
    def define_list(self) -> None:
        self._show(
            StepDialog(
                self.ctx,
                self.tr("新建重点企业名单"),
                [("name_zh", self.tr("名单名称 *"), QLineEdit())],
                lambda s, d: key.define_company_list(s, name_zh=d.value("name_zh")),
                self,
                required=("name_zh",),
            )
        )

    def add_member(self) -> None:
        lists = QComboBox()
        for index in range(1, self.list_combo.count()):
            lists.addItem(self.list_combo.itemText(index), self.list_combo.itemData(index))
        picker = ProjectPicker(self.ctx, company_search)
        year = QSpinBox()
        year.setRange(1990, 2100)
        year.setValue(self.today.year)

        def write(s: Any, d: StepDialog) -> Any:
            return companies.add_company_tag(
                s,
                company_id=d.value("company_id") or "",
                tag=d.value("tag") or "",
                edition_year=year.value(),
                level=d.value("level"),
                valid_until=d.value("valid_until"),
            )

        self._show(
            StepDialog(
                self.ctx,
                self.tr("列入重点企业名单"),
                [
                    ("company_id", self.tr("企业 *"), picker),
                    ("tag", self.tr("名单 *"), lists),
                    ("edition_year", self.tr("年度"), year),
                    ("level", self.tr("层级"), coded_combo(self, ListLevel, self.ctx.language)),
                    ("valid_until", self.tr("有效期至"), OptionalDateEdit()),
                ],
                write,
                self,
                required=("company_id",),
            )
        )

    def assign(self) -> None:
        row = self.current_row()
        picker = ProjectPicker(self.ctx, company_search)
        if row is not None:
            picker.set_value(row.company_id, row.company_name)
        self._show(
            StepDialog(
                self.ctx,
                self.tr("指定特派员和包保领导"),
                [
                    ("company_id", self.tr("企业 *"), picker),
                    ("commissioner", self.tr("特派员"), QLineEdit()),
                    ("leader", self.tr("包保领导"), QLineEdit()),
                    ("start_on", self.tr("起始日期"), date_edit(self)),
                ],
                lambda s, d: key.assign_liaison(
                    s,
                    company_id=d.value("company_id") or "",
                    commissioner=d.value("commissioner"),
                    leader=d.value("leader"),
                    start_on=d.value("start_on"),
                ),
                self,
                required=("company_id",),
            )
        )

    def apply_change(self, change: ChangeSet) -> None:
        self._fill_lists()
        self.refresh()
