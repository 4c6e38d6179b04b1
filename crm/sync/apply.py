"""Applying changes that came from another site: the merge rules of docs/sync.md, in bulk.

Everything here runs inside the caller's transaction: the changes join this site's change log
(so a hub passes them on), the records they touch are set to what the rules give for the
whole set of changes now held, derived columns are recomputed by `crm.derived`, and the
conflict list of those records is brought up to date.
"""

from __future__ import annotations

import logging
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, insert, select
from sqlalchemy.exc import IntegrityError

from crm import audit, derived, follow_ups
from crm.bulk_insert import CompiledInsert, no_cyclic_gc, update_many
from crm.changes import (
    DELETED_AT,
    WHOLE_RECORD,
    RecordChanges,
    whole_record_values,
)
from crm.hlc import CLOCK
from crm.models import (
    DOMAIN_MODELS,
    ChangeLog,
    Company,
    Project,
    Setting,
    StageEvent,
)
from crm.places import Bureau
from crm.schema import SCHEMA_HEAD
from crm.services.settings import BUREAU_KEYS, setting_value
from crm.sqlin import chunks, in_ids
from crm.sync.conflict_rows import refresh_conflicts
from crm.sync.errors import SyncError
from crm.sync.keyed_ids import ONE_PER_KEY
from crm.sync.refusals import Refusal, peer_actor, refuse
from crm.sync.shared_settings import SETTING_TABLE, apply_shared_settings
from crm.sync.unique_keys import GivenUpKey, current_rows, rehome, settle_keys
from crm.sync.values import (
    change_of_row,
    decode,
    decoder,
    defaults_value,
    made_at,
    same,
    stored,
)

log = logging.getLogger(__name__)

#: A change stamped this far ahead of our clock comes from a machine with a wrong clock.
MAX_CLOCK_SKEW_MS = 24 * 3600 * 1000
_HLC = re.compile(r"^\d{13}-\d{6}$")
#: The columns of a change as it travels (the log's columns but the local `seq`).
WIRE_COLUMNS = (
    "id", "table_name", "record_id", "op", "field", "old_value", "new_value", "changed_by",
    "changed_at", "hlc", "site_id", "prev_id", "context", "supersedes",
)  # fmt: skip

SYNCED_TABLES: dict[str, Table] = {
    m.__tablename__: m.__table__  # type: ignore[attr-defined]
    for m in DOMAIN_MODELS
}
Progress = Callable[[int, int], None]


@dataclass
class ApplySummary:
    """What arrived: per table new / changed / deleted records, and what needs a person."""

    received: int = 0
    duplicates: int = 0
    new: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    changed: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    deleted: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    conflicts: int = 0
    #: Stored records that gave their unique key up to an arriving one.
    key_losers: dict[tuple[str, str], GivenUpKey] = field(default_factory=dict)
    refused: list[Refusal] = field(default_factory=list)  # crm.sync.refusals

    @property
    def applied(self) -> int:
        return self.received - self.duplicates


def check_allowed(
    conn: Connection, sender_site: str, changes: Sequence[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[Refusal]]:
    """The one place where the receiving site checks that the sender may change what it sent:
    (the changes to apply, the records refused) by the rights of the peer's account."""
    actor = peer_actor(conn, sender_site)
    if actor is None or actor.sees_all:  # a peer without an account: every right
        return list(changes), []
    return refuse(conn, actor, changes)


def validate_changes(changes: Sequence[dict[str, Any]], *, sender_name: str) -> None:
    """Refuse a batch that names unknown tables or fields, or is stamped in the future."""
    limit = time.time_ns() // 1_000_000 + MAX_CLOCK_SKEW_MS
    for change in changes:
        table = SYNCED_TABLES.get(change["table_name"])
        if table is None:
            table = _reference_table(change["table_name"])
        stamp = change["hlc"]
        if (
            table is None
            or (change["field"] != WHOLE_RECORD and change["field"] not in table.c)
            or not isinstance(stamp, str)
            or not _HLC.match(stamp)
        ):
            raise SyncError(
                f"同步包中有本程序不认识的数据（{change['table_name']}.{change['field']}），"
                "可能来自更新版本的程序。未写入任何数据。",
                f"The package holds data this program does not know "
                f"({change['table_name']}.{change['field']}); it may come from a newer "
                "version. Nothing was written.",
                code="unknown_data",
            )
        if int(stamp[:13]) > limit:
            when = datetime.fromtimestamp(int(stamp[:13]) / 1000).strftime("%Y-%m-%d %H:%M")
            raise SyncError(
                f"来自“{sender_name}”的修改时间为 {when}，晚于本机时间一天以上："
                "对方电脑的时钟可能有误。请校准时钟后重新导出。未写入任何数据。",
                f"Changes from '{sender_name}' are stamped {when}, more than a day ahead "
                "of this computer's clock: that computer's clock is probably wrong. Correct "
                "it and export again. Nothing was written.",
                code="clock_ahead",
            )


def apply_changes(
    conn: Connection,
    changes: Sequence[dict[str, Any]],
    *,
    sender_name: str = "",
    sender_schema: str = SCHEMA_HEAD,
    progress: Progress | None = None,
) -> ApplySummary:
    """Add `changes` (dicts of WIRE_COLUMNS) to this site's log and update the records.
    `sender_schema`: the schema revision the sender's program writes (a package's header;
    a server sync opens both databases with this program, so both are at SCHEMA_HEAD)."""
    try:
        with no_cyclic_gc():
            return _apply_changes(conn, changes, sender_name, progress)
    except IntegrityError as exc:
        log.exception("sync changes from %s broke a constraint", sender_name)
        raise _does_not_fit(sender_name, sender_schema, _constraint(exc)) from exc


def _does_not_fit(sender_name: str, sender_schema: str, constraint: str) -> SyncError:
    """The caller's transaction is rolled back: nothing of it is written. Upgrading is
    advised only when the sender's program really is another version: with the same
    version an upgrade changes nothing and the log file is what helps."""
    zh = f"来自“{sender_name}”的修改与本站点的数据不相容（{constraint}），未写入任何数据。"
    en = (
        f"The changes from '{sender_name}' do not fit this site's data ({constraint}); "
        "nothing was written."
    )
    if sender_schema != SCHEMA_HEAD:
        zh += "对方的程序版本与本站点不同：请让双方升级到同一版本后重新导出；详情见日志文件。"
        en += (
            " That site runs another version of the program: update both to the same version"
            " and export again; the log file has details."
        )
    else:
        zh += "双方的程序版本相同：请把日志文件交给技术支持。"
        en += " Both sites run the same version: send the log file to support."
    return SyncError(zh, en, code="incompatible_changes")


def _constraint(exc: IntegrityError) -> str:
    text = str(exc.orig).strip().splitlines()[0] if exc.orig else "constraint"
    return text[:120]


def _apply_changes(
    conn: Connection,
    changes: Sequence[dict[str, Any]],
    sender_name: str,
    progress: Progress | None,
) -> ApplySummary:
    summary = ApplySummary(received=len(changes))
    validate_changes(changes, sender_name=sender_name)
    fresh = _new_changes(conn, changes)
    summary.duplicates = len(changes) - len(fresh)
    if not fresh:
        return summary
    _insert_changes(conn, fresh)
    CLOCK.observe(max(c["hlc"] for c in fresh))
    touched: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    references: list[dict[str, Any]] = []
    arrived: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for change in fresh:
        if change["table_name"] in SYNCED_TABLES:
            touched[change["table_name"]][change["record_id"]].add(change["field"])
            arrived[change["table_name"]][change["record_id"]].append(change)
        else:
            references.append(change)
    _add_references(conn, references)
    settings = apply_shared_settings(conn, references)
    if settings:
        summary.changed[SETTING_TABLE] += len(settings)
    done = 0
    total = sum(len(records) for records in touched.values())
    bureau = Bureau.of(
        str(setting_value(conn, "bureau_region_code") or ""),
        str(setting_value(conn, "bureau_level") or ""),
    )
    stage_projects: set[str] = set()
    histories: dict[str, dict[str, RecordChanges]] = {}
    # Where the arriving activities stood before (a move closes or reopens steps there too).
    steps_before = follow_ups.subjects_of(conn, touched.get("activity", {}))
    for model in DOMAIN_MODELS:
        table: Table = model.__table__  # type: ignore[attr-defined]
        records = touched.get(table.name)
        if not records:
            continue
        histories[table.name] = _apply_table(conn, table, records, summary, arrived[table.name])
        if table.name == "stage_event":
            stage_projects.update(_projects_of_events(conn, records))
        done += len(records)
        if progress:
            progress(done, total)
    project_ids = set(touched.get("project", {})) | stage_projects
    if settings & BUREAU_KEYS:  # every project's source class follows the bureau's region
        project_ids.update(conn.scalars(select(Project.id)))
    if project_ids:
        derived.refresh_projects(conn, project_ids, bureau)
    if touched.get("company"):
        derived.refresh_companies(conn, touched["company"])
    if touched.get("activity"):
        follow_ups.refresh(conn, steps_before | follow_ups.subjects_of(conn, touched["activity"]))
    for table_name, record_id in summary.key_losers:
        touched[table_name].setdefault(record_id, set())
    for table_name, records in touched.items():
        summary.conflicts += refresh_conflicts(
            conn, SYNCED_TABLES[table_name], records, histories.get(table_name)
        )
    if stage_projects - set(touched.get("project", {})):
        summary.conflicts += refresh_conflicts(
            conn, SYNCED_TABLES["project"], stage_projects - set(touched.get("project", {}))
        )
    return summary


def _reference_table(name: str) -> Table | None:
    """A table of reference rows a bureau adds, or the shared settings' table."""
    from crm.reference.user_rows import SYNCED_REFERENCE

    if name == SETTING_TABLE:
        return Setting.__table__  # type: ignore[return-value]

    model = SYNCED_REFERENCE.get(name)
    return model.__table__ if model is not None else None  # type: ignore[attr-defined]


def _add_references(conn: Connection, changes: list[dict[str, Any]]) -> None:
    """Reference rows another site added (created once, never edited): insert the missing
    ones before the records that refer to them; a row both sites made alike is kept."""
    for change in changes:
        table = _reference_table(change["table_name"])
        if table is None or change["field"] != WHOLE_RECORD:
            continue
        (key,) = table.primary_key.columns
        if conn.scalar(select(key).where(key == change["record_id"])) is not None:
            continue
        values = whole_record_values(change["new_value"])
        row = {c.key: decode(c, values.get(c.key)) for c in table.c if c.key in values}
        conn.execute(insert(table).values({**row, key.key: change["record_id"]}))


def _new_changes(conn: Connection, changes: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    log = ChangeLog.__table__
    ids = [c["id"] for c in changes]
    held: set[str] = set()
    for chunk in chunks(conn, ids):
        held.update(conn.scalars(select(log.c.id).where(in_ids(conn, log.c.id, chunk))))
    seen: set[str] = set()
    fresh = []
    for change in changes:
        if change["id"] in held or change["id"] in seen:
            continue
        seen.add(change["id"])
        fresh.append(change)
    return fresh


def _insert_changes(conn: Connection, fresh: list[dict[str, Any]]) -> None:
    rows = [{**{k: c.get(k) for k in WIRE_COLUMNS}, "seq": None} for c in fresh]
    for row in rows:
        if isinstance(row["changed_at"], str):
            row["changed_at"] = datetime.fromisoformat(row["changed_at"])
    statement = CompiledInsert(conn, ChangeLog.__table__)  # type: ignore[arg-type]
    for start in range(0, len(rows), 5000):
        statement.execute(rows[start : start + 5000])


def _projects_of_events(conn: Connection, records: dict[str, set[str]]) -> set[str]:
    events = StageEvent.__table__
    found: set[str] = set()
    for chunk in chunks(conn, list(records)):
        found.update(
            conn.scalars(select(events.c.project_id).where(in_ids(conn, events.c.id, chunk)))
        )
    return found


# --- records -------------------------------------------------------------------------------


def _apply_table(
    conn: Connection,
    table: Table,
    records: dict[str, set[str]],
    summary: ApplySummary,
    arrived: dict[str, list[dict[str, Any]]],
) -> dict[str, RecordChanges]:
    ids = list(records)
    current = current_rows(conn, table, ids)
    defaults = audit.column_defaults(table)
    # A record without a row here has no earlier changes here either (every change makes or
    # updates its row): its changes are the ones that just arrived, no need to read them back.
    history = audit.record_changes(conn, table, [i for i in ids if i in current])
    logged = audit.logged_columns(table)
    for record_id in ids:
        if record_id not in current:
            history[record_id] = RecordChanges.of(
                (change_of_row(c) for c in arrived[record_id]), logged, defaults
            )
    if table.name in ONE_PER_KEY:
        rehome(conn, table, records, current, history, arrived)
    columns = [c for c in audit.logged_columns(table) if not derived.is_derived(table.name, c)]
    self_refs = [
        c.key for c in table.c for fk in c.foreign_keys if fk.column.table.name == table.name
    ]
    decoders = {name: decoder(table.c[name]) for name in columns}
    typed = {name for name, decode in decoders.items() if decode is not same}  # not text
    blank = {c.key: defaults_value(c) for c in table.c}  # a new row's columns no change names
    inserts: list[dict[str, Any]] = []
    later: list[tuple[str, dict[str, Any]]] = []
    now = datetime.now().replace(microsecond=0)
    entries: list[tuple[str, RecordChanges, dict[str, Any]]] = []
    for record_id, fields in records.items():
        record = history.get(record_id)
        if record is None:
            continue
        # deleted_at always: an arriving edit can make a deleted record visible again.
        names = (
            columns
            if record_id not in current or WHOLE_RECORD in fields
            else _names(fields | {DELETED_AT}, columns)
        )
        values = _values(record, names, defaults)
        for name in typed.intersection(values):
            values[name] = decoders[name](values[name])
        entries.append((record_id, record, values))
    settle_keys(conn, table, entries, summary.key_losers)
    for record_id, record, values in entries:
        row = current.get(record_id)
        if row is None:
            first = record.first()
            last = record.last() if len(record.by_id) > 1 else first
            pending = {k: values.pop(k) for k in self_refs if values.get(k) is not None}
            inserts.append(
                {
                    **blank,
                    **values,
                    "id": record_id,
                    "created_at": made_at(arrived.get(record_id, ()), first),
                    "created_by": first.actor,
                    "updated_at": now,
                    "updated_by": last.actor,
                }
            )
            if pending:
                later.append((record_id, pending))
            summary.new[table.name] += 1
            continue
        differing = {k: v for k, v in values.items() if stored(row[k]) != stored(v)}
        if differing:
            if DELETED_AT in differing and differing[DELETED_AT] is not None:
                summary.deleted[table.name] += 1
            else:
                summary.changed[table.name] += 1
            differing.update(updated_at=now, updated_by=record.last().actor)
            later.append((record_id, differing))
    if inserts:
        statement = CompiledInsert(conn, table)
        for start in range(0, len(inserts), 5000):
            statement.execute(inserts[start : start + 5000])
    update_many(conn, table, later)
    return history


def _names(fields: set[str], columns: list[str]) -> list[str]:
    return [c for c in columns if c in fields]


def _values(
    record: RecordChanges, names: Iterable[str], defaults: dict[str, str | None]
) -> dict[str, str | None]:
    values = record.values(names, defaults)
    if values.get(DELETED_AT) is not None and record.edits_unknown_to_delete():
        values[DELETED_AT] = None  # an edit concurrent with the delete: keep it visible
    return values


__all__ = [
    "WIRE_COLUMNS", "ApplySummary", "Company", "Project", "apply_changes", "check_allowed",
    "decode",
]  # fmt: skip
