"""The skeleton shared by the list screens (companies, activities, problems): a search box and
filters over one paged table of a crm list query, its widths remembered, an empty-list overlay,
the selection kept across reloads, export of the view, and forms opened beside it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QPushButton, QSplitter, QTableView, QWidget

from ui.activities.forms import restore_widths, save_widths, setup_table
from ui.context import AppContext
from ui.layouts import fit_headers
from ui.screen import Screen
from ui.widgets.empty_overlay import EmptyOverlay
from ui.widgets.keep_place import KeepPlace
from ui.widgets.paged_model import ColumnSpec, PagedTableModel


def project_id_key(row_index: Callable[[str], int]) -> dict[str, int]:
    """What an export of a project's records writes besides the columns: the project's
    系统编号 (hidden), because the 项目 column's name may be several projects'."""
    from crm.ledger.fields import PROJECT_ID_LABEL  # on export only (openpyxl)

    return {PROJECT_ID_LABEL: row_index("project_id")}


class ListScreen(Screen):
    """Subclasses build `self.search` (a SearchBox), `self.new_button` and `self.table` in
    `_build()` (Ctrl+N, the button and a double click open the forms) and give
    `_query()` (the crm list query for the filters as they are), `_columns()` and
    `export_title()`, then call `finish_setup(...)`."""

    can_export = True
    #: Passed to table_export.export_view (column key → converter to the header's unit).
    export_money: dict[str, Any] | None = None

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._default_widths: tuple[Any, ...] = ()
        self.search: Any
        self.new_button: QPushButton
        self.table: QTableView
        self._build()
        self.new_button.clicked.connect(self.new_record)
        self.table.doubleClicked.connect(lambda _i: self.edit_current())
        self.model = PagedTableModel(lambda: self.ctx.db, self._query(), self._columns(), self)
        self.table.setModel(self.model)
        self.keep = KeepPlace(self.table, self.model)
        self.empty_overlay = EmptyOverlay(self.table, self.model)

    def finish_setup(self, sorted_by: int, order: Qt.SortOrder, widths: Any = ()) -> None:
        """The arrow on the column the query's default order follows (no re-sort), the
        screen's default widths (column, width), then the user's own; reloads report."""
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(sorted_by, order)
        header.blockSignals(False)
        self._default_widths = tuple(widths)
        self._apply_widths()
        restore_widths(self.table, self.screen_id)
        self.model.loaded.connect(self._on_loaded)

    # -- what subclasses give -------------------------------------------------------------------
    def _build(self) -> None:
        raise NotImplementedError

    def _query(self) -> Any:
        raise NotImplementedError

    def _columns(self) -> list[ColumnSpec]:
        raise NotImplementedError

    def export_title(self) -> str:
        return self.screen_id

    def export_row_keys(self) -> dict[str, int]:
        """Keys an export writes that no column shows (header → position in the row)."""
        return {}

    # -- shared behaviour -----------------------------------------------------------------------
    def apply_filters(self) -> None:
        self.model.set_query(self._query())

    def _on_loaded(self) -> None:
        self.record_count_changed.emit(self.model.rowCount())

    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def record_count(self) -> int:
        return self.model.rowCount()

    def refresh(self) -> None:
        self.model.reload()

    def export_view(self) -> None:
        from ui.widgets.table_export import export_view, suggested

        export_view(
            self,
            self.table,
            self.model,
            suggested_name=suggested(self.export_title()),
            language=self.ctx.language,
            money=self.export_money,
            row_keys=self.export_row_keys(),
        )

    def _list_table(self, parent: QWidget) -> QTableView:
        """The list: whole rows selected, sorted by a click on a header (in SQL)."""
        table = QTableView(parent)
        setup_table(table)
        table.setSortingEnabled(True)
        return table

    def _table_beside(
        self, layout: QBoxLayout, panel: QWidget, shares: tuple[int, int], sizes: list[int]
    ) -> None:
        """The list with a panel beside it, in a splitter; `shares` of the room to spare."""
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(panel)
        for index, share in enumerate(shares):
            splitter.setStretchFactor(index, share)
        splitter.setSizes(sizes)
        layout.addWidget(splitter, 1)

    def _export_button(self) -> QPushButton:
        """导出…: the list as filtered now, to .xlsx."""
        button = QPushButton(self.tr("导出…"), self)
        button.setToolTip(self.tr("把当前筛选结果导出为 Excel"))
        button.clicked.connect(self.export_view)
        return button

    def save_state(self) -> None:
        save_widths(self.table, self.screen_id)

    def _apply_widths(self) -> None:
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            header.resizeSection(column, header.defaultSectionSize())
        for column, width in self._default_widths:
            self.table.setColumnWidth(column, width)
        fit_headers(self.table)  # no title cut short, in either language

    def reset_layout(self) -> None:
        """View → Reset layout: the screen's default column widths."""
        from ui.qsettings import app_settings

        app_settings().remove(f"{self.screen_id}/column_widths")
        self._apply_widths()
