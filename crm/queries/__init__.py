"""Read-side queries for list screens: filtered, sorted ids in SQL, then rows fetched by page.

A list query gives a table view what it needs and nothing more (see `ListQuery`); the UI keeps
only ids and fetches rows ~200 at a time, so a 100k-row table never loads 100k objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from typing import Any, Protocol

from sqlalchemy.orm import Session


class ListQuery(Protocol):
    """What `ui.widgets.paged_model.PagedTableModel` needs from a query object.

    - `ids(session, sort=key, descending=bool)`: ids of the matching rows in display order; the
      sort key is one of `sort_keys` (or None for the default order). Filtering is the query
      object's own state (it is rebuilt, or copied with new filters, when the user changes them).
    - `fetch_rows(session, ids)`: one tuple per id (any order), element 0 being the id; the
      column specs of the view index into these tuples.
    """

    sort_keys: frozenset[str]

    def ids(
        self, session: Session, *, sort: str | None = None, descending: bool = False
    ) -> list[str]: ...

    def fetch_rows(self, session: Session, ids: Sequence[str]) -> list[tuple[Any, ...]]: ...


def live_record(session: Session, model: Any, record_id: str) -> Any | None:
    """The record, or None when it is missing or soft-deleted."""
    record = session.get(model, record_id)
    return None if record is None or record.deleted_at is not None else record


def field_position(row_type: Any, name: str) -> int:
    """Position of a row dataclass's field in the tuples a list query's `fetch_rows` gives."""
    return [f.name for f in fields(row_type)].index(name)


def chunked(items: Sequence[Any], size: int = 500) -> list[Sequence[Any]]:
    """Pieces small enough for an IN (...) list on every backend."""
    return [items[i : i + size] for i in range(0, len(items), size)]


#: The name of the one parameter carrying a list of ids (`id_in`, `id_in_param`).
ID_LIST = "id_list"


def id_in(session: Session, column: Any, ids: Sequence[str]) -> Any:
    """`column IN ids` as ONE bound parameter (a JSON array on SQLite, an array on PostgreSQL).

    A page of 200 ids as 200 bound parameters costs more in SQL compilation than the query
    itself; one parameter keeps page fetches cheap.
    """
    dialect = session.get_bind().dialect.name
    return _in_list(dialect, column, _id_param(dialect, id_list_value(dialect, ids)))


def id_in_param(dialect: str, column: Any) -> Any:
    """`column IN :id_list` for a statement built once and run many times: pass
    `{ID_LIST: id_list_value(dialect, ids)}` when executing it."""
    return _in_list(dialect, column, _id_param(dialect, None))


def id_list_value(dialect: str, ids: Sequence[str]) -> Any:
    """The value of the id-list parameter: a JSON array on SQLite, a list elsewhere."""
    if dialect == "sqlite":
        import json

        return json.dumps(list(ids))
    return list(ids)


def _id_param(dialect: str, value: Any) -> Any:
    from sqlalchemy import String, bindparam
    from sqlalchemy.dialects.postgresql import ARRAY

    unique = value is not None  # a value bound now: the parameter may appear twice
    if dialect == "postgresql":
        return bindparam(ID_LIST, value, type_=ARRAY(String), unique=unique)
    if dialect == "sqlite":
        return bindparam(ID_LIST, value, unique=unique)
    return bindparam(ID_LIST, value, expanding=True, unique=unique)


def _in_list(dialect: str, column: Any, param: Any) -> Any:
    from sqlalchemy import any_, func, literal_column, select

    if dialect == "postgresql":
        return column == any_(param)
    if dialect == "sqlite":
        return column.in_(select(literal_column("value")).select_from(func.json_each(param)))
    return column.in_(param)
