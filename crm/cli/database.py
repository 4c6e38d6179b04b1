"""`crm init` (create or upgrade the database) and `crm info` (what it holds, where it is)."""

from __future__ import annotations

import argparse
import os

from sqlalchemy import func, select

from crm import migrate
from crm.cli.common import TABLE_LABELS, open_db
from crm.db import Database, open_database, resolve_url, sqlite_path
from crm.models import DOMAIN_MODELS, ChangeLog


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = subparsers.add_parser(
        "init",
        help="创建（或升级）数据库 / create (or upgrade) the database",
        description="创建数据库并载入参考数据；已存在时按需升级 / create the database with its "
        "reference data; an existing one is upgraded when needed",
    )
    init.add_argument(
        "--app-role",
        default="crm_app",
        help="PostgreSQL：程序连接所用的角色（不拥有数据表，受行级安全约束；密码取自 "
        "CRM_APP_PASSWORD 或自动生成）/ PostgreSQL: the role the program connects as",
    )
    init.set_defaults(func=run_init)
    info = subparsers.add_parser(
        "info",
        help="数据库位置与各类记录数 / where the database is and what it holds",
    )
    info.add_argument(
        "--digest",
        action="store_true",
        help="数据摘要（两库数据相同则摘要相同）/ one hash of the live data, equal when two "
        "databases hold the same data",
    )
    info.set_defaults(func=run_info)


def run_init(args: argparse.Namespace) -> int:
    path = sqlite_path(resolve_url(args.db))
    existed = path is not None and path.exists()
    db = open_database(args.db)
    try:
        english = args.lang.startswith("en")
        if path is None or existed:  # a server database: created or not, it is ready now
            verb = "Database ready" if english else "数据库已就绪"
        else:
            verb = "Database created" if english else "已创建数据库"
        print(f"{verb}: {db.location}")
        if db.engine.dialect.name == "postgresql":
            _app_role(db, args.app_role, english)
    finally:
        db.close()
    return 0


def _app_role(db: Database, name: str, english: bool) -> None:
    """Run by the tables' owner: make the application role and say how to connect as it."""
    from crm.access_pg import create_app_role, owns_tables

    with db.engine.begin() as conn:
        if not owns_tables(conn):
            return
        role = create_app_role(
            conn, db.url, name=name, password=os.environ.get("CRM_APP_PASSWORD", "")
        )
    # A role is the whole server's: one made before (for this database or another on the same
    # server) keeps its password, which this command does not know (PASSWORD in the URL).
    kept = (
        ""
        if role.password
        else (
            f"The role {role.name} already existed (PostgreSQL roles belong to the whole server) "
            "and keeps its password: put it in place of PASSWORD, or set CRM_APP_PASSWORD and run "
            "crm init again to give it a new one; --app-role NAME makes a role of this database's "
            "own.\n"
            if english
            else f"角色 {role.name} 已存在（PostgreSQL 的角色对整个服务器有效），密码不变："
            "请把地址中的 PASSWORD 换成它的密码，"
            "或设置 CRM_APP_PASSWORD 后再次运行 crm init 更换密码；"
            "--app-role 名称 可为这个数据库另建角色。\n"
        )
    )
    if english:
        print(
            f"Application role: {role.name} (row-level security applies to it). Connect the "
            f"window and the command line as it:\n  export CRM_DATABASE_URL='{role.url}'\n"
            f"{kept}This owner's URL keeps working for administration and scripts, but "
            "row-level security does not bind the owner."
        )
    else:
        print(
            f"程序连接角色：{role.name}（受行级安全约束）。窗口和命令行请用它连接：\n"
            f"  export CRM_DATABASE_URL='{role.url}'\n"
            f"{kept}所有者的地址仍可用于管理和脚本，但行级安全策略对所有者不起作用。"
        )


def run_info(args: argparse.Namespace) -> int:
    db = open_db(args, create=False)
    try:
        if getattr(args, "digest", False):
            from crm.sync.digest import state_digest

            with db.session() as session:
                print(state_digest(session))
            return 0
        print(format_info(db, args.lang))
    finally:
        db.close()
    return 0


def counts(db: Database) -> dict[str, tuple[int, int]]:
    """table → (live rows, soft-deleted rows)."""
    out: dict[str, tuple[int, int]] = {}
    with db.engine.connect() as conn:
        for model in DOMAIN_MODELS:
            table = model.__table__  # type: ignore[attr-defined]
            deleted = table.c.deleted_at.isnot(None)
            total, gone = conn.execute(
                select(func.count(), func.count().filter(deleted)).select_from(table)
            ).one()
            out[table.name] = (int(total) - int(gone), int(gone))
        log_rows = conn.scalar(select(func.count()).select_from(ChangeLog))
        out["change_log"] = (int(log_rows or 0), 0)
    return out


def format_info(db: Database, language: str = "zh") -> str:
    english = language.startswith("en")
    with db.engine.connect() as conn:
        revision = migrate.current_revision(conn)
    lines = (
        [
            f"Database: {db.location}",
            f"Backend: {db.engine.dialect.name}",
            f"Site id: {db.site_id}",
            f"Schema revision: {revision}",
        ]
        if english
        else [
            f"数据库：{db.location}",
            f"类型：{db.engine.dialect.name}",
            f"站点标识：{db.site_id}",
            f"结构版本：{revision}",
        ]
    )
    for table, (live, deleted) in counts(db).items():
        label = table if english else TABLE_LABELS.get(table, table)  # unnamed: its table name
        extra = ""
        if deleted:
            extra = f" (+{deleted:,} deleted)" if english else f"（另有已作废 {deleted:,}）"
        lines.append(f"  {label}: {live:,}{extra}")
    return "\n".join(lines)
