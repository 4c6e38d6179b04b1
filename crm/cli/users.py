"""`crm user add|list|disable|passwd`: accounts of a shared database (crm.accounts)."""

from __future__ import annotations

import argparse
import getpass
import os

from crm import accounts
from crm.cli.common import open_db
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
    passwd.set_defaults(func=run_passwd)


def new_password() -> str:
    """From CRM_NEW_PASSWORD (scripts), else asked twice."""
    given = os.environ.get("CRM_NEW_PASSWORD")
    if given is not None:
        return given
    first = getpass.getpass("新密码 / new password: ")
    if getpass.getpass("再次输入 / again: ") != first:
        raise ValidationError(
            "password",
            "",
            "两次输入的密码不一致。",
            "The two passwords differ.",
            code="password_mismatch",
        )
    return first


def run_add(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        password = new_password()
        with db.session() as session:
            accounts.add_user(
                session,
                login=args.login,
                name=args.name,
                roles=args.role,
                password=password,
                team=args.team,
                unit=args.unit,
            )
        english = args.lang.startswith("en")
        print(f"Account added: {args.login}" if english else f"已添加用户：{args.login}")
    finally:
        db.close()
    return 0


def run_list(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        english = args.lang.startswith("en")
        language = "en" if english else "zh"
        with db.read() as session:
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
    finally:
        db.close()
    return 0


def run_disable(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        with db.session() as session:
            accounts.disable_user(session, args.login)
        english = args.lang.startswith("en")
        print(f"Account disabled: {args.login}" if english else f"已停用用户：{args.login}")
    finally:
        db.close()
    return 0


def run_passwd(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        password = new_password()
        with db.session() as session:
            accounts.set_password(session, args.login, password)
        english = args.lang.startswith("en")
        print(f"Password set: {args.login}" if english else f"已设置密码：{args.login}")
    finally:
        db.close()
    return 0
