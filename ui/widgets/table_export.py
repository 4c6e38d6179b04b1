"""Export what a table screen shows (its filters, sort and visible columns in their on-screen
order) to .xlsx through `ui.ledger.export_table`.

Numbers and dates go out as values (Excel can sum and sort them); codes and other text go out
as the text the table shows. Every row also carries its record's key, in hidden columns even
when the screen hides them: the 系统编号 (the record's UUID) and the screen's own key columns
(a project's 项目编号), so a file edited in Excel and imported back updates exactly the
records it came from. The ledger module (openpyxl) is imported only when exporting, so it
stays out of the start-up path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTableView, QWidget

from ui import dialogs, ops
from ui.ledger.export import export_error
from ui.widgets.paged_model import ColumnSpec, PagedTableModel

#: Rows read from the database at once while exporting.
CHUNK = 1000


@dataclass
class ViewTable:
    """What an export writes: headers, rows and column kinds; `hidden` are column indexes
    written but hidden in Excel (the record keys)."""

    headers: list[str]
    rows: list[list[Any]]
    kinds: list[str]
    hidden: list[int] = field(default_factory=list)


def visible_columns(
    table: QTableView, model: PagedTableModel, keys: Sequence[str] = ()
) -> tuple[list[ColumnSpec], list[int]]:
    """The columns the user sees, in the order they appear on screen, then the `keys`
    columns the screen hides (their positions are the second value)."""
    header = table.horizontalHeader()
    specs = []
    for visual in range(header.count()):
        logical = header.logicalIndex(visual)
        if 0 <= logical < len(model.columns) and not header.isSectionHidden(logical):
            specs.append(model.columns[logical])
    hidden = []
    for spec in model.columns:
        if spec.key in keys and spec not in specs:
            hidden.append(len(specs))
            specs.append(spec)
    return specs, hidden


def view_rows(session: Any, query: Any, ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """Every row of the view's ids, raw, in the view's order (read in chunks; on a worker)."""
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        by_id = {row[0]: row for row in query.fetch_rows(session, chunk)}
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
    specs: list[ColumnSpec],
    hidden: list[int],
    raw: list[tuple[Any, ...]],
    money: Mapping[str, Callable[[Any], Any]] | None = None,
    row_keys: Mapping[str, int] | None = None,
) -> ViewTable:
    """Headers, rows and column kinds of the view's columns `specs`, with the record keys.

    `money`: column key → converter from the raw value (万元) to the unit the header names.
    `row_keys`: header the importer reads → position in the raw row of a key no column shows
    (an activity's 项目系统编号: two projects may share the name the 项目 column shows).
    """
    row_keys = dict(row_keys or {})
    money = money or {}
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
        values.extend(row[index] for index in row_keys.values())
        values.append(row[0])  # the record id: every list query puts it first
        rows.append(values)
    from crm.ledger.fields import RECORD_ID_LABEL  # the header the importer reads

    headers = [spec.title for spec in specs] + list(row_keys) + [RECORD_ID_LABEL]
    keys = range(len(specs), len(headers))
    return ViewTable(headers, rows, [*kinds, *(["text"] * len(keys))], [*hidden, *keys])


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
    keys: Sequence[str] = (),
    row_keys: Mapping[str, int] | None = None,
    sheet_name: str | None = None,
) -> ops.Task[Any] | None:
    """Ask for a file, then read and write the current view on a worker (the columns shown,
    `keys` always: e.g. 项目编号, hidden when the screen hides them; `row_keys`: see
    view_table); None when cancelled. The sheet is named `sheet_name`, else after the file
    name the screen suggested without its date (项目 / Projects): it was 数据 in either
    language (user test, finding 15)."""
    from crm.ledger import export_table_to_xlsx
    from ui.access.guards import require_export
    from ui.ledger.export import xlsx_path

    sheet = sheet_name or _sheet_name(suggested_name)
    specs, hidden = visible_columns(table, model, keys)
    path = xlsx_path(parent, suggested_name)
    if not path:
        return None
    query, view_ids = model.query, model.view_ids()

    def work(session: Any, _progress: ops.Progress) -> tuple[Path, int]:
        require_export(session)  # the rule `crm export ledger` obeys (crm.access)
        raw = view_rows(session, query, view_ids(session))
        view = view_table(specs, hidden, raw, money, row_keys)
        written = export_table_to_xlsx(
            path, view.headers, view.rows, view.kinds, hidden=view.hidden, sheet_name=sheet
        )
        return written, len(view.rows)

    def done(result: tuple[Path, int]) -> None:
        written, count = result
        text = QCoreApplication.translate("table_export", "已导出 %1 行到 %2")
        dialogs.show_info(parent, text.replace("%1", f"{count:,}").replace("%2", str(written)))

    return ops.run_op(
        parent,
        ops.reading(lambda: model.db, work),
        on_done=done,
        on_error=lambda exc: dialogs.show_error(parent, export_error(exc, language)),
        title=QCoreApplication.translate("table_export", "正在导出…"),
    )


def _sheet_name(suggested_name: str) -> str:
    """项目_2026-11-20.xlsx → 项目 (the screen's title suggested() put first)."""
    stem = Path(suggested_name).stem
    head, _sep, tail = stem.rpartition("_")
    name = head if head and _is_date(tail) else stem
    return name or QCoreApplication.translate("table_export", "数据")


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def suggested(name: str, extra: Sequence[str] = ()) -> str:
    """A file name like 项目_2026-11-20.xlsx."""
    return "_".join([name, *extra, date.today().isoformat()]) + ".xlsx"
