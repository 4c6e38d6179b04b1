"""Column values as changes carry them (text) and as the database holds them (Python)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Boolean, Date, DateTime, Integer, String

from crm.models.base import Money


def defaults_value(column: Any) -> Any:
    """A new row's value for a column no change names (derived ones are filled after)."""
    default = column.default
    if default is not None and getattr(default, "is_scalar", False):
        return default.arg
    if not column.nullable and isinstance(column.type, String):
        return ""
    return None


def decode(column: Any, text: str | None) -> Any:
    """A change's text back into the column's Python value (the inverse of audit.encode)."""
    return decoder(column)(text)


def decoder(column: Any) -> Callable[[str | None], Any]:
    """`decode` for one column, chosen once (a package decodes a million values)."""
    kind = column.type
    if isinstance(kind, Money):
        convert: Callable[[str], Any] = Decimal
    elif isinstance(kind, Boolean):
        convert = _truth
    elif isinstance(kind, Integer | BigInteger):
        convert = int
    elif isinstance(kind, DateTime):
        convert = datetime.fromisoformat
    elif isinstance(kind, Date):
        convert = _day
    else:
        return _same
    return lambda text: None if text is None else convert(text)


def _truth(text: str) -> bool:
    return text in ("1", "true", "True")


def _day(text: str) -> date:
    return date.fromisoformat(text[:10])


def _same(text: str | None) -> str | None:
    return text


def stored(value: Any) -> Any:
    if isinstance(value, Decimal):
        return value.normalize()
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
