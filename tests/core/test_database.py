"""Opening databases: defaults, pragmas, migrations with backup, refusals."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from crm import paths
from crm.db import make_engine, open_database, resolve_url, sqlite_url
from crm.errors import DatabaseOpenError
from crm.migrate import alembic_config, head_revision
from crm.models import Base
from crm.netfs import is_network_path

FIRST_REVISION = "0001"


def migrate_to(path: Path, revision: str) -> None:
    engine = make_engine(sqlite_url(path))
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    engine.dispose()


def revision_of(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_default_database_lives_in_crm_home(crm_home: Path) -> None:
    database = open_database()
    assert database.path == crm_home / paths.DEFAULT_DB_NAME
    assert database.path.exists()
    database.close()


def test_environment_url_and_explicit_path(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CRM_DATABASE_URL", sqlite_url(tmp_path / "env.sqlite"))
    assert resolve_url() == sqlite_url(tmp_path / "env.sqlite")
    assert resolve_url(tmp_path / "arg.sqlite") == sqlite_url(tmp_path / "arg.sqlite")


def test_sqlite_pragmas(sqlite_db) -> None:
    with sqlite_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_schema_is_at_head(db) -> None:
    def ours(obj, name, type_, reflected, compare_to) -> bool:
        return not (type_ == "table" and name.startswith("search_fts"))

    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": ours}
        )
        assert context.get_current_revision() == head_revision()
        assert compare_metadata(context, Base.metadata) == []


def test_upgrade_from_first_revision_keeps_data_and_writes_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    migrate_to(path, FIRST_REVISION)
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO country VALUES ('CN', '中国', 'China')")
        conn.execute(
            "INSERT INTO company (id, name, name_normalized, former_names, english_name, "
            "hq_country_code, website, notes, created_at, updated_at, created_by, updated_by) "
            "VALUES ('c1', '老数据公司', '老数据', '', '', 'CN', '', '', '2025-01-01 00:00:00', "
            "'2025-01-01 00:00:00', 'x', 'x')"
        )
    database = open_database(path)
    database.close()
    assert revision_of(path) == head_revision()
    backups = list((tmp_path / "backups").glob("old-*-upgrade-0001*.sqlite"))
    assert len(backups) == 1
    assert revision_of(backups[0]) == FIRST_REVISION
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name FROM company WHERE id='c1'").fetchone() == ("老数据公司",)


def test_failed_upgrade_rolls_back_and_names_backup(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite"
    migrate_to(path, FIRST_REVISION)
    with sqlite3.connect(path) as conn:  # foreign keys are off in a plain connection
        conn.execute(
            "INSERT INTO contact (id, company_id, name, title, phone, email, wechat, notes, "
            "created_at, updated_at, created_by, updated_by) VALUES ('k1', 'missing', '某', '', "
            "'', '', '', '', '2025-01-01', '2025-01-01', 'x', 'x')"
        )
    with pytest.raises(DatabaseOpenError) as info:
        open_database(path)
    assert info.value.code == "integrity"
    assert "backup" in info.value.message_en and "备份" in info.value.message_zh
    assert revision_of(path) == FIRST_REVISION  # rolled back
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "search_entry" not in tables


def test_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num='9999_future'")
    with pytest.raises(DatabaseOpenError) as info:
        open_database(path)
    assert info.value.code == "newer_schema"
    assert revision_of(path) == "9999_future"


def test_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE things (x)")
    with pytest.raises(DatabaseOpenError) as info:
        open_database(path)
    assert info.value.code == "foreign_schema"


def test_network_share_is_refused(tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda1 / ext4 rw 0 0\nserver:/export /mnt/share nfs4 rw 0 0\n"
        "//nas/team /mnt/smb cifs rw 0 0\n"
    )
    assert is_network_path(Path("/mnt/share/crm.sqlite"), mounts_file=mounts)
    assert is_network_path(Path("/mnt/smb/a/b.sqlite"), mounts_file=mounts)
    assert not is_network_path(Path("/home/me/crm.sqlite"), mounts_file=mounts)
    assert not is_network_path(Path("/mnt/shared/crm.sqlite"), mounts_file=mounts)
    with pytest.raises(DatabaseOpenError) as info:
        open_database("//fileserver/share/crm.sqlite")
    assert info.value.code == "network_share"


def test_each_new_database_has_its_own_site_id(tmp_path: Path) -> None:
    a, b = open_database(tmp_path / "a.sqlite"), open_database(tmp_path / "b.sqlite")
    assert a.site_id and b.site_id and a.site_id != b.site_id
    reopened_site = a.site_id
    a.close()
    assert open_database(tmp_path / "a.sqlite").site_id == reopened_site
    b.close()


def test_core_never_imports_qt() -> None:
    code = (
        "import sys, pkgutil, importlib, crm\n"
        "for m in pkgutil.walk_packages(crm.__path__, 'crm.'):\n"
        "    if '.migrations' not in m.name: importlib.import_module(m.name)\n"
        "loaded = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_pg_url_rendered_without_password() -> None:
    from crm.db import Database

    engine = make_engine("postgresql+psycopg://u:secret@localhost/db")
    assert (
        "secret"
        not in Database(url="postgresql+psycopg://u:secret@localhost/db", engine=engine).location
    )
    engine.dispose()


def test_sqlite_transactions_include_ddl(sqlite_db) -> None:
    with pytest.raises(RuntimeError), sqlite_db.engine.begin() as conn:
        conn.execute(text("CREATE TABLE scratch (x INTEGER)"))
        raise RuntimeError("abort")
    with sqlite_db.engine.connect() as conn:
        names = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
    assert "scratch" not in names


def test_schema_head_constant_matches_migrations() -> None:
    from crm.schema import SCHEMA_HEAD

    assert head_revision() == SCHEMA_HEAD


@pytest.mark.parametrize(
    ("target", "code"),
    [
        ("folder", "is_directory"),
        ("notdb", "not_a_database"),
        ("foo://bar", "bad_url"),
        ("postgresql+psycopg://nobody@127.0.0.1:1/x", "cannot_open"),
    ],
)
def test_bad_database_targets_give_one_clear_error(tmp_path: Path, target: str, code: str) -> None:
    if target == "folder":
        target = str(tmp_path)
    elif target == "notdb":
        junk = tmp_path / "ledger.xlsx"
        junk.write_bytes(b"PK\x03\x04 this is a zip, not sqlite" * 100)
        target = str(junk)
    with pytest.raises(DatabaseOpenError) as info:
        open_database(target)
    assert info.value.code == code
    assert info.value.message_zh and info.value.message_en


def test_cli_prints_one_line_for_a_bad_database(tmp_path: Path, capsys) -> None:
    from crm.cli import main

    assert main(["--db", str(tmp_path), "info"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "文件夹" in err[0]


def test_opening_an_up_to_date_database_does_not_import_alembic(tmp_path: Path) -> None:
    path = tmp_path / "ready.sqlite"
    open_database(path).close()
    code = (
        "import sys; from crm.db import open_database\n"
        f"open_database({str(path)!r}).close()\n"
        "assert 'alembic' not in sys.modules, 'alembic imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_closed_database_file_alone_holds_every_change(sqlite_template: Path, tmp_path: Path
                                                        ) -> None:  # fmt: skip
    """User test 3, finding 1: a change written while another process (the window) had the
    database open stayed in crm.sqlite-wal after closing, so a copy of crm.sqlite alone — what
    people carry to a laptop — lacked it. Closing folds the WAL into the file."""
    import shutil

    from crm.services.settings import get_setting, set_setting

    path = tmp_path / "crm.sqlite"
    shutil.copy(sqlite_template, path)
    other_process = sqlite3.connect(path)  # keeps the file open, as a running window does
    other_process.execute("SELECT count(*) FROM project").fetchall()
    try:
        db = open_database(path)
        with db.session() as session:
            set_setting(session, "bureau_name", "折叠测试局")
        db.close()
        copy = tmp_path / "copy" / "crm.sqlite"
        copy.parent.mkdir()
        shutil.copy(path, copy)  # the file alone, not its -wal
    finally:
        other_process.close()
    copied = open_database(copy)
    try:
        with copied.read() as session:
            assert get_setting(session, "bureau_name") == "折叠测试局"
    finally:
        copied.close()
