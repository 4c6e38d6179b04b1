"""`column IN (ids…)` for long id lists, the cheap way on each backend.

SQLite takes a list of bound parameters well; PostgreSQL is much faster with one array
parameter (`= ANY(:ids)`) than with hundreds of parameters to render and parse.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, String, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY

#: Ids per statement on SQLite (its default limit of bound parameters is far higher).
SQLITE_CHUNK = 900
PG_CHUNK = 20_000


def chunks(conn: Connection, ids: Sequence[str]) -> Iterator[Sequence[str]]:
    size = PG_CHUNK if conn.dialect.name == "postgresql" else SQLITE_CHUNK
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def in_ids(conn: Connection, column: Any, ids: Sequence[str]) -> ColumnElement[bool]:
    if conn.dialect.name == "postgresql":
        return column == any_(bindparam(None, list(ids), type_=ARRAY(String)))
    return column.in_(list(ids))
