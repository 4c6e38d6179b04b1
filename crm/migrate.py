"""Schema migrations at open: create at head, or back up then upgrade in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.pool import NullPool

from crm.errors import DatabaseOpenError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations found"
    return head


def current_revision(connection: Connection) -> str | None:
    revision = MigrationContext.configure(connection).get_current_revision()
    connection.rollback()
    return revision


def bring_to_head(
    url: str, make_engine: Callable[..., Engine], *, sqlite_file: Path | None = None
) -> Path | None:
    """Create or upgrade the schema; returns the backup written before an upgrade, if any."""
    engine = make_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            if sqlite_file is not None:
                # Batch migrations rebuild tables; foreign keys are checked after, as a whole.
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
            return _upgrade(connection, sqlite_file)
    finally:
        engine.dispose()


def _upgrade(connection: Connection, sqlite_file: Path | None) -> Path | None:
    script = ScriptDirectory.from_config(alembic_config())
    current = current_revision(connection)
    if current == script.get_current_head():
        return None
    if current is None:
        _refuse_foreign_schema(connection)
    elif current not in {rev.revision for rev in script.walk_revisions()}:
        raise DatabaseOpenError(
            f"数据库版本（{current}）比本程序新，请升级程序后再打开。",
            f"The database (revision {current}) is newer than this program; "
            "update the program to open it.",
            code="newer_schema",
        )
    backup = None
    if current and sqlite_file:
        from crm.backup import create_backup

        backup = create_backup(sqlite_file, label=f"upgrade-{current}")
    try:
        with connection.begin():
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            if sqlite_file is not None:
                _raise_if_unsound(check_sqlite_integrity(connection))
    except DatabaseOpenError as exc:
        raise _with_backup(exc, backup) from exc
    except Exception as exc:
        raise _with_backup(
            DatabaseOpenError(
                f"数据库升级失败：{exc}", f"Database upgrade failed: {exc}", code="upgrade_failed"
            ),
            backup,
        ) from exc
    return backup


def _refuse_foreign_schema(connection: Connection) -> None:
    tables = inspect(connection).get_table_names()
    connection.rollback()
    if tables:
        raise DatabaseOpenError(
            "该数据库不是本程序创建的（有数据表但没有版本记录），未作任何修改。",
            "This database was not made by this program (tables without a schema version); "
            "nothing was changed.",
            code="foreign_schema",
        )


def _raise_if_unsound(problems: list[str]) -> None:
    if problems:
        detail = "; ".join(problems[:5])
        raise DatabaseOpenError(
            f"升级后完整性检查未通过：{detail}",
            f"Integrity check failed after upgrade: {detail}",
            code="integrity",
        )


def _with_backup(error: DatabaseOpenError, backup: Path | None) -> DatabaseOpenError:
    if backup is None:
        return error
    return DatabaseOpenError(
        f"{error.message_zh} 已回滚，原数据未改动；升级前的备份在：{backup}",
        f"{error.message_en} Rolled back, nothing changed; the pre-upgrade backup is at: {backup}",
        code=error.code,
    )


def check_sqlite_integrity(connection: Any) -> list[str]:
    """Problems `PRAGMA integrity_check` and `foreign_key_check` report (empty when sound)."""
    problems = [row[0] for row in connection.execute(text("PRAGMA integrity_check"))]
    problems = [p for p in problems if p != "ok"]
    for row in connection.execute(text("PRAGMA foreign_key_check")):
        problems.append(f"foreign key: table {row[0]} rowid {row[1]} -> {row[2]}")
    return problems


def known_revisions() -> set[str]:
    """Every schema revision this program can upgrade from (or is at)."""
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
