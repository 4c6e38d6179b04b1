"""CI runs the README's test command verbatim first, then the install and bundle smoke tests."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ci_runs_the_readme_test_command_first_then_the_smoke_tests() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("**Install and run the tests**", 1)[1]
    command = re.search(r"```bash\n(.+?)\n```", section, re.S).group(1).strip()  # type: ignore[union-attr]
    lines = [
        line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]  # fmt: skip
    commands = [line for line in lines if "pip install" in line or "pytest" in line]
    assert commands[0] == command
    script = "\n".join(lines)
    assert script.index(command) < script.index("tools/smoke.py") < script.index("tools.bundle")
