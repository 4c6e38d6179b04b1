"""Backups of a SQLite database: made safely, never twice for the same data, thinned, restored.

A backup is written with SQLite's online backup API to a temporary name, flushed to disk,
checked with `PRAGMA quick_check`, then renamed: a backup killed half-way or stopped by a
full disk never exists under a real name. The database itself is checked first, so a
damaged file never becomes the newest "good" backup. Thinning keeps, like Anki, the newest
backup of each of the last days, weeks and months (Settings: backup_keep_*).

Backups live in `backups/` beside the database: `<name>-<YYYYmmdd-HHMMSS-ffffff>-<label>.sqlite`.
PostgreSQL databases are backed up with `pg_dump` (README); nothing here applies to them.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm.errors import CrmError

if TYPE_CHECKING:  # crm.db imports this module
    from crm.access import Actor
    from crm.db import Database

log = logging.getLogger(__name__)

FOLDER = "backups"
PART = ".part"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<label>[\w.-]+)\.sqlite$")
#: Tables whose record counts the restore dialog shows.
COUNTED = ("project", "company", "activity", "funds_entry", "change_log")


@dataclass(frozen=True)
class KeepRule:
    """How many of the newest days, weeks and months keep their newest backup; every backup
    of the last `recent_hours` is kept too (the one before this morning's import matters)."""

    daily: int = 12
    weekly: int = 10
    monthly: int = 9
    recent_hours: int = 48


@dataclass
class BackupInfo:
    path: Path
    created: datetime
    label: str
    size: int
    counts: dict[str, int] = field(default_factory=dict)


class BackupError(CrmError):
    code = "backup"


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / FOLDER


# --- checks and state ------------------------------------------------------------------------


@contextlib.contextmanager
def _connect(path: Path, *, read_only: bool = True) -> Iterator[sqlite3.Connection]:
    uri = f"file:{path.as_posix()}?mode=ro" if read_only else f"file:{path.as_posix()}"
    connection = sqlite3.connect(uri, uri=True, timeout=10)
    try:
        yield connection
    finally:
        connection.close()


def quick_check(path: Path, *, full: bool = False, max_errors: int = 5) -> list[str]:
    """What `PRAGMA quick_check` (or the full integrity_check) reports; empty when sound."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        with _connect(path) as connection:
            rows = connection.execute(f"PRAGMA {pragma}({max_errors})").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [str(r[0]) for r in rows if r[0] != "ok"]


def data_state(path: Path) -> str:
    """A digest of what a backup would hold: the change log's newest stamp and size, the
    settings and the schema revision. Equal digests: the data did not change."""
    digest = hashlib.sha256()
    try:
        with _connect(path) as connection:
            for query in (
                "SELECT count(*), max(hlc) FROM change_log",
                "SELECT key, value FROM setting ORDER BY key",
                "SELECT version_num FROM alembic_version",
            ):
                for row in connection.execute(query):
                    digest.update(repr(row).encode())
    except sqlite3.DatabaseError:
        return ""  # an old schema or a damaged file: always worth a backup attempt
    return digest.hexdigest()


def first_problem(problems: list[str]) -> str:
    """SQLite's report on one line, without its "*** in database main ***" banner."""
    lines = [line.strip() for p in problems for line in p.splitlines() if "***" not in line]
    text = lines[0] if lines else "?"
    return text if len(text) <= 120 else text[:119] + "…"


# --- making backups --------------------------------------------------------------------------


def create_backup(
    db_path: Path,
    *,
    label: str = "manual",
    force: bool = False,
    keep: KeepRule | None = None,
    now: datetime | None = None,
    actor: Actor | None = None,
) -> Path:
    """A checked backup of the database; when the data is unchanged since the newest backup
    (and not `force`), that backup's path instead of a new copy.

    `actor`: the person who asks (File → 立即备份), refused unless crm.access allows them
    `backup`; None for the program's own backups (schedule, before an import, a sync, an
    upgrade or a restore)."""
    _require(actor, "backup")
    db_path = Path(db_path)
    folder = backup_folder(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    _remove_parts(folder)
    newest = _newest(db_path)
    state = data_state(db_path)
    if newest is not None and not force and state and state == data_state(newest.path):
        return newest.path
    problems = quick_check(db_path)
    if problems:
        raise BackupError(
            f"数据库文件已损坏（{first_problem(problems)}），未做备份，以免覆盖完好的备份；"
            "请运行 crm check，或从备份恢复",
            f"The database file is damaged ({first_problem(problems)}); no backup was made "
            "so that it cannot replace a good one. Run crm check, or restore a backup",
            code="damaged",
        )
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db_path.stem}-{stamp}-{_safe_label(label)}.sqlite"
    _copy_checked(db_path, target)
    log.info("backup written: %s", target)
    thin(db_path, keep or KeepRule(), now=now)
    return target


def _require(actor: Actor | None, action: str) -> None:
    """Refuse (crm.access.AccessDenied, one sentence) when `actor` may not `action`."""
    if actor is not None:
        from crm import access

        access.require(actor, action)


def _safe_label(label: str) -> str:
    return re.sub(r"[^\w.-]+", "_", label)[:40] or "backup"


def _take_out_of_use(db_path: Path) -> None:
    """Fold the live database's WAL into it and leave WAL mode, which SQLite allows only when
    no other connection has it open: a window (or another command) still using it is told in
    one sentence, before anything is copied."""
    try:
        with _connect(db_path, read_only=False) as live:
            live.execute("PRAGMA busy_timeout = 2000")
            live.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            mode = live.execute("PRAGMA journal_mode=DELETE").fetchone()
    except sqlite3.OperationalError as exc:
        raise _in_use(db_path) from exc
    if mode is None or str(mode[0]).lower() != "delete":
        raise _in_use(db_path)


def _in_use(db_path: Path) -> BackupError:
    return BackupError(
        f"数据库正被其他程序使用（例如打开着的桌面窗口），未恢复：请先关闭后再恢复：{db_path}",
        f"The database is in use by another program (an open window, say); nothing was "
        f"restored: close it and restore again: {db_path}",
        code="in_use",
    )


def _copy_checked(source_path: Path, target: Path) -> None:
    """Online backup API into `<target>.part`, fsync, quick_check, atomic rename."""
    part = target.with_name(target.name + PART)
    part.unlink(missing_ok=True)
    try:
        with _connect(source_path) as source, _connect(part, read_only=False) as dest:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal
        _fsync(part)
        problems = quick_check(part)
        if problems:
            raise BackupError(
                f"备份副本检查未通过（{first_problem(problems)}），未保存",
                f"The backup copy failed its check ({first_problem(problems)}); not kept",
                code="backup_check",
            )
        os.replace(part, target)
        _fsync_folder(target.parent)
    except (sqlite3.Error, OSError) as exc:
        part.unlink(missing_ok=True)
        reason = "磁盘已满" if "full" in str(exc).lower() or _no_space(exc) else str(exc)
        raise BackupError(
            f"备份未完成（{reason}），未留下不完整的备份：{target.parent}",
            f"The backup did not complete ({exc}); no partial backup was left: {target.parent}",
        ) from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def _no_space(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno == 28


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows has no directory handles to flush; the rename is durable there
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove_parts(folder: Path) -> None:
    """Left-overs of a backup or restore that was killed: never a real backup."""
    for part in folder.glob(f"*{PART}"):
        part.unlink(missing_ok=True)


# --- listing and thinning --------------------------------------------------------------------


def list_backups(db_path: Path, *, with_counts: bool = False) -> list[BackupInfo]:
    """This database's backups, newest first."""
    db_path = Path(db_path)
    folder = backup_folder(db_path)
    found = []
    for path in folder.glob(f"{db_path.stem}-*.sqlite") if folder.is_dir() else ():
        match = _NAME.match(path.name)
        if not match or match["stem"] != db_path.stem:
            continue
        created = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S-%f")
        info = BackupInfo(path, created, match["label"], path.stat().st_size)
        if with_counts:
            info.counts = record_counts(path)
        found.append(info)
    return sorted(found, key=lambda b: b.created, reverse=True)


def _newest(db_path: Path) -> BackupInfo | None:
    backups = list_backups(db_path)
    return backups[0] if backups else None


def record_counts(path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    try:
        with _connect(path) as connection:
            for table in COUNTED:
                where = "" if table == "change_log" else " WHERE deleted_at IS NULL"
                query = f"SELECT count(*) FROM {table}{where}"
                counts[table] = connection.execute(query).fetchone()[0]
    except sqlite3.DatabaseError:
        pass
    return counts


def thin(db_path: Path, keep: KeepRule, *, now: datetime | None = None) -> list[Path]:
    """Delete backups no rule keeps; returns what was deleted. The newest is always kept."""
    backups = list_backups(db_path)
    recent = (now or datetime.now()) - timedelta(hours=keep.recent_hours)
    kept = set(_keepers(backups, keep)) | {b.path for b in backups if b.created >= recent}
    removed = []
    for backup in backups:
        if backup.path not in kept:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def _keepers(backups: list[BackupInfo], keep: KeepRule) -> Iterator[Path]:
    if backups:
        yield backups[0].path
    periods: list[tuple[int, Callable[[datetime], object]]] = [
        (keep.daily, lambda d: d.date()),
        (keep.weekly, lambda d: d.isocalendar()[:2]),
        (keep.monthly, lambda d: (d.year, d.month)),
    ]
    for count, key in periods:
        seen: set[object] = set()
        for backup in backups:  # newest first: the first of each period is its newest
            period = key(backup.created)
            if period in seen:
                continue
            if len(seen) >= count:
                break
            seen.add(period)
            yield backup.path


def due(db_path: Path, *, every: timedelta, now: datetime | None = None) -> bool:
    """Whether the scheduled backup should run: the newest is older than `every` and the data
    changed since it (the window's timer asks this, then calls create_backup)."""
    newest = _newest(db_path)
    if newest is None:
        return True
    if (now or datetime.now()) - newest.created < every:
        return False
    return data_state(db_path) != data_state(newest.path)


def keep_rule(settings: dict[str, object]) -> KeepRule:
    """The thinning rule from Settings (backup_keep_daily / _weekly / _monthly)."""
    return KeepRule(
        daily=int(settings.get("backup_keep_daily", 12)),  # type: ignore[call-overload]
        weekly=int(settings.get("backup_keep_weekly", 10)),  # type: ignore[call-overload]
        monthly=int(settings.get("backup_keep_monthly", 9)),  # type: ignore[call-overload]
    )


def scheduled_backup(
    db_path: Path, *, every: timedelta = timedelta(minutes=30), keep: KeepRule | None = None,
    closing: bool = False,
) -> Path | None:  # fmt: skip
    """What the window's timer (and its closing) calls: a backup when one is due."""
    if not closing and not due(db_path, every=every):
        return None
    return create_backup(db_path, label="close" if closing else "auto", keep=keep)


# --- restoring -------------------------------------------------------------------------------


def restore_backup(db_path: Path, backup_path: Path, *, actor: Actor | None = None) -> Path | None:
    """Replace the database by a backup; returns the backup of the current data made first.

    `actor`: the person who asks (File → 从备份恢复), refused before anything is touched unless
    crm.access allows them `restore`; None only for the start-up recovery of a damaged file
    (nobody can sign in to it).

    The database must be closed by every program. The current data is backed up first; the
    backup is copied and checked under a temporary name; the live file leaves WAL mode (its
    -wal file would otherwise be replayed onto the restored file) and is swapped atomically.
    """
    _require(actor, "restore")
    db_path, backup_path = Path(db_path), Path(backup_path)
    problems = quick_check(backup_path)
    if problems:
        raise BackupError(
            f"这个备份已损坏（{first_problem(problems)}），未恢复：{backup_path.name}",
            f"This backup is damaged ({first_problem(problems)}); not restored: {backup_path.name}",
            code="damaged_backup",
        )
    if db_path.exists():
        _take_out_of_use(db_path)
    before = None
    if db_path.exists() and not quick_check(db_path):
        before = create_backup(db_path, label="before-restore", force=True)
    staged = db_path.with_name(db_path.name + ".restore")
    _copy_checked(backup_path, staged)
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    os.replace(staged, db_path)
    _fsync_folder(db_path.parent)
    log.info("restored %s from %s (current data kept in %s)", db_path, backup_path, before)
    return before


def newest_good_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup that passes its quick check (offered when the database is damaged)."""
    for backup in list_backups(db_path):
        if not quick_check(backup.path):
            return backup
    return None


def backup_settings(db: Database) -> dict[str, Any]:
    """The settings the backup schedule and thinning read (crm.services.settings)."""
    from crm.services.settings import all_settings

    with db.read() as session:
        return all_settings(session)
