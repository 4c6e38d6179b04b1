"""The conflict list and how a person settles an entry (docs/sync.md, rules 2–6).

Settling writes a new change like any other — a chosen value that replaces the winner and
supersedes the loser, a delete that has seen the concurrent edits, or a restore — and applies
it through the same path as changes from other sites, so the decision syncs everywhere.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import Connection, and_, func, select
from sqlalchemy.orm import Session

from crm import access, audit
from crm.changes import DELETED_AT, Change, RecordChanges, decode_ids, encode_ids
from crm.errors import NotFoundError, ValidationError
from crm.hlc import CLOCK
from crm.models import ChangeLog, Company, Park, Programme, Project, Team, new_id, short_id
from crm.models.sync import SyncConflict, SyncPeer
from crm.sync.apply import SYNCED_TABLES, apply_changes
from crm.sync.conflict_rows import refresh_conflicts
from crm.sync.peers import site_name

#: How a conflict can be settled, per kind.
KEEP_WINNER, KEEP_LOSER, DELETE, RESTORE = "winner", "loser", "delete", "restore"


@dataclass(frozen=True)
class Side:
    change_id: str
    value: str | None
    by: str
    at: datetime | None
    site_id: str
    field: str = ""
    #: The site's name for people (this site's own, a peer's); "" when this site does not
    #: know it (a site it hears of only through a peer).
    site_name: str = ""
    #: Made on this site.
    here: bool = False
    #: Its clock stamp: the sides of a delete's edits are listed in the order they were made.
    hlc: str = ""


@dataclass(frozen=True)
class ConflictView:
    id: str
    kind: str  # field / delete / unique / rule
    table_name: str
    record_id: str
    record_label: str
    field: str
    winner: Side | None
    loser: Side | None
    detail: str
    #: An edit against a delete: the edits the delete had not seen.
    edits: tuple[Side, ...] = ()


def list_conflicts(session: Session) -> list[ConflictView]:
    rows = session.scalars(
        select(SyncConflict).order_by(
            SyncConflict.table_name, SyncConflict.record_id, SyncConflict.field
        )
    ).all()
    edits = {r.id: decode_ids(r.detail) if r.kind == "delete" else [] for r in rows}
    change_ids = {i for r in rows for i in (r.winner_id, r.loser_id, *edits[r.id]) if i}
    changes = _changes_by_id(session, change_ids)
    if changes:
        changes = _with_site_names(session, changes)
    labels = _labels(session, rows)
    return [
        ConflictView(
            r.id,
            r.kind,
            r.table_name,
            r.record_id,
            labels.get((r.table_name, r.record_id), short_id(r.record_id)),
            r.field,
            changes.get(r.winner_id or ""),
            changes.get(r.loser_id or ""),
            r.detail,
            tuple(
                sorted(
                    (changes[i] for i in edits[r.id] if i in changes),
                    key=lambda e: (e.hlc, e.site_id, e.change_id),
                )
            ),
        )
        for r in rows
    ]


def _changes_by_id(session: Session, ids: set[str]) -> dict[str, Side]:
    found: dict[str, Side] = {}
    id_list = sorted(ids)
    for start in range(0, len(id_list), 500):
        query = select(
            ChangeLog.id,
            ChangeLog.new_value,
            ChangeLog.changed_by,
            ChangeLog.changed_at,
            ChangeLog.site_id,
            ChangeLog.field,
            ChangeLog.hlc,
        ).where(ChangeLog.id.in_(id_list[start : start + 500]))
        for change_id, value, by, at, site, field_name, hlc in session.execute(query):
            found[change_id] = Side(change_id, value, by, at, site, field_name, hlc=hlc)
    return found


def _with_site_names(session: Session, changes: dict[str, Side]) -> dict[str, Side]:
    """Each side with the name of the site that made it: who made a change is not enough
    when one person's name travels on every copy of a ledger (user test 3, finding 3)."""
    conn = session.connection()
    names = {row.site_id: row.name for row in conn.execute(select(SyncPeer.site_id, SyncPeer.name))}
    own = session.info.get("site_id") or ""
    if own:
        names[own] = site_name(conn)
    return {
        key: replace(side, site_name=names.get(side.site_id, ""), here=side.site_id == own)
        for key, side in changes.items()
    }


def _labels(session: Session, rows: list[SyncConflict]) -> dict[tuple[str, str], str]:
    labels: dict[tuple[str, str], str] = {}
    by_table: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        by_table[row.table_name].append(row.record_id)
    # Parks, teams and programmes: a newcomer marked （重复 …） is listed by that name.
    for model in (Project, Company, Park, Team, Programme):
        ids = by_table.get(model.__tablename__, [])
        for start in range(0, len(ids), 500):
            query = select(model.id, model.name).where(model.id.in_(ids[start : start + 500]))
            for record_id, name in session.execute(query):
                labels[(model.__tablename__, record_id)] = name
    return labels


def resolve_conflict(
    session: Session,
    conflict_id: str,
    *,
    keep: str,
    site_id: str,
    actor: str,
    value: str | None = None,
) -> int:
    """Settle one conflict (`keep`: winner / loser / delete / restore, or `value` for a
    field); returns how many conflicts remain on the record."""
    access.require_in(session, "resolve_conflict")
    conflict = session.get(SyncConflict, conflict_id)
    if conflict is None:
        raise NotFoundError(
            f"找不到冲突：{conflict_id}（可能已被处理）",
            f"No such conflict: {conflict_id} (it may have been settled already)",
        )
    table_name, record_id = conflict.table_name, conflict.record_id
    table = SYNCED_TABLES[table_name]
    conn = session.connection()
    record = audit.record_changes(conn, table, [conflict.record_id])[conflict.record_id]
    session.flush()
    if keep == RESTORE:
        _refuse_restoring_a_merged_record(session, table_name, record_id)
    change = _decision(conflict, record, keep=keep, value=value)
    stamp = max(c.hlc for c in record.by_id.values())
    CLOCK.observe(stamp)
    row = {
        "id": new_id(),
        "table_name": conflict.table_name,
        "record_id": conflict.record_id,
        "op": change.pop("op"),
        "old_value": None,
        "changed_by": actor,
        "changed_at": datetime.now(UTC).replace(tzinfo=None),
        "hlc": CLOCK.now(),
        "site_id": site_id,
        "context": None,
        "supersedes": None,
        **change,
    }
    apply_changes(conn, [row], sender_name="")
    session.expire_all()
    return int(
        session.scalar(
            select(func.count())
            .select_from(SyncConflict)
            .where(SyncConflict.table_name == table_name, SyncConflict.record_id == record_id)
        )
        or 0
    )


def _decision(
    conflict: SyncConflict, record: RecordChanges, *, keep: str, value: str | None
) -> dict[str, object]:
    winner = record.winner(conflict.field)
    if conflict.kind == "field":
        losers = [c.id for c in record.conflicts(conflict.field)]
        if value is None:
            chosen = _side(record, conflict, keep)
            value = chosen.value if chosen else None
        return {
            "op": "update",
            "field": conflict.field,
            "new_value": value,
            "prev_id": winner.id if winner else None,
            "supersedes": encode_ids(losers),
        }
    if conflict.kind == "delete":
        if keep == DELETE:
            return {
                "op": "delete",
                "field": DELETED_AT,
                "new_value": audit.encode(datetime.now(UTC).replace(tzinfo=None)),
                "prev_id": winner.id if winner else None,
                "context": encode_ids(record.head_ids()),
            }
        if keep == RESTORE:
            return {
                "op": "restore",
                "field": DELETED_AT,
                "new_value": None,
                "prev_id": winner.id if winner else None,
            }
    raise ValidationError(
        "keep",
        keep,
        "这类冲突请在记录上直接修改（例如另设项目编号或合并重复项目）后自动消除。",
        "Settle this kind of conflict by editing the record (e.g. give it another code, "
        "or merge the duplicates); it then clears by itself.",
        code="not_settled_here",
    )


def _refuse_restoring_a_merged_record(session: Session, table_name: str, record_id: str) -> None:
    """A record deleted by a merge gave its funds, activities … to the survivor: restored, it
    would stand as an empty copy still marked merged (user test 2, F18). The edit it met is
    made on the survivor instead."""
    model = {"project": Project, "company": Company}.get(table_name)
    found = session.get(model, record_id) if model is not None else None
    survivor_id = getattr(found, "merged_into_id", None)
    if not survivor_id:
        return
    survivor = session.get(model, survivor_id)
    name = getattr(survivor, "code", None) or getattr(survivor, "name", survivor_id)
    raise ValidationError(
        "keep",
        RESTORE,
        f"这条记录已合并到“{name}”，它的到位资金、跟进记录等已移过去，不能恢复：请保留删除"
        f"（--keep delete），把另一方的修改在“{name}”上补录。",
        f"This record was merged into '{name}', which took its funds, activities and the "
        f"rest; it cannot be restored: keep the delete (--keep delete) and make the other "
        f"side's edits on '{name}'.",
        code="merged_record",
    )


def _side(record: RecordChanges, conflict: SyncConflict, keep: str) -> Change | None:
    if keep == KEEP_WINNER:
        return record.winner(conflict.field)
    if keep == KEEP_LOSER:
        return record.by_id.get(conflict.loser_id or "")
    raise ValidationError(
        "keep",
        keep,
        "请选择保留哪一个值（winner 或 loser），或给出新值。",
        "Choose which value to keep (winner or loser), or give a new value.",
        code="bad_choice",
    )


def refresh_touched(conn: Connection, touched: dict[str, set[str]]) -> None:
    """After a local commit: records with open conflicts are checked again (a local edit may
    have settled or changed them)."""
    for table_name, ids in touched.items():
        if table_name not in SYNCED_TABLES or not ids:
            continue
        id_list = sorted(ids)
        open_ids: set[str] = set()
        for start in range(0, len(id_list), 500):
            open_ids.update(
                conn.scalars(
                    select(SyncConflict.record_id).where(
                        and_(
                            SyncConflict.table_name == table_name,
                            SyncConflict.record_id.in_(id_list[start : start + 500]),
                        )
                    )
                )
            )
        if open_ids:
            refresh_conflicts(conn, SYNCED_TABLES[table_name], open_ids)


@dataclass(frozen=True)
class DuplicateGroup:
    """Records that look like one record made twice (e.g. on two laptops offline)."""

    table_name: str
    key: str
    ids: tuple[str, ...]
    names: tuple[str, ...]
    #: Who entered each record and when ("李明 2026-11-20"): the names alone are alike.
    made: tuple[str, ...] = ()
    #: What tells the records apart, one per record: a project's code, a company's USCC
    #: (either is what `crm merge` takes besides the id); "" when it has none.
    codes: tuple[str, ...] = ()
    #: A project's resident team ("" when none); empty for companies.
    teams: tuple[str, ...] = ()
    #: A project's stage code (crm.codes.Stage); empty for companies.
    stages: tuple[str, ...] = ()
    #: The investor all the projects of the group belong to; "" for companies.
    investor: str = ""


def possible_duplicates(session: Session) -> list[DuplicateGroup]:
    groups = []
    company_keys = (
        select(Company.name_normalized)
        .where(Company.deleted_at.is_(None), Company.name_normalized != "")
        .group_by(Company.name_normalized)
        .having(func.count() > 1)
    )
    for key in session.scalars(company_keys):
        rows = session.execute(
            select(Company.id, Company.name, Company.created_by, Company.created_at, Company.uscc)
            .where(Company.deleted_at.is_(None), Company.name_normalized == key)
            .order_by(Company.created_at, Company.id)
        ).all()
        ids, names, made = _ids_names(rows)
        codes = tuple(r.uscc or "" for r in rows)
        groups.append(DuplicateGroup("company", key, ids, names, made, codes))
    project_keys = (
        select(Project.company_id, Project.name_normalized)
        .where(Project.deleted_at.is_(None), Project.company_id.is_not(None))
        .group_by(Project.company_id, Project.name_normalized)
        .having(func.count() > 1)
    )
    for company_id, key in session.execute(project_keys):
        rows = session.execute(
            select(
                Project.id,
                Project.name,
                Project.created_by,
                Project.created_at,
                Project.code,
                Team.name.label("team"),
                Project.stage,
            )
            .outerjoin(Team, Team.id == Project.team_id)
            .where(
                Project.deleted_at.is_(None),
                Project.company_id == company_id,
                Project.name_normalized == key,
            )
            # Oldest first: the record entered first is usually the one to keep.
            .order_by(Project.created_at, Project.id)
        ).all()
        ids, names, made = _ids_names(rows)
        groups.append(
            DuplicateGroup(
                "project",
                key,
                ids,
                names,
                made,
                tuple(r.code or "" for r in rows),
                tuple(r.team or "" for r in rows),
                tuple(r.stage or "" for r in rows),
                str(session.scalar(select(Company.name).where(Company.id == company_id)) or ""),
            )
        )
    # A stable order for people (and for a preview's before/after comparison).
    return sorted(groups, key=lambda g: (g.table_name, g.names[0], g.ids))


def _ids_names(rows: list) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    made = tuple(f"{r[2] or ''} {r[3]:%Y-%m-%d}".strip() if r[3] else r[2] or "" for r in rows)
    return tuple(r[0] for r in rows), tuple(r[1] for r in rows), made


#: The ledger sheet whose column headers name a synced table's fields.
_SHEETS = {
    "project": "projects",
    "company": "companies",
    "contact": "contacts",
    "park": "parks",
    "funds_entry": "funds",
    "team": "teams",
    "activity": "activities",
    "problem": "problems",
}


def field_label(table_name: str, field: str, language: str = "zh") -> str:
    """A conflicting field as people call it: the ledger's column header (责任人), the
    services' name for a reference (工作队), else the field's code."""
    from crm.ledger.field_names import field_label as ledger_label
    from crm.ledger.fields import FIELDS

    if field == DELETED_AT:
        return "删除" if not language.startswith("en") else "deletion"
    sheet = _SHEETS.get(table_name, table_name)
    if language.startswith("en"):
        found = next((f.label_en for f in FIELDS.get(sheet, ()) if f.name == field), "")
        return found or field.replace("_", " ")
    return ledger_label(sheet, field)


__all__ = ["decode_ids"]
