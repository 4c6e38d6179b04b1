"""The bulk path: Core `insert()` executemany in chunks, one change-log row per record.

Used by the demo generator and by anything else that loads many rows at once. The caller
owns the connection and its transaction; nothing here commits.

Two ways to run the same `insert(table)`:
- "core": `conn.execute(insert(table), rows)`, SQLAlchemy's own executemany. Its per-row
  parameter handling adds about 10 µs a row over the driver (activity rows, in memory:
  ~18 µs a row against ~8 µs for sqlite3 alone).
- "compiled" (default): the statement is compiled once per table; rows become tuples in one
  C call each, each column type's own bind processor (Money → fen, dates → ISO text on
  SQLite) runs over a whole column of the chunk (dates, timestamps and flags through a
  shared memo), and the tuples go to the driver's executemany through `exec_driver_sql`.
  Same SQL, same stored values, about 1–2 µs a row over the driver.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import islice
from operator import itemgetter
from typing import Any, Literal

from sqlalchemy import (
    Boolean,
    Connection,
    Date,
    DateTime,
    Dialect,
    Table,
    bindparam,
    insert,
    update,
)
from sqlalchemy.types import TypeEngine

from crm import audit, changeseq
from crm.models import ChangeLog, new_id
from crm.progress import Cancelled

CHUNK_ROWS = 5000

Row = dict[str, Any]
Mode = Literal["compiled", "core"]


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Millions of short-lived dicts trigger full collections over every live object again
    and again (quadratic in the size of a load); loaded rows make no reference cycles, so the
    cyclic collector pauses while they are built (reference counting still frees them)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class CompiledInsert:
    """`insert(table)` compiled once for all of the table's columns, run with executemany."""

    def __init__(
        self, conn: Connection, table: Table, memos: dict[Any, _Memo] | None = None
    ) -> None:
        """`memos`: conversions shared between statements (the same dates recur across tables)."""
        dialect = conn.dialect
        memos = {} if memos is None else memos
        self.conn = conn
        self.table = table
        self.keys = frozenset(table.c.keys())
        compiled = insert(table).compile(dialect=dialect, column_keys=list(table.c.keys()))
        self.sql = compiled.string
        self.positional = bool(compiled.positional)
        self.order: list[str] = list(compiled.positiontup or table.c.keys())
        # One C-level call turns a row mapping into the tuple the driver wants.
        self._values = itemgetter(*self.order) if len(self.order) > 1 else _one(self.order[0])
        self.processors: list[tuple[int, _Column]] = [
            (index, column)
            for index, key in enumerate(self.order)
            if (column := _column_processor(table.c[key].type, dialect, memos))
        ]

    def execute(self, rows: Sequence[Mapping[str, Any]]) -> None:
        if not rows:
            return
        params = self.params(rows)
        if self.positional:
            self.conn.exec_driver_sql(self.sql, params)
        else:
            order = self.order
            self.conn.exec_driver_sql(self.sql, [dict(zip(order, v, strict=True)) for v in params])

    def params(self, rows: Sequence[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
        """The rows as the driver receives them: tuples in statement order, values stored-form."""
        if rows and rows[0].keys() != self.keys:
            missing = sorted(self.keys - set(rows[0]))
            extra = sorted(set(rows[0]) - self.keys)
            raise ValueError(f"{self.table.name}: rows lack {missing} / have extra {extra}")
        params: list[tuple[Any, ...]] = list(map(self._values, rows))
        if self.processors and params:
            # Column by column: each type's conversion runs over one list, mostly in C.
            columns: list[Sequence[Any]] = list(zip(*params, strict=True))
            for index, process in self.processors:
                columns[index] = process(columns[index])
            params = list(zip(*columns, strict=True))
        return params


#: Converts one column's values (a chunk's worth) to what the driver stores.
_Column = Callable[[Sequence[Any]], list[Any]]


def _one(key: str) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    return lambda row: (row[key],)


def _column_processor(
    type_: TypeEngine[Any], dialect: Dialect, memos: dict[Any, _Memo]
) -> _Column | None:
    impl = type_.dialect_impl(dialect)
    process = impl.bind_processor(dialect)
    if process is None:
        return None
    if not isinstance(type_, Date | DateTime | Boolean):
        return _each(process)
    # Columns of one type with one storage format convert alike: share what was converted.
    key = (type(impl), getattr(impl, "_storage_format", None), getattr(impl, "_reg", None))
    memo = memos.get(key)
    if memo is None:
        memo = memos[key] = _Memo(process)
    return memo.column


def _each(process: Callable[[Any], Any]) -> _Column:
    def column(values: Sequence[Any]) -> list[Any]:
        return [None if value is None else process(value) for value in values]

    return column


class _Memo(dict[Any, Any]):
    """Dates, timestamps and flags repeat a lot in a load (created_at of a day, the log's
    time); formatting each one costs ten times a dictionary lookup. Only for types whose
    equal values store alike (True == 1 both store 1; a date never equals a datetime)."""

    #: The demo's timestamps are five-minute steps over about five years: ~220k values.
    LIMIT = 400_000

    def __init__(self, process: Callable[[Any], Any]) -> None:
        super().__init__({None: None})
        self.process = process

    def __missing__(self, value: Any) -> Any:
        result = self[value] = self.process(value)
        return result

    def column(self, values: Sequence[Any]) -> list[Any]:
        if len(self) > self.LIMIT:
            self.clear()
            self[None] = None
        try:
            return list(map(self.__getitem__, values))
        except TypeError:  # an unhashable value: let the processor say what is wrong with it
            return [self.process(value) for value in values]


#: Page cache while loading (SQLite): the indexes being filled stay in memory.
BULK_CACHE_KIB = 262_144


@contextmanager
def bulk_cache(conn: Connection, kib: int = BULK_CACHE_KIB) -> Iterator[None]:
    """A bigger SQLite page cache (`kib` KiB at most) for the duration of a bulk load (no-op
    elsewhere). SQLite takes the memory only as pages are used."""
    if conn.dialect.name != "sqlite":
        yield
        return
    previous = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{int(kib)}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(previous or -2000)}")


@contextmanager
def deferred_indexes(conn: Connection, table_names: Iterable[str]) -> Iterator[None]:
    """Drop the tables' plain (non-unique) indexes for the load and build them again after.

    Filling a million-row index entry by entry costs far more than building it once by
    sorting (measured: the large demo load took a third less time). Unique indexes stay, so
    constraints are still enforced row by row. Runs inside the caller's transaction: if the
    load fails, the rollback brings the indexes back as they were.
    """
    indexes = [(name, sql) for table in table_names for name, sql in plain_indexes(conn, table)]
    for name, _sql in indexes:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _name, sql in indexes:
        conn.exec_driver_sql(sql)


def plain_indexes(conn: Connection, table: str) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) as the database itself holds them."""
    if conn.dialect.name == "sqlite":
        rows = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
            " AND sql IS NOT NULL",
            (table,),
        ).all()
    elif conn.dialect.name == "postgresql":
        rows = conn.exec_driver_sql(
            "SELECT indexname, indexdef FROM pg_indexes"
            " WHERE tablename = %(table)s AND schemaname = current_schema()",
            {"table": table},
        ).all()
    else:
        return []
    return [(name, sql) for name, sql in rows if not sql.upper().startswith("CREATE UNIQUE")]


class BulkWriter:
    """Insert rows table by table (parents first), logging each record in change_log."""

    def __init__(
        self,
        conn: Connection,
        *,
        actor: str,
        site_id: str,
        log: bool = True,
        mode: Mode = "compiled",
        chunk_rows: int = CHUNK_ROWS,
        on_written: Callable[[int], None] | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> None:
        self.conn = conn
        self.actor = actor
        self.site_id = site_id
        self.log = log
        self.mode = mode
        self.chunk_rows = chunk_rows
        self.counts: Counter[str] = Counter()
        self.log_rows = 0
        self._on_written = on_written
        self._should_cancel = should_cancel
        self._compiled: dict[str, CompiledInsert] = {}
        self._memos: dict[Any, _Memo] = {}
        #: Optional maker of change-log ids; increasing ids append to the key index.
        self.log_ids: Callable[[], str] | None = None
        self._log_table: Table = ChangeLog.__table__  # type: ignore[assignment]

    @property
    def records(self) -> int:
        """Records written so far (change-log rows not counted)."""
        return sum(self.counts.values())

    def write(self, table: Table, rows: Iterable[Row]) -> None:
        """Insert `rows` (each with every column of the table) in chunks; may be a generator."""
        iterator = iter(rows)
        while chunk := list(islice(iterator, self.chunk_rows)):
            self._insert(table, chunk)

    def _insert(self, table: Table, rows: list[Row]) -> None:
        if self._should_cancel and self._should_cancel():
            raise Cancelled()
        self._execute(table, rows)
        if self.log:
            (key,) = [c.name for c in table.primary_key.columns]
            entries = audit.bulk_insert_entries(
                # A plain str: the driver adapts str subclasses (SQLAlchemy's quoted_name)
                # the slow way, once per change-log row.
                str(table.name),
                # A bureau's reference row (a list of its own) is keyed by its code: logged
                # as crm.reference.user_rows logs it.
                rows if key == "id" else [{**r, "id": r[key]} for r in rows],
                actor=self.actor,
                site_id=self.site_id,
                make_id=self.log_ids or new_id,
            )
            first = changeseq.reserve(self.conn, len(entries))
            for number, entry in enumerate(entries, start=first):
                entry["seq"] = number
            self._execute(self._log_table, entries)
            self.log_rows += len(entries)
        self.counts[table.name] += len(rows)
        if self._on_written:
            self._on_written(len(rows))

    def _execute(self, table: Table, rows: list[Row]) -> None:
        if self.mode == "core":
            self.conn.execute(insert(table), rows)
            return
        compiled = self._compiled.get(table.name)
        if compiled is None:
            compiled = self._compiled[table.name] = CompiledInsert(self.conn, table, self._memos)
        compiled.execute(rows)


def update_many(conn: Connection, table: Table, updates: Iterable[tuple[str, Row]]) -> int:
    """UPDATE rows by id with executemany: one statement per set of columns changed, not one
    per row. `updates` are (id, {column: value}) pairs; returns how many rows."""
    by_columns: dict[tuple[str, ...], list[Row]] = {}
    count = 0
    for record_id, values in updates:
        if not values:
            continue
        columns = tuple(sorted(values))
        row = {"_id": record_id, **{f"_{k}": v for k, v in values.items()}}
        by_columns.setdefault(columns, []).append(row)
        count += 1
    for columns, rows in by_columns.items():
        statement = (
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values({name: bindparam(f"_{name}") for name in columns})
        )
        conn.execute(statement, rows)
    return count
