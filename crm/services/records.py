"""Insert, update, soft delete and restore: the steps every service takes the same way for
every domain table (validation is the service's own)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm.errors import NotFoundError
from crm.models import Tracked, utcnow
from crm.services.checks import live, unknown_fields
from crm.services.result import Changed

T = TypeVar("T", bound=Tracked)


def project_total(session: Session, amount: Any, project_id: str) -> Decimal:
    """The sum of `amount` (a column: FundsEntry.amount …) over a project's live entries."""
    entries = amount.class_
    total = session.scalar(
        select(func.sum(amount)).where(
            entries.project_id == project_id, entries.deleted_at.is_(None)
        )
    )
    return total or Decimal(0)


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


def insert_row(session: Session, row: Tracked) -> Changed:
    """Add a new row and flush it (its id, its change-log rows); say what changed."""
    session.add(row)
    session.flush()
    return Changed(row.__tablename__, row.id, "insert")  # type: ignore[attr-defined]


def updated(session: Session, row: Tracked) -> Changed:
    """Flush an edited row (its change-log rows); say what changed."""
    session.flush()
    return Changed(row.__tablename__, row.id, "update")  # type: ignore[attr-defined]


def update_row(
    session: Session,
    model: type[T],
    record_id: str,
    fields: Mapping[str, Any],
    allowed: frozenset[str],
    clean: Callable[[], Mapping[str, Any]],
    *,
    check: Callable[[T], None] | None = None,
) -> Changed:
    """Edit a live row: unknown fields refused, `clean()` (the service's validation, run
    once the row is known to exist) applied, then the service's whole-row `check`."""
    unknown_fields(fields, allowed)
    row = live(session, model, record_id)
    apply_fields(row, dict(clean()))
    if check is not None:
        check(row)
    return updated(session, row)


def deleter(model: type[T]) -> Callable[[Session, str], Changed]:
    """The service that soft-deletes a row of `model` by id (delete_company …)."""

    def delete(session: Session, record_id: str) -> Changed:
        return soft_delete(session, model, record_id)

    delete.__doc__ = f"Soft-delete one {model.__tablename__} row."  # type: ignore[attr-defined]
    return delete


def restorer(model: type[T]) -> Callable[[Session, str], Changed]:
    """The service that restores a soft-deleted row of `model` by id."""

    def undelete(session: Session, record_id: str) -> Changed:
        return restore(session, model, record_id)

    undelete.__doc__ = f"Restore one soft-deleted {model.__tablename__} row."  # type: ignore[attr-defined]
    return undelete
