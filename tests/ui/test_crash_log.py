"""A hard crash leaves a trace (user test 3, finding 11: the window vanished once with
nothing in logs/crm.log): faulthandler writes every thread's stack to logs/crash.log, and
Qt's own warnings go to the log file instead of a console nobody sees."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CRASH = """
from ui.app import make_app
app = make_app(["crm-desktop"])
from ui.backup.startup import install_error_dialog
install_error_dialog()
from PySide6.QtCore import qWarning
qWarning("测试用的 Qt 警告")
import faulthandler
faulthandler._sigsegv()
"""


def test_a_segfault_leaves_its_stack_in_crash_log(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CRASH],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "CRM_HOME": str(tmp_path)},
        check=False,
    )
    assert done.returncode != 0  # it did crash
    logs = tmp_path / "logs"
    crash = (logs / "crash.log").read_text(encoding="utf-8")
    assert "Segmentation fault" in crash and 'File "<string>"' in crash
    assert "测试用的 Qt 警告" in (logs / "crm.log").read_text(encoding="utf-8")
