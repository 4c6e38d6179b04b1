"""Start-up stays light: the window and its first screens import no pandas/reportlab/openpyxl
(they cost seconds on slow office machines and are needed only for import, export, briefs)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pandas", "reportlab", "openpyxl")
START_PATH = (
    "ui.app",
    "ui.main_window",
    "ui.screens",
    "ui.projects.screen",
    "ui.dashboard.screen",
    "ui.companies.screen",
    "ui.activities.screen",
    "ui.problems.screen",
    "ui.teams.screen",
    "ui.settings.screen",
)


def test_start_path_imports_no_heavy_libraries() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {START_PATH!r}:\n"
        "    importlib.import_module(name)\n"
        f"heavy = sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))\n"
        "print(','.join(heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"imported at start: {done.stdout.strip()}"
