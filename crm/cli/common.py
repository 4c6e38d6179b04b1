"""Helpers shared by the command-line modules."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from crm.db import Database, open_database
from crm.errors import CrmError, ValidationError

#: Chinese names of the domain tables, in load order (parents first).
TABLE_LABELS = {
    "company": "企业",
    "company_tag": "企业榜单",
    "tag_kind": "企业名单类别",
    "contact": "联系人",
    "park": "园区",
    "team": "驻点工作队",
    "team_member": "队员",
    "team_target": "年度目标",
    "project": "项目",
    "stage_event": "阶段记录",
    "funds_entry": "到位资金",
    "activity": "跟进记录",
    "problem": "问题",
    "investment_increase": "增资",
    "change_log": "变更日志",
    "enterprise_liaison": "特派员",
    "enterprise_request": "企业诉求",
    "request_visit": "诉求回访",
    "programme": "专项",
    "dispatch_profile": "项目调度信息",
    "project_list_entry": "清单项目",
    "completion_entry": "完成投资",
    "target": "单位年度目标",
    "setting": "设置",
}


def open_db(args: argparse.Namespace, *, create: bool = False) -> Database:
    """An existing database (a mistyped --db path is refused, never created: only `crm init`
    and the desktop's first start create one), signed in as `--user` when it has accounts."""
    database = open_database(getattr(args, "db", None), create=create)
    if database.profile_cleared is not None:
        _say_profile_cleared(database.profile_cleared, args)
    # Who acts: --user; else, on a database without accounts, the local profile's name (the
    # 记录人 set at first start: a brief signed here reads 签发：李明, not the computer's
    # login), and only without one the operating-system user (crm.db settles those two).
    if given := getattr(args, "user", None):
        database.actor = given
    try:
        return signed_in(database, args)
    except BaseException:
        database.close()
        raise


def _say_profile_cleared(name: str, args: argparse.Namespace) -> None:
    """A copied database file no longer records its changes under the original's user
    (crm.services.settings.ensure_site_id): say so once, with the command that names the
    person working on this copy."""
    was = f"（原为 {name}）" if name else ""
    was_en = f" (was {name})" if name else ""
    if str(getattr(args, "lang", "zh")).startswith("en"):
        text = (
            f"This database file is a copy: its user{was_en} and team were cleared. "
            "Who works on this copy? crm settings set user_name NAME"
        )
    else:
        text = (
            f"这份数据库是复制来的，已清除原来的使用人{was}和工作队。"
            "请填写这份副本的使用人：crm settings set user_name 姓名"
        )
    print(text, file=sys.stderr)


@contextmanager
def opened_session(args: argparse.Namespace, *, read_only: bool = False) -> Iterator[Session]:
    """A session of the database `args` names (open_db), committed at the end unless
    `read_only`; the database is closed after, whatever happens."""
    database = open_db(args)
    try:
        with database.read() if read_only else database.session() as session:
            yield session
    finally:
        database.close()


def saved(
    args: argparse.Namespace, action: Callable[[Session], Any], *, show_id: bool = True
) -> int:
    """Run one write in a session of the database `args` names; say it was saved (and, with
    `show_id`, the id of the record the write returns)."""
    with opened_session(args) as session:
        changed = action(session)
    record = getattr(changed, "id", "") if show_id else ""
    print(f"已保存 / saved {record}".rstrip())
    return 0


def signed_in(database: Database, args: argparse.Namespace) -> Database:
    """Sign in as `--user` (password from CRM_PASSWORD, else asked). A database without
    accounts needs none: its local profile acts. Refusals are SignInError (exit code 2)."""
    from crm import accounts

    login = getattr(args, "user", None)
    if not accounts.needs_sign_in(database):
        return database  # --user only names the actor of the change log
    if not login and getattr(args, "owner_recovery", False) and _is_owner(database):
        return _as_owner(database)
    if not login:
        raise accounts.SignInError(
            "这个数据库需要登录：请用 --user 登录名（密码从 CRM_PASSWORD 读取或在此输入）。",
            "This database needs a sign-in: give --user LOGIN (the password is read from "
            "CRM_PASSWORD or asked for).",
        )
    password = os.environ.get("CRM_PASSWORD")
    if password is None:
        password = ask_password(f"{login} 的密码 / password: ", "CRM_PASSWORD")
    accounts.sign_in(database, login, password, channel="cli")
    if database.engine.dialect.name == "postgresql":
        _warn_if_owner(database)
    return database


class NoTerminal(CrmError):
    """The command would ask something, but no one is at a terminal (a script, a service):
    nothing ran (exit code 2)."""

    code = "no_terminal"


def has_terminal() -> bool:
    stdin = sys.stdin
    try:
        return stdin is not None and not stdin.closed and stdin.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def ask_password(prompt: str, variable: str) -> str:
    """A password typed at the terminal; without one, a sentence naming the environment
    variable a script sets instead."""
    if not has_terminal():
        raise NoTerminal(
            f"没有可输入密码的终端：请在环境变量 {variable} 中给出密码。",
            f"No terminal to ask the password: set the environment variable {variable}.",
        )
    try:
        return getpass.getpass(prompt)
    except EOFError:  # Ctrl-D at the prompt
        raise NoTerminal(
            f"未输入密码：请重新输入，或在环境变量 {variable} 中给出密码。",
            f"No password was typed: try again, or set the environment variable {variable}.",
        ) from None


def confirmed(question: str) -> bool:
    """A y/N answer typed at the terminal; without one, a sentence asking for --yes."""
    if not has_terminal():
        raise NoTerminal(
            "没有可回答确认问题的终端：确认无误后请加 --yes 再运行。",
            "No terminal to answer the question: run again with --yes once you are sure.",
        )
    try:
        answer = input(question)
    except EOFError:
        answer = ""
    return answer.strip().lower() in ("y", "yes", "是")


def _is_owner(database: Database) -> bool:
    if database.engine.dialect.name != "postgresql":
        return False
    from crm.access_pg import owns_tables

    with database.engine.connect() as conn:
        return owns_tables(conn)


def _as_owner(database: Database) -> Database:
    """The way back when the only administrator is locked out or has forgotten the password:
    whoever holds the tables' owner's URL (who could change any row with SQL anyway) may set
    an account's password — which also lifts its lock — without signing in. Only the command
    that asked for it (`crm user passwd`) gets this; the change log names the owner."""
    from crm.access import Actor

    with database.engine.connect() as conn:
        role = str(conn.exec_driver_sql("SELECT current_user").scalar())
    database.sign_in(Actor(login=f"{role}（数据库所有者）", name=role))
    print(
        "注意 / warning: 以数据表所有者身份重设密码（无需登录）/ setting a password as the "
        "tables' owner (no sign-in needed)",
        file=sys.stderr,
    )
    return database


def _warn_if_owner(database: Database) -> None:
    from crm.access_pg import owns_tables

    with database.engine.connect() as conn:
        if owns_tables(conn):
            print(
                "注意 / warning: 以数据表所有者身份连接，行级安全策略对其不起作用（程序内的权限检查"
                "仍然有效）/ connected as the tables' owner: row-level security does not bind "
                "it (the program's own checks still do)",
                file=sys.stderr,
            )


def parse_date_arg(text: str, *, field: str = "date") -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError(
            field,
            text,
            f"日期格式应为 YYYY-MM-DD：{text}",
            f"Dates are written YYYY-MM-DD: {text}",
            code="bad_date",
        ) from exc


def optional_date(text: str | None, field: str) -> date | None:
    """A date option that may be left out (None)."""
    return parse_date_arg(text, field=field) if text else None
