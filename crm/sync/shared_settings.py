"""The bureau's settings travel between sites as changes (docs/sync.md, "Settings").

`crm.services.settings.set_setting` logs a change (table `setting`, record = the key, field
`value`) for the keys in `SHARED_KEYS`; a site that receives such changes takes, for each key,
the value of its latest change by (HLC, site id, change id) — the same rule as any field.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from crm.models import ChangeLog, Setting
from crm.services.settings import SHARED_KEYS

SETTING_TABLE: str = Setting.__tablename__
SETTING_FIELD = "value"


def latest_change(conn: Connection, key: str) -> tuple[str, str | None] | None:
    """(id, value) of the change that gives the shared setting `key` its value, if any."""
    log = ChangeLog.__table__
    row = conn.execute(
        select(log.c.id, log.c.new_value)
        .where(log.c.table_name == SETTING_TABLE, log.c.record_id == key)
        .order_by(log.c.hlc.desc(), log.c.site_id.desc(), log.c.id.desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row is not None else None


def apply_shared_settings(conn: Connection, changes: Iterable[dict[str, Any]]) -> set[str]:
    """Set the shared settings these (already logged) changes name to their winning values;
    returns the keys whose value changed here. Keys this program does not share are left."""
    keys = {
        c["record_id"]
        for c in changes
        if c["table_name"] == SETTING_TABLE and c["record_id"] in SHARED_KEYS
    }
    changed = set()
    for key in sorted(keys):
        latest = latest_change(conn, key)
        if latest is None or latest[1] is None:
            continue
        stored = conn.scalar(select(Setting.value).where(Setting.key == key))
        if stored == latest[1]:
            continue
        conn.execute(delete(Setting).where(Setting.key == key))
        conn.execute(insert(Setting).values(key=key, value=latest[1]))
        changed.add(key)
    return changed
