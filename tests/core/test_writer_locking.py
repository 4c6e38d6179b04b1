"""Writers wait for each other instead of failing: SQLite BEGIN IMMEDIATE, PostgreSQL lock."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

import crm.db
from crm.db import Database, open_database
from crm.errors import DatabaseBusyError
from crm.models import ChangeLog, Company
from crm.services.companies import create_company, update_company


def _hold_write_lock(path: Path, seconds: float, started: threading.Event) -> None:
    """Another program writing (an import): holds the write lock, changes a row, commits."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE company SET name = '导入改名' WHERE name = '原名'")
    started.set()
    time.sleep(seconds)
    other.execute("COMMIT")
    other.close()


def test_an_edit_during_an_import_waits_and_logs_the_imported_value(
    sqlite_template: Path, tmp_path: Path
) -> None:
    path = tmp_path / "w.sqlite"
    path.write_bytes(sqlite_template.read_bytes())
    db = open_database(path)
    try:
        with db.session() as s:
            company_id = create_company(s, name="原名").id
        started = threading.Event()
        holder = threading.Thread(target=_hold_write_lock, args=(path, 0.5, started))
        holder.start()
        started.wait()
        began = time.monotonic()
        with db.session() as s:  # reads the row, then writes: waits for the whole import
            update_company(s, company_id, name="编辑后")
        waited = time.monotonic() - began
        holder.join()
        assert waited >= 0.4
        with db.read() as s:
            assert s.get(Company, company_id).name == "编辑后"
            old = s.scalars(
                select(ChangeLog.old_value)
                .where(ChangeLog.record_id == company_id, ChangeLog.field == "name")
                .order_by(ChangeLog.hlc.desc())
            ).first()
        assert old is not None and "导入改名" in str(old)  # not the stale "原名"
    finally:
        db.close()


def test_a_writer_blocked_past_the_timeout_gets_one_sentence(
    sqlite_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(crm.db, "BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "w.sqlite"
    path.write_bytes(sqlite_template.read_bytes())
    db = open_database(path)
    try:
        started = threading.Event()
        holder = threading.Thread(target=_hold_write_lock, args=(path, 1.0, started))
        holder.start()
        started.wait()
        with pytest.raises(DatabaseBusyError) as caught, db.session() as s:
            create_company(s, name="新企业")
        holder.join()
        message = caught.value.message("zh")
        assert message.startswith("数据库正忙") and "\n" not in message
        assert "SELECT" not in str(caught.value) and "INSERT" not in str(caught.value)
        with db.read() as s:  # reads never wait for the writer
            assert s.scalar(select(Company.id).where(Company.name == "新企业")) is None
    finally:
        db.close()


def test_reads_do_not_take_the_write_lock(sqlite_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    path.write_bytes(sqlite_template.read_bytes())
    db = open_database(path)
    try:
        started = threading.Event()
        holder = threading.Thread(target=_hold_write_lock, args=(path, 0.5, started))
        holder.start()
        started.wait()
        began = time.monotonic()
        with db.read() as s:
            s.scalars(select(Company.id)).all()
        assert time.monotonic() - began < 0.3
        holder.join()
    finally:
        db.close()


def test_postgresql_writers_take_turns(db: Database) -> None:
    """An edit blocked by a running import reads what the import wrote (PostgreSQL too)."""
    with db.session() as s:
        company_id = create_company(s, name="原名").id
    inside = threading.Event()
    release = threading.Event()

    def long_import() -> None:
        with db.session() as s:
            update_company(s, company_id, name="导入改名")
            inside.set()
            release.wait(5)

    worker = threading.Thread(target=long_import)
    worker.start()
    inside.wait(5)
    timer = threading.Timer(0.4, release.set)
    timer.start()
    began = time.monotonic()
    with db.session() as s:
        update_company(s, company_id, name="编辑后")
    worker.join()
    assert time.monotonic() - began >= 0.3
    with db.read() as s:
        old = s.scalars(
            select(ChangeLog.old_value)
            .where(ChangeLog.record_id == company_id, ChangeLog.field == "name")
            .order_by(ChangeLog.hlc.desc())
        ).first()
    assert old is not None and "导入改名" in str(old)
