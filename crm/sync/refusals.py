"""What a paired site may change here: its changes checked record by record with crm.access.

A site paired with an account (`crm sync pair FILE --as LOGIN`) gets that account's rights:
a team laptop may change its own team's projects (and their activities, problems, funds and
stage history) but not another team's. All the changes of a record that the account may not
write are refused together, listed, and never written; the rest are applied.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, select, update
from sqlalchemy.orm import Session

from crm.access import PROJECT_PARTS, TEAM_PARTS, Actor, Scope, authorize, require_in
from crm.changes import WHOLE_RECORD, whole_record_values
from crm.models import Base, SyncPeer, UserAccount
from crm.sqlin import chunks, in_ids
from crm.sync.shared_settings import SETTING_FIELD, SETTING_TABLE


@dataclass(frozen=True)
class Refusal:
    """The changes of one record that were refused, and why (both languages)."""

    table_name: str
    record_id: str
    changes: int
    reason_zh: str
    reason_en: str
    #: What people call the record: its name, or for a record of a project (an activity, a
    #: funds entry …) the project's (`of_project`); '' when it has neither (a setting is
    #: named by its key).
    name: str = ""
    of_project: bool = False

    def line(self, label: str, zh: bool) -> str:
        """One sentence for the person who synced: `label` is the table's name for people."""
        if zh:
            what = (
                f"项目“{self.name}”的{label}"
                if self.of_project
                else f"{label}“{self.name}”"
                if self.name
                else f"{label} {self.record_id}"
            )
            return f"已拒绝：{what}（{self.changes} 项修改）：{self.reason_zh}"
        what = (
            f"{label} of project '{self.name}'"
            if self.of_project
            else f"{label} '{self.name}'"
            if self.name
            else f"{label} {self.record_id}"
        )
        return f"refused: {what} ({self.changes} changes): {self.reason_en}"


def peer_actor(conn: Connection, sender_site: str) -> Actor | None:
    """The account a peer's changes are checked against; None: a peer with every right."""
    from crm.accounts import actor_of_account

    login = conn.scalar(select(SyncPeer.login).where(SyncPeer.site_id == sender_site))
    if not login:
        return None
    account = conn.execute(select(UserAccount).where(UserAccount.login == login)).first()
    if account is None:  # an account removed since pairing: no rights at all
        return Actor(login=login, roles=frozenset())
    return actor_of_account(UserAccount(**account._mapping))


def bind_peer(session: Session, site_id: str, login: str) -> None:
    """Check the changes of `site_id` against the rights of account `login` from now on."""
    require_in(session, "manage_users")
    from crm.accounts import no_user

    if session.scalar(select(UserAccount.id).where(UserAccount.login == login)) is None:
        raise no_user(login)
    bind_signed_in_peer(session.connection(), site_id, login)


def bind_signed_in_peer(conn: Connection, site_id: str, login: str) -> None:
    """A site that syncs with the hub under an account gets that account's rights there (it
    can only lower the site's rights, so no administrator is needed)."""
    conn.execute(update(SyncPeer).where(SyncPeer.site_id == site_id).values(login=login))


def _values_by_record(changes: Sequence[dict[str, Any]]) -> dict[tuple[str, str], dict]:
    """Per record, the fields the batch sets (text form), and how many changes it holds."""
    records: dict[tuple[str, str], dict] = {}
    for change in changes:
        key = (change["table_name"], change["record_id"])
        entry = records.setdefault(key, {"count": 0, "values": {}})
        entry["count"] += 1
        if change["field"] == WHOLE_RECORD:
            entry["values"].update(whole_record_values(change["new_value"]))
        else:
            entry["values"][change["field"]] = change["new_value"]
    return records


def _stored(conn: Connection, table: Table, ids: list[str], columns: list[str]) -> dict:
    rows: dict[str, dict[str, Any]] = {}
    for chunk in chunks(conn, ids):
        query = select(table.c.id, *(table.c[c] for c in columns)).where(
            in_ids(conn, table.c.id, chunk)
        )
        for row in conn.execute(query):
            rows[row[0]] = dict(zip(columns, row[1:], strict=True))
    return rows


def refuse(
    conn: Connection, actor: Actor, changes: Sequence[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[Refusal]]:
    """Split `changes` into those `actor` may make here and the refused records."""
    records = _values_by_record(changes)
    tables = Base.metadata.tables
    by_table: dict[str, list[str]] = {}
    for table_name, record_id in records:
        by_table.setdefault(table_name, []).append(record_id)
    stored: dict[str, dict] = {}
    for table_name, ids in by_table.items():
        table = tables.get(table_name)
        if table is not None and "id" not in table.c:
            table = None  # the bureau's settings (keyed by name): checked as settings below
        columns = [
            c
            for c in ("team_id", "project_id", "stage", "name")
            if table is not None and c in table.c
        ]
        stored[table_name] = _stored(conn, table, ids, columns) if table is not None else {}
    project_ids = {
        v.get("project_id") or (stored[t].get(r) or {}).get("project_id")
        for (t, r), v in ((k, e["values"]) for k, e in records.items())
        if t in PROJECT_PARTS or t == "activity"
    }
    project_ids.discard(None)
    stored_projects = _stored(conn, tables["project"], sorted(project_ids), ["team_id", "name"])

    def project_teams(project_id: str | None) -> list[str | None]:
        found = set()
        if project_id in stored_projects:
            found.add(stored_projects[project_id]["team_id"])
        arriving = records.get(("project", project_id or ""), {}).get("values", {})
        if "team_id" in arriving:
            found.add(arriving["team_id"])
        return sorted(found, key=str) or [None]

    refused: set[tuple[str, str]] = set()
    refusals: list[Refusal] = []
    for (table_name, record_id), entry in records.items():
        old = stored.get(table_name, {}).get(record_id)
        if table_name == SETTING_TABLE:
            if _same_setting(conn, record_id, entry["values"]):
                continue  # the laptop set what the bureau has: no change to refuse
            decision = authorize(actor, "change_settings")
        else:
            scope = _scope(table_name, record_id, old, entry["values"], project_teams)
            decision = authorize(actor, "create" if old is None else "edit", scope)
        if not decision:
            refused.add((table_name, record_id))
            name, of_project = _name(entry["values"], old or {}, stored_projects, records)
            refusals.append(
                Refusal(
                    table_name,
                    record_id,
                    entry["count"],
                    decision.reason_zh,
                    decision.reason_en,
                    name,
                    of_project,
                )
            )
    allowed = [c for c in changes if (c["table_name"], c["record_id"]) not in refused]
    return allowed, refusals


def _name(
    values: dict[str, Any], old: dict[str, Any], projects: dict[str, dict], records: dict
) -> tuple[str, bool]:
    """A refused record's name as it arrived or is stored here, else its project's."""
    name = values.get("name") or old.get("name")
    if name:
        return str(name), False
    project_id = values.get("project_id") or old.get("project_id")
    if not project_id:
        return "", False
    arriving = records.get(("project", project_id), {}).get("values", {})
    project = arriving.get("name") or projects.get(project_id, {}).get("name")
    return (str(project), True) if project else ("", False)


def _same_setting(conn: Connection, key: str, values: dict[str, Any]) -> bool:
    """The arriving value of a setting is the one stored here already."""
    from crm.models import Setting

    stored = conn.execute(select(Setting.value).where(Setting.key == key)).scalar()
    arriving = values.get(SETTING_FIELD)
    return stored is not None and arriving is not None and stored == arriving


def _teams(old: dict, new: dict, column: str) -> set[Any]:
    """The values of `column` before and after (a record moved between teams is both's)."""
    return {old[column] if column in old else new.get(column), new.get(column, old.get(column))}


def _scope(
    table_name: str, record_id: str, old: dict | None, new: dict, project_teams: Any
) -> Scope:
    old = old or {}
    if table_name == "project":
        teams = _teams(old, new, "team_id")
        stage = new.get("stage") or old.get("stage") or "lead"
        return Scope(table_name, tuple(sorted(teams, key=str)), stage=stage)
    if table_name in PROJECT_PARTS or (
        table_name == "activity" and (new.get("project_id") or old.get("project_id"))
    ):
        ids = _teams(old, new, "project_id") - {None}
        teams = {t for pid in ids for t in project_teams(pid)}
        return Scope(table_name, tuple(sorted(teams, key=str)))
    if table_name == "activity" or table_name in TEAM_PARTS:
        return Scope(table_name, tuple(sorted(_teams(old, new, "team_id"), key=str)))
    if table_name == "team":
        return Scope(table_name, (record_id,))
    return Scope(table_name)
