"""When a ledger export was taken, written into the workbook and read back on import.

The export stores, as custom document properties (kept by Excel and WPS when the clerk saves),
the moment it read the database (UTC, to the millisecond), the database's site and the last
change-log number then (`seq`, commit order). On import, a change with a higher number on the
same database — else, from another database, one made after that moment — is newer than the
file (crm.ledger.plan_stale). A file without them (any other spreadsheet) has no stamp.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from sqlalchemy import ColumnElement, func, select

from crm.models import ChangeLog, utcnow

AT, SEQ, SITE = "crm_exported_at", "crm_change_seq", "crm_site_id"
_CUSTOM = "docProps/custom.xml"


@dataclass(frozen=True, slots=True)
class ExportStamp:
    at: datetime  # naive UTC, as ChangeLog.changed_at
    seq: int | None = None
    site_id: str = ""

    def newer_changes(self, site_id: str) -> ColumnElement[bool]:
        """The change-log rows made after this export, in the database `site_id` names: by
        sequence in the database it was taken from (a change that came by sync since counts
        too), else by time."""
        if self.seq is not None and self.site_id == site_id:
            return ChangeLog.seq > self.seq
        return ChangeLog.changed_at > self.at

    def properties(self) -> dict[str, str]:
        found = {AT: self.at.isoformat(timespec="milliseconds"), SITE: self.site_id}
        if self.seq is not None:
            found[SEQ] = str(self.seq)
        return found


def stamp_now(session: Any) -> ExportStamp:
    """Taken before the export reads anything: a change committed while it reads counts as
    newer, which is safe (the file then holds the new value, and nothing differs)."""
    at = utcnow()
    seq = int(session.scalar(select(func.max(ChangeLog.seq))) or 0)  # 0: nothing logged yet
    return ExportStamp(at, seq, session.info.get("site_id", ""))


def read_stamp(path: Path) -> ExportStamp | None:
    """The stamp of an .xlsx file, None for a file without one (or one we cannot read)."""
    try:
        with zipfile.ZipFile(path) as archive:
            if _CUSTOM not in archive.namelist():
                return None
            root = ElementTree.fromstring(archive.read(_CUSTOM))
    except (zipfile.BadZipFile, ElementTree.ParseError, OSError, KeyError):
        return None
    values = {}
    for prop in root:
        if len(prop) and prop.get("name") in (AT, SEQ, SITE):
            values[prop.get("name")] = (prop[0].text or "").strip()
    try:
        at = datetime.fromisoformat(values[AT])
        seq = int(values[SEQ]) if values.get(SEQ) else None
    except (KeyError, ValueError):
        return None
    return ExportStamp(at.replace(tzinfo=None), seq, values.get(SITE, ""))
