"""The change log, written for every ORM insert, update and soft delete of a domain row.

Hooked into flush, so no service can forget it. Bulk loaders that bypass the ORM call
`bulk_insert_entries` themselves. Each change names the change whose value it replaces
(`prev_id`) and a delete lists what it has seen (`context`): the merge rules of offline sync
(docs/sync.md, crm/changes.py) read them. Rows are numbered in commit order (crm.changeseq).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import orjson
from sqlalchemy import Table, event, func, inspect, select
from sqlalchemy.orm import Session

from crm import access, follow_ups
from crm.changes import Change, RecordChanges, decode_ids, encode_ids
from crm.derived import is_derived
from crm.errors import CrmError
from crm.hlc import CLOCK
from crm.models import BOOKKEEPING_COLUMNS, ChangeLog, SyncConflict, Tracked, new_id, utcnow
from crm.sqlin import chunks, in_ids


class AuditedSession(Session):
    """Session whose flushes stamp who/when and write the change log."""


# Every flush is checked against the access rules first (crm.access), then logged.
access.install(AuditedSession)


def encode(value: Any) -> str | None:
    """One text form for every value in the log (Decimal and dates exact, as ISO text)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _touch(session: Session, obj: Tracked) -> None:
    """Remember which records this transaction wrote (their open conflicts are re-checked)."""
    touched = session.info.setdefault("touched", {})
    table_name = type(obj).__tablename__  # type: ignore[attr-defined]
    touched.setdefault(table_name, set()).add(obj.id)
    project_id = getattr(obj, "project_id", None)
    if table_name == "stage_event" and project_id:
        touched.setdefault("project", set()).add(project_id)
    if table_name == "activity":
        _note_follow_up_subjects(session, obj)


def _note_follow_up_subjects(session: Session, activity: Any) -> None:
    """The subjects whose open next steps this activity's write may open or close, before and
    after it (refreshed after the flush: crm.follow_ups)."""
    state = inspect(activity)
    old = [state.attrs[name].history.deleted for name in ("project_id", "company_id")]
    now = (activity.project_id, activity.company_id)
    before = tuple(values[0] if values else value for values, value in zip(old, now, strict=True))
    subjects = session.info.get("follow_up_subjects", follow_ups.Subjects())
    session.info["follow_up_subjects"] = subjects | follow_ups.Subjects.of([now, before])


def _entry(
    session: Session,
    obj: Tracked,
    op: str,
    field: str,
    old: Any,
    new: Any,
    *,
    prev_id: str | None = None,
    context: str | None = None,
) -> ChangeLog:
    return ChangeLog(
        id=new_id(),
        table_name=type(obj).__tablename__,  # type: ignore[attr-defined]
        record_id=obj.id,
        op=op,
        field=field,
        old_value=encode(old),
        new_value=encode(new),
        changed_by=session.info.get("actor", ""),
        changed_at=session.info["now"],
        hlc=CLOCK.now(),
        site_id=session.info.get("site_id", ""),
        prev_id=prev_id,
        context=context,
    )


def log_setting(session: Session, key: str, old: str | None, new: str) -> None:
    """A settings change in the change log (table "setting", the key as record id): who
    changed the bureau's region or a threshold, and when. Settings are not synced."""
    session.info.setdefault("now", utcnow())
    session.add(
        ChangeLog(
            id=new_id(), table_name="setting", record_id=key[:36],
            op="insert" if old is None else "update", field="value", old_value=old,
            new_value=new, changed_by=session.info.get("actor", ""),
            changed_at=session.info["now"], hlc=CLOCK.now(),
            site_id=session.info.get("site_id", ""),
            # Never numbered: sync batches count numbered changes, and these never travel.
            seq=0,
        )
    )  # fmt: skip


def logged_columns(table: Table) -> list[str]:
    """The columns a change can name: all but the bookkeeping ones."""
    return [c.key for c in table.c if c.key not in BOOKKEEPING_COLUMNS]


def column_defaults(table: Table) -> dict[str, str | None]:
    """Each logged column's value when no change names it: its scalar default, else NULL."""
    defaults: dict[str, str | None] = {}
    for column in table.c:
        default = column.default
        is_scalar = default is not None and getattr(default, "is_scalar", False)
        defaults[column.key] = encode(default.arg) if is_scalar else None  # type: ignore[union-attr]
    return defaults


def _column_names(obj: Tracked) -> list[str]:
    """The columns whose changes are logged: not bookkeeping, not derived (crm.derived)."""
    table_name = type(obj).__tablename__  # type: ignore[attr-defined]
    return [
        c.key
        for c in inspect(type(obj)).column_attrs
        if c.key not in BOOKKEEPING_COLUMNS and not is_derived(table_name, c.key)
    ]


def _log_insert(session: Session, obj: Tracked) -> None:
    actor = session.info.get("actor", "")
    obj.created_by = obj.created_by or actor
    obj.updated_by = actor
    obj.created_at = obj.created_at or session.info["now"]
    obj.updated_at = session.info["now"]
    if obj.id is None:
        obj.id = new_id()
    state = inspect(obj)
    defaults = column_defaults(type(obj).__table__)  # type: ignore[attr-defined]
    for name in _column_names(obj):
        value = getattr(obj, name)
        if value is None and not state.attrs[name].history.added:
            continue  # never set: the column's default is stored, as a receiver would
        if encode(value) != defaults.get(name):
            session.add(_entry(session, obj, "insert", name, None, value))


def _log_update(session: Session, obj: Tracked, known: RecordChanges | None) -> None:
    state = inspect(obj)
    entries = []
    for name in _column_names(obj):
        history = state.attrs[name].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if encode(old) == encode(new):
            continue
        op = "update"
        if name == "deleted_at":
            op = "delete" if new is not None else "restore"
        entries.append(
            _entry(
                session,
                obj,
                op,
                name,
                old,
                new,
                prev_id=known.current_id(name) if known else None,
            )
        )
    for entry in entries:
        if entry.op == "delete":
            # A delete knows the fields changed with it (a merge sets merged_into_id and
            # deletes in one go): without them in its context, other sites would take them
            # for edits made concurrently with the delete and keep the record visible.
            heads = known.head_ids() if known is not None else []
            entry.context = encode_ids([*heads, *(e.id for e in entries if e is not entry)])
    if entries:
        obj.updated_by = session.info.get("actor", "")
        obj.updated_at = session.info["now"]
        session.add_all(entries)


def record_changes(
    connection: Any, table: Table, record_ids: Iterable[str]
) -> dict[str, RecordChanges]:
    """The change sets of some records of one table, as the merge rules see them."""
    log = ChangeLog.__table__
    columns = logged_columns(table)
    defaults = column_defaults(table)
    rows: dict[str, list[Change]] = {}
    ids = list(dict.fromkeys(record_ids))
    for chunk in chunks(connection, ids):
        query = select(*_CHANGE_COLUMNS).where(
            log.c.table_name == table.name, in_ids(connection, log.c.record_id, chunk)
        )
        for record_id, *values in connection.execute(query):
            rows.setdefault(record_id, []).append(change_of(values))
    return {rid: RecordChanges.of(changes, columns, defaults) for rid, changes in rows.items()}


_LOG = ChangeLog.__table__
_CHANGE_COLUMNS = (
    _LOG.c.record_id,
    _LOG.c.id,
    _LOG.c.field,
    _LOG.c.new_value,
    _LOG.c.hlc,
    _LOG.c.site_id,
    _LOG.c.prev_id,
    _LOG.c.context,
    _LOG.c.supersedes,
    _LOG.c.changed_by,
)


def change_of(values: Any) -> Change:
    """A Change from (id, field, new_value, hlc, site_id, prev_id, context, supersedes, by)."""
    change_id, field, value, hlc, site, prev, context, supersedes, actor = values
    return Change(
        change_id,
        field,
        value,
        hlc,
        site,
        prev,
        decode_ids(context),
        decode_ids(supersedes),
        actor or "",
    )


def _known_changes(session: Session, objects: list[Tracked]) -> dict[tuple[str, str], Any]:
    """What the log holds for the records about to be updated, one query per table."""
    by_table: dict[Table, list[str]] = {}
    for obj in objects:
        by_table.setdefault(type(obj).__table__, []).append(obj.id)  # type: ignore[attr-defined]
    known: dict[tuple[str, str], RecordChanges] = {}
    with session.no_autoflush:
        connection = session.connection()
        for table, ids in by_table.items():
            for record_id, changes in record_changes(connection, table, ids).items():
                known[(table.name, record_id)] = changes
    latest = max((c.hlc for record in known.values() for c in record.by_id.values()), default=None)
    if latest:
        CLOCK.observe(latest)  # a change is always stamped after the value it replaces
    return known


@event.listens_for(AuditedSession, "before_flush")
def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    session.info["now"] = utcnow()
    for obj in list(session.deleted):
        if isinstance(obj, Tracked):
            raise CrmError(
                "业务数据只能作废（软删除），不能物理删除。",
                "Domain rows are soft-deleted, never removed.",
                code="hard_delete",
            )
    for obj in list(session.new):
        if isinstance(obj, Tracked):
            _log_insert(session, obj)
            _touch(session, obj)
    updated = [
        obj
        for obj in session.dirty
        if isinstance(obj, Tracked) and session.is_modified(obj, include_collections=False)
    ]
    if updated:
        known = _known_changes(session, updated)
        for obj in updated:
            _log_update(session, obj, known.get((type(obj).__tablename__, obj.id)))  # type: ignore[attr-defined]
            _touch(session, obj)


@event.listens_for(AuditedSession, "after_flush_postexec")
def _after_flush(session: Session, _context: Any) -> None:
    subjects = session.info.pop("follow_up_subjects", None)
    if subjects:
        follow_ups.refresh(session.connection(), subjects)


@event.listens_for(AuditedSession, "before_commit")
def _before_commit(session: Session) -> None:
    from crm.changeseq import number_pending

    session.flush()
    connection = session.connection()
    number_pending(connection)
    touched = session.info.pop("touched", None)
    if touched:
        from crm import search

        # The writer keeps name search in step (searches only read): the records written
        # are re-indexed in this transaction, so every reader finds them at once.
        for table_name in search.SEARCHABLE.keys() & touched.keys():
            search.index_records(session, table_name, sorted(touched[table_name]))
    if touched and connection.scalar(select(SyncConflict.id).limit(1)) is not None:
        from crm.sync.conflicts import refresh_touched

        refresh_touched(connection, touched)


def _json_default(value: Any) -> str:
    if isinstance(value, Decimal):
        return encode(value) or ""
    raise TypeError(f"cannot log {type(value).__name__}")


def bulk_update_entries(
    connection: Any,
    table_name: str,
    changes: Iterable[tuple[str, str, Any, Any]],
    *,
    actor: str,
    site_id: str,
    changed_at: datetime | None = None,
) -> list[dict[str, Any]]:
    """Change-log rows for updates made in bulk (Core UPDATE): one `update` row per
    (record id, field, old value, new value), exactly as an ORM flush would log it — derived
    fields left out, each row naming the change it replaces."""
    from crm.models import Base

    changes = [c for c in changes if not is_derived(table_name, c[1])]
    if not changes:
        return []
    table = Base.metadata.tables[table_name]
    known = record_changes(connection, table, {record_id for record_id, *_ in changes})
    latest = max((c.hlc for r in known.values() for c in r.by_id.values()), default=None)
    if latest:
        CLOCK.observe(latest)
    now = changed_at or utcnow()
    return [
        {
            "id": new_id(),
            "table_name": table_name,
            "record_id": record_id,
            "op": "update",
            "field": field,
            "old_value": encode(old),
            "new_value": encode(new),
            "changed_by": actor,
            "changed_at": now,
            "hlc": stamp,
            "site_id": site_id,
            "prev_id": known[record_id].current_id(field) if record_id in known else None,
            "context": None,
            "supersedes": None,
            "seq": None,
        }
        for (record_id, field, old, new), stamp in zip(
            changes, CLOCK.reserve(len(changes)), strict=True
        )
    ]


def bulk_insert_entries(
    table_name: str,
    rows: Iterable[Mapping[str, Any]],
    *,
    actor: str,
    site_id: str,
    make_id: Callable[[], str] = new_id,
) -> list[dict[str, Any]]:
    """Change-log rows for records loaded in bulk: one `insert` row per record, field `*`,
    the fields that hold a value as JSON (like the per-field rows of an ORM insert)."""
    rows = list(rows)
    now = utcnow()
    entries = []
    defaults = _bulk_defaults(table_name)
    for row, stamp in zip(rows, CLOCK.reserve(len(rows)), strict=True):
        payload = {
            k: v
            for k, v in row.items()
            if k not in BOOKKEEPING_COLUMNS and _differs(v, defaults.get(k))
        }
        entries.append(
            {
                "id": make_id(),
                "table_name": table_name,
                "record_id": row["id"],
                "op": "insert",
                "field": "*",
                "old_value": None,
                "new_value": orjson.dumps(payload, default=_json_default).decode(),
                "changed_by": actor,
                "changed_at": now,
                "hlc": stamp,
                "site_id": site_id,
                "prev_id": None,
                "context": None,
                "supersedes": None,
                "seq": None,
            }
        )
    return entries


def _differs(value: Any, default: str | None) -> bool:
    """Whether a bulk row's value is not what the column would hold anyway (None and "" are
    the usual defaults; comparing as text would cost a conversion per value)."""
    if value is None:
        return default is not None
    if value == "" and default == "":
        return False
    if default is None:
        return True
    return encode(value) != default


_DEFAULTS_BY_TABLE: dict[str, dict[str, str | None]] = {}


def _bulk_defaults(table_name: str) -> dict[str, str | None]:
    defaults = _DEFAULTS_BY_TABLE.get(table_name)
    if defaults is None:
        from crm.models import Base

        table = Base.metadata.tables[table_name]
        defaults = _DEFAULTS_BY_TABLE[table_name] = column_defaults(table)
    return defaults


def last_change(session: Session, table: str, record_id: str) -> int:
    """The newest change-log number of a record: what an edit form has seen of it."""
    newest = session.scalar(
        select(func.max(ChangeLog.seq)).where(
            ChangeLog.table_name == table, ChangeLog.record_id == record_id
        )
    )
    return int(newest or 0)
