"""Column values as changes carry them (text) and as the database holds them (Python);
arriving changes as the merge rules see them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import BigInteger, Boolean, Date, DateTime, Integer, String

from crm import audit
from crm.changes import Change
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
        return same
    return lambda text: None if text is None else convert(text)


def _truth(text: str) -> bool:
    return text in ("1", "true", "True")


def _day(text: str) -> date:
    return date.fromisoformat(text[:10])


def same(text: str | None) -> str | None:
    return text


def stored(value: Any) -> Any:
    if isinstance(value, Decimal):
        return value.normalize()
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def made_at(arrived: Iterable[dict[str, Any]], first: Change) -> datetime:
    """A record's creation time where it was made (its first change's `changed_at`): the
    same on every site, so that stage histories replay in one order everywhere (their
    events are ordered by creation time). From the stamp when the change is not at hand."""
    for change in arrived:
        if change["id"] == first.id and change.get("changed_at"):
            value = change["changed_at"]
            return value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return stamp_time(first.hlc)


def stamp_time(hlc: str) -> datetime:
    """The wall time of a stamp, naive UTC like every stored timestamp."""
    return _wall_time(hlc[:13])


@lru_cache(maxsize=4096)  # records loaded together share their milliseconds
def _wall_time(milliseconds: str) -> datetime:
    return datetime.fromtimestamp(int(milliseconds) / 1000, UTC).replace(tzinfo=None)


def change_of_row(row: dict[str, Any]) -> Change:
    """An arriving change as the merge rules see it (what `audit.record_changes` reads)."""
    return audit.change_of(
        (
            row["id"],
            row["field"],
            row["new_value"],
            row["hlc"],
            row["site_id"],
            row["prev_id"],
            row["context"],
            row["supersedes"],
            row["changed_by"],
        )
    )
