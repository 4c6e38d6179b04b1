"""`crm backup list|create|restore`: the SQLite database's backups (crm/backup.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from crm import backup
from crm.cli.common import confirmed
from crm.db import resolve_url, sqlite_path
from crm.errors import CrmError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("backup", help="备份与恢复 / backups and restore")
    actions = parser.add_subparsers(dest="backup_action", metavar="ACTION")
    listing = actions.add_parser("list", help="列出备份 / list backups, newest first")
    listing.set_defaults(func=run_list)
    create = actions.add_parser("create", help="立即备份 / make a backup now")
    create.add_argument("--force", action="store_true", help="数据未变也备份 / even if unchanged")
    create.set_defaults(func=run_create)
    restore = actions.add_parser(
        "restore", help="从备份恢复（先备份当前数据）/ restore a backup (current data kept first)"
    )
    restore.add_argument("which", help="备份编号（见 list）或文件 / number from list, or file")
    restore.add_argument("--yes", action="store_true", help="不再确认 / do not ask")
    restore.set_defaults(func=run_restore)
    parser.set_defaults(func=run_list)


def database_file(args: argparse.Namespace) -> Path:
    """The SQLite file named by --db (or the default); PostgreSQL is refused with the way."""
    path = sqlite_path(resolve_url(getattr(args, "db", None)))
    if path is None:
        raise CrmError(
            "PostgreSQL 数据库请用 pg_dump 备份、pg_restore 恢复（见 README“备份”）",
            "Back up PostgreSQL databases with pg_dump and restore with pg_restore "
            "(README, Backups)",
            code="postgres_backup",
        )
    if not path.is_file():
        raise CrmError(f"数据库文件不存在：{path}", f"Database file not found: {path}")
    return path


def _require(args: argparse.Namespace, action: str) -> None:
    """Backups and restore are an administrator's (crm.access); a database without accounts
    lets its local profile do them."""
    from crm import access
    from crm.cli.common import open_db

    db = open_db(args)
    try:
        access.require(db.access_actor(), action)
    finally:
        db.close()


def run_list(args: argparse.Namespace) -> int:
    path = database_file(args)
    _require(args, "backup")
    english = args.lang.startswith("en")
    backups = backup.list_backups(path, with_counts=True)
    if not backups:
        print("No backups yet" if english else "还没有备份")
        return 0
    for n, item in enumerate(backups, start=1):
        counts = item.counts
        what = (
            f"{counts.get('project', '?')} projects, {counts.get('company', '?')} companies"
            if english
            else f"项目 {counts.get('project', '?')}，企业 {counts.get('company', '?')}"
        )
        size = f"{item.size / (1 << 20):.1f} MB"
        print(f"{n:>3}  {item.created:%Y-%m-%d %H:%M:%S}  {size:>9}  {item.label:<16} {what}")
        print(f"     {item.path}")
    return 0


def run_create(args: argparse.Namespace) -> int:
    path = database_file(args)
    _require(args, "backup")
    before = {b.path for b in backup.list_backups(path)}
    made = backup.create_backup(path, label="manual", force=args.force)
    english = args.lang.startswith("en")
    if made in before:
        print(f"No change since the newest backup: {made}" if english
              else f"数据自上次备份以来没有变化，未重复备份：{made}")  # fmt: skip
    else:
        print(f"Backup written: {made}" if english else f"已备份：{made}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    path = database_file(args)
    _require(args, "restore")
    chosen = _chosen(path, args.which)
    english = args.lang.startswith("en")
    if not args.yes:
        question = (
            f"Replace {path} by the backup {chosen.name}? Close the desktop app first. [y/N] "
            if english
            else f"用备份 {chosen.name} 替换 {path}？请先关闭桌面程序。[y/N] "
        )
        if not confirmed(question):
            print("Cancelled" if english else "已取消")
            return 1
    kept = backup.restore_backup(path, chosen)
    print(f"Restored from {chosen}" if english else f"已从备份恢复：{chosen}")
    if kept:
        print(f"The data before it: {kept}" if english else f"恢复前的数据已备份到：{kept}")
    return 0


def _chosen(path: Path, which: str) -> Path:
    if which.isdigit():
        backups = backup.list_backups(path)
        if not 1 <= int(which) <= len(backups):
            raise CrmError(
                f"没有第 {which} 个备份（共 {len(backups)} 个，见 crm backup list）",
                f"There is no backup number {which} ({len(backups)} in all; crm backup list)",
            )
        return backups[int(which) - 1].path
    chosen = Path(which).expanduser()
    if not chosen.is_file():
        raise CrmError(f"备份文件不存在：{chosen}", f"Backup file not found: {chosen}")
    return chosen
