"""The change log as people read it (工具 → 操作记录): who changed what and when.

Filtered by user, table and date, newest first, with the record's name where it has one.
Only roles allowed `view_audit` read it (crm.access); sign-ins are crm.accounts.sign_in_log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import literal, select
from sqlalchemy.orm import Session

from crm.access import require_in
from crm.accounts import author_labels
from crm.changes import WHOLE_RECORD
from crm.codes import Stage
from crm.models import (
    Activity,
    ChangeLog,
    Company,
    CompanyTag,
    CompletionEntry,
    Contact,
    DispatchProfile,
    EnterpriseLiaison,
    EnterpriseRequest,
    FundsEntry,
    InvestmentIncrease,
    ListEntry,
    Park,
    Problem,
    Project,
    Setting,
    StageEvent,
    TagKindRef,
    Team,
    TeamMember,
    TeamTarget,
)
from crm.queries.logged_names import logged_values, record_names, reference_names
from crm.sqlin import chunks, in_ids

#: The table of setting changes: the record is the setting's key, the values JSON text.
SETTING_TABLE = Setting.__tablename__
#: Tables whose records have a name to show beside the id.
_NAMED = {"project": Project, "company": Company, "team": Team, "park": Park}
#: Fields that hold the id of a named record: their values are shown by name.
_ID_FIELDS = {"project_id": "project", "company_id": "company", "team_id": "team"}


@dataclass(frozen=True)
class AuditFilter:
    user: str = ""
    table: str = ""
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class AuditRow:
    changed_at: datetime
    changed_by: str
    table_name: str
    record_id: str
    record_name: str
    op: str
    field: str
    old_value: str | None
    new_value: str | None
    #: The names of id values (a team's name for team_id), else "".
    old_name: str = ""
    new_name: str = ""
    #: A record loaded whole (field `*`): the names its reference fields' values stand for.
    record_names: tuple[tuple[str, str], ...] = ()


def audit_rows(
    session: Session, flt: AuditFilter, *, limit: int = 5000, language: str = "zh"
) -> list[AuditRow]:
    """The newest `limit` changes matching `flt` (reference names in `language`)."""
    require_in(session, "view_audit")
    log = ChangeLog
    query = select(
        log.changed_at,
        log.changed_by,
        log.table_name,
        log.record_id,
        log.op,
        log.field,
        log.old_value,
        log.new_value,
    )
    if flt.user:
        query = query.where(log.changed_by == flt.user)
    if flt.table:
        query = query.where(log.table_name == flt.table)
    if flt.date_from:
        query = query.where(log.changed_at >= datetime.combine(flt.date_from, time.min))
    if flt.date_to:
        end = datetime.combine(flt.date_to + timedelta(days=1), time.min)
        query = query.where(log.changed_at < end)
    rows = session.execute(query.order_by(log.changed_at.desc(), log.id).limit(limit)).all()
    keys = {(r.table_name, r.record_id) for r in rows}
    for r in rows:
        if r.field in _ID_FIELDS:
            keys |= {(_ID_FIELDS[r.field], v) for v in (r.old_value, r.new_value) if v}
    names = _record_names(session, keys)
    names |= _part_names(session, keys, language)
    names |= _owner_names(session, keys - names.keys())
    authors = author_labels(session, (r.changed_by for r in rows))
    loaded = [r for r in rows if r.field == WHOLE_RECORD]
    inner = reference_names(session, logged_values(loaded), language)

    def name_of(field: str, value: str | None) -> str:
        return names.get((_ID_FIELDS[field], value or ""), "") if field in _ID_FIELDS else ""

    return [
        AuditRow(
            r.changed_at,
            authors.get(r.changed_by, r.changed_by),
            r.table_name,
            r.record_id,
            names.get((r.table_name, r.record_id), ""),
            r.op,
            r.field,
            r.old_value,
            r.new_value,
            name_of(r.field, r.old_value),
            name_of(r.field, r.new_value),
            record_names(r.field, r.new_value, inner),
        )
        for r in rows
    ]


Names = dict[tuple[str, str], str]


def _looked_up(
    session: Session, keys: set[tuple[str, str]], table_name: str, key: Any, query: Any
) -> list[Any]:
    """The rows of `query` (its first column the record's `key`) for the records of
    `table_name` among `keys`, read in chunks of ids."""
    connection = session.connection()
    ids = sorted(record_id for t, record_id in keys if t == table_name)
    return [
        row
        for chunk in chunks(connection, ids)
        for row in session.execute(query.where(in_ids(connection, key, chunk)))
    ]


def _record_names(session: Session, keys: set[tuple[str, str]]) -> Names:
    named = {t: (m.id, m.name) for t, m in _NAMED.items()}
    named["tag_kind"] = (TagKindRef.code, TagKindRef.name_zh)  # a list kind's record is its code
    return {
        (table_name, record_id): name
        for table_name, (key, name_column) in named.items()
        for record_id, name in _looked_up(session, keys, table_name, key, select(key, name_column))
    }


#: Records that belong to a project: shown by the project's name (a stage entry with its stage).
_PARTS = {"stage_event": StageEvent, "funds_entry": FundsEntry, "problem": Problem,
          "activity": Activity, "investment_increase": InvestmentIncrease,
          "completion_entry": CompletionEntry, "project_list_entry": ListEntry,
          "dispatch_profile": DispatchProfile}  # fmt: skip
#: Records of a company (an activity without a project too): shown by the company's name.
_COMPANY_PARTS = {"enterprise_request": EnterpriseRequest, "activity": Activity,
                  "company_tag": CompanyTag, "enterprise_liaison": EnterpriseLiaison,
                  "contact": Contact}  # fmt: skip
#: Records of a team: shown by the team's name.
_TEAM_PARTS = {"team_member": TeamMember, "team_target": TeamTarget}


def _part_names(session: Session, keys: set[tuple[str, str]], language: str) -> Names:
    """深圳电池项目 · 签约 for a stage entry, the project's name for its funds and problems."""
    names: Names = {}
    for table_name, model in _PARTS.items():
        stage = model.stage if model is StageEvent else literal(None)
        query = select(model.id, Project.name, stage).join(Project, Project.id == model.project_id)
        found = _looked_up(session, keys, table_name, model.id, query)
        for record_id, project_name, code in found:
            label = _stage_label(code, language)
            names[(table_name, record_id)] = f"{project_name} · {label}" if label else project_name
    return names


def _owner_names(session: Session, keys: set[tuple[str, str]]) -> Names:
    """A record of a company (a request, a list membership, a contact, an activity with no
    project) by its company's name; of a team (a member, a target) by the team's."""
    owners = [(_COMPANY_PARTS, Company, "company_id"), (_TEAM_PARTS, Team, "team_id")]
    return {
        (table_name, record_id): owner_name
        for parts, owner, column in owners
        for table_name, model in parts.items()
        for record_id, owner_name in _looked_up(
            session,
            keys,
            table_name,
            model.id,
            select(model.id, owner.name).join(owner, owner.id == getattr(model, column)),
        )
    }


def _stage_label(code: str | None, language: str) -> str:
    if not code:
        return ""
    try:
        return Stage(code).label(language)
    except ValueError:
        return code


def audit_users(session: Session) -> list[tuple[str, str]]:
    """Everyone who has changed something, for the user filter: (as logged, as shown)."""
    require_in(session, "view_audit")
    logged = sorted(session.scalars(select(ChangeLog.changed_by).distinct()))
    labels = author_labels(session, logged)
    return [(who, labels.get(who, who)) for who in logged]


def audit_tables(session: Session) -> list[str]:
    require_in(session, "view_audit")
    return sorted(session.scalars(select(ChangeLog.table_name).distinct()))
