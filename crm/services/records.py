"""Insert, update, soft delete and restore: the steps every service takes the same way for
every domain table (validation is the service's own)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm.changes import WHOLE_RECORD
from crm.errors import EditConflict, NotFoundError
from crm.models import ChangeLog, Tracked, utcnow
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


def refuse_changed_since(
    session: Session, table: str, record_id: str, seen_through: int, fields: Iterable[str]
) -> None:
    """Refuse to write `fields` over a change someone else made since the form read the record
    (change-log number `seen_through`): the second of two people editing the same field is
    told what the first one wrote instead of overwriting it unseen. Other fields merge."""
    wanted = set(fields)
    rows = session.execute(
        select(ChangeLog.field, ChangeLog.old_value, ChangeLog.new_value, ChangeLog.changed_by)
        .where(
            ChangeLog.table_name == table,
            ChangeLog.record_id == record_id,
            ChangeLog.seq > seen_through,
        )
        .order_by(ChangeLog.seq)
    ).all()
    clashes = [r for r in rows if r.field in wanted or r.field == WHOLE_RECORD]
    if not clashes:
        return
    # Imported here: the field names live with the ledger, which a save rarely needs.
    from crm.accounts import author_labels
    from crm.ledger.field_names import field_label
    from crm.ledger.fields import KIND_OF_TABLE

    kind = KIND_OF_TABLE.get(table, table)
    who = author_labels(session, (r.changed_by for r in clashes))
    what = "；".join(
        f"{field_label(kind, r.field)}：{r.old_value or '（空）'} → {r.new_value or '（空）'}"
        f"（{who.get(r.changed_by, r.changed_by)}）"
        for r in clashes[:3]
    )
    raise EditConflict(
        f"打开表单后，这条记录已被他人修改（{what}）。为免覆盖，本次未保存：请关闭表单，"
        "查看最新内容后再修改。",
        f"Someone else changed this record after the form was opened ({what}). Nothing was "
        "saved, so as not to overwrite it: close the form, look at the record and edit again.",
    )


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
