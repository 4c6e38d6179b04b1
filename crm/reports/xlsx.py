"""The brief's tables as one .xlsx: one sheet per table, numbers as numbers (openpyxl is
imported only when a spreadsheet is written)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from crm.cellsafe import force_text, is_formula_like
from crm.money import shown_places
from crm.reports.brief_table import BriefTable, Yi
from crm.reports.numbers import DASH
from crm.reports.titles import brief_title, reader_note
from crm.stats.model import BriefFigures

SHEET_NAME_LIMIT = 31


def write_brief_xlsx(
    figures: BriefFigures,
    tables: dict[str, BriefTable],
    target: str | Path | BinaryIO,
    *,
    issue_no: int | None = None,
) -> None:
    title = brief_title(figures.period, figures.scope)
    write_tables_xlsx(title, tables, target, note=reader_note(figures.scope), issue_no=issue_no)


def write_tables_xlsx(
    title: str,
    tables: dict[str, BriefTable],
    target: str | Path | BinaryIO,
    *,
    note: str = "",
    issue_no: int | None = None,
) -> None:
    """One sheet per table, each headed by the document's title (with its 第N期 when it has
    an issue number, as the PDF prints it) and the table's; `note` (titles.reader_note): a
    line under that heading on every sheet, the sheet being what a reader may copy on its
    own."""
    if issue_no is not None:
        title = f"{title} 第{issue_no}期"
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = Workbook()
    workbook.remove(workbook.active)
    header_fill = PatternFill("solid", fgColor="E9EDF2")
    total_fill = PatternFill("solid", fgColor="F6F1E7")
    for table in tables.values():
        sheet = workbook.create_sheet(_sheet_name(table.key))
        sheet.append([f"{title} — {table.title}"])
        sheet["A1"].font = Font(bold=True)
        if note:
            sheet.append([note])
            sheet["A2"].font = Font(bold=True, color="C00000")
        sheet.append(list(table.header))
        header_row = sheet.max_row
        for cell in sheet[header_row]:
            cell.fill = header_fill
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        for n, row in enumerate(table.rows):
            sheet.append([_value(v) for v in row])
            excel_row = sheet.max_row
            for cell, value in zip(sheet[excel_row], row, strict=False):
                if is_formula_like(value):  # a name like "=HYPERLINK(…)" stays text
                    force_text(cell)
                if isinstance(value, str) and value.startswith(IDEOGRAPHIC_SPACE):
                    _indent(cell, value, Alignment)
                if isinstance(value, Decimal):
                    cell.number_format = _number_format(value)
                if n in table.emphasis:
                    cell.fill = total_fill
        if table.note:
            sheet.append([])
            sheet.append(["注：" + table.note])
        _widths(sheet, table)
        sheet.freeze_panes = f"A{header_row + 1}"
    if not tables:
        # A notice of prose only (a ranking notice of a year without targets): a workbook
        # needs a sheet, and the reader learns why it holds no table.
        sheet = workbook.create_sheet("说明")
        sheet.append([title])
        sheet["A1"].font = Font(bold=True)
        if note:
            sheet.append([note])
        sheet.append(["本文件无表格。"])
    workbook.save(target)


#: How the PDF's tables indent a sub-row ('　　　非制造业' under '其中：制造业').
IDEOGRAPHIC_SPACE = "\u3000"


def _indent(cell: Any, value: str, alignment: Any) -> None:
    """A sub-row's label as the text alone, indented by the cell's format: leading spaces
    in a cell are what a reader's sort, filter and formulas trip over. An indent level is
    about half a Chinese character."""
    text = value.lstrip(IDEOGRAPHIC_SPACE)
    cell.value = text
    cell.alignment = alignment(indent=2 * (len(value) - len(text)))


def _value(value: Any) -> Any:
    """Numbers stay numbers (exact Decimal → float at the cell); None is '—'."""
    if value is None:
        return DASH
    if isinstance(value, Decimal):
        return float(value)
    return value


def _number_format(value: Decimal) -> str:
    """As the PDF prints it: one decimal, more for a small 亿元 amount that is not zero."""
    places = shown_places(value) if isinstance(value, Yi) else 1
    return "0." + "0" * places


def _sheet_name(key: str) -> str:
    cleaned = "".join(ch for ch in key if ch not in "[]:*?/\\")
    return cleaned[:SHEET_NAME_LIMIT] or "Sheet"


def _widths(sheet: Any, table: BriefTable) -> None:
    from openpyxl.utils import get_column_letter

    for n, header in enumerate(table.header, start=1):
        longest = max([len(str(r[n - 1])) for r in table.rows if n - 1 < len(r)] + [len(header)])
        sheet.column_dimensions[get_column_letter(n)].width = min(60, max(8, longest * 1.6 + 2))
