"""Builders of the DDL that the migrations share (tables of records, keys, indexes).

These functions are part of the migration history: every migration that calls one must make
the same schema for ever, so never change what a function here builds (names, types, order of
columns). A new shape gets a new function. tests/core/test_migration_history.py holds the
schema of every revision to that.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from alembic import op


def tracked_columns() -> list[sa.Column[Any]]:
    """The columns every record table ends with: UUID key, who and when, soft delete."""
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
    ]


def label_columns() -> list[sa.Column[Any]]:
    """A code list's Chinese and English names."""
    return [
        sa.Column("name_zh", sa.String(length=100), nullable=False),
        sa.Column("name_en", sa.String(length=100), nullable=False),
    ]


def foreign_key(
    table: str, column: str, target: str, target_column: str = "id", **kwargs: Any
) -> sa.ForeignKeyConstraint:
    """`column` of `table` refers to `target`, named as the models' naming convention does."""
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.{target_column}"], name=op.f(f"fk_{table}_{column}_{target}"),
        **kwargs,
    )


def primary_key(table: str, *columns: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(*columns, name=op.f(f"pk_{table}"))


def unique(table: str, *columns: str) -> sa.UniqueConstraint:
    return sa.UniqueConstraint(*columns, name=op.f(f"uq_{table}_{columns[0]}"))


def check(table: str, name: str, condition: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(condition, name=op.f(f"ck_{table}_{name}"))


def create_tracked_table(name: str, *items: sa.Column[Any] | sa.Constraint) -> None:
    """A record table: its own columns, then the tracked ones, its constraints, the key `id`."""
    columns = [item for item in items if isinstance(item, sa.Column)]
    constraints = [item for item in items if not isinstance(item, sa.Column)]
    op.create_table(
        name, *columns, *tracked_columns(), *constraints, primary_key(name, "id")
    )


def create_indexes(table: str, indexes: Mapping[str, Iterable[str]]) -> None:
    """Plain (not unique) indexes by name: their columns."""
    for name, columns in indexes.items():
        op.create_index(name, table, list(columns), unique=False)


def drop_indexes(table: str, names: Iterable[str]) -> None:
    for name in names:
        op.drop_index(name, table_name=table)
