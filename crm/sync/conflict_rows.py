"""The conflict list of synced records (sync_conflict): field conflicts from their change
sets, keys given up to an earlier claim, and the stage rules a merge may break."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, select

from crm import audit, derived
from crm.changes import DELETED_AT, Change, RecordChanges, encode_ids
from crm.models import StageEvent
from crm.models.sync import SyncConflict
from crm.sqlin import chunks, in_ids
from crm.sync.keyed_ids import keyed_id
from crm.sync.unique_keys import UNIQUE_KEYS, UNIQUE_NAMES, current_rows


def refresh_conflicts(
    conn: Connection,
    table: Table,
    record_ids: Iterable[str],
    known: dict[str, RecordChanges] | None = None,
) -> int:
    """Rewrite the conflict list of these records from their change sets (`known` ones are
    not read again); returns the count."""
    ids = list(record_ids)
    history = dict(known or {})
    missing = [i for i in ids if i not in history]
    if missing:
        history.update(audit.record_changes(conn, table, missing))
    has_key = table.name in UNIQUE_KEYS or table.name in UNIQUE_NAMES
    stored = current_rows(conn, table, ids) if has_key else {}
    conflicts = SyncConflict.__table__
    listed = conn.scalar(
        select(conflicts.c.id).where(conflicts.c.table_name == table.name).limit(1)
    )
    for chunk in chunks(conn, ids) if listed is not None else ():
        conn.execute(
            delete(conflicts).where(
                conflicts.c.table_name == table.name, in_ids(conn, conflicts.c.record_id, chunk)
            )
        )
    rows = []
    for record_id in ids:
        record = history.get(record_id)
        if record is None:
            continue
        rows.extend(_record_conflicts(table.name, record_id, record))
        row = stored.get(record_id)
        if row is not None:
            rows.extend(_unique_conflict(table, record_id, record, row))
    if table.name == "project":
        rows.extend(_rule_conflicts(conn, ids))
    rows = list({row["id"]: row for row in rows}.values())  # the same conflict once
    if rows:
        conn.execute(insert(conflicts), rows)
    return len(rows)


def _unique_conflict(table: Table, record_id: str, record: RecordChanges, row: Any) -> list[dict]:
    """A record whose key was given up to an earlier claim (stored key ≠ its latest change)."""
    key = UNIQUE_KEYS.get(table.name) or UNIQUE_NAMES.get(table.name)
    winner = record.winner(key) if key else None
    if key is None or winner is None or winner.value in (None, ""):
        return []
    if audit.encode(row[key]) == winner.value:
        return []
    return [_conflict_row("unique", table.name, record_id, key, None, winner, detail=winner.value)]


def _rule_conflicts(conn: Connection, project_ids: list[str]) -> list[dict]:
    """Projects whose merged stage history breaks a rule of the stage machine."""
    from crm.stages import history_problems

    events = StageEvent.__table__
    rows = []
    for chunk in chunks(conn, project_ids):
        history: dict[str, list[Any]] = defaultdict(list)
        query = (
            select(events)
            .where(in_ids(conn, events.c.project_id, chunk), events.c.deleted_at.is_(None))
            .order_by(events.c.project_id, *derived.history_order(events))
        )
        for event in conn.execute(query):
            history[event.project_id].append(event)
        for project_id, found in history.items():
            for code in history_problems([derived.event_step(e) for e in found]):
                rows.append(_conflict_row("rule", "project", project_id, "stage", None, None, code))
    return rows


def _record_conflicts(table_name: str, record_id: str, record: RecordChanges) -> list[dict]:
    rows = []
    for name in record.conflict_fields():
        if derived.is_derived(table_name, name):
            continue
        winner = record.winner(name)
        for loser in record.conflicts(name):
            rows.append(_conflict_row("field", table_name, record_id, name, winner, loser))
    unknown = record.edits_unknown_to_delete()
    if unknown:
        rows.append(
            _conflict_row(
                "delete",
                table_name,
                record_id,
                DELETED_AT,
                record.winner(DELETED_AT),
                None,
                detail=encode_ids(c.id for c in unknown) or "",
            )
        )
    return rows


def _conflict_row(
    kind: str,
    table_name: str,
    record_id: str,
    field_name: str,
    winner: Change | None,
    loser: Change | None,
    detail: str = "",
) -> dict[str, Any]:
    winner_id, loser_id = (winner.id if winner else None), (loser.id if loser else None)
    # The id follows from what the conflict is: rewriting a record's list after another of
    # its conflicts was settled keeps the ids a person has just been shown (`crm sync
    # conflicts`, then `resolve ID` one by one; user test 2, F2).
    key = (kind, table_name, record_id, field_name, winner_id or "", loser_id or "", detail)
    return {
        "id": keyed_id("sync_conflict", key),
        "kind": kind,
        "table_name": table_name,
        "record_id": record_id,
        "field": field_name,
        "winner_id": winner_id,
        "loser_id": loser_id,
        "detail": detail,
    }
