"""Quitting the window closes its database (user test 3, finding 1): what the window wrote
while another process had the file open is folded from crm.sqlite-wal into crm.sqlite, so
the file alone — what a clerk copies to a laptop or a USB stick — holds it."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: The real start (ui.app.main), a save after the first start, then quit as File → 退出 does.
RUN_AND_QUIT = """
import sys
import ui.main_window as main_window
started = main_window.MainWindow.first_start

def first_start(self):
    started(self)
    from crm.services.settings import set_setting
    with self.ctx.db.session() as session:
        set_setting(session, "bureau_name", "退出测试局")

main_window.MainWindow.first_start = first_start
from ui.app import main
sys.exit(main([sys.argv[0]]))
"""


def test_what_the_window_wrote_is_in_the_file_after_it_quits(
    sqlite_template: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    path = home / "crm.sqlite"
    shutil.copy(sqlite_template, path)
    other_process = sqlite3.connect(path)  # a command still running keeps the file open
    other_process.execute("SELECT count(*) FROM project").fetchall()
    try:
        done = subprocess.run(
            [sys.executable, "-c", RUN_AND_QUIT],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            env={
                "QT_QPA_PLATFORM": "offscreen",
                "PATH": "/usr/bin:/bin",
                "CRM_HOME": str(home),
                "CRM_SMOKE_QUIT_MS": "300",
            },
            check=False,
        )
        assert done.returncode == 0, done.stderr
        copy = tmp_path / "laptop.sqlite"
        shutil.copy(path, copy)  # the file alone, without crm.sqlite-wal
    finally:
        other_process.close()
    with sqlite3.connect(copy) as copied:
        (value,) = copied.execute("SELECT value FROM setting WHERE key = 'bureau_name'").fetchone()
    assert value == '"退出测试局"'
