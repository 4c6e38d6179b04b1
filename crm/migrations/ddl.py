"""Builders of the DDL that the migrations share (tables of records, keys, indexes).

These functions are part of the migration history: every migration that calls one must make
the same schema for ever, so never change what a function here builds (names, types, order of
columns). A new shape gets a new function. tests/core/test_migration_history.py holds the
schema of every revision to that.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from alembic import op

# The types a column table may name; String takes its length, the others none.
COLUMN_TYPES: dict[str, type[sa.types.TypeEngine[Any]]] = {
    "String": sa.String,
    "Text": sa.Text,
    "Date": sa.Date,
    "DateTime": sa.DateTime,
    "Integer": sa.Integer,
    "BigInteger": sa.BigInteger,
    "Boolean": sa.Boolean,
}
COLUMN_LINE = re.compile(r"(\w+)\s+(\w+)(?:\((\d+)\))?(\s+null)?")


def columns(lines: str) -> list[sa.Column[Any]]:
    """Plain columns from a table of lines `name  Type[(length)]  [null]`, in their order.

    `String(36)` is `sa.String(length=36)`; `null` makes the column nullable (NOT NULL
    otherwise); anything else on a line is refused, so a typo cannot change a schema quietly.
    A column with more to say (a server default, no autoincrement) is written as sa.Column.
    """
    result: list[sa.Column[Any]] = []
    for line in filter(None, (line.strip() for line in lines.splitlines())):
        match = COLUMN_LINE.fullmatch(line)
        if match is None or match[2] not in COLUMN_TYPES:
            raise ValueError(f"not a column line: {line!r}")
        name, type_name, length, null = match.groups()
        if (type_name == "String") != (length is not None):
            raise ValueError(f"String, and only String, takes a length: {line!r}")
        type_ = sa.String(length=int(length)) if length else COLUMN_TYPES[type_name]()
        result.append(sa.Column(name, type_, nullable=bool(null)))
    return result


def tracked_columns() -> list[sa.Column[Any]]:
    """The columns every record table ends with: UUID key, who and when, soft delete."""
    return columns("""
        id          String(36)
        created_at  DateTime
        updated_at  DateTime
        created_by  String(100)
        updated_by  String(100)
        deleted_at  DateTime     null
    """)


def label_columns() -> list[sa.Column[Any]]:
    """A code list's Chinese and English names."""
    return columns("""
        name_zh  String(100)
        name_en  String(100)
    """)


def foreign_key(
    table: str, column: str, target: str, target_column: str = "id", **kwargs: Any
) -> sa.ForeignKeyConstraint:
    """`column` of `table` refers to `target`, named as the models' naming convention does."""
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.{target_column}"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        **kwargs,
    )


def primary_key(table: str, *columns: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(*columns, name=op.f(f"pk_{table}"))


def unique(table: str, *columns: str) -> sa.UniqueConstraint:
    return sa.UniqueConstraint(*columns, name=op.f(f"uq_{table}_{columns[0]}"))


def check(table: str, name: str, condition: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(condition, name=op.f(f"ck_{table}_{name}"))


def create_code_table(name: str, code_length: int, *items: sa.Column[Any] | sa.Constraint) -> None:
    """A list keyed by its code: the column `code`, then `items` in their order, the key."""
    op.create_table(
        name,
        sa.Column("code", sa.String(length=code_length), nullable=False),
        *items,
        primary_key(name, "code"),
    )


def create_tracked_table(name: str, *items: sa.Column[Any] | sa.Constraint) -> None:
    """A record table: its own columns, then the tracked ones, its constraints, the key `id`."""
    columns = [item for item in items if isinstance(item, sa.Column)]
    constraints = [item for item in items if not isinstance(item, sa.Column)]
    op.create_table(name, *columns, *tracked_columns(), *constraints, primary_key(name, "id"))


def create_indexes(table: str, indexes: Mapping[str, Iterable[str]]) -> None:
    """Plain (not unique) indexes by name: their columns."""
    for name, columns in indexes.items():
        op.create_index(name, table, list(columns), unique=False)


def drop_indexes(table: str, names: Iterable[str]) -> None:
    for name in names:
        op.drop_index(name, table_name=table)
