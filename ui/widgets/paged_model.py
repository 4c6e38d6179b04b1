"""A table model over a crm list query: ids in SQL order, rows fetched lazily by page and cached.

Column specs format once per row when a page arrives, so data() is a tuple lookup
(the calibre way: render functions prepared once, never looked up per cell).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)

from crm.db import Database
from crm.queries import ListQuery
from ui.ops import read_now

log = logging.getLogger(__name__)

#: Rows fetched at once when a row not yet read is shown: about two screenfuls, from that
#: row on (down the list, or up when the rows below are already read), so one fetch fills the
#: window wherever a jump lands.
PAGE_SIZE = 50
#: Above this many rows, reloading ids runs on a worker thread.
ASYNC_THRESHOLD = 20_000
#: Ids read at once (with LIMIT) when the query supports it; the rest follow from a worker.
FIRST_SCREEN = 200
#: Delay before the rest of the ids loads (lets the first screenful paint first).
REST_DELAY_MS = 60

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter

Index = QModelIndex | QPersistentModelIndex

# data() is asked several roles for every cell painted: plain numbers compare fastest.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_USER = int(Qt.ItemDataRole.UserRole)
#: The roles `_value` answers (a delegate asks seven: font, decoration and others are Qt's).
_ANSWERED = frozenset({_DISPLAY, _ALIGNMENT, _TOOLTIP, _FOREGROUND, _USER})
_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
)


def plain(value: Any) -> str:
    return "" if value is None else str(value)


@dataclass
class ColumnSpec:
    """One column: its key, header, where its value sits in the row tuple, how it shows.

    `fmt` turns the raw value into display text (called once per row fetched);
    `sort_key` is the query's sort key for this column (None: not sortable).
    """

    key: str
    title: str
    index: int
    fmt: Callable[[Any], str] = plain
    align: Qt.AlignmentFlag = LEFT
    sort_key: str | None = None
    tooltip: bool = False
    foreground: Callable[[Any], Any] | None = field(default=None)


def header_data(
    columns: Sequence[Any], section: int, orientation: Qt.Orientation, role: int
) -> Any:
    """A table model's `headerData`: the columns' `title` across the top, row numbers down the
    side."""
    if role != Qt.ItemDataRole.DisplayRole:
        return None
    if orientation == Qt.Orientation.Horizontal:
        return columns[section].title if 0 <= section < len(columns) else None
    return section + 1


class _IdSignals(QObject):
    loaded = Signal(int, object)


class _IdLoader(QRunnable):
    def __init__(self, fn: Callable[[], list[str]], generation: int, signals: _IdSignals):
        super().__init__()
        self._fn, self._generation, self._signals = fn, generation, signals

    def run(self) -> None:
        try:
            result: object = self._fn()
        except Exception as exc:
            result = exc
        self._signals.loaded.emit(self._generation, result)


class PagedTableModel(QAbstractTableModel):
    """Rows of `query` for `columns`. Call `set_query()` after the filters change.

    `loaded` fires after the ids have been (re)loaded, synchronously or from a worker.
    """

    loaded = Signal()
    failed = Signal(object)

    def __init__(
        self,
        db: Database | Callable[[], Database],
        query: ListQuery,
        columns: Sequence[ColumnSpec],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._query = query
        self._columns = list(columns)
        self._ids: list[str] = []
        self._row_of: dict[str, int] = {}
        #: id → (display texts, formatted when first shown, None until then; the raw row)
        self._cache: dict[str, tuple[list[str | None], tuple[Any, ...]]] = {}
        self._sort: str | None = None
        self._descending = False
        self._generation = 0
        #: False while the rest of the ids is still loading on a worker.
        self.complete = True
        self._rest_timer = QTimer(self)
        self._rest_timer.setSingleShot(True)
        self._rest_timer.setInterval(REST_DELAY_MS)
        self._rest_timer.timeout.connect(self._load_rest)
        self._signals = _IdSignals()
        self._signals.loaded.connect(self._on_ids_loaded, Qt.ConnectionType.QueuedConnection)

    # -- what the views ask -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self._value(index.row(), index.column(), role)

    def multiData(self, index: Index, roleDataSpan: Any) -> None:
        """Every role a view's delegate asks of a cell, in one call: Qt 6 asks seven per painted
        cell, and one call into Python instead of seven makes a repaint a third cheaper."""
        valid = index.isValid()
        row, column = (index.row(), index.column()) if valid else (0, 0)
        for item in roleDataSpan:
            role = item.role()
            value = self._value(row, column, role) if valid and role in _ANSWERED else None
            if value is None:
                item.clearData()
            else:
                item.setData(value)

    def _value(self, row: int, column: int, role: int) -> Any:
        if role == _DISPLAY:
            return self._text(row, column)
        if role == _ALIGNMENT:
            return int(self._columns[column].align)  # an int: what a delegate reads either way
        if role == _TOOLTIP and self._columns[column].tooltip:
            return self._text(row, column)
        if role == _FOREGROUND:
            spec = self._columns[column]
            if spec.foreground is not None:
                return spec.foreground(self._row(row)[1][spec.index])
        if role == _USER:
            return self._ids[row]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header_data(self._columns, section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _ROW_FLAGS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        key = self._columns[column].sort_key
        if key is None:
            return
        self.set_sort(key, order == Qt.SortOrder.DescendingOrder)

    # -- our API ------------------------------------------------------------------------------
    @property
    def db(self) -> Database:
        return self._db() if callable(self._db) else self._db

    @property
    def query(self) -> ListQuery:
        return self._query

    @property
    def columns(self) -> list[ColumnSpec]:
        return list(self._columns)

    @property
    def ids(self) -> list[str]:
        return list(self._ids)

    def view_ids(self) -> Callable[[Any], list[str]]:
        """A reader of every id of the view in its order, for work on a worker (an export):
        the ids on show when all are in, else the query read again (the rest may still be
        on its way)."""
        if self.complete:
            ids = list(self._ids)
            return lambda _session: ids
        query, sort, descending = self._query, self._sort, self._descending
        return lambda session: query.ids(session, sort=sort, descending=descending)

    def id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: str) -> int:
        return self._row_of.get(record_id, -1)

    def raw_row(self, row: int) -> tuple[Any, ...]:
        return self._row(row)[1]

    def column_index(self, key: str) -> int:
        return next((i for i, c in enumerate(self._columns) if c.key == key), -1)

    def set_columns(self, columns: Sequence[ColumnSpec]) -> None:
        self.beginResetModel()
        self._columns = list(columns)
        self._cache.clear()
        self.endResetModel()

    def set_sort(self, key: str | None, descending: bool = False) -> None:
        self._sort, self._descending = key, descending
        self.reload()

    def set_query(self, query: ListQuery, *, sync: bool | None = None) -> None:
        self._query = query
        self.reload(sync=sync)

    def reload(self, *, sync: bool | None = None) -> None:
        """Re-read ids (and drop cached rows).

        sync=True: all ids now. Otherwise, for queries that support `limit`, the first
        screenful now and the rest from a worker (appended when it arrives); for others, large
        lists load on a worker. `loaded` fires once all ids are in.
        """
        self._generation += 1
        self._rest_timer.stop()
        if sync is True:
            self._load_now(None)
            return
        if getattr(self._query, "supports_limit", False):
            first = self._load_now(FIRST_SCREEN, final=False)
            if first is not None and len(first) < FIRST_SCREEN:
                self.complete = True
                self.loaded.emit()
                return
            # Start the rest after the first screenful is painted: a worker thread competes
            # for the interpreter lock with painting.
            self.complete = False
            self._rest_timer.start()
            return
        if len(self._ids) <= ASYNC_THRESHOLD and sync is None:
            self._load_now(None)
            return
        self.complete = False
        self._load_rest()

    def _load_rest(self) -> None:
        QThreadPool.globalInstance().start(
            _IdLoader(self._load_ids, self._generation, self._signals)
        )

    def _load_now(self, limit: int | None, *, final: bool = True) -> list[str] | None:
        try:
            ids = self._load_ids(limit)
        except Exception as exc:
            log.exception("loading ids failed")
            self.failed.emit(exc)
            return None
        self._apply_ids(ids, final=final)
        return ids

    def invalidate_rows(self) -> None:
        """Forget cached rows (data changed but the id list did not)."""
        self._cache.clear()
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(self._columns) - 1)
            )

    # -- internals ----------------------------------------------------------------------------
    def _load_ids(self, limit: int | None = None) -> list[str]:
        query, sort, descending = self._query, self._sort, self._descending
        if limit is None:
            return read_now(self.db, lambda s: query.ids(s, sort=sort, descending=descending))
        return read_now(
            self.db,
            lambda s: query.ids(s, sort=sort, descending=descending, limit=limit),  # type: ignore[call-arg]
        )

    def _on_ids_loaded(self, generation: int, result: object) -> None:
        if generation != self._generation:
            return  # a newer filter or sort superseded this load
        if isinstance(result, Exception):
            self.failed.emit(result)
            return
        ids: list[str] = result  # type: ignore[assignment]
        shown = len(self._ids)
        if shown and ids[:shown] == self._ids and len(ids) > shown:
            # The first screenful is already on show: append the rest (keeps selection, scroll).
            self.beginInsertRows(QModelIndex(), shown, len(ids) - 1)
            self._ids = ids
            self._row_of.update((ids[row], row) for row in range(shown, len(ids)))
            self.endInsertRows()
            self.complete = True
            self.loaded.emit()
            return
        self._apply_ids(ids)

    def _apply_ids(self, ids: list[str], *, final: bool = True) -> None:
        self.beginResetModel()
        self._ids = ids
        self._row_of = {record_id: row for row, record_id in enumerate(ids)}
        self._cache.clear()
        self.complete = final  # before the reset signal: views ask whether more is coming
        self.endResetModel()
        if final:
            self.loaded.emit()

    def _row(self, row: int) -> tuple[list[str | None], tuple[Any, ...]]:
        record_id = self._ids[row]
        cached = self._cache.get(record_id)
        if cached is None:
            self._fetch_page(row)
            cached = self._cache.get(record_id)
        if cached is None:  # vanished meanwhile (deleted by another window): show blanks
            blank: list[str | None] = [""] * len(self._columns)
            cached = (blank, (record_id,) + (None,) * 64)
            self._cache[record_id] = cached
        return cached

    def _text(self, row: int, column: int) -> str:
        """A cell's text, formatted the first time it is shown (most columns of a page are
        hidden or never scrolled to)."""
        shown, raw = self._row(row)
        text = shown[column]
        if text is None:
            spec = self._columns[column]
            text = shown[column] = spec.fmt(raw[spec.index])
        return text

    def _fetch_page(self, row: int) -> None:
        page = self._page_from(row)
        rows = read_now(self.db, lambda s: self._query.fetch_rows(s, page))
        blank: list[str | None] = [None] * len(self._columns)
        for raw in rows:
            self._cache[raw[0]] = (blank.copy(), raw)

    def _page_from(self, row: int) -> list[str]:
        """The ids not read yet among the PAGE_SIZE rows from `row` down; those from `row` up
        when most rows below are read already (scrolling up: the view asks the row just above
        what it shows)."""
        cache = self._cache
        below = self._ids[row : row + PAGE_SIZE]
        page = [i for i in below if i not in cache]
        if 2 * len(page) < len(below):
            above = self._ids[max(0, row - PAGE_SIZE + 1) : row + 1]
            page = [i for i in above if i not in cache]
        return page
