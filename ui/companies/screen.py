"""Companies screen (投资方): a paged table with filters (tags, industry, place, ownership) and
search (names, pinyin, initials, USCC); the selected company's detail beside it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm.codes import Ownership
from crm.queries import companies as q
from crm.services import companies as svc
from crm.services.result import ChangeSet
from ui import dialogs
from ui.companies.detail import CompanyDetail
from ui.companies.form import CompanyDialog
from ui.context import AppContext
from ui.layouts import with_tab_strip
from ui.list_screen import ListScreen
from ui.ops import run_read
from ui.widgets.filters import ChoiceCombo, MultiChoiceCombo, code_choices, watch
from ui.widgets.merge_dialog import MergeDialog
from ui.widgets.money import format_amount
from ui.widgets.paged_model import LEFT, RIGHT, ColumnSpec
from ui.widgets.search_box import SearchBox
from ui.widgets.search_combo import SearchableCombo

TABLES = frozenset({"company", "company_tag", "contact", "project"})


def only_stage_moves(change: ChangeSet) -> bool:
    """A change that only moved projects' stages (their history and milestone dates)."""
    return (
        change.tables() <= {"project", "stage_event"}
        and "project" not in change.whole_tables
        and all(op == "stage" for table, _id, op in change.items if table == "project")
    )


def _filter_choices(session: Any, language: str) -> tuple[Any, Any, Any]:
    return (
        q.tag_kind_options(session),
        q.industry_options(session, language),
        q.region_options(session, language),
    )


class CompaniesScreen(ListScreen):
    screen_id = "companies"
    watched = TABLES
    export_money = {"planned": lambda wan: wan}

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        # Every column fits beside the detail panel at 1440 px (count and amount included).
        widths = ((0, 220), (1, 160), (2, 130), (3, 80), (4, 80), (5, 110), (6, 56), (7, 120))
        self.finish_setup(0, Qt.SortOrder.AscendingOrder, widths)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._on_current())
        self.model.reload(sync=True)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = SearchBox(self)
        self.tags = MultiChoiceCombo(self.tr("全部榜单"), self)
        self.industry = SearchableCombo(self.tr("全部行业"), self)
        self.place = SearchableCombo(self.tr("全部地区"), self)
        ownerships = code_choices(Ownership, self.ctx.language)
        self.ownership = ChoiceCombo(self.tr("全部性质"), self, choices=ownerships)
        language = self.ctx.language
        run_read(self.ctx, self, lambda s: _filter_choices(s, language), on_done=self._set_choices)
        for combo in (self.industry, self.place):
            combo.setMaximumWidth(200)
        self.new_button = QPushButton(self.tr("新增企业"), self)
        bar.addWidget(self.search, 2)
        for widget in (self.tags, self.industry, self.place, self.ownership):
            bar.addWidget(widget, 1)
        bar.addWidget(self.new_button)
        self.merge_button = QPushButton(self.tr("合并重复…"), self)
        self.merge_button.setToolTip(
            self.tr("在列表中选中两家重复的企业（按住 Ctrl 点选），合并为一家")
        )
        self.merge_button.clicked.connect(self.merge_selected)
        bar.addWidget(self.merge_button)
        self.export_button = self._export_button()
        bar.addWidget(self.export_button)
        layout.addLayout(bar)
        self.table = self._list_table(self)
        # Several rows: two duplicates are chosen together for a merge.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.detail = CompanyDetail(self.ctx)
        # Four tabs wrap in the narrow panel instead of hiding behind scroll arrows.
        self._table_beside(layout, with_tab_strip(self.detail, self), (3, 2), [990, 300])
        filters = (self.search, self.tags, self.industry, self.place, self.ownership)
        watch(self.apply_filters, *filters)
        self.detail.edit_requested.connect(self.edit_current)

    def _set_choices(self, choices: tuple[Any, Any, Any]) -> None:
        for combo, options in zip((self.tags, self.industry, self.place), choices, strict=True):
            combo.set_choices([(o.code, o.label) for o in options])

    def _columns(self) -> list[ColumnSpec]:
        lang = self.ctx.language
        i = q.row_index

        def ownership(code: Any) -> str:
            return Ownership(code).label(lang) if code in Ownership._value2member_map_ else ""

        return [
            ColumnSpec("name", self.tr("企业名称"), i("name"), sort_key="name", tooltip=True),
            ColumnSpec("uscc", self.tr("统一社会信用代码"), i("uscc"), sort_key="uscc"),
            ColumnSpec(
                "industry", self.tr("行业"), i("industry"), sort_key="industry", tooltip=True
            ),
            ColumnSpec("place", self.tr("总部所在地"), i("place"), sort_key="place", tooltip=True),
            ColumnSpec("ownership", self.tr("性质"), i("ownership"), ownership, LEFT, "ownership"),
            ColumnSpec("tags", self.tr("榜单"), i("tags"), tooltip=True),
            ColumnSpec(
                "projects", self.tr("项目数"), i("project_count"), str, RIGHT, "project_count"
            ),
            ColumnSpec(
                "planned",
                self.tr("协议投资（万元）"),
                i("planned_investment"),
                format_amount,
                RIGHT,
                "planned_investment",
            ),
        ]

    # -- filters ------------------------------------------------------------------------------
    def current_filter(self) -> q.CompanyFilter:
        return q.CompanyFilter(
            text=self.search.text().strip(),
            tags=frozenset(self.tags.values()),
            industry_code=(self.industry.value() or ""),
            region_code=(self.place.value() or ""),
            ownership=(self.ownership.value() or ""),
        )

    def _query(self) -> q.CompanyListQuery:
        return q.CompanyListQuery(self.current_filter(), language=self.ctx.language)

    def export_title(self) -> str:
        return self.tr("企业")

    def _on_loaded(self) -> None:
        super()._on_loaded()
        kept = self.keep.select(self.detail.company_id)
        if not kept and self.model.rowCount() and not self.table.currentIndex().isValid():
            self.keep.select(self.model.id_at(0))
        self._on_current()

    def _on_current(self) -> None:
        self.detail.show_company(self.current_id())

    def select_company(self, company_id: str) -> None:
        """Show one company, clearing the filters when they hide it."""
        if self.model.row_of(company_id) < 0:
            for combo in (self.industry, self.place, self.ownership):
                combo.set_value(None)
            self.tags.set_values([])
            self.search.clear()
            self.search.flush()
            self.model.set_query(self._query(), sync=True)
        self.keep.select(company_id)

    def merge_selected(self) -> None:
        """Merge two selected duplicate companies: the dialog shows what moves, then merges."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        chosen = [cid for cid in (self.model.id_at(row) for row in rows) if cid]
        if len(chosen) != 2:
            dialogs.show_info(
                self, self.tr("请先在列表中选中两家重复的企业（按住 Ctrl 点选），再合并。")
            )
            return
        name = self.model.column_index("name")
        records = [(cid, self.model.index(self.model.row_of(cid), name).data()) for cid in chosen]
        dialog = MergeDialog(self.ctx, records, table="company", parent=self)
        if dialogs.exec_dialog(dialog) and dialog.merged is not None:
            self.select_company(dialog.merged.survivor_id)

    # -- Screen hooks -------------------------------------------------------------------------

    def _open_form(self, company_id: str | None) -> None:
        dialog = CompanyDialog(self.ctx, self, company_id=company_id)
        dialog.open_existing.connect(self.select_company)
        dialog.accepted.connect(lambda: dialog.saved_id and self.select_company(dialog.saved_id))
        self._show(dialog)

    def new_record(self) -> None:
        self._open_form(None)

    def edit_current(self) -> None:
        company_id = self.current_id()
        if company_id:
            self._open_form(company_id)

    def delete_current(self) -> None:
        self.soft_delete(
            self.current_id(),
            self.tr("删除企业"),
            self.tr("删除选中的企业？"),
            delete=svc.delete_company,
            restore=svc.restore_company,
            on_restored=self.select_company,
        )

    def apply_change(self, change: ChangeSet) -> None:
        if only_stage_moves(change):
            # The list shows no stage; the detail's project tab does: re-read that only.
            self.detail.show_company(self.detail.company_id)
            return
        self.refresh()
