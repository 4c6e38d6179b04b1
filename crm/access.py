"""Who may do what: the one authorization function and the actor a session carries.

`authorize(actor, action, scope)` answers every question; `require` raises the answer as a
readable error. The rules are fixed (a bureau may rename the role labels, crm.codes.Role):

- viewer: reads what is not confidential, prints briefs;
- member: + edits the projects, activities and problems of their own team (and the stage
  history, funds and increases of those projects), creates leads for their team;
- leader: + the team's targets and members, exports the team's sync package;
- staff: everything in the ledger, imports and exports, sync import;
- manager: + signs off briefs, resolves sync conflicts;
- admin: + users, settings, backups and restore (an administrator may do everything).

Confidential projects are seen only by their own team and by staff and above.

The actor rides on the session (`session.info["access"]`, set by `Database.session/read`);
a session without one acts as the local profile, an administrator: a single-user laptop
without accounts works as before. Writes are checked once per flush for every domain row
(`_check_flush`), so no service can forget the rule; reads filter with `visible_projects`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, event, false, inspect, or_, select, true
from sqlalchemy.orm import Session

from crm.codes import Role, Stage
from crm.errors import CrmError

#: Tables whose records belong to one project (their team is the project's).
PROJECT_PARTS = frozenset({"stage_event", "funds_entry", "investment_increase", "problem"})
#: Tables whose records belong to one team (their targets and members).
TEAM_PARTS = frozenset({"team_member", "team_target"})
#: The roles that see and change everything in the ledger.
LEDGER_ROLES = frozenset({Role.STAFF, Role.MANAGER, Role.ADMIN})

#: Actions that need no record, and the roles allowed them.
ACTIONS: dict[str, frozenset[Role]] = {
    "read": frozenset(Role),
    "print_brief": frozenset(Role),
    "view_audit": LEDGER_ROLES,
    "export_ledger": LEDGER_ROLES,
    "import_ledger": LEDGER_ROLES,
    "sync_import": LEDGER_ROLES,
    "define_list": LEDGER_ROLES,
    "sync_export": frozenset({Role.LEADER}) | LEDGER_ROLES,
    "sign_off_brief": frozenset({Role.MANAGER, Role.ADMIN}),
    "resolve_conflict": frozenset({Role.MANAGER, Role.ADMIN}),
    "manage_users": frozenset({Role.ADMIN}),
    "change_settings": frozenset({Role.ADMIN}),
    "backup": frozenset({Role.ADMIN}),
    "restore": frozenset({Role.ADMIN}),
    "view_sign_ins": frozenset({Role.ADMIN}),
}
#: Record actions (`edit`, `create`, `see`), checked against a Scope.
RECORD_ACTIONS = frozenset({"edit", "create", "see"})

ACTION_LABELS: dict[str, tuple[str, str]] = {
    "read": ("查看数据", "read data"),
    "print_brief": ("打印简报", "print briefs"),
    "view_audit": ("查看操作记录", "see the change log"),
    "export_ledger": ("导出台账", "export the ledger"),
    "import_ledger": ("导入台账", "import ledgers"),
    "sync_import": ("导入同步包", "import sync packages"),
    "define_list": ("新建企业名单", "define company lists"),
    "sync_export": ("导出同步包", "export sync packages"),
    "sign_off_brief": ("签发简报", "sign off briefs"),
    "resolve_conflict": ("处理同步冲突", "resolve sync conflicts"),
    "manage_users": ("管理用户", "manage users"),
    "change_settings": ("修改设置", "change settings"),
    "backup": ("备份", "make backups"),
    "restore": ("恢复备份", "restore backups"),
    "view_sign_ins": ("查看登录记录", "see sign-ins"),
    "edit": ("修改这条记录", "change this record"),
    "create": ("新建这条记录", "create this record"),
    "see": ("查看这条记录", "see this record"),
}


@dataclass(frozen=True)
class Actor:
    """The person a session acts for: login (what the change log records), name, roles, team."""

    login: str
    name: str = ""
    roles: frozenset[Role] = frozenset({Role.ADMIN})
    team_id: str | None = None
    user_id: str | None = None

    @property
    def sees_all(self) -> bool:
        return bool(self.roles & LEDGER_ROLES)

    def has(self, *roles: Role) -> bool:
        return bool(self.roles & set(roles))

    @property
    def label(self) -> str:
        return self.name or self.login


#: Scripts and start-up work (migrations, reference data): every right.
SYSTEM = Actor(login="system", name="system")
#: A database with accounts before anyone signed in: no right at all.
NOBODY = Actor(login="", name="未登录", roles=frozenset())


def local_actor(name: str, team_id: str | None = None) -> Actor:
    """The local profile of a database without accounts: an administrator, named as set."""
    return Actor(login=name, name=name, roles=frozenset({Role.ADMIN}), team_id=team_id or None)


@dataclass(frozen=True)
class Scope:
    """What a record action is about: the table, the record's team(s), confidentiality, and
    for a new project its stage (a member creates leads only)."""

    table: str
    team_ids: tuple[str | None, ...] = ()
    confidential: bool = False
    stage: str | None = None


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason_zh: str = ""
    reason_en: str = ""

    def __bool__(self) -> bool:
        return self.allowed


class AccessDenied(CrmError):
    code = "access_denied"


ALLOWED = Decision(True)


def authorize(actor: Actor, action: str, scope: Scope | None = None) -> Decision:
    """The one rule: may `actor` do `action` (on the record described by `scope`)?"""
    if action in ACTIONS:
        return ALLOWED if actor.roles & ACTIONS[action] else _denied(actor, action)
    if action not in RECORD_ACTIONS or scope is None:
        raise ValueError(f"unknown action {action!r} or no scope")
    if actor.sees_all:
        return ALLOWED
    own = bool(actor.team_id) and all(t == actor.team_id for t in scope.team_ids)
    if action == "see":
        return ALLOWED if not scope.confidential or own else _denied(actor, action)
    if not own or not scope.team_ids:
        return _denied(actor, action)
    if scope.table in TEAM_PARTS:
        return ALLOWED if actor.has(Role.LEADER) else _denied(actor, action)
    if scope.table not in PROJECT_PARTS and scope.table not in ("project", "activity"):
        return _denied(actor, action)
    if not actor.has(Role.MEMBER, Role.LEADER):
        return _denied(actor, action)
    if action == "create" and scope.table == "project" and scope.stage != Stage.LEAD:
        return _denied(actor, action)
    return ALLOWED


#: The roles that may write anything at all.
WRITER_ROLES = frozenset({Role.MEMBER, Role.LEADER}) | LEDGER_ROLES
READ_ONLY = Decision(False, "只读账户不能修改数据。", "A read-only account cannot change data.")
OTHER_TEAM = Decision(
    False, "只能修改本工作队的记录。", "Only your own team's records can be changed."
)


def may_write(
    actor: Actor, table: str, team_ids: Iterable[str | None] | None = None, *, create: bool = False
) -> Decision:
    """May `actor` write (`create`: add) a record of `table` belonging to `team_ids`? None:
    a record of the actor's own team (what a New button or a list without selection asks);
    () a record of no team (companies, merges). A refusal says why in a few words, for the
    tooltip of a disabled button."""
    if not actor.roles & WRITER_ROLES:
        return READ_ONLY
    teams = (actor.team_id,) if team_ids is None else tuple(team_ids)
    stage = Stage.LEAD if create and table == "project" else None
    decision = authorize(actor, "create" if create else "edit", Scope(table, teams, stage=stage))
    if decision or not actor.team_id or not teams or table in TEAM_PARTS:
        return decision
    return OTHER_TEAM if any(t != actor.team_id for t in teams) else decision


def may_write_anything(actor: Actor) -> Decision:
    """Whether `actor` may write any record (the window's New / Edit / Delete)."""
    return ALLOWED if actor.roles & WRITER_ROLES else READ_ONLY


def _denied(actor: Actor, action: str) -> Decision:
    zh, en = ACTION_LABELS.get(action, (action, action))
    roles_zh = "、".join(r.zh for r in sorted(actor.roles)) or "无"
    roles_en = ", ".join(r.en for r in sorted(actor.roles)) or "none"
    return Decision(
        False,
        f"用户“{actor.label}”（{roles_zh}）无权{zh}。",
        f"User '{actor.label}' ({roles_en}) may not {en}.",
    )


def require(actor: Actor, action: str, scope: Scope | None = None) -> None:
    decision = authorize(actor, action, scope)
    if not decision:
        raise AccessDenied(decision.reason_zh, decision.reason_en)


# -- the actor of a session ---------------------------------------------------------------------
def actor_of(session: Session | Any) -> Actor:
    """The actor a session (or a Core connection's session info) acts for."""
    info = getattr(session, "info", None) or {}
    found = info.get("access")
    return found if isinstance(found, Actor) else SYSTEM


def require_in(session: Session | Any, action: str, scope: Scope | None = None) -> None:
    """`require` for the actor of `session`: the entry check of exports, briefs, imports."""
    require(actor_of(session), action, scope)


def visible_to(actor: Actor | None, project: Any) -> ColumnElement[bool] | None:
    """The condition keeping the projects `actor` may see, None when they see all (staff and
    above, or no actor: scripts). `project`: the Project entity, an alias or its Core table
    (`.c`)."""
    if actor is None or actor.sees_all:
        return None
    return _visible_clause(project, actor.team_id)


@lru_cache(maxsize=64)
def _visible_clause(project: Any, team_id: str | None) -> ColumnElement[bool]:
    # Built once per team and entity (clauses are immutable): building it through the ORM's
    # operators took a fifth of a millisecond on every page and count a member asked for.
    columns = getattr(project, "c", project)
    if team_id:
        # `team_id || ''` keeps SQLite from merging two index lookups for the OR: a list's first
        # page then walks its order's index (1 ms) instead of sorting every match (500 ms).
        return or_(columns.confidential == false(), columns.team_id.concat("") == team_id)
    return columns.confidential == false()


def visible_projects(session: Session, project: Any = None) -> ColumnElement[bool]:
    """WHERE clause keeping the projects the session's actor may see (TRUE for staff up, so
    the common case costs nothing). `project`: the Project entity or an alias of it."""
    from crm.models import Project

    condition = visible_to(actor_of(session), project if project is not None else Project)
    return true() if condition is None else condition


def hidden_from(actor: Actor | None, project: Any) -> ColumnElement[bool] | None:
    """The negation of `visible_to` (NULLs included): the projects `actor` may not see."""
    if actor is None or actor.sees_all:
        return None
    return _hidden_clause(project, actor.team_id)


@lru_cache(maxsize=64)
def _hidden_clause(project: Any, team_id: str | None) -> ColumnElement[bool]:
    columns = getattr(project, "c", project)
    hidden = columns.confidential == true()
    if team_id:
        return hidden & or_(columns.team_id.is_(None), columns.team_id != team_id)
    return hidden


def hidden_project_ids(conn: Any, actor: Actor) -> set[str]:
    """Ids of the projects `actor` may not see (other teams' confidential leads, deleted ones
    too): what a sync package to that person must leave out. Empty for staff and above."""
    from crm.models import Project

    condition = hidden_from(actor, Project)
    if condition is None:
        return set()
    return set(conn.scalars(select(Project.id).where(condition)))


def visible_parts(session: Session) -> tuple[ColumnElement[bool], ...] | None:
    """The projects the session's actor sees as disjoint parts (None: they see all): the ones
    not confidential, and their own team's confidential ones. On PostgreSQL a member's count
    is the sum of the parts' counts: the first part's predicate implies the read policy, so
    row-level security tests no row of it (crm.access_pg, crm_ix_project_open)."""
    from crm.models import Project

    actor = actor_of(session)
    if actor.sees_all:
        return None
    open_part = Project.confidential == false()
    if not actor.team_id:
        return (open_part,)
    return (open_part, (Project.confidential == true()) & (Project.team_id == actor.team_id))


def hidden_projects(session: Session) -> ColumnElement[bool] | None:
    """The projects the session's actor may not see (None: they see all). A count of what a
    member sees is everyone's count less this one: both read index ranges (ix_project_access
    holds confidential first, so the hidden ones are a small range), where counting the
    visible part by part reads the large part's range key by key, a third slower."""
    from crm.models import Project

    return hidden_from(actor_of(session), Project)


def visible_project_ids(session: Session, column: Any) -> ColumnElement[bool]:
    """WHERE clause for records of other tables by their project id (activities, problems)."""
    actor = actor_of(session)
    if actor.sees_all:
        return true()
    from crm.models import Project

    hidden = select(Project.id).where(~visible_projects(session))
    return or_(column.is_(None), column.not_in(hidden))


def can_see_project(session: Session, project: Any) -> bool:
    return bool(
        authorize(
            actor_of(session),
            "see",
            Scope("project", (project.team_id,), bool(project.confidential)),
        )
    )


# -- writes: one check per flush ----------------------------------------------------------------
def _project_team(session: Session, project_id: str | None) -> tuple[str | None, bool]:
    if not project_id:
        return None, False
    from crm.models import Project

    with session.no_autoflush:
        project = session.get(Project, project_id)
    return (project.team_id, bool(project.confidential)) if project else (None, False)


def _old_value(obj: Any, name: str) -> Any:
    history = inspect(obj).attrs[name].history
    return history.deleted[0] if history.deleted else getattr(obj, name)


def scope_of(session: Session, obj: Any, *, new: bool) -> Scope:
    """The scope of a domain row about to be written: its team(s) before and after."""
    table = type(obj).__tablename__
    teams: list[str | None] = []
    if table == "project":
        teams = [obj.team_id] if new else [_old_value(obj, "team_id"), obj.team_id]
        return Scope(table, tuple(dict.fromkeys(teams)), bool(obj.confidential), obj.stage)
    if table in PROJECT_PARTS or (table == "activity" and obj.project_id):
        ids = [obj.project_id] if new else [_old_value(obj, "project_id"), obj.project_id]
        teams = [_project_team(session, pid)[0] for pid in dict.fromkeys(ids)]
    elif table == "activity" or table in TEAM_PARTS:
        teams = [obj.team_id] if new else [_old_value(obj, "team_id"), obj.team_id]
    elif table == "team":
        teams = [obj.id]
    return Scope(table, tuple(dict.fromkeys(teams)))


def check_writes(session: Session, objects: Iterable[tuple[Any, bool]]) -> None:
    """Refuse the flush when the actor may not write one of the rows (obj, is_new)."""
    actor = actor_of(session)
    if actor.sees_all:
        return
    for obj, new in objects:
        scope = scope_of(session, obj, new=new)
        decision = authorize(actor, "create" if new else "edit", scope)
        if not decision:
            raise AccessDenied(decision.reason_zh, decision.reason_en)


def _check_flush(session: Session, _context: Any, _instances: Any) -> None:
    if actor_of(session).sees_all:
        return
    from crm.models import Tracked

    objects = [(o, True) for o in session.new if isinstance(o, Tracked)]
    objects += [
        (o, False)
        for o in session.dirty
        if isinstance(o, Tracked) and session.is_modified(o, include_collections=False)
    ]
    check_writes(session, objects)


def install(session_class: type[Session]) -> None:
    """Check every flush of `session_class` (crm.audit's session) against the rules."""
    if not event.contains(session_class, "before_flush", _check_flush):
        event.listen(session_class, "before_flush", _check_flush, insert=True)
