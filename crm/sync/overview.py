"""What the 同步 window shows and does, as plain functions over a `Database`.

The window (and anything else) calls these on a worker thread; each opens its own session.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import make_url

from crm.db import Database, open_database
from crm.sync.conflicts import ConflictView, DuplicateGroup, list_conflicts, possible_duplicates
from crm.sync.errors import SyncError
from crm.sync.identity import SiteIdentity
from crm.sync.peers import PeerInfo, list_peers, local_identity


@dataclass(frozen=True)
class SyncOverview:
    """This site, its peers, and what waits for a person."""

    site_id: str
    name: str
    fingerprint: str
    peers: list[PeerInfo] = field(default_factory=list)
    conflicts: list[ConflictView] = field(default_factory=list)
    duplicates: list[DuplicateGroup] = field(default_factory=list)

    def site_label(self, site_id: str) -> str:
        """A site's name for people: this site, a peer's name, else the start of its id."""
        if site_id == self.site_id:
            return self.name
        return next((p.name for p in self.peers if p.site_id == site_id), site_id[:8])


def sync_overview(db: Database) -> SyncOverview:
    with db.session() as session:
        conn = session.connection()
        _keys, identity = local_identity(conn, db.site_id)
        return SyncOverview(
            db.site_id,
            identity.name,
            identity.fingerprint,
            list_peers(conn),
            list_conflicts(session),
            possible_duplicates(session),
        )


def write_identity(db: Database, out: str | os.PathLike[str]) -> SiteIdentity:
    """This site's public identity (no secrets) written to `out`, for a peer to pair with."""
    with db.session() as session:
        _keys, identity = local_identity(session.connection(), db.site_id)
    try:
        Path(out).write_text(identity.to_json(), encoding="utf-8")
    except OSError as exc:
        raise SyncError(
            f"无法写入身份文件：{out}（{exc.strerror or exc}）",
            f"Cannot write the identity file: {out} ({exc.strerror or exc})",
            code="cannot_write",
        ) from exc
    return identity


def read_identity(path: str | os.PathLike[str]) -> SiteIdentity:
    """A peer's identity file, checked (its fingerprint is shown before pairing)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SyncError(
            f"无法读取身份文件：{path}",
            f"Cannot read the identity file: {path}",
            code="cannot_read",
        ) from exc
    return SiteIdentity.from_json(text)


def open_hub(url: str) -> Database:
    """The bureau's shared database; never created by a sync (a mistyped URL is an error)."""
    text = url.strip()
    if not text:
        raise SyncError("请填写服务器地址。", "Enter the server's address.", code="no_url")
    return open_database(text, create=False)


def server_waiting(db: Database, hub: Database) -> tuple[int, int]:
    """Changes waiting each way with the hub: (this site's not yet on the hub, the hub's not
    yet here). A hub never met before counts everything."""
    from crm.sync.exchange import received_cursor, waiting_count

    with db.session() as local, hub.session() as remote:
        here, there = local.connection(), remote.connection()
        out = waiting_count(here, hub.site_id, received_cursor(there, db.site_id))
        into = waiting_count(there, db.site_id, received_cursor(here, hub.site_id))
    return out, into


def url_to_remember(url: str) -> str:
    """The server address as remembered between syncs: never its password."""
    text = url.strip()
    try:
        parsed = make_url(text)
    except Exception:  # not a URL (a file path): remembered as typed
        return text
    if parsed.password is None:
        return text
    # URL.set(password=None) keeps the old one: None means "unchanged" there.
    return parsed._replace(password=None).render_as_string(hide_password=False)
