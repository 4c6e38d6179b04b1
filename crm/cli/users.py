"""`crm user add|list|disable|passwd`: accounts of a shared database (crm.accounts)."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable

from sqlalchemy.orm import Session

from crm import access, accounts
from crm.cli.common import ask_password, opened_session
from crm.codes import Role
from crm.errors import ValidationError
from crm.services.settings import role_label


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    user = subparsers.add_parser("user", help="用户与角色 / accounts and roles")
    commands = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = commands.add_parser("add", help="添加用户 / add an account")
    add.add_argument("login")
    add.add_argument("--name", required=True, help="姓名 / full name")
    add.add_argument(
        "--role",
        required=True,
        help="角色，可用逗号分隔多个 / role(s): " + ", ".join(r.value for r in Role),
    )
    add.add_argument("--team", help="所属工作队 / team name")
    add.add_argument("--unit", default="", help="单位 / unit")
    add.set_defaults(func=run_add)
    listing = commands.add_parser("list", help="列出用户 / list accounts")
    listing.set_defaults(func=run_list)
    disable = commands.add_parser("disable", help="停用用户 / disable an account")
    disable.add_argument("login")
    disable.set_defaults(func=run_disable)
    passwd = commands.add_parser("passwd", help="设置密码 / set a password")
    passwd.add_argument("login")
    # Through the tables' owner's URL no sign-in is needed: the way back for a locked-out or
    # forgotten only administrator (crm.cli.common._as_owner).
    passwd.set_defaults(func=run_passwd, owner_recovery=True)


def new_password() -> str:
    """From CRM_NEW_PASSWORD (scripts), else asked twice."""
    given = os.environ.get("CRM_NEW_PASSWORD")
    if given is not None:
        return given
    first = ask_password("新密码 / new password: ", "CRM_NEW_PASSWORD")
    if ask_password("再次输入 / again: ", "CRM_NEW_PASSWORD") != first:
        raise ValidationError(
            "password",
            "",
            "两次输入的密码不一致。",
            "The two passwords differ.",
            code="password_mismatch",
        )
    return first


def _may_manage(session: Session, login: str | None = None) -> None:
    """Refused before any password is asked (one line, exit code 2): managing accounts, or
    another person's password."""
    if login is None or access.actor_of(session).login != login:
        access.require_in(session, "manage_users")


def run_add(args: argparse.Namespace) -> int:
    def add(session: Session) -> object:
        _may_manage(session)
        return accounts.add_user(
            session,
            login=args.login,
            name=args.name,
            roles=args.role,
            password=new_password(),
            team=args.team,
            unit=args.unit,
        )

    return _write(
        args,
        add,  # asked once the database is open: a wrong --db is refused before any typing
        f"Account added: {args.login}",
        f"已添加用户：{args.login}",
    )


def run_list(args: argparse.Namespace) -> int:
    english = args.lang.startswith("en")
    language = "en" if english else "zh"
    with opened_session(args, read_only=True) as session:
        rows = accounts.list_users(session)
        labels = {r.value: role_label(session, r.value, language) for r in Role}
    for row in rows:
        roles = ", ".join(labels[r] for r in row.roles if r in labels)
        state = []
        if not row.active:
            state.append("disabled" if english else "已停用")
        if row.locked:
            state.append("locked" if english else "已锁定")
        print("\t".join([row.login, row.name, roles, row.team, " ".join(state)]).rstrip())
    return 0


def run_disable(args: argparse.Namespace) -> int:
    return _write(
        args,
        lambda session: accounts.disable_user(session, args.login),
        f"Account disabled: {args.login}",
        f"已停用用户：{args.login}",
    )


def run_passwd(args: argparse.Namespace) -> int:
    return _write(
        args,
        lambda session: (
            _may_manage(session, args.login),
            accounts.set_password(session, args.login, new_password()),
        ),
        f"Password set: {args.login}",
        f"已设置密码：{args.login}",
    )


def _write(
    args: argparse.Namespace, action: Callable[[Session], object], english: str, chinese: str
) -> int:
    """One account change in one transaction, then its message in the --lang language."""
    with opened_session(args) as session:
        action(session)
    print(english if args.lang.startswith("en") else chinese)
    return 0
