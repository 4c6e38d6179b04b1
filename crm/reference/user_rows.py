"""Reference rows a bureau adds itself (a region group or industry chain named in a ledger, a
list of its own): written with a change-log entry, so that offline sync carries them to every
site before the records that refer to them.

The shipped reference data is loaded on every site alike and is never logged.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert

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
