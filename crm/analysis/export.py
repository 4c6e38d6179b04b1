"""An analysis table as an xlsx sheet (numbers as numbers, the 合计 row last) or as JSON."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from crm.analysis.pivot import CHANGE, SHARE
from crm.periods import Period

MONEY_FORMAT = "#,##0.00"
COUNT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0"


def title_of(table: pd.DataFrame) -> str:
    """'2026年一季度 签约额（万元） 按 工作队 × 行业门类'."""
    period: Period = table.attrs["period"]
    unit = table.attrs["unit"]
    dims = " × ".join(_dim_labels(table))
    return f"{period.label_zh} {table.attrs['measure_label']}（{unit}） 按 {dims}"


def _dim_labels(table: pd.DataFrame) -> list[str]:
    from crm.analysis.spec import label

    return [label(d) for d in table.attrs["dimensions"]]


def to_xlsx(table: pd.DataFrame) -> bytes:
    """One sheet: title, the notes, the header, the rows, and the 合计 row last (bold)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "分析"
    sheet.append([title_of(table)])
    sheet["A1"].font = Font(bold=True, size=12)
    for note in table.attrs.get("notes", []):
        sheet.append([f"注：{note}"])
    header = [str(table.index.name or ""), *map(str, table.columns)]
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    money = table.attrs["unit"] == "万元"
    for label, values in table.iterrows():
        sheet.append([str(label), *(_cell(v) for v in values)])
        for column, cell in zip(table.columns, sheet[sheet.max_row][1:], strict=True):
            cell.number_format = _format(str(column), money)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 28
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _format(column: str, money: bool) -> str:
    if column in (CHANGE, SHARE):
        return PERCENT_FORMAT
    return MONEY_FORMAT if money else COUNT_FORMAT


def _cell(value: Any) -> Any:
    """Decimal stays exact (openpyxl writes it as a number); no change figure stays empty."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return value


def to_json(table: pd.DataFrame) -> dict[str, Any]:
    """Money in 万元 and percentages as JSON numbers; a change against a zero base is null."""
    period: Period = table.attrs["period"]
    previous: Period = table.attrs["previous"]
    keys = table.attrs.get("row_keys", [])
    rows = []
    for n, (label, values) in enumerate(table.iterrows()):
        rows.append(
            {
                "key": keys[n] if n < len(keys) else None,
                "label": str(label),
                "values": {str(c): _number(v) for c, v in values.items()},
            }
        )
    return {
        "measure": table.attrs["measure"],
        "unit": table.attrs["unit"],
        "dimensions": table.attrs["dimensions"],
        "period": {"code": period.code, "start": str(period.start), "end": str(period.end)},
        "previous": {"start": str(previous.start), "end": str(previous.end)},
        "columns": [str(c) for c in table.columns],
        "column_keys": table.attrs.get("column_keys", []),
        "rows": rows,
        "notes": table.attrs.get("notes", []),
    }


def _number(value: Any) -> float | int | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return int(value)
