"""Soft delete and restore, the same for every domain table."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from crm.errors import NotFoundError
from crm.models import Tracked, utcnow
from crm.services.checks import live
from crm.services.result import Changed

T = TypeVar("T", bound=Tracked)


def soft_delete(session: Session, model: type[T], record_id: str) -> Changed:
    obj = live(session, model, record_id)
    obj.deleted_at = utcnow()
    session.flush()
    return Changed(model.__tablename__, record_id, "delete")  # type: ignore[attr-defined]


def restore(session: Session, model: type[T], record_id: str) -> Changed:
    obj = session.get(model, record_id)
    if obj is None:
        raise NotFoundError(f"找不到记录：{record_id}", f"Record not found: {record_id}")
    obj.deleted_at = None
    session.flush()
    return Changed(model.__tablename__, record_id, "restore")  # type: ignore[attr-defined]


def apply_fields(obj: Tracked, values: dict[str, object]) -> bool:
    """Set attributes that differ; True when anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed
