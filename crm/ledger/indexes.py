"""Plain indexes dropped around a big bulk insert into tables that are small next to it.

Filling an index entry by entry costs far more than building it once by sorting; when the
import brings at least as many rows as a table already holds, rebuilding afterwards is the
cheaper way (crm.bulk_insert.deferred_indexes: same transaction, unique indexes kept).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from sqlalchemy import Connection

from crm.bulk_insert import deferred_indexes

#: Below this many new rows a table keeps its indexes: the rebuild would not pay for itself.
MIN_ROWS = 2000


@contextmanager
def deferred_for(conn: Connection, new_rows: Mapping[str, int]) -> Iterator[None]:
    """Defer the indexes of each table about to receive more rows than it holds now."""
    tables = [t for t, n in new_rows.items() if n >= MIN_ROWS and _holds_fewer(conn, t, n)]
    if not tables:
        yield
        return
    with deferred_indexes(conn, tables):
        yield


def _holds_fewer(conn: Connection, table: str, n: int) -> bool:
    # Counting stops at n rows, so a big table costs no more than the rows being added.
    held = conn.exec_driver_sql(f"SELECT count(*) FROM (SELECT 1 FROM {table} LIMIT {int(n)}) t")
    return int(held.scalar() or 0) < n
