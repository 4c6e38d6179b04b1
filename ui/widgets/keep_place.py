"""Keep the user's place in a paged table when its rows are re-read (sort, filter, refresh).

A model reset forgets the current row, and scrolling back to it with an index of column 0
jumped the view to the left edge, away from the column just sorted. `KeepPlace` remembers the
selected record and the horizontal scroll position before the reset and puts both back after
it (and again once the rest of the ids arrived, when the record was not in the first screenful).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QObject
from PySide6.QtWidgets import QAbstractItemView, QTableView

from ui.widgets.paged_model import PagedTableModel

_SELECT = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows


class KeepPlace(QObject):
    def __init__(self, table: QTableView, model: PagedTableModel) -> None:
        super().__init__(table)
        self.table, self.model = table, model
        #: The record to keep selected (also one asked for before it was loaded).
        self.record_id: str | None = None
        self._column = 0
        self._hscroll = 0
        model.modelAboutToBeReset.connect(self._remember)
        model.modelReset.connect(self._restore)
        model.loaded.connect(self._restore)
        # A row the user picks while the rest is loading wins over the one kept before.
        table.selectionModel().currentRowChanged.connect(self._on_current)

    def _on_current(self, current: object, _previous: object) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.record_id = self.model.id_at(index.row())
            self._column = index.column()

    def _remember(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.record_id = self.model.id_at(index.row())
            self._column = index.column()
        self._hscroll = self.table.horizontalScrollBar().value()

    def _restore(self) -> None:
        if self.record_id is not None and self.model.row_of(self.record_id) >= 0:
            self.select(self.record_id)
        elif self.model.complete:
            self.record_id = None  # gone from this view (filtered out or deleted)
        self.table.horizontalScrollBar().setValue(self._hscroll)

    def select(self, record_id: str | None) -> bool:
        """Select a record's row and bring it into view without scrolling sideways; a record
        still loading is selected when it arrives. False when the view does not hold it."""
        self.record_id = record_id
        row = self.model.row_of(record_id) if record_id else -1
        if row < 0:
            return False
        hscroll = self.table.horizontalScrollBar().value()
        index = self.model.index(row, self._column)
        self.table.selectionModel().setCurrentIndex(index, _SELECT)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        self.table.horizontalScrollBar().setValue(hscroll)
        return True
