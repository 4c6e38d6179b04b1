"""Reference rows a bureau adds itself (a region group or industry chain named in a ledger, a
list of its own): written with a change-log entry, so that offline sync carries them to every
site before the records that refer to them.

The shipped reference data is loaded on every site alike and is never logged.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, insert, select
from sqlalchemy.orm import Session

from crm import audit
from crm.models import Base, IndustryChain, RegionGroup, TagKindRef

#: Reference tables whose user-made rows travel with sync (created once, never edited).
SYNCED_REFERENCE: dict[str, type[Base]] = {
    "region_group": RegionGroup,
    "industry_chain": IndustryChain,
    "tag_kind": TagKindRef,
}


def add_reference_row(
    conn: Connection, model: type[Base], values: dict[str, Any], *, actor: str, site_id: str
) -> None:
    """Insert a new reference row and log it as one whole-record change."""
    table = model.__table__  # type: ignore[attr-defined]
    conn.execute(insert(table).values(**values))
    (key,) = [values[c.key] for c in table.primary_key.columns]
    entries = audit.bulk_insert_entries(
        table.name, [{**values, "id": key}], actor=actor, site_id=site_id
    )
    conn.execute(insert(audit.ChangeLog.__table__), entries)


def new_reference_code(session: Session, name: str, column: Any, fallback: str) -> str:
    """A code for a new chain, region group or list: the name in pinyin, made unique."""
    from pypinyin import lazy_pinyin  # big dictionaries: loaded only when a code is new

    base = re.sub(r"[^a-z0-9]+", "_", "_".join(lazy_pinyin(name)).lower()).strip("_")[:30]
    base = base or fallback
    taken = set(session.scalars(select(column)))
    code, n = base, 2
    while code in taken:
        code, n = f"{base}_{n}", n + 1
    return code


def add_reference_in_session(session: Session, model: type[Base], values: dict[str, Any]) -> None:
    """add_reference_row within a service's session (its actor and site)."""
    add_reference_row(
        session.connection(),
        model,
        values,
        actor=str(session.info.get("actor", "")),
        site_id=str(session.info.get("site_id", "")),
    )
