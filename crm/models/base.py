"""Declarative base, the exact-money column type and the columns every domain row carries."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, NewType

from sqlalchemy import BigInteger, DateTime, MetaData, String
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from crm.limits import max_length
from crm.money import fen_to_wan, to_decimal, wan_to_fen

# Stable constraint names so Alembic batch migrations on SQLite can find them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

RecordId = NewType("RecordId", str)


def new_id() -> str:
    """Application-made UUIDs: offline copies on team laptops never collide."""
    return str(uuid.uuid4())


def short_id(record_id: str) -> str:
    """A record's id as shown where it has no name: its last eight hex digits. An import's
    ids climb with time (crm.ledger.ids), so their first digits are the same for a whole
    import; the last ones are random."""
    return record_id[-8:]


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Money(TypeDecorator[Decimal]):
    """万元 as an exact Decimal in Python, stored as an integer count of fen (0.000001 万元).

    SQLite gives NUMERIC columns REAL affinity, so SUM() over them would be a float sum;
    integers sum exactly on every backend, and SUM() keeps this type, so results come
    back as Decimal 万元 again.
    """

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        return wan_to_fen(to_decimal(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return fen_to_wan(int(value))


def bounded(table: str, field: str) -> String:
    """A text column as long as crm.limits says the field may be (the checks read it too)."""
    return String(max_length(table, field))


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Tracked:
    """Columns of every domain row: UUID key, who/when, soft delete."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


#: Columns the audit log does not repeat (they describe the change itself).
BOOKKEEPING_COLUMNS = frozenset({"id", "created_at", "updated_at", "created_by", "updated_by"})
