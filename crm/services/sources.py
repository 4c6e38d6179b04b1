"""Source classes follow the bureau: when its region or level changes, every project's
`source_class` and the funds entries that took their source from it are classed again.

Fast enough for 100k projects: one read of the few columns the rule needs, the rule
(crm.places) evaluated once per distinct place, then Core UPDATEs by primary key in
executemany batches and the change log written in bulk — one `update` row per changed
record and field, as an ORM flush would write it (the log is what offline sync exchanges).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from crm import audit
from crm.bulk_insert import CompiledInsert
from crm.models import ChangeLog, FundsEntry, Project, utcnow
from crm.places import Bureau, funds_source_of
from crm.services.settings import bureau_of

PROJECT = Project.__table__
FUNDS = FundsEntry.__table__
CHUNK = 5000
ID_BATCH = 2000


@dataclass(frozen=True)
class Reclassified:
    projects: int
    funds_entries: int


def reclassify_sources(session: Session, bureau: Bureau | None = None) -> Reclassified:
    """Class every project (deleted ones too, they may be restored) and its derived funds
    sources for the bureau in Settings; write what changed, in the caller's transaction.

    A funds entry follows its project only when its source is the one the project's old
    class gave it: a source entered differently on purpose is kept."""
    bureau = bureau or bureau_of(session)
    session.flush()
    conn = session.connection()
    classes = _project_changes(conn, bureau)
    funds = _funds_changes(conn, classes)
    now = utcnow()
    actor = str(session.info.get("actor", ""))
    _apply(conn, PROJECT, "source_class", classes, actor, now)
    _apply(conn, FUNDS, "source", funds, actor, now)
    # A project's class is derived (crm.derived): not logged; its funds sources are facts.
    log = audit.bulk_update_entries(
        conn,
        "funds_entry",
        ((fid, "source", old, new) for fid, (old, new) in funds.items()),
        actor=actor,
        site_id=str(session.info.get("site_id", "")),
        changed_at=now,
    )
    writer = CompiledInsert(conn, ChangeLog.__table__)  # type: ignore[arg-type]
    for start in range(0, len(log), CHUNK):
        writer.execute(log[start : start + CHUNK])
    # Objects loaded before the Core UPDATEs would show the old classes.
    session.expire_all()
    return Reclassified(len(classes), len(funds))


Changes = dict[str, tuple[str | None, str | None]]


def _project_changes(conn, bureau: Bureau) -> Changes:
    """id → (old class, new class) for the projects whose class changes."""
    memo: dict[tuple[str | None, str | None], str | None] = {}
    changes: Changes = {}
    rows = conn.execute(
        select(
            PROJECT.c.id,
            PROJECT.c.source_region_code,
            PROJECT.c.source_country_code,
            PROJECT.c.source_class,
        )
    )
    for pid, region, country, old in rows:
        key = (region, country)
        if key not in memo:
            klass = bureau.source_class(region, country)
            memo[key] = klass.value if klass else None
        new = memo[key]
        if new != old:
            changes[pid] = (old, new)
    return changes


def _funds_changes(conn, classes: Changes) -> Changes:
    if not classes:
        return {}
    changes: Changes = {}
    rows = conn.execute(select(FUNDS.c.id, FUNDS.c.project_id, FUNDS.c.source))
    for fid, pid, source in rows:
        change = classes.get(pid)
        if change is None or source != funds_source_of(change[0]):
            continue
        new = funds_source_of(change[1])
        if new != source:
            changes[fid] = (source, new)
    return changes


def _apply(conn, table, column: str, changes: Changes, actor: str, now) -> None:
    """One UPDATE per new value and batch of ids: a few hundred statements for 100k rows,
    the values bound once each (SQLite allows 32766 parameters; PostgreSQL more)."""
    by_value: dict[str | None, list[str]] = {}
    for rid, (_, new) in changes.items():
        by_value.setdefault(new, []).append(rid)
    statement = (
        update(table)
        .where(table.c.id.in_(bindparam("ids", expanding=True)))
        .values({column: bindparam("new"), "updated_at": now, "updated_by": actor})
    )
    for new, ids in by_value.items():
        for start in range(0, len(ids), ID_BATCH):
            conn.execute(statement, {"ids": ids[start : start + ID_BATCH], "new": new})
