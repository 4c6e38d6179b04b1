"""Data cells under a merged range: a ledger that merges 投资方 over the rows of one investor's
projects shows the value on every row, and the importer reads it so (crm.ledger.parse)."""

from __future__ import annotations

from typing import Any

from crm.ledger.reader import RawSheet


def merged_down(sheet: RawSheet, data_start: int) -> dict[int, list[tuple[int, Any]]]:
    """Cells of data rows that a merged range covers from a data row above: row → (column,
    the range's top-left value). Two projects of one investor with 投资方 merged over both
    rows both get the investor, as the sheet shows it. Only the range's first column is
    filled, as in its top row (a title or section label merged across the table stays one
    value), and the values are read before any row is released."""
    spread: dict[int, list[tuple[int, Any]]] = {}
    for (r0, c0), (r1, _c1) in sheet.merged:
        if r1 <= r0 or r0 < data_start or r0 >= len(sheet.rows):
            continue
        top = sheet.rows[r0]
        value = top[c0] if c0 < len(top) else None
        if value is None or value == "":
            continue
        for r in range(r0 + 1, min(r1, len(sheet.rows) - 1) + 1):
            spread.setdefault(r, []).append((c0, value))
    return spread


def with_merged(row: list[Any], cells: list[tuple[int, Any]]) -> list[Any]:
    """A copy of `row` with the merged ranges' values in their (empty) cells."""
    filled = list(row)
    for column, value in cells:
        if column >= len(filled):
            filled.extend([None] * (column + 1 - len(filled)))
        if filled[column] is None or filled[column] == "":
            filled[column] = value
    return filled
