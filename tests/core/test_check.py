"""Corruption is found at open and by `crm check`; derived columns are repaired."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from crm import check
from crm.backup import create_backup
from crm.check import run_check
from crm.cli import main
from crm.db import open_database
from crm.errors import DatabaseOpenError


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    from crm.demo import generate_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    shutil.copy(sqlite_template, path)
    db = open_database(path)
    generate_demo(db, scale="tiny", seed=2, today=date(2026, 6, 30))
    db.close()
    return path


@pytest.fixture
def db_file(demo_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "crm.sqlite"
    shutil.copy(demo_file, path)
    return path


def _flip_change_log_pages(path: Path, size: int = 16384) -> None:
    """16 KB of the change log's pages flipped (the case that passed every command)."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='change_log'").fetchone()
    data = bytearray(path.read_bytes())
    start = (root[0] + 3) * page_size
    for offset in range(start, start + size):
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def test_a_sound_demo_database_passes_every_check(db_file: Path) -> None:
    db = open_database(db_file)
    try:
        report = run_check(db)
    finally:
        db.close()
    assert report.findings == []


def test_damaged_database_is_one_sentence_offering_the_newest_good_backup(
    db_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = create_backup(db_file)
    _flip_change_log_pages(db_file)
    with pytest.raises(DatabaseOpenError) as caught:
        open_database(db_file)
    message = caught.value.message("zh")
    assert caught.value.code == "damaged" and good.name in message and "\n" not in message
    assert main(["--db", str(db_file), "stats", "--period", "2026"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "已损坏" in err and good.name in err


def _budget_speed(path: Path, share: float) -> float:
    """A check speed at which `path` takes `share` of the open's time."""
    return path.stat().st_size / (check.OPEN_CHECK_SECONDS * share)


def test_the_open_checks_a_damaged_file_it_can_finish_in_its_time(
    db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _flip_change_log_pages(db_file)
    monkeypatch.setattr(check, "QUICK_CHECK_BYTES_PER_SECOND", _budget_speed(db_file, 0.99))
    assert check.quick_check_at_open(db_file) != []


def test_the_open_skips_a_file_too_big_to_check_in_its_time(
    db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Such a check would be cut off and say nothing: it is not started (`crm check` checks
    the file in full), so a big database no longer waits 1.5 s at every start for nothing."""
    _flip_change_log_pages(db_file)
    monkeypatch.setattr(check, "QUICK_CHECK_BYTES_PER_SECOND", _budget_speed(db_file, 1.01))
    assert check.quick_check_at_open(db_file) == []


def test_the_write_ahead_log_counts_in_the_size_to_check(
    db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _flip_change_log_pages(db_file)
    monkeypatch.setattr(check, "QUICK_CHECK_BYTES_PER_SECOND", _budget_speed(db_file, 0.9))
    db_file.with_name(db_file.name + "-wal").write_bytes(bytes(db_file.stat().st_size // 5))
    assert check.quick_check_at_open(db_file) == []


def test_check_finds_and_repairs_derived_columns(
    db_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(db_file) as conn:
        conn.execute("UPDATE project SET stage = 'operating' WHERE rowid IN (1, 2)")
        conn.execute("UPDATE company SET name_normalized = 'x' WHERE rowid = 1")
    assert main(["--db", str(db_file), "check"]) == 1
    out = capsys.readouterr().out
    assert "2 个项目、1 家企业的计算列与规则不符" in out
    assert main(["--db", str(db_file), "check", "--repair"]) == 0
    assert "已修复：3 处" in capsys.readouterr().out
    assert main(["--db", str(db_file), "check"]) == 0
    assert "数据库完好" in capsys.readouterr().out


def test_check_finds_rows_without_change_log_and_stage_dates_out_of_order(
    db_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(db_file) as conn:
        victim = conn.execute("SELECT id FROM company LIMIT 1").fetchone()[0]
        conn.execute("DELETE FROM change_log WHERE record_id = ?", (victim,))
        conn.execute(
            "UPDATE project SET started_on = '2020-01-01' WHERE signed_on > '2020-01-02' "
            "AND rowid = (SELECT min(rowid) FROM project WHERE signed_on IS NOT NULL)"
        )
    assert main(["--db", str(db_file), "--lang", "en", "check"]) == 1
    out = capsys.readouterr().out
    assert "1 records have no change-log rows (company 1)" in out
    assert "1 projects have stage dates out of order" in out
