"""What a package may carry: only what the people at both ends may read (crm.access).

A package (or a server batch) leaves out every change of a project its readers may not see —
another team's confidential lead — and of the records that belong to it (stage history, funds,
increases, problems, activities, dispatch entries, requests naming it). The readers are the
person exporting (the session's actor) and the account the receiving site is paired with
(`SyncPeer.login`); a peer without an account and staff and above read everything.

Packages are cumulative by cursor, so a change left out is never offered again. When a project
becomes readable later (its lead is no longer confidential, or it moved to the reader's team),
the package that carries that change carries the project's whole history with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, and_, or_, select

from crm.access import Actor, hidden_project_ids
from crm.changes import WHOLE_RECORD, whole_record_values
from crm.models import ChangeLog, Project
from crm.sqlin import chunks, in_ids

#: Fields of a project whose change can make it readable to someone who could not read it.
_REVEALING = frozenset({"confidential", "team_id"})


def _tables_with_project() -> dict[str, Table]:
    from crm.sync.apply import SYNCED_TABLES

    return {name: t for name, t in SYNCED_TABLES.items() if "project_id" in t.c}


def restricted(readers: Iterable[Actor | None]) -> list[Actor]:
    """The readers that do not see everything (None: a peer with every right)."""
    return [r for r in readers if r is not None and not r.sees_all]


def readable_changes(
    conn: Connection,
    changes: Sequence[dict[str, Any]],
    readers: Iterable[Actor | None],
    *,
    history: Any = None,
) -> list[dict[str, Any]]:
    """`changes` without those the readers may not read, plus (with `history`, a condition on
    the change log for what may travel at all) the earlier changes of projects that became
    readable in them, in `seq` order."""
    limited = restricted(readers)
    if not limited or not changes:
        return list(changes)
    hidden: set[str] = set()
    for reader in limited:
        hidden |= hidden_project_ids(conn, reader)
    projects = _projects_of(conn, changes)
    kept = [c for c in changes if not (projects.get(_key(c), set()) & hidden)]
    if history is None:
        return kept
    revealed = {
        c["record_id"]
        for c in kept
        if c["table_name"] == Project.__tablename__
        and (c["field"] in _REVEALING or c["field"] == WHOLE_RECORD)
        and c["record_id"] not in hidden
    }
    first = min(int(c["seq"]) for c in changes)
    earlier = _history(conn, revealed, history & (ChangeLog.__table__.c.seq < first))
    if not earlier:
        return kept
    seen = {c["id"] for c in kept}
    merged = kept + [c for c in earlier if c["id"] not in seen]
    return sorted(merged, key=lambda c: int(c["seq"]))


def _key(change: dict[str, Any]) -> tuple[str, str]:
    return change["table_name"], change["record_id"]


def _projects_of(
    conn: Connection, changes: Sequence[dict[str, Any]]
) -> dict[tuple[str, str], set[str]]:
    """The project(s) each changed record belongs to: the record itself for a project, its
    `project_id` now and in the changes for the records of a project."""
    parts = _tables_with_project()
    found: dict[tuple[str, str], set[str]] = {}
    to_look_up: dict[str, set[str]] = {}
    for change in changes:
        table, record = _key(change)
        if table == Project.__tablename__:
            found.setdefault((table, record), set()).add(record)
            continue
        if table not in parts:
            continue
        owners = found.setdefault((table, record), set())
        if change["field"] == "project_id" and change["new_value"]:
            owners.add(str(change["new_value"]))
        elif change["field"] == WHOLE_RECORD:
            value = whole_record_values(change["new_value"]).get("project_id")
            if value:
                owners.add(str(value))
        to_look_up.setdefault(table, set()).add(record)
    for table, ids in to_look_up.items():
        column = parts[table]
        for chunk in chunks(conn, sorted(ids)):
            rows = conn.execute(
                select(column.c.id, column.c.project_id).where(in_ids(conn, column.c.id, chunk))
            )
            for record, project in rows:
                if project:
                    found[(table, record)].add(project)
    return found


def _history(conn: Connection, project_ids: set[str], allowed: Any) -> list[dict[str, Any]]:
    """Every change (that may travel) of these projects and of the records belonging to them."""
    if not project_ids:
        return []
    from crm.sync.apply import WIRE_COLUMNS

    log = ChangeLog.__table__
    ids = sorted(project_ids)
    records: list[Any] = [and_(log.c.table_name == "project", log.c.record_id.in_(ids))]
    for name, table in _tables_with_project().items():
        owned = select(table.c.id).where(table.c.project_id.in_(ids))
        records.append(and_(log.c.table_name == name, log.c.record_id.in_(owned)))
    query = (
        select(*(log.c[n] for n in WIRE_COLUMNS), log.c.seq)
        .where(allowed, or_(*records))
        .order_by(log.c.seq)
    )
    return [dict(row._mapping) for row in conn.execute(query)]
