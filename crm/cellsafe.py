"""Text cells that stay text in every spreadsheet we write (OWASP "CSV injection").

openpyxl turns a string starting with `=` into a formula and `#N/A` into an error cell; Excel
turns `+`, `-`, `@` into a formula when the cell is edited. A company named `=HYPERLINK(…)`
must come back as that name (export → import is lossless) and never run as a formula.
"""

from __future__ import annotations

from typing import Any

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
#: openpyxl's ERROR_CODES (kept here so this module does not import openpyxl).
ERROR_CODES = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")


def is_formula_like(value: object) -> bool:
    """Text a spreadsheet would take for a formula or an error code."""
    return isinstance(value, str) and (value.startswith(FORMULA_LEADS) or value in ERROR_CODES)


def force_text(cell: Any) -> Any:
    """Make an openpyxl cell a plain string cell, quote-prefixed (`'=…` in Excel's bar)."""
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell
