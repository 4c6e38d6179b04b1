"""Moving changes between sites: packages on a USB stick, or batches over a database link.

A package to a peer holds every change of this site's log that the peer has not confirmed
(docs/sync.md, "cursors"); importing one applies it in one transaction after a backup, and
records how far each side has got. The same `apply_changes` serves a server sync, batch by
batch, each batch one transaction on each side.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Connection, func, or_, select, update

from crm import access
from crm.access import Actor
from crm.bulk_insert import no_cyclic_gc
from crm.changes import WHOLE_RECORD
from crm.db import Database
from crm.derived import DERIVED_FIELDS
from crm.models import ChangeLog, new_id
from crm.models.sync import SyncPeer
from crm.progress import Cancelled as JobCancelled
from crm.progress import Progress, ShouldCancel
from crm.reference.user_rows import SYNCED_REFERENCE
from crm.schema import SCHEMA_HEAD
from crm.sync.apply import SYNCED_TABLES, WIRE_COLUMNS, ApplySummary, apply_changes, check_allowed
from crm.sync.conflicts import possible_duplicates
from crm.sync.errors import SyncError
from crm.sync.package import Header, check_receiver, open_package, read_header, seal
from crm.sync.peers import find_peer, local_identity, peer_identity, rename_peer, site_name
from crm.sync.readers import readable_changes
from crm.sync.refusals import bind_signed_in_peer, peer_actor
from crm.sync.shared_settings import SETTING_TABLE

#: The largest package this program reads (a year of a busy team is far below it).
MAX_PACKAGE_BYTES = 512 * 1024 * 1024


class Cancelled(SyncError, JobCancelled):
    """The one Cancelled (crm.progress), also a SyncError for the sync command's handling."""

    code = "cancelled"

    def __init__(self) -> None:
        JobCancelled.__init__(self)


class _DryRun(Exception):
    """Rolls a preview back."""


def travels_to(peer_site: str) -> Any:
    """The changes of the log that may travel to `peer_site` at all: synced tables, not the
    derived columns, not the peer's own."""
    log = ChangeLog.__table__
    derived = [
        (log.c.table_name == table) & log.c.field.in_(sorted(fields))
        for table, fields in DERIVED_FIELDS.items()
    ]
    return (
        (log.c.site_id != peer_site)
        # Wrapped so that SQLite finds the few changes after the cursor by `seq`, not by
        # table name through the whole log (a day's export took seconds at the large scale).
        & func.coalesce(log.c.table_name, "").in_(
            sorted({*SYNCED_TABLES, *SYNCED_REFERENCE, SETTING_TABLE})
        )
        & ~or_(*derived)
    )


def outgoing_filter(peer_site: str, after_seq: int) -> Any:
    return (ChangeLog.__table__.c.seq > after_seq) & travels_to(peer_site)


def outgoing(
    conn: Connection, peer_site: str, after_seq: int, readers: Sequence[Actor | None] = ()
) -> list[dict[str, Any]]:
    """This site's changes the peer has not confirmed, in commit order (with their `seq`),
    without what `readers` may not read (crm.sync.readers)."""
    changes = _changes(conn, outgoing_filter(peer_site, after_seq))
    return readable_changes(conn, changes, readers, history=travels_to(peer_site))


def outgoing_batch(
    conn: Connection,
    peer_site: str,
    after_seq: int,
    limit: int,
    readers: Sequence[Actor | None] = (),
) -> tuple[list[dict[str, Any]], int | None]:
    """About `limit` of those changes, whole commits only (a record never arrives with half
    of the changes that made it), and the `seq` the batch reaches; None when all are sent."""
    from crm.changeseq import group_end

    end = group_end(conn, after_seq, limit)
    if end is None:
        return [], None
    log = ChangeLog.__table__
    changes = _changes(conn, outgoing_filter(peer_site, after_seq) & (log.c.seq <= end))
    return readable_changes(conn, changes, readers, history=travels_to(peer_site)), end


def _changes(conn: Connection, condition: Any) -> list[dict[str, Any]]:
    log = ChangeLog.__table__
    query = (
        select(*(log.c[name] for name in WIRE_COLUMNS), log.c.seq)
        .where(condition)
        .order_by(log.c.seq)
    )
    return [dict(row._mapping) for row in conn.execute(query)]


def waiting_count(conn: Connection, peer_site: str, after_seq: int) -> int:
    log = ChangeLog.__table__
    count = conn.scalar(
        select(func.count()).select_from(log).where(outgoing_filter(peer_site, after_seq))
    )
    return int(count or 0)


def encode_body(changes: Sequence[dict[str, Any]], *, sender_name: str = "") -> bytes:
    """Column names once, then one list per change: half the size of keyed JSON. The
    sender's name rides along (signed and encrypted with the changes) so that the receiver
    shows the name the sender now has; older programs read past the extra key."""
    rows = [[_wire(change[name]) for name in WIRE_COLUMNS] for change in changes]
    body: dict[str, Any] = {"columns": list(WIRE_COLUMNS), "rows": rows}
    if sender_name:
        body["sender_name"] = sender_name
    return orjson.dumps(body)


def _wire(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def decode_body(body: bytes) -> list[dict[str, Any]]:
    return _decode_body(body)[0]


def _decode_body(body: bytes) -> tuple[list[dict[str, Any]], str]:
    """The changes and the sender's name ("" from a package of an older program)."""
    try:
        data = orjson.loads(body)
        name = data.get("sender_name")
        columns = data["columns"]
        changes = [dict(zip(columns, row, strict=True)) for row in data["rows"]]
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise SyncError(
            "同步包内容无法读取。未写入任何数据。",
            "The package's content cannot be read. Nothing was written.",
            code="bad_body",
        ) from exc
    missing = set(WIRE_COLUMNS) - set(columns)
    if missing:
        raise SyncError(
            "同步包缺少必要的字段，可能来自不兼容的程序版本。未写入任何数据。",
            "The package lacks required fields; it may come from an incompatible version. "
            "Nothing was written.",
            code="bad_body",
        )
    return changes, name if isinstance(name, str) else ""


# --- packages --------------------------------------------------------------------------------


@dataclass
class ExportResult:
    path: Path
    peer_name: str
    changes: int
    size: int


def export_package(db: Database, peer_ref: str, out: str | os.PathLike[str]) -> ExportResult:
    """Write everything `peer_ref` has not confirmed to `out`, signed and encrypted for it."""
    target = Path(out)
    with db.session() as session:
        access.require_in(session, "sync_export")
        conn = session.connection()
        peer_site = find_peer(conn, peer_ref)
        identity = peer_identity(conn, peer_site)
        if identity is None:
            raise SyncError(
                "这个站点通过服务器同步，没有交换密钥，不能给它导出同步包。",
                "This site syncs through the server and has no keys to address a package to.",
                code="server_peer",
            )
        peer = conn.execute(select(SyncPeer).where(SyncPeer.site_id == peer_site)).one()
        readers = (access.actor_of(session), peer_actor(conn, peer_site))
        window_end = _last_seq_after(conn, peer_site, int(peer.acked))
        changes = outgoing(conn, peer_site, int(peer.acked), readers)
        keys, own = local_identity(conn, db.site_id)
        header = Header(
            sender=db.site_id,
            receiver=peer_site,
            package_id=new_id(),
            created_at=datetime.now().isoformat(timespec="seconds"),
            schema=SCHEMA_HEAD,
            ack=int(peer.received),
            first_seq=int(changes[0]["seq"]) if changes else 0,
            # The window's end even when its last changes were left out for the readers:
            # the peer's cursor passes them (crm.sync.readers sends a history once readable).
            last_seq=window_end,
            changes=len(changes),
        )
        body = encode_body(changes, sender_name=own.name)
        data = seal(header, body, sender=keys, receiver=identity)
        _write_atomically(target, data)
        conn.execute(
            update(SyncPeer)
            .where(SyncPeer.site_id == peer_site)
            .values(last_sent_at=datetime.now())
        )
        return ExportResult(target, identity.name, len(changes), len(data))


def _last_seq_after(conn: Connection, peer_site: str, after_seq: int) -> int:
    log = ChangeLog.__table__
    last = conn.scalar(select(func.max(log.c.seq)).where(outgoing_filter(peer_site, after_seq)))
    return int(last or 0)


def _write_atomically(target: Path, data: bytes) -> None:
    temporary = target.with_name(f".{target.name}.partial")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise SyncError(
            f"无法写入同步包：{target}（{exc.strerror or exc}）",
            f"Cannot write the package: {target} ({exc.strerror or exc})",
            code="cannot_write",
        ) from exc


@dataclass
class ImportResult:
    sender_name: str
    summary: ApplySummary
    written: bool
    header: Header
    #: The receiving site's last `seq` when the preview was made: a later apply that finds
    #: another number knows the database changed in between.
    state_seq: int = 0
    backup: Path | None = None
    #: Possible duplicates the package would make (previews only).
    duplicates: list[Any] = field(default_factory=list)


def read_package(path: str | os.PathLike[str]) -> bytes:
    source = Path(path)
    try:
        size = source.stat().st_size
        if size > MAX_PACKAGE_BYTES:
            raise SyncError(
                f"文件过大（{size // 1_048_576} MB），不是同步包。",
                f"The file is too large ({size // 1_048_576} MB) to be a sync package.",
                code="too_large",
            )
        return source.read_bytes()
    except OSError as exc:
        raise SyncError(
            f"无法读取文件：{source}（{exc.strerror or exc}）",
            f"Cannot read the file: {source} ({exc.strerror or exc})",
            code="cannot_read",
        ) from exc


def import_package(
    db: Database,
    path: str | os.PathLike[str],
    *,
    dry_run: bool = False,
    expect_state: int | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Verify, decrypt and apply a package in one transaction (rolled back for a dry run)."""
    from crm.changeseq import last_seq

    data = read_package(path)
    header = read_header(data)
    holder: dict[str, ImportResult] = {}
    backup = None
    if not dry_run and db.path is not None:
        from crm.backup import create_backup

        backup = create_backup(db.path, label="sync")
    try:
        with db.session() as session, no_cyclic_gc():
            access.require_in(session, "sync_import")
            conn = session.connection()
            state = last_seq(conn)
            if expect_state is not None and state != expect_state:
                raise SyncError(
                    "预览之后数据库已有新的修改，请重新预览后再导入。",
                    "The database changed since the preview; preview again before importing.",
                    code="stale_preview",
                )
            before = _duplicate_keys(session) if dry_run else set()
            holder["result"] = _import(conn, db.site_id, data, header, progress)
            holder["result"].state_seq = state
            if dry_run:
                # The preview names the records the package would make twice.
                holder["result"].duplicates = [
                    group
                    for group in possible_duplicates(session)
                    if (group.table_name, group.ids) not in before
                ]
                raise _DryRun
    except _DryRun:
        pass
    result = holder["result"]
    result.written = not dry_run
    result.backup = backup
    return result


def _duplicate_keys(session: Any) -> set[tuple[str, tuple[str, ...]]]:
    return {(group.table_name, group.ids) for group in possible_duplicates(session)}


def _import(
    conn: Connection, site_id: str, data: bytes, header: Header, progress: Progress | None
) -> ImportResult:
    check_receiver(header, site_id)
    sender = peer_identity(conn, header.sender)
    if sender is None:
        raise SyncError(
            "同步包来自未配对的站点，已拒绝。请先核对对方的指纹并配对（crm sync pair）。"
            "未写入任何数据。",
            "The package comes from a site this one is not paired with; refused. Compare "
            "its fingerprint and pair first (crm sync pair). Nothing was written.",
            code="unknown_sender",
        )
    keys, _own = local_identity(conn, site_id)
    header, body = open_package(data, sender=sender, receiver=keys)
    _check_schema(header.schema)
    changes, name = _decode_body(body)
    if name and name != sender.name:  # the peer has been given its own name since pairing
        rename_peer(conn, header.sender, name)
        sender = peer_identity(conn, header.sender) or sender
    changes, refused = check_allowed(conn, header.sender, changes)
    summary = apply_changes(
        conn,
        changes,
        sender_name=sender.name,
        sender_schema=header.schema,
        progress=(lambda done, total: progress(done, total, "")) if progress else None,
    )
    summary.refused = refused
    peer = conn.execute(select(SyncPeer).where(SyncPeer.site_id == header.sender)).one()
    conn.execute(
        update(SyncPeer)
        .where(SyncPeer.site_id == header.sender)
        .values(
            received=max(int(peer.received), header.last_seq),
            acked=max(int(peer.acked), header.ack),
            last_received_at=datetime.now(),
        )
    )
    return ImportResult(sender.name, summary, False, header)


def _check_schema(schema: str) -> None:
    from crm.migrate import known_revisions

    if schema == SCHEMA_HEAD:
        return
    if schema not in known_revisions():
        raise SyncError(
            "同步包来自更新版本的程序，请先升级本程序再导入。未写入任何数据。",
            "The package comes from a newer version of the program; update the program "
            "first. Nothing was written.",
            code="newer_schema",
        )


# --- server sync -----------------------------------------------------------------------------


@dataclass
class ServerSyncResult:
    sent: int = 0
    received: int = 0
    summary: ApplySummary = field(default_factory=ApplySummary)


def sync_with_server(
    db: Database,
    hub: Database,
    *,
    batch: int = 2000,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
    merge_unrelated: bool = False,
) -> ServerSyncResult:
    """Exchange changes with the hub database: all of it or nothing.

    One transaction on each side for the whole exchange (changes are read and applied batch
    by batch, to bound memory and report progress): a failure or a cancel anywhere leaves
    the hub and this site exactly as they were, so that 「未写入任何数据」 is true. Batches
    that each committed left half of another database on the hub when a later batch failed
    (finding 26). The hub commits first; if this site's commit then fails, the next sync
    sends nothing twice (the hub's cursor, committed with the data) and receives again what
    was not kept here (this site's cursor). The price: the hub's writers wait while a sync
    runs (crm.db.PG_WRITER_LOCK), and so do this site's: merging two small demos (about
    37,000 changes each way) held them for 17 s.

    `merge_unrelated`: the person confirmed that this site and the hub, which never synced
    and share no project, are to be merged (see `_refuse_unrelated`)."""
    from crm.changeseq import number_pending
    from crm.sync.peers import ensure_server_peer

    result = ServerSyncResult()
    with db.session() as local, hub.session() as remote:
        local_conn, hub_conn = local.connection(), remote.connection()
        access.require_in(local, "sync_export")
        if not merge_unrelated:
            _refuse_unrelated(local_conn, hub_conn, db.site_id, hub.site_id)
        local_name, hub_name = site_name(local_conn), site_name(hub_conn)
        ensure_server_peer(local_conn, hub.site_id, hub_name)
        ensure_server_peer(hub_conn, db.site_id, local_name)
        if hub.user is not None:  # the hub checks our changes against who signed in there
            bind_signed_in_peer(hub_conn, db.site_id, hub.user.login)
        # Push: the hub's own record of what it holds from us is the cursor.
        push = _Route(local_conn, db.site_id, hub_conn, hub.site_id, batch, should_cancel)
        for changes, end in push.batches((access.actor_of(local),)):
            changes, refused = check_allowed(hub_conn, db.site_id, changes)
            summary = apply_changes(hub_conn, changes, sender_name=local_name)
            summary.refused = refused
            _merge_summary(result.summary, summary, count_only=True)
            result.sent += len(changes)
            if progress:
                waiting = waiting_count(local_conn, hub.site_id, end)
                progress(result.sent, result.sent + waiting, "send")
        # What the hub took from us is numbered now rather than at its commit, so that the
        # changes of third sites we relayed come back as already held in this same exchange
        # instead of waiting on the hub as "to receive" until the next one. Safe before the
        # commit: the counter row stays locked until then (crm.changeseq).
        number_pending(hub_conn)
        # Pull: our record of what we hold from the hub is the cursor.
        readers = (access.actor_of(remote), peer_actor(hub_conn, db.site_id))
        pull = _Route(hub_conn, hub.site_id, local_conn, db.site_id, batch, should_cancel)
        for changes, _end in pull.batches(readers):
            summary = apply_changes(local_conn, changes, sender_name=hub_name)
            _merge_summary(result.summary, summary)
            result.received += len(changes)
            if progress:
                progress(result.received, result.received, "receive")
        _check(should_cancel)  # a cancel pressed during the last batch still keeps nothing
    return result


@dataclass(frozen=True)
class _Route:
    """One direction of a server sync: the changes `target` lacks from `source`."""

    source: Connection
    source_id: str
    target: Connection
    target_id: str
    batch: int
    should_cancel: ShouldCancel | None

    def batches(
        self, readers: tuple[Actor | None, ...]
    ) -> Iterator[tuple[list[dict[str, Any]], int]]:
        """Batch by batch, from the target's own record of what it holds from the source (its
        cursor); the caller applies each batch to the target, then both cursors move past it:
        what the target received, and what the source knows was taken."""
        while True:
            _check(self.should_cancel)
            start = received_cursor(self.target, self.source_id)
            changes, end = outgoing_batch(self.source, self.target_id, start, self.batch, readers)
            if end is None:
                return
            yield changes, end
            _set_cursor(self.target, self.source_id, received=end)
            _set_cursor(self.source, self.target_id, acked=end)


#: A site holding this many projects is a bureau's database, not a laptop starting out.
UNRELATED_MIN_PROJECTS = 50


def _refuse_unrelated(local: Connection, hub: Connection, site_id: str, hub_id: str) -> None:
    """A first sync between two databases that both hold a bureau's worth of projects and
    share none of them would merge two bureaus (two demos, or a copy of another bureau's
    file): refused until the person confirms. A laptop copied from the hub shares its
    projects, and a new laptop holds a few of its own: neither is asked."""
    if _has_met(local, hub_id) or _has_met(hub, site_id):
        return
    ours, theirs = _live_project_ids(local), _live_project_ids(hub)
    if min(len(ours), len(theirs)) < UNRELATED_MIN_PROJECTS or ours & theirs:
        return
    raise UnrelatedSites(len(ours), len(theirs))


class UnrelatedSites(SyncError):
    """Refused: the first sync of two databases that look like two bureaus' (the window asks
    its own question with the counts)."""

    code = "unrelated_sites"

    def __init__(self, ours: int, theirs: int) -> None:
        super().__init__(
            f"本站点（{ours:,} 个项目）与服务器（{theirs:,} 个项目）从未同步过，也没有一个相同的"
            "项目，像是两个单位各自的数据库：同步会把两边的数据合并在一起。未写入任何数据；"
            "确认要合并，请加 --yes 重新运行。",
            f"This site ({ours:,} projects) and the server ({theirs:,} projects) have never "
            "synced and share no project, like two bureaus' own databases: a sync would merge "
            "both sides' data. Nothing was written; to merge them, run again with --yes.",
            code=self.code,
        )
        self.ours, self.theirs = ours, theirs


def _has_met(conn: Connection, peer_site: str) -> bool:
    row = conn.execute(
        select(SyncPeer.received, SyncPeer.acked).where(SyncPeer.site_id == peer_site)
    ).first()
    return row is not None and (int(row.received) > 0 or int(row.acked) > 0)


def _live_project_ids(conn: Connection) -> set[str]:
    from crm.models import Project

    return set(conn.scalars(select(Project.id).where(Project.deleted_at.is_(None))))


def _check(should_cancel: ShouldCancel | None) -> None:
    if should_cancel and should_cancel():
        raise Cancelled


def received_cursor(conn: Connection, site_id: str) -> int:
    """How far `conn`'s site holds the changes of `site_id` (0: none yet)."""
    value = conn.scalar(select(SyncPeer.received).where(SyncPeer.site_id == site_id))
    return int(value or 0)


def _set_cursor(conn: Connection, site_id: str, **values: int) -> None:
    stamp = "last_received_at" if "received" in values else "last_sent_at"
    conn.execute(
        update(SyncPeer)
        .where(SyncPeer.site_id == site_id)
        .values(**values, **{stamp: datetime.now()})
    )


def _merge_summary(total: ApplySummary, part: ApplySummary, count_only: bool = False) -> None:
    total.received += part.received
    total.duplicates += part.duplicates
    total.refused.extend(part.refused)
    if count_only:
        return
    total.key_losers.update(part.key_losers)
    for name in ("new", "changed", "deleted"):
        for table, count in getattr(part, name).items():
            getattr(total, name)[table] += count
    total.conflicts += part.conflicts


__all__ = ["WHOLE_RECORD", "Cancelled", "ExportResult", "ImportResult", "export_package"]
