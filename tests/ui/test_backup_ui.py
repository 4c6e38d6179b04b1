"""文件 → 从备份恢复, 立即备份, 工具 → 检查数据库, the backup on close, start-up errors."""

from __future__ import annotations

import logging
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest

from crm import backup
from crm.services.companies import create_company
from ui.backup.restore_dialog import RestoreDialog
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: Any, sqlite_db: Any, answers: Any) -> MainWindow:
    win = MainWindow(sqlite_db, start_screen="projects")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(win.search_index_ready, timeout=10_000)
    return win


def _names(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM company")}


def _menu_texts(window: MainWindow) -> list[str]:
    return [a.text() for menu in window.menuBar().actions() for a in menu.menu().actions()]


def test_menus_backup_now_and_restore(qtbot: Any, window: MainWindow, answers: Any) -> None:
    assert {"从备份恢复…", "立即备份", "检查数据库…"} <= set(_menu_texts(window))
    path = window.ctx.db.path
    with window.ctx.db.session() as s:
        create_company(s, name="甲公司")
    task = window.backups.backup_now()
    qtbot.waitUntil(lambda: task.done, timeout=10_000)
    made = task.result
    assert answers["infos"][-1] == f"已备份：{made}" and _names(made) == {"甲公司"}
    with window.ctx.db.session() as s:
        create_company(s, name="乙公司")
    dialog = RestoreDialog(window, path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
    assert dialog.table.item(0, 2).text() == "手动" and dialog.table.item(0, 4).text() == "1"
    assert dialog.chosen() == made
    restoring = window.backups.restore_file(path, made)
    qtbot.waitUntil(lambda: restoring.done, timeout=10_000)
    assert _names(path) == {"甲公司"}
    assert "已从备份恢复" in answers["infos"][-1] and "恢复前的数据已备份到" in answers["infos"][-1]
    with window.ctx.db.session() as s:  # the window works on the restored database
        create_company(s, name="丙公司")


def test_closing_makes_a_backup_only_when_data_changed(window: MainWindow) -> None:
    path = window.ctx.db.path
    with window.ctx.db.session() as s:
        create_company(s, name="甲公司")
    window.backups.on_close()
    first = window.backups.last_backup
    assert first is not None and first.name.endswith("-close.sqlite")
    window.backups.on_close()
    assert [b.path for b in backup.list_backups(path)] == [first]


def test_check_dialog_says_the_database_is_sound(
    qtbot: Any, window: MainWindow, answers: Any
) -> None:
    task = window.backups.check()
    qtbot.waitUntil(lambda: task.done, timeout=20_000)
    assert answers["infos"][-1] == "数据库完好，规则均满足。"


def test_a_damaged_database_at_start_is_offered_its_newest_good_backup(
    sqlite_template: Path, tmp_path: Path, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crm.db import open_database
    from ui.backup.startup import open_or_recover

    path = tmp_path / "home" / "crm.sqlite"
    path.parent.mkdir()
    path.write_bytes(sqlite_template.read_bytes())
    monkeypatch.setenv("CRM_DATABASE_URL", f"sqlite:///{path}")
    good = backup.create_backup(path)
    data = bytearray(path.read_bytes())
    for offset in range(3 * 4096, 8 * 4096, 4096):
        data[offset : offset + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))
    db = open_or_recover("zh", open_database)
    assert db is not None
    db.close()
    assert backup.quick_check(path) == [] and path.with_name("crm.sqlite.damaged").exists()
    assert good.exists() and answers["errors"] == []


def test_uncaught_errors_are_logged_and_shown_with_the_log_location(
    answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crm.logfile import log_path
    from ui.backup.startup import install_error_dialog

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_error_dialog()
    try:
        raise ValueError("boom")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    logging.getLogger().handlers[-1].flush()
    assert str(log_path()) in answers["errors"][-1] and "Traceback" not in answers["errors"][-1]
    assert "ValueError: boom" in log_path().read_text(encoding="utf-8")
