"""WHERE pieces the list filters share: a date column within a range, an industry with its
divisions, typed words in any of a few text columns. One rule each, so every list reads a
range, an industry and a search the same way."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, or_, select

from crm.models import Industry


def within(column: Any, start: date | None, end: date | None) -> list[ColumnElement[bool]]:
    """The column's day from `start` to `end`, both included; an open end bounds nothing."""
    clauses: list[ColumnElement[bool]] = []
    if start is not None:
        clauses.append(column >= start)
    if end is not None:
        clauses.append(column <= end)
    return clauses


def in_industry(column: Any, code: str) -> ColumnElement[bool]:
    """The column's GB/T 4754 code is `code`; a section (a letter) takes in its divisions."""
    if code.isalpha():
        divisions = select(Industry.code).where(Industry.section == code)
        return or_(column == code, column.in_(divisions))
    return column == code


def mentions(text: str, *columns: Any) -> list[ColumnElement[bool]]:
    """Rows where any of `columns` holds the typed text (trimmed) anywhere; nothing typed,
    no condition."""
    typed = text.strip()
    if not typed:
        return []
    pattern = f"%{typed}%"
    return [or_(*(column.like(pattern) for column in columns))]
