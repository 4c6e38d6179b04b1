"""Build the one-folder bundle a clerk installs without Python (PyInstaller).

    python -m tools.bundle [--out dist] [--smoke]

Makes `dist/zhaoshang-crm/` holding `crm` (the command line) and `crm-desktop` (the
window): one program that starts the window when called as crm-desktop. The reference
lists, the Chinese font, the translations and the migrations are inside. `--smoke` then
runs tools/smoke.py against the bundle. Build on each platform for that platform (README,
"Bundle"): on Windows the same command gives crm.exe and crm-desktop.exe.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "zhaoshang-crm"
LAUNCHER = """\
import sys
from pathlib import Path

if Path(sys.argv[0]).stem.lower().startswith("crm-desktop"):
    from ui.app import main
else:
    from crm.cli import main
sys.exit(main())
"""


def pyinstaller_args(launcher: Path, out: Path, work: Path) -> list[str]:
    sep = os.pathsep
    migrations = ROOT / "crm" / "migrations"
    return [
        sys.executable, "-m", "PyInstaller", str(launcher),
        "--name", "crm", "--onedir", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(out), "--workpath", str(work / "build"), "--specpath", str(work),
        "--paths", str(ROOT),
        # CLI areas and screens are imported by name (crm/cli/__init__.py, ui/screens.py).
        "--collect-submodules", "crm", "--collect-submodules", "ui",
        # The package data (setup.py installs resources/ as crm_resources), copied as is:
        # an editable install's import hook is invisible to PyInstaller.
        "--add-data", f"{ROOT / 'resources'}{sep}crm_resources",
        # Alembic reads the migration scripts as files.
        "--add-data", f"{migrations}{sep}crm/migrations",
        "--collect-data", "reportlab", "--collect-data", "pypinyin",
        "--collect-all", "pypdfium2", "--collect-all", "pypdfium2_raw",
        "--exclude-module", "tkinter", "--exclude-module", "pytest",
    ]  # fmt: skip


def build(out: Path) -> Path:
    """The bundle's folder (out/zhaoshang-crm)."""
    with tempfile.TemporaryDirectory(prefix="crm-bundle-") as folder:
        work = Path(folder)
        launcher = work / "crm_launcher.py"  # not crm.py: that name would hide the package
        launcher.write_text(LAUNCHER, encoding="utf-8")
        subprocess.run(pyinstaller_args(launcher, out, work), check=True, cwd=work)
    built = out / "crm"
    target = out / NAME
    if target.exists():
        shutil.rmtree(target)
    built.rename(target)
    suffix = ".exe" if os.name == "nt" else ""
    # The same program under the window's name: the launcher looks at its own name.
    shutil.copy2(target / f"crm{suffix}", target / f"crm-desktop{suffix}")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "dist"), help="output folder (dist)")
    parser.add_argument("--smoke", action="store_true", help="run tools/smoke.py on it")
    args = parser.parse_args(argv)
    target = build(Path(args.out).resolve())
    print(f"bundle: {target}")
    if args.smoke:
        suffix = ".exe" if os.name == "nt" else ""
        from tools.smoke import main as smoke

        return smoke(["--crm", str(target / f"crm{suffix}"),
                      "--desktop", str(target / f"crm-desktop{suffix}")])  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
