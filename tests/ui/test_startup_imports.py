"""Start-up stays light: the window and its first screens import no pandas/reportlab/openpyxl
(they cost seconds on slow office machines and are needed only for import, export, briefs),
and its first paint loads neither pinyin (pypinyin: 0.25 s, for the first search) nor
QtAwesome (its qtpy: 0.25 s; ui.icons draws the icons from QtAwesome's font itself)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pandas", "reportlab", "openpyxl")
#: Not needed before the window's first paint (the first search, other icon fonts need them).
DEFERRED = (*HEAVY, "pypinyin", "qtawesome", "qtpy", "alembic")
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


FIRST_PAINT = """
import sys
from ui.app import make_app
app = make_app([sys.argv[0]])
from crm.db import open_database
from ui.main_window import MainWindow
window = MainWindow(open_database(sys.argv[1]), start_screen="projects")
window.show()
window.screen("projects").table.viewport().repaint()
app.processEvents()
print(",".join(sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[2].split(",")))))
"""


def test_the_first_paint_loads_no_pinyin_nor_qtawesome(
    sqlite_template: Path, tmp_path: Path
) -> None:
    path = tmp_path / "crm.sqlite"
    shutil.copy(sqlite_template, path)
    done = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(path), ",".join(DEFERRED)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "CRM_HOME": str(tmp_path)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"loaded before the first paint: {done.stdout.strip()}"
