"""Chinese names sort by pinyin, in SQL.

Code-point order puts 万 before 三 before 上; people expect 三 (san) · 上 (shang) · 万 (wan).
Project and company names have a stored pinyin sort key beside their search entry (kept fresh
by crm.search, which computes it with the same pypinyin code as the pinyin search), so a sort
by name stays an indexed SQL sort on 100k rows. The few names of small tables (teams) are
ranked in Python and sorted by that rank.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, select
from sqlalchemy.orm import Session, aliased

from crm import search
from crm.models import SearchEntry, Team


def by_name(
    session: Session, stmt: Select[Any], table: str, id_column: Any
) -> tuple[Select[Any], ColumnElement[str]]:
    """`stmt` joined to the sort keys of `table` ("project" or "company") rows whose id is
    `id_column`, and the key to order by (empty for rows without one, e.g. no investor)."""
    search.ensure_fresh(session, table)
    entry = aliased(SearchEntry)
    joined = stmt.outerjoin(entry, and_(entry.table_name == table, entry.record_id == id_column))
    key: ColumnElement[str] = func.coalesce(entry.sort_key, "")
    if session.get_bind().dialect.name == "postgresql":
        # Byte order, as SQLite compares: a locale collation would skip the spaces between
        # syllables and weigh digits and letters its own way.
        key = key.collate("C")
    return joined, key


def team_rank(session: Session, team_id: Any) -> ColumnElement[int]:
    """Teams in pinyin order of their names, as a number to sort by (no team last)."""
    names = session.execute(select(Team.id, Team.name)).all()
    ranked = sorted(names, key=lambda row: (search.sort_key(row.name), row.name, row.id))
    if not ranked:
        return literal(0)
    return case({row.id: i for i, row in enumerate(ranked)}, value=team_id, else_=len(ranked))
