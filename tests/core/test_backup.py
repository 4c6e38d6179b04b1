"""Backups: checked copies under their real name only, none for unchanged data, thinned like
Anki's, restored atomically; kill -9 at any point leaves a sound database and sound backups."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from crm import backup
from crm.backup import KeepRule, create_backup, list_backups, quick_check, restore_backup
from crm.cli import main
from crm.db import open_database
from crm.errors import CrmError
from crm.services.companies import create_company


@pytest.fixture
def db_file(sqlite_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "data" / "crm.sqlite"
    path.parent.mkdir()
    shutil.copy(sqlite_template, path)
    return path


def _add_company(path: Path, name: str) -> None:
    db = open_database(path)
    try:
        with db.session() as s:
            create_company(s, name=name)
    finally:
        db.close()


def _companies(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM company WHERE deleted_at IS NULL")}


def test_backup_is_checked_and_not_repeated_for_unchanged_data(db_file: Path) -> None:
    _add_company(db_file, "甲公司")
    first = create_backup(db_file, label="manual")
    assert first.parent == db_file.parent / "backups" and quick_check(first) == []
    assert _companies(first) == {"甲公司"}
    assert not list(first.parent.glob("*.part"))
    assert create_backup(db_file, label="import") == first  # nothing changed: no new copy
    _add_company(db_file, "乙公司")
    second = create_backup(db_file, label="import")
    assert second != first and _companies(second) == {"甲公司", "乙公司"}
    assert [b.path for b in list_backups(db_file)] == [second, first]
    listed = list_backups(db_file, with_counts=True)[0]
    assert listed.counts["company"] == 2 and listed.size == second.stat().st_size


def test_full_disk_leaves_no_backup(db_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _add_company(db_file, "甲公司")

    def full(_path: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "_fsync", full)
    with pytest.raises(CrmError) as caught:
        create_backup(db_file)
    assert "磁盘已满" in caught.value.message("zh")
    assert list((db_file.parent / "backups").iterdir()) == []


def test_a_damaged_database_never_replaces_a_good_backup(db_file: Path) -> None:
    _add_company(db_file, "甲公司")
    good = create_backup(db_file)
    _add_company(db_file, "乙公司")
    _damage(db_file)
    with pytest.raises(CrmError) as caught:
        create_backup(db_file)
    assert caught.value.code == "damaged"
    assert [b.path for b in list_backups(db_file)] == [good]
    assert backup.newest_good_backup(db_file).path == good


def _damage(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, 3 * page):  # every third page's header
        data[offset : offset + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))


def test_thinning_keeps_12_days_10_weeks_9_months(db_file: Path) -> None:
    folder = db_file.parent / "backups"
    folder.mkdir()
    end = datetime(2026, 6, 30, 12)
    for n in range(100):  # one a day, 2026-03-23 … 2026-06-30
        day = end - timedelta(days=n)
        (folder / f"crm-{day:%Y%m%d-%H%M%S-%f}-auto.sqlite").write_bytes(b"x")
    backup.thin(db_file, KeepRule(daily=12, weekly=10, monthly=9), now=end + timedelta(days=5))
    kept = sorted(b.created.strftime("%m-%d") for b in list_backups(db_file))
    daily = [f"06-{d}" for d in range(19, 31)]
    weekly = ["05-03", "05-10", "05-17", "05-24", "05-31", "06-07", "06-14"]
    monthly = ["03-31", "04-30"]
    assert kept == sorted(daily + weekly + monthly)


def test_restore_backs_up_the_current_data_then_swaps(db_file: Path) -> None:
    _add_company(db_file, "甲公司")
    old = create_backup(db_file)
    _add_company(db_file, "乙公司")
    kept = restore_backup(db_file, old)
    assert _companies(db_file) == {"甲公司"}
    assert kept is not None and _companies(kept) == {"甲公司", "乙公司"}
    assert quick_check(db_file) == [] and not db_file.with_name("crm.sqlite-wal").exists()
    _add_company(db_file, "丙公司")  # the restored database opens and takes writes
    assert _companies(db_file) == {"甲公司", "丙公司"}


def test_restore_while_the_database_is_in_use_is_one_sentence_and_changes_nothing(
    db_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A window still reading the database: `crm backup restore` said 程序内部错误
    (OperationalError: database is locked) after writing a backup and a staged copy; it is
    refused first, in one sentence, and nothing is written."""
    _add_company(db_file, "甲公司")
    old = create_backup(db_file)
    _add_company(db_file, "乙公司")
    before = {b.path for b in list_backups(db_file)}
    window = sqlite3.connect(db_file)
    window.execute("BEGIN")
    window.execute("SELECT count(*) FROM company").fetchone()  # a read in progress
    try:
        code = main(["--db", str(db_file), "backup", "restore", str(old), "--yes"])
    finally:
        window.rollback()
        window.close()
    err = capsys.readouterr().err
    assert code != 0 and len(err.strip().splitlines()) == 1
    assert "数据库正被其他程序使用（例如打开着的桌面窗口），未恢复" in err and "内部错误" not in err
    assert _companies(db_file) == {"甲公司", "乙公司"}
    assert {b.path for b in list_backups(db_file)} == before
    assert not db_file.with_name(db_file.name + ".restore").exists()


def test_command_line_backup_list_create_restore(
    db_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add_company(db_file, "甲公司")
    db = ["--db", str(db_file)]
    assert main([*db, "backup", "create"]) == 0
    assert "已备份" in capsys.readouterr().out
    assert main([*db, "backup", "create"]) == 0
    assert "没有变化" in capsys.readouterr().out
    _add_company(db_file, "乙公司")
    assert main([*db, "backup", "list"]) == 0
    out = capsys.readouterr().out
    assert "  1  " in out and "企业 1" in out
    assert main([*db, "backup", "restore", "1", "--yes"]) == 0
    assert _companies(db_file) == {"甲公司"}
    assert main([*db, "backup", "restore", "9", "--yes"]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_import_makes_one_backup_and_none_when_reimported(db_file: Path, tmp_path: Path) -> None:
    _add_company(db_file, "甲公司")
    ledger = tmp_path / "l.csv"
    ledger.write_text("项目名称,投资方,总投资（万元）\n甲项目,甲公司,100\n", encoding="utf-8")
    assert main(["--db", str(db_file), "import", str(ledger)]) == 0
    assert main(["--db", str(db_file), "import", str(ledger)]) == 0
    assert main(["--db", str(db_file), "import", str(ledger)]) == 0
    labels = [b.label for b in list_backups(db_file)]
    assert labels == ["import", "import"]  # before the first write, then after it: once


# --- kill -9 ---------------------------------------------------------------------------------

CHILD = """
import sys
from pathlib import Path
from crm import backup
what, path, other = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
print("ready", flush=True)
while True:
    if what == "backup":
        backup.create_backup(path, force=True)
    elif what == "restore":
        backup.restore_backup(path, Path(other))
    else:
        from crm.cli import main
        main(["--db", str(path), "import", other])
"""


def _kill_during(what: str, db_file: Path, other: str, delay: float) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, what, str(db_file), other],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ},
    )
    assert child.stdout is not None
    child.stdout.readline()
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait()


@pytest.mark.parametrize("what", ["backup", "restore", "import"])
def test_kill_9_leaves_a_sound_database_and_only_sound_backups(
    db_file: Path, tmp_path: Path, what: str
) -> None:
    from crm.demo import generate_demo

    db = open_database(db_file)
    generate_demo(db, scale="tiny", seed=1)
    db.close()
    good = create_backup(db_file)
    ledger = tmp_path / "l.csv"
    rows = "".join(f"新项目{n},新公司{n},{n + 1}\n" for n in range(2000))
    ledger.write_text("项目名称,投资方,总投资（万元）\n" + rows, encoding="utf-8")
    other = {"backup": "", "restore": str(good), "import": str(ledger)}[what]
    before = _companies(db_file)
    rng = random.Random(11)
    kills = 0
    for _ in range(4):
        _kill_during(what, db_file, other, rng.uniform(0.05, 1.5))
        kills += 1
        assert quick_check(db_file, full=True) == []
        opened = open_database(db_file)  # opens, and the change log matches the data
        opened.close()
        for item in list_backups(db_file):
            assert quick_check(item.path) == [], item.path
        companies = _companies(db_file)
        if what == "import":  # all or nothing
            new = companies - before
            assert len(new) in (0, 2000)
        else:
            assert companies == before
    assert kills == 4
    create_backup(db_file)  # the next backup cleans what a killed one left
    assert not list((db_file.parent / "backups").glob("*.part"))
