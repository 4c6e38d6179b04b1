"""Export what a table screen shows (its filters, sort and visible columns in their on-screen
order) to .xlsx through `ui.ledger.export_table`.

Numbers and dates go out as values (Excel can sum and sort them); codes and other text go out
as the text the table shows. The ledger module (openpyxl) is imported only when exporting, so it
stays out of the start-up path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTableView, QWidget

from ui import dialogs
from ui.widgets.paged_model import ColumnSpec, PagedTableModel

#: Rows read from the database at once while exporting.
CHUNK = 1000


def visible_columns(table: QTableView, model: PagedTableModel) -> list[ColumnSpec]:
    """The columns the user sees, in the order they appear on screen."""
    header = table.horizontalHeader()
    specs = []
    for visual in range(header.count()):
        logical = header.logicalIndex(visual)
        if 0 <= logical < len(model.columns) and not header.isSectionHidden(logical):
            specs.append(model.columns[logical])
    return specs


def view_rows(model: PagedTableModel) -> list[tuple[Any, ...]]:
    """Every row of the current view, raw, in the view's order (read in chunks)."""
    ids = model.ids
    rows: list[tuple[Any, ...]] = []
    with model.db.session() as session:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            by_id = {row[0]: row for row in model.query.fetch_rows(session, chunk)}
            rows.extend(by_id[i] for i in chunk if i in by_id)
    return rows


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, datetime):
        return "datetime"
    if isinstance(value, date):
        return "date"
    if isinstance(value, int):
        return "int"
    if isinstance(value, Decimal | float):
        return "number"
    return "text"


def view_table(
    table: QTableView,
    model: PagedTableModel,
    money: Mapping[str, Callable[[Any], Any]] | None = None,
) -> tuple[list[str], list[list[Any]], list[str]]:
    """Headers, rows and column kinds of the current view.

    `money`: column key → converter from the raw value (万元) to the unit the header names.
    """
    money = money or {}
    specs = visible_columns(table, model)
    raw = view_rows(model)
    kinds = []
    for spec in specs:
        if spec.key in money:
            kinds.append("money")
            continue
        sample = next((r[spec.index] for r in raw if r[spec.index] is not None), None)
        kinds.append(_kind_of(sample))
    rows = []
    for row in raw:
        values = []
        for spec, kind in zip(specs, kinds, strict=True):
            value = row[spec.index]
            if kind == "money":
                values.append(None if value is None else money[spec.key](value))
            elif kind == "text" or not isinstance(value, _PYTHON_TYPES[kind]):
                values.append(spec.fmt(value) if value is not None else "")
            else:
                values.append(value)
        rows.append(values)
    return [spec.title for spec in specs], rows, kinds


_PYTHON_TYPES: dict[str, type | tuple[type, ...]] = {
    "bool": bool,
    "datetime": datetime,
    "date": date,
    "int": int,
    "number": (Decimal, float),
}


def export_view(
    parent: QWidget,
    table: QTableView,
    model: PagedTableModel,
    *,
    suggested_name: str,
    language: str = "zh",
    money: Mapping[str, Callable[[Any], Any]] | None = None,
) -> Path | None:
    """Ask for a file and write the current view; returns the file written (None: cancelled)."""
    from crm.errors import CrmError
    from ui.ledger import export_table

    headers, rows, kinds = view_table(table, model, money)
    try:
        path = export_table(parent, headers, rows, kinds, suggested_name=suggested_name)
    except CrmError as exc:
        dialogs.show_error(parent, exc.message(language))
        return None
    if path is not None:
        text = QCoreApplication.translate("table_export", "已导出 %1 行到 %2")
        dialogs.show_info(parent, text.replace("%1", f"{len(rows):,}").replace("%2", str(path)))
    return path


def suggested(name: str, extra: Sequence[str] = ()) -> str:
    """A file name like 项目_2026-11-20.xlsx."""
    return "_".join([name, *extra, date.today().isoformat()]) + ".xlsx"
