"""Writers wait for each other instead of failing: SQLite BEGIN IMMEDIATE, PostgreSQL lock."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

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


CLI = "import sys; from crm.cli import main; sys.exit(main(sys.argv[1:]))"


def test_two_imports_at_once_both_finish_or_the_second_says_so_in_one_line(
    sqlite_template: Path, tmp_path: Path
) -> None:
    import subprocess
    import sys

    path = tmp_path / "w.sqlite"
    path.write_bytes(sqlite_template.read_bytes())
    files = []
    for n in (1, 2):
        ledger = tmp_path / f"l{n}.csv"
        rows = "".join(f"批{n}项目{i},批{n}公司{i},{i + 1}\n" for i in range(400))
        ledger.write_text("项目名称,投资方,总投资（万元）\n" + rows, encoding="utf-8")
        files.append(ledger)
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CLI, "--db", str(path), "import", str(f)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in files
    ]
    results = [(c.wait(timeout=300), c.stderr.read()) for c in children]  # type: ignore[union-attr]
    for code, err in results:
        assert "Traceback" not in err and "[SQL" not in err
        assert code == 0 or (code == 1 and err.count("\n") == 1 and "数据库正忙" in err), err
    with sqlite3.connect(path) as conn:
        counts = [
            conn.execute("SELECT count(*) FROM project WHERE name LIKE ?", (f"批{n}%",)).fetchone()[
                0
            ]
            for n in (1, 2)
        ]
    assert all(c in (0, 400) for c in counts) and sum(counts) >= 400


def test_an_import_whose_preview_went_stale_previews_again_and_writes(
    sqlite_template: Path, tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    """`crm import` writes the plan it printed; another program writing in between makes that
    plan stale (nothing is written), so the command previews again, prints it and writes it."""
    from crm.cli import ledger as cli_ledger
    from crm.cli import main
    from crm.services.projects import create_project

    path = tmp_path / "w.sqlite"
    path.write_bytes(sqlite_template.read_bytes())
    ledger = tmp_path / "l.csv"
    ledger.write_text(
        "项目名称,投资方,总投资（万元）\n甲项目,甲公司,100\n乙项目,乙公司,200\n", encoding="utf-8"
    )
    real, plans = cli_ledger.build_plan, []

    def build_then_another_program_writes(db: Any, *args: Any, **kwargs: Any) -> Any:
        plans.append(real(db, *args, **kwargs))
        if len(plans) == 1:
            with db.session() as s:
                create_project(s, name="另一程序的项目")
        return plans[-1]

    monkeypatch.setattr(cli_ledger, "build_plan", build_then_another_program_writes)
    assert main(["--db", str(path), "import", str(ledger)]) == 0
    assert len(plans) == 2 and "重新预览" in capsys.readouterr().out
    with sqlite3.connect(path) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM project")}
    assert names == {"甲项目", "乙项目", "另一程序的项目"}
