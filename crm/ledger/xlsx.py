"""Write tables to .xlsx: Chinese headers with units, numbers as numbers, dates as dates,
frozen header row, column widths that fit. Streams rows (openpyxl write-only mode)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from crm.cellsafe import force_text, is_formula_like
from crm.errors import CrmError
from crm.reports.files import check_writable

#: Column kinds: how values are written and formatted.
KINDS = ("text", "money", "number", "int", "date", "datetime", "percent", "bool")
FORMATS = {"money": "#,##0.00", "number": "#,##0.##", "int": "0", "date": "yyyy-mm-dd",
           "datetime": "yyyy-mm-dd hh:mm", "percent": "0.0%"}  # fmt: skip
MAX_WIDTH, MIN_WIDTH, WIDTH_SAMPLE = 60, 6, 300
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="center", horizontal="center")


@dataclass
class SheetSpec:
    name: str
    headers: Sequence[str]
    kinds: Sequence[str]
    rows: Iterable[Sequence[Any]]
    title: str | None = None
    #: Column indexes written but hidden (the record's key: 系统编号).
    hidden: Sequence[int] = ()


def display_width(text: str) -> int:
    """Characters as Excel columns count them: CJK takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def export_table_to_xlsx(
    path: str | Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    kinds: Sequence[str] | None = None,
    *,
    sheet_name: str = "数据",
    title: str | None = None,
    hidden: Sequence[int] = (),
) -> Path:
    """One table (a screen's current view) to an .xlsx file; returns the path written.
    `hidden`: indexes of columns written but hidden (the record keys an import matches by)."""
    kinds = list(kinds or ["text"] * len(headers))
    return write_workbook(path, [SheetSpec(sheet_name, headers, kinds, rows, title, hidden)])


def write_workbook(
    path: str | Path, sheets: Sequence[SheetSpec], properties: Mapping[str, str] | None = None
) -> Path:
    """`properties`: custom document properties (the ledger export's stamp: export_stamp)."""
    path = Path(path)
    check_target(path)
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.open("wb").close()  # an unwritable place fails here, before any work is done
    except OSError as exc:
        raise _cannot_write(path, exc) from exc
    book = Workbook(write_only=True)
    try:
        for sheet in sheets:
            _write_sheet(book, sheet)
        for name, value in (properties or {}).items():
            book.custom_doc_props.append(StringProperty(name=name, value=value))
        book.save(tmp)
        tmp.replace(path)  # a crash never leaves half a file under the real name
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _cannot_write(path, exc) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def check_target(path: Path) -> None:
    """Refuse a folder, a place that does not exist, or a name that is no .xlsx, before any
    work is done (crm.reports.files.check_writable: one rule for every output file)."""
    check_writable(path, suffixes=(".xlsx",))


def _cannot_write(path: Path, exc: OSError) -> CrmError:
    reason = exc.strerror or type(exc).__name__
    return CrmError(
        f"无法写入文件 {path}：{reason}",
        f"Cannot write the file {path}: {reason}",
        code="cannot_write",
    )


def _write_sheet(book: Workbook, spec: SheetSpec) -> None:
    unknown = set(spec.kinds) - set(KINDS)
    if unknown or len(spec.kinds) != len(spec.headers):
        raise ValueError(f"bad column kinds: {sorted(unknown) or spec.kinds}")
    ws = book.create_sheet(_safe_sheet_name(spec.name))
    rows = iter(spec.rows)
    sample = [list(r) for _, r in zip(range(WIDTH_SAMPLE), rows, strict=False)]
    _set_widths(ws, spec, sample)
    header_row = 2 if spec.title else 1
    ws.freeze_panes = f"A{header_row + 1}"
    if spec.title:
        title = WriteOnlyCell(ws, spec.title)
        title.font = Font(bold=True, size=14)
        ws.append([title])
    ws.append([_header_cell(ws, h) for h in spec.headers])
    writers = [_cell_writer(ws, kind) for kind in spec.kinds]
    for row in sample:
        ws.append([w(v) for w, v in zip(writers, row, strict=False)])
    for row in rows:
        ws.append([w(v) for w, v in zip(writers, row, strict=False)])


def _safe_sheet_name(name: str) -> str:
    for ch in "[]:*?/\\":
        name = name.replace(ch, " ")
    return name[:31] or "Sheet"


def _header_cell(ws: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, text)
    cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
    return cell


def _set_widths(ws: WriteOnlyWorksheet, spec: SheetSpec, sample: list[list[Any]]) -> None:
    for index, (header, kind) in enumerate(zip(spec.headers, spec.kinds, strict=True)):
        widths = [display_width(str(header))]
        for row in sample:
            if index < len(row) and row[index] not in (None, ""):
                widths.append(_value_width(row[index], kind))
        width = min(MAX_WIDTH, max(MIN_WIDTH, max(widths) + 2))
        dimension = ws.column_dimensions[get_column_letter(index + 1)]
        dimension.width = width
        if index in spec.hidden:
            dimension.hidden = True


def _value_width(value: Any, kind: str) -> int:
    if kind in ("date", "datetime"):
        return 10 if kind == "date" else 16
    if kind == "money" and isinstance(value, Decimal | int | float):
        return len(f"{value:,.2f}")
    text = str(value)
    return max(display_width(line) for line in text.split("\n")) if text else 0


def _cell_writer(ws: WriteOnlyWorksheet, kind: str) -> Any:
    number_format = FORMATS.get(kind)

    def plain(value: Any) -> Any:
        if value is None:
            return None
        if kind == "bool":
            return "是" if value else "否"
        if not isinstance(value, str | int | float):
            value = str(value)
        return force_text(WriteOnlyCell(ws, value)) if is_formula_like(value) else value

    def formatted(value: Any) -> Any:
        if value is None or value == "":
            return None
        if isinstance(value, Decimal):
            value = float(value) if kind != "int" else int(value)
        elif kind in ("date", "datetime") and isinstance(value, str):
            return force_text(WriteOnlyCell(ws, value)) if is_formula_like(value) else value
        elif kind == "date" and isinstance(value, datetime):
            value = value.date()
        cell = WriteOnlyCell(ws, value)
        cell.number_format = number_format
        return cell

    return formatted if number_format else plain
