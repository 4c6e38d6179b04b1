"""This site's name and identity, and the peers it is paired with."""

from __future__ import annotations

import base64
import json
import socket
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.orm import Session

from crm import access
from crm.errors import ValidationError
from crm.models import Setting, Team
from crm.models.sync import SyncPeer
from crm.services.settings import setting_value
from crm.sync.errors import SyncError
from crm.sync.identity import SiteIdentity, SiteKeys, fingerprint_of, load_or_create_keys

#: Peers reached over a database connection (the hub) carry no keys: the connection is trusted.
SERVER_KEY = ""


@dataclass(frozen=True)
class PeerInfo:
    site_id: str
    name: str
    fingerprint: str
    acked: int
    received: int
    last_sent_at: datetime | None
    last_received_at: datetime | None
    waiting_out: int  # our changes the peer has not confirmed

    @property
    def is_server(self) -> bool:
        return self.fingerprint == SERVER_KEY


#: This site's own name (`crm sync id --name`), a raw setting like `site_id`: never in the
#: change log, so it never travels. Stored with the site id it was given for: a copied
#: database file becomes a site of its own (crm.services.settings.ensure_site_id) and must not
#: go on calling itself by the name of the site it was copied from.
SITE_NAME_KEY = "site_name"
#: As long as a peer's name can be (SyncPeer.name).
SITE_NAME_MAX = 200


def site_name(conn: Connection) -> str:
    """This site's name for its peers: the name given to it here; else the team of the local
    profile (a team laptop: 上林县驻长沙招商工作队); else the bureau's name; else the
    computer's. Never the bureau's name on every laptop: 171 teams must be told apart."""
    own = own_site_name(conn)
    if own:
        return own
    team_id = str(setting_value(conn, "my_team_id") or "")
    if team_id:
        team = conn.scalar(select(Team.name).where(Team.id == team_id, Team.deleted_at.is_(None)))
        if team:
            return str(team)
    return str(setting_value(conn, "bureau_name") or "") or socket.gethostname()


def own_site_name(conn: Connection) -> str:
    """The name given to this site here ("" when none: the default of site_name applies)."""
    stored = _raw_setting(conn, SITE_NAME_KEY)
    if not isinstance(stored, dict) or stored.get("site_id") != _raw_setting(conn, "site_id"):
        return ""
    return str(stored.get("name") or "")


def set_site_name(session: Session, name: str) -> str:
    """Give this site its own name (empty: back to the default); returns the name it now
    has. Peers learn it from the next identity file or package this site sends."""
    access.require_in(session, "change_settings")
    text = " ".join(name.split())
    if len(text) > SITE_NAME_MAX:
        raise ValidationError(
            SITE_NAME_KEY,
            name,
            f"站点名称不能超过 {SITE_NAME_MAX} 个字：{text[:20]}…",
            f"A site name has at most {SITE_NAME_MAX} characters: {text[:20]}…",
            code="too_long",
        )
    conn = session.connection()
    conn.execute(delete(Setting).where(Setting.key == SITE_NAME_KEY))
    if text:
        value = {"site_id": _raw_setting(conn, "site_id"), "name": text}
        conn.execute(
            insert(Setting).values(key=SITE_NAME_KEY, value=json.dumps(value, ensure_ascii=False))
        )
    return site_name(conn)


def _raw_setting(conn: Connection, key: str) -> Any:
    value = conn.scalar(select(Setting.value).where(Setting.key == key))
    return None if value is None else json.loads(value)


def local_identity(conn: Connection, site_id: str) -> tuple[SiteKeys, SiteIdentity]:
    keys = load_or_create_keys(site_id)
    return keys, keys.identity(site_name(conn))


def pair(conn: Connection, identity: SiteIdentity, *, own_site_id: str) -> bool:
    """Trust a peer's identity; True when it is new. Re-pairing with new keys replaces them."""
    if identity.site_id == own_site_id:
        raise SyncError(
            "这是本站点自己的身份文件，不能与自己配对。",
            "This is this site's own identity file; a site cannot pair with itself.",
            code="pair_self",
        )
    values = {
        "name": identity.name,
        "sign_public": base64.b64encode(identity.sign_public).decode(),
        "box_public": base64.b64encode(identity.box_public).decode(),
        "fingerprint": identity.fingerprint,
    }
    existing = conn.execute(select(SyncPeer.site_id).where(SyncPeer.site_id == identity.site_id))
    if existing.first() is not None:
        conn.execute(update(SyncPeer).where(SyncPeer.site_id == identity.site_id).values(values))
        return False
    conn.execute(
        insert(SyncPeer).values(
            site_id=identity.site_id, paired_at=datetime.now(), acked=0, received=0, **values
        )
    )
    return True


def ensure_server_peer(conn: Connection, site_id: str, name: str) -> None:
    """A peer met over a database connection: recorded on first sync, without keys; its
    name refreshed on every sync (a site may have been given its own name since)."""
    if conn.execute(select(SyncPeer.site_id).where(SyncPeer.site_id == site_id)).first():
        rename_peer(conn, site_id, name)
        return
    conn.execute(
        insert(SyncPeer).values(
            site_id=site_id,
            name=name,
            sign_public=SERVER_KEY,
            box_public=SERVER_KEY,
            fingerprint=SERVER_KEY,
            paired_at=datetime.now(),
            acked=0,
            received=0,
        )
    )


def rename_peer(conn: Connection, site_id: str, name: str) -> None:
    """A peer's name as it last called itself (signed identity, package or server sync)."""
    if name:
        conn.execute(
            update(SyncPeer)
            .where(SyncPeer.site_id == site_id, SyncPeer.name != name)
            .values(name=name[:SITE_NAME_MAX])
        )


def peer_identity(conn: Connection, site_id: str) -> SiteIdentity | None:
    row = conn.execute(select(SyncPeer).where(SyncPeer.site_id == site_id)).first()
    if row is None or not row.sign_public:
        return None
    identity = SiteIdentity(
        row.site_id, row.name, base64.b64decode(row.sign_public), base64.b64decode(row.box_public)
    )
    if fingerprint_of(identity.sign_public, identity.box_public) != row.fingerprint:
        raise SyncError(
            f"站点“{row.name}”的公钥记录已损坏，请重新配对。",
            f"The stored keys of '{row.name}' are damaged; pair with it again.",
            code="bad_peer",
        )
    return identity


def find_peer(conn: Connection, ref: str) -> str:
    """A peer's site id from its name, site id (or its start), or fingerprint."""
    text = ref.strip()
    rows = conn.execute(select(SyncPeer.site_id, SyncPeer.name, SyncPeer.fingerprint)).all()
    exact = [r.site_id for r in rows if text in (r.site_id, r.name, r.fingerprint)]
    if len(exact) == 1:
        return exact[0]
    starts = [r.site_id for r in rows if len(text) >= 4 and r.site_id.startswith(text)]
    if len(starts) == 1 and not exact:
        return starts[0]
    if not exact and not starts:
        raise SyncError(
            f"没有已配对的站点“{text}”。请先导入对方的身份文件完成配对（crm sync pair）。",
            f"No paired site '{text}'. Pair with it first by importing its identity file "
            "(crm sync pair).",
            code="unknown_peer",
        )
    # Which ones, so that the person can pick one (`crm sync peers` lists them too).
    ids = "、".join(exact or starts)
    raise SyncError(
        f"“{text}”对应多个站点（{ids}），请用站点编号指明。",
        f"'{text}' names several sites ({', '.join(exact or starts)}); give the site id.",
        code="ambiguous_peer",
    )


def list_peers(conn: Connection) -> list[PeerInfo]:
    from crm.sync.exchange import waiting_count

    peers = []
    for row in conn.execute(select(SyncPeer).order_by(SyncPeer.name)):
        waiting = waiting_count(conn, row.site_id, int(row.acked))
        peers.append(
            PeerInfo(
                row.site_id,
                row.name,
                row.fingerprint,
                int(row.acked),
                int(row.received),
                row.last_sent_at,
                row.last_received_at,
                int(waiting or 0),
            )
        )
    return peers


def site_setting_exists(conn: Connection) -> bool:
    return conn.execute(select(Setting.key).where(Setting.key == "site_id")).first() is not None
