"""Opening a database never waits for another program's write (an import, a sync) unless it
has something to write itself: the window's start does not hang behind a long import."""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from crm import db as crm_db
from crm.db import open_database


@pytest.fixture
def db_file(sqlite_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "crm.sqlite"
    shutil.copy(sqlite_template, path)
    return path


def _writer(path: Path) -> sqlite3.Connection:
    """Another program in the middle of a write transaction (it holds the write lock)."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE setting SET value = value WHERE key = 'site_id'")
    return other


def test_opening_during_another_programs_write_does_not_wait_for_it(
    db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_database(db_file).close()  # this copy's identity is settled: nothing left to write
    monkeypatch.setattr(crm_db, "BUSY_TIMEOUT_MS", 2_000)  # the old wait, shorter
    other = _writer(db_file)
    try:
        started = time.monotonic()
        database = open_database(db_file)
        took = time.monotonic() - started
        with database.read() as session:
            assert session.connection().exec_driver_sql("SELECT count(*) FROM region").scalar()
        database.close()
    finally:
        other.rollback()
        other.close()
    assert took < 1.5


def test_a_copy_that_needs_its_own_identity_waits_for_the_writer_then_gets_it(
    db_file: Path, sqlite_template: Path
) -> None:
    """It must write (a copied file becomes a site of its own): after the other write."""
    other = _writer(db_file)
    other.execute("UPDATE setting SET value = value WHERE key = 'site_location'")

    def finish() -> None:
        time.sleep(0.5)
        other.commit()  # a change since the opening's snapshot: its write must start again

    thread = threading.Thread(target=finish)
    thread.start()
    try:
        database = open_database(db_file)
    finally:
        thread.join()
        other.close()
    database.close()
    with sqlite3.connect(sqlite_template) as template:
        shipped = template.execute("SELECT value FROM setting WHERE key = 'site_id'").fetchone()
    assert database.site_id and json.loads(shipped[0]) != database.site_id
