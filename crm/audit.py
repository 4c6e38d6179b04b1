"""The change log, written for every ORM insert, update and soft delete of a domain row.

Hooked into flush, so no service can forget it. Bulk loaders that bypass the ORM call
`bulk_insert_entries` themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import orjson
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from crm.errors import CrmError
from crm.hlc import CLOCK
from crm.models import BOOKKEEPING_COLUMNS, ChangeLog, Tracked, new_id, utcnow


class AuditedSession(Session):
    """Session whose flushes stamp who/when and write the change log."""


def encode(value: Any) -> str | None:
    """One text form for every value in the log (Decimal and dates exact, as ISO text)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _entry(session: Session, obj: Tracked, op: str, field: str, old: Any, new: Any) -> ChangeLog:
    return ChangeLog(
        id=new_id(),
        table_name=type(obj).__tablename__,  # type: ignore[attr-defined]
        record_id=obj.id,
        op=op,
        field=field,
        old_value=encode(old),
        new_value=encode(new),
        changed_by=session.info.get("actor", ""),
        changed_at=session.info["now"],
        hlc=CLOCK.now(),
        site_id=session.info.get("site_id", ""),
    )


def _column_names(obj: Tracked) -> list[str]:
    return [c.key for c in inspect(type(obj)).column_attrs if c.key not in BOOKKEEPING_COLUMNS]


def _log_insert(session: Session, obj: Tracked) -> None:
    actor = session.info.get("actor", "")
    obj.created_by = obj.created_by or actor
    obj.updated_by = actor
    obj.created_at = obj.created_at or session.info["now"]
    obj.updated_at = session.info["now"]
    if obj.id is None:
        obj.id = new_id()
    for name in _column_names(obj):
        value = getattr(obj, name)
        if value is not None and value != "":
            session.add(_entry(session, obj, "insert", name, None, value))


def _log_update(session: Session, obj: Tracked) -> None:
    state = inspect(obj)
    entries = []
    for name in _column_names(obj):
        history = state.attrs[name].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if encode(old) == encode(new):
            continue
        op = "update"
        if name == "deleted_at":
            op = "delete" if new is not None else "restore"
        entries.append(_entry(session, obj, op, name, old, new))
    if entries:
        obj.updated_by = session.info.get("actor", "")
        obj.updated_at = session.info["now"]
        session.add_all(entries)


@event.listens_for(AuditedSession, "before_flush")
def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    session.info["now"] = utcnow()
    for obj in list(session.deleted):
        if isinstance(obj, Tracked):
            raise CrmError(
                "业务数据只能作废（软删除），不能物理删除。",
                "Domain rows are soft-deleted, never removed.",
                code="hard_delete",
            )
    for obj in list(session.new):
        if isinstance(obj, Tracked):
            _log_insert(session, obj)
    for obj in list(session.dirty):
        if isinstance(obj, Tracked) and session.is_modified(obj, include_collections=False):
            _log_update(session, obj)


def _json_default(value: Any) -> str:
    if isinstance(value, Decimal):
        return encode(value) or ""
    raise TypeError(f"cannot log {type(value).__name__}")


def bulk_update_entries(
    table_name: str,
    changes: Iterable[tuple[str, str, Any, Any]],
    *,
    actor: str,
    site_id: str,
    changed_at: datetime | None = None,
) -> list[dict[str, Any]]:
    """Change-log rows for updates made in bulk (Core UPDATE): one `update` row per
    (record id, field, old value, new value), exactly as an ORM flush would log it."""
    changes = list(changes)
    now = changed_at or utcnow()
    return [
        {
            "id": new_id(),
            "table_name": table_name,
            "record_id": record_id,
            "op": "update",
            "field": field,
            "old_value": encode(old),
            "new_value": encode(new),
            "changed_by": actor,
            "changed_at": now,
            "hlc": stamp,
            "site_id": site_id,
        }
        for (record_id, field, old, new), stamp in zip(
            changes, CLOCK.reserve(len(changes)), strict=True
        )
    ]


def bulk_insert_entries(
    table_name: str,
    rows: Iterable[Mapping[str, Any]],
    *,
    actor: str,
    site_id: str,
    make_id: Callable[[], str] = new_id,
) -> list[dict[str, Any]]:
    """Change-log rows for records loaded in bulk: one `insert` row per record, field `*`,
    the fields that hold a value as JSON (like the per-field rows of an ORM insert)."""
    rows = list(rows)
    now = utcnow()
    entries = []
    for row, stamp in zip(rows, CLOCK.reserve(len(rows)), strict=True):
        payload = {
            k: v
            for k, v in row.items()
            if v is not None and v != "" and k not in BOOKKEEPING_COLUMNS
        }
        entries.append(
            {
                "id": make_id(),
                "table_name": table_name,
                "record_id": row["id"],
                "op": "insert",
                "field": "*",
                "old_value": None,
                "new_value": orjson.dumps(payload, default=_json_default).decode(),
                "changed_by": actor,
                "changed_at": now,
                "hlc": stamp,
                "site_id": site_id,
            }
        )
    return entries
