"""Smoke test of an installed program or a bundle, run from a folder of its own.

    python tools/smoke.py [--crm PATH] [--desktop PATH]

Uses the `crm` and `crm-desktop` commands (installed ones by default, or a bundle's
executables) in a temporary data folder: creates a database, loads demo data, prints a
brief (which needs the shipped reference data and the Chinese font), and starts the window
offscreen. Exit 0 when everything worked; otherwise the failing step and its output.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def _command(name: str, given: str | None) -> list[str]:
    if given:
        return [given]
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"smoke: the command {name} is not installed")
    return [found]


def _run(step: str, args: list[str], env: dict[str, str], cwd: Path, timeout: int = 300) -> str:
    result = subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True,
                            timeout=timeout)  # fmt: skip
    if result.returncode != 0:
        print(f"smoke: {step} FAILED ({result.returncode})\n{result.stdout}\n{result.stderr}")
        raise SystemExit(1)
    print(f"smoke: {step} ok")
    return result.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--crm", help="the crm command (default: installed)")
    parser.add_argument("--desktop", help="the crm-desktop command (default: installed)")
    args = parser.parse_args(argv)
    crm, desktop = _command("crm", args.crm), _command("crm-desktop", args.desktop)
    with tempfile.TemporaryDirectory(prefix="crm-smoke-") as folder:
        work = Path(folder)  # another folder: nothing may be read from a source tree
        env = {**os.environ, "CRM_HOME": str(work / "home"), "QT_QPA_PLATFORM": "offscreen",
               "CRM_USER": "smoke"}  # fmt: skip
        env.pop("CRM_DATABASE_URL", None)
        _run("init", [*crm, "init"], env, work)
        _run("demo", [*crm, "demo", "--scale", "tiny", "--seed", "1", "--quiet"], env, work)
        _run("settings", [*crm, "settings", "set", "bureau_region_code", "450100"], env, work)
        _run("settings", [*crm, "settings", "set", "bureau_name", "南宁市投资促进局"], env, work)
        pdf = work / "brief.pdf"
        _run("brief", [*crm, "brief", "--period", "2026", "--out", str(pdf)], env, work)
        data = pdf.read_bytes()
        if not data.startswith(b"%PDF") or (b"WenQuanYi" not in data and b"wqy" not in data):
            print("smoke: brief FAILED (no PDF, or the Chinese font is not embedded)")
            return 1
        _run("check", [*crm, "check"], env, work)
        _run("backup", [*crm, "backup", "create"], env, work)
        shown = _run("window", [*desktop], {**env, "CRM_SMOKE_QUIT_MS": "1500"}, work, 120)
        if "smoke: window shown; font file found" not in shown:
            print(f"smoke: window FAILED\n{shown}")
            return 1
    print("smoke: all steps passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
