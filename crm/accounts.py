"""Accounts: adding, listing, disabling people, their passwords, and signing in.

Passwords are kept only as argon2id hashes (argon2-cffi); they are never stored, logged or
returned in clear. After MAX_FAILURES wrong passwords in a row an account is locked for
LOCK_MINUTES; every attempt is written to the sign-in log (an administrator reads it).
The first account of a database is added by anyone and must be an administrator; after that
only an administrator manages accounts (crm.access, `manage_users`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm.access import SYSTEM, Actor, require_in
from crm.codes import Role
from crm.errors import SignInError, ValidationError
from crm.models import SignInEvent, Team, UserAccount, utcnow

if TYPE_CHECKING:
    from crm.db import Database

log = logging.getLogger(__name__)

MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 8
_HASHER = PasswordHasher()


@dataclass(frozen=True)
class UserRow:
    login: str
    name: str
    unit: str
    team: str
    roles: tuple[str, ...]
    active: bool
    locked: bool
    has_password: bool


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            "password",
            "",
            f"密码至少需要 {MIN_PASSWORD_LENGTH} 个字符。",
            f"A password needs at least {MIN_PASSWORD_LENGTH} characters.",
            code="short_password",
        )
    return _HASHER.hash(password)


def has_accounts(session: Session) -> bool:
    """Whether people sign in here (otherwise the local profile acts, crm.access)."""
    return session.scalar(select(UserAccount.id).limit(1)) is not None


def parse_roles(text: str | list[str]) -> frozenset[Role]:
    parts = text.split(",") if isinstance(text, str) else text
    roles = set()
    for part in (p.strip() for p in parts if p.strip()):
        role = Role.from_text(part)
        if role is None:
            choices = ", ".join(r.value for r in Role)
            raise ValidationError(
                "role",
                part,
                f"未知的角色：{part}（可选：{choices}）",
                f"Unknown role: {part} (choose from: {choices})",
                code="unknown_role",
            )
        roles.add(Role(role))
    if not roles:
        raise ValidationError("role", text, "请指定角色。", "Give a role.", code="no_role")
    return frozenset(roles)


def _team_id(session: Session, team: str | None) -> str | None:
    if not team:
        return None
    found = session.scalar(
        select(Team.id).where(Team.deleted_at.is_(None), (Team.name == team) | (Team.id == team))
    )
    if found is None:
        raise ValidationError(
            "team", team, f"没有名为“{team}”的工作队。", f"No team named '{team}'.", code="no_team"
        )
    return found


def _account(session: Session, login: str) -> UserAccount:
    account = session.scalar(select(UserAccount).where(UserAccount.login == login))
    if account is None:
        raise no_user(login)
    return account


def no_user(login: str) -> ValidationError:
    """The refusal of a login no account has."""
    return ValidationError(
        "login", login, f"没有登录名为“{login}”的用户。", f"No user '{login}'.", code="no_user"
    )


def add_user(
    session: Session,
    *,
    login: str,
    name: str,
    roles: str | list[str],
    password: str,
    team: str | None = None,
    unit: str = "",
    active_from: date | None = None,
    active_to: date | None = None,
) -> UserAccount:
    """Add an account. The first one of a database needs no sign-in and must be an admin."""
    role_set = parse_roles(roles)
    if has_accounts(session):
        require_in(session, "manage_users")
    elif Role.ADMIN not in role_set:
        raise ValidationError(
            "role",
            roles,
            "数据库的第一个用户必须是系统管理员（--role admin）。",
            "The first user of a database must be an administrator (--role admin).",
            code="first_user_admin",
        )
    login = login.strip()
    if not login or not name.strip():
        raise ValidationError(
            "login", login, "登录名和姓名不能为空。", "Login and name are required.", code="blank"
        )
    if session.scalar(select(UserAccount.id).where(UserAccount.login == login)):
        raise ValidationError(
            "login",
            login,
            f"登录名“{login}”已被使用。",
            f"The login '{login}' is taken.",
            code="login_taken",
        )
    account = UserAccount(
        login=login,
        name=name.strip(),
        unit=unit,
        team_id=_team_id(session, team),
        roles=",".join(sorted(role_set)),
        active_from=active_from,
        active_to=active_to,
        password_hash=hash_password(password),
        failed_attempts=0,
    )
    session.add(account)
    session.flush()
    return account


def set_password(session: Session, login: str, password: str) -> None:
    """An administrator resets anyone's password; a person changes their own."""
    from crm.access import actor_of

    if actor_of(session).login != login:
        require_in(session, "manage_users")
    elif _set_own_password_in_database(session, password):
        return
    account = _account(session, login)
    account.password_hash = hash_password(password)
    account.failed_attempts = 0
    account.locked_until = None


def disable_user(session: Session, login: str, *, today: date | None = None) -> None:
    """End an account's active period (yesterday): it can no longer sign in. The last
    active administrator is kept, or nobody could manage accounts again."""
    require_in(session, "manage_users")
    account = _account(session, login)
    today = today or date.today()
    if Role.ADMIN in account.roles.split(",") and _active_admins(session, today) <= 1:
        raise ValidationError(
            "login",
            login,
            "不能停用最后一个系统管理员。",
            "The last active administrator cannot be disabled.",
            code="last_admin",
        )
    account.active_to = today - timedelta(days=1)


def _is_active(account: UserAccount, today: date) -> bool:
    return (account.active_from is None or account.active_from <= today) and (
        account.active_to is None or account.active_to >= today
    )


def _active_admins(session: Session, today: date) -> int:
    accounts = session.scalars(select(UserAccount).where(UserAccount.roles.contains("admin")))
    return sum(1 for a in accounts if _is_active(a, today))


def list_users(session: Session) -> list[UserRow]:
    require_in(session, "manage_users")
    today = date.today()
    now = utcnow()
    teams = {team_id: name for team_id, name in session.execute(select(Team.id, Team.name))}
    with_password = _logins_with_password(session)
    return [
        UserRow(
            login=a.login,
            name=a.name,
            unit=a.unit,
            team=teams.get(a.team_id or "", ""),
            roles=tuple(a.roles.split(",")),
            active=_is_active(a, today),
            locked=bool(a.locked_until and a.locked_until > now),
            has_password=a.login in with_password,
        )
        for a in session.scalars(select(UserAccount).order_by(UserAccount.login))
    ]


def author_labels(session: Session, authors: Iterable[str]) -> dict[str, str]:
    """How the authors of changes read: an account's login as its name with the login
    (张三（zhangsan）); a name typed on a laptop without accounts, as it is."""
    wanted = {a for a in authors if a}
    if not wanted:
        return {}
    named = session.execute(
        select(UserAccount.login, UserAccount.name).where(UserAccount.login.in_(wanted))
    ).all()
    labels = {a: a for a in wanted}
    labels.update({login: f"{name}（{login}）" for login, name in named if name and name != login})
    return labels


def actor_of_account(account: UserAccount) -> Actor:
    return Actor(
        login=account.login,
        name=account.name,
        roles=frozenset(Role(r) for r in account.roles.split(",") if r),
        team_id=account.team_id,
        user_id=account.id,
    )


def check_password(
    session: Session, login: str, password: str, *, channel: str = "", now: datetime | None = None
) -> Actor | str:
    """The account's Actor when `password` is right, else the outcome code; every attempt is
    logged and counted here (the caller commits even when signing in fails)."""
    now = now or utcnow()
    account = session.scalar(select(UserAccount).where(UserAccount.login == login))
    outcome = "ok"
    if account is None:
        outcome = "unknown_user"
    elif not _is_active(account, now.date()):
        outcome = "inactive"
    elif account.locked_until and account.locked_until > now:
        outcome = "locked"
    elif not _verify(account.password_hash, password):
        outcome = "wrong_password"
        account.failed_attempts += 1
        if account.failed_attempts >= MAX_FAILURES:
            account.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            account.failed_attempts = 0
            outcome = "locked"
    session.add(SignInEvent(at=now, login=login[:60], outcome=outcome, channel=channel))
    if outcome != "ok" or account is None:
        log.warning("sign-in of %r refused: %s", login, outcome)
        return outcome
    account.failed_attempts = 0
    account.locked_until = None
    if _HASHER.check_needs_rehash(account.password_hash):
        account.password_hash = _HASHER.hash(password)
    return actor_of_account(account)


def _verify(stored: str, password: str) -> bool:
    try:
        return bool(stored) and _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


_REFUSALS = {
    "locked": (
        f"登录失败次数过多，账户已锁定 {LOCK_MINUTES} 分钟；请稍后再试或请管理员重置密码"
        "（管理员本人被锁定时，由数据库所有者用其地址运行 crm user passwd 登录名）。",
        f"Too many failed sign-ins: the account is locked for {LOCK_MINUTES} minutes; try "
        "later or ask an administrator to reset the password (for an administrator: the "
        "database's owner runs crm user passwd LOGIN through the owner's URL).",
    ),
    "inactive": ("该账户已停用。", "This account is disabled."),
}
_WRONG = ("用户名或密码错误。", "Wrong user name or password.")


def sign_in(database: Database, login: str, password: str, *, channel: str = "") -> Actor:
    """Check the password in a transaction of its own (the attempt is logged either way),
    then make `database` act for the account; a refusal is one sentence."""
    result = _check_in_database(database, login, password, channel)
    if result is None:
        with database.session(actor=SYSTEM) as session:
            result = check_password(session, login, password, channel=channel)
    if isinstance(result, str):
        zh, en = _REFUSALS.get(result, _WRONG)
        raise SignInError(zh, en)
    database.sign_in(result)
    return result


# -- PostgreSQL through the application role (crm.access_pg): it cannot read the hashes -------
def _check_in_database(
    database: Database, login: str, password: str, channel: str
) -> Actor | str | None:
    """The database checks the password, counts failures, locks and logs, and issues the
    token every connection then shows; None where the program checks it itself."""
    if database.engine.dialect.name != "postgresql":
        return None
    from crm import access_pg

    with database.engine.begin() as conn:
        if not access_pg.checks_passwords(conn):
            return None
        attempt = access_pg.check_password(conn, login, password, channel)
        if attempt.token and _HASHER.check_needs_rehash(attempt.hashed):
            # As check_password does here: the hash's cost follows the hasher's.
            access_pg.upgrade_password(conn, attempt.token, _HASHER.hash(password))
    if attempt.outcome != "ok" or not attempt.token:
        log.warning("sign-in of %r refused: %s", login, attempt.outcome)
        return attempt.outcome
    access_pg.announce_session(database.engine, attempt.token)
    with database.session(actor=SYSTEM) as session:
        return actor_of_account(session.get_one(UserAccount, attempt.user_id))


def _set_own_password_in_database(session: Session, password: str) -> bool:
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        return False
    from crm import access_pg

    return access_pg.checks_passwords(conn) and access_pg.set_own_password(
        conn, hash_password(password)
    )


def _logins_with_password(session: Session) -> set[str]:
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        from crm import access_pg

        if access_pg.checks_passwords(conn):
            return access_pg.logins_with_password(conn)
    return set(session.scalars(select(UserAccount.login).where(UserAccount.password_hash != "")))


def needs_sign_in(database: Database) -> bool:
    return database.has_accounts


@dataclass(frozen=True)
class SignInRow:
    at: datetime
    login: str
    outcome: str
    channel: str


def sign_in_log(session: Session, *, limit: int = 1000) -> list[SignInRow]:
    """The newest sign-in attempts, for administrators."""
    require_in(session, "view_sign_ins")
    rows = session.execute(
        select(SignInEvent.at, SignInEvent.login, SignInEvent.outcome, SignInEvent.channel)
        .order_by(SignInEvent.at.desc())
        .limit(limit)
    )
    return [SignInRow(*row) for row in rows]


def failed_count(session: Session, login: str) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(SignInEvent)
            .where(SignInEvent.login == login, SignInEvent.outcome != "ok")
        )
        or 0
    )
