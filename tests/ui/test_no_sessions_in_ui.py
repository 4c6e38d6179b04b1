"""No database session is opened in ui/ outside the operation runner (ui/ops.py): every read and
write of the window runs on a worker; only the paged model's bounded reads and the screenshot
tool may read on the calling thread (ops.read_now)."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"
#: Where ops.read_now (a bounded read on the calling thread) is allowed.
READ_NOW_ALLOWED = {"widgets/paged_model.py", "screenshots.py"}


def _calls(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
            found.append((node.lineno, name))
    return found


def test_only_the_operation_runner_opens_sessions() -> None:
    offenders = []
    for path in sorted(UI.rglob("*.py")):
        relative = path.relative_to(UI).as_posix()
        if relative == "ops.py":
            continue
        for line, name in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            if name in {"session", "read", "_sessions", "_read_sessions"}:
                offenders.append(f"ui/{relative}:{line} {name}()")
            if name == "read_now" and relative not in READ_NOW_ALLOWED:
                offenders.append(f"ui/{relative}:{line} read_now()")
    assert offenders == []


def test_the_check_sees_a_session_opened_in_a_widget() -> None:
    """The check itself: a widget that opens a session is found."""
    source = "def f(self):\n    with self.ctx.db.session() as s:\n        return s\n"
    assert (2, "session") in _calls(ast.parse(source))


def test_run_op_is_called_through_the_module() -> None:
    """`ops.run_op`, never a name imported from ui.ops: one runner that tests (and a future
    tracer) can wrap in one place."""
    offenders = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            imported = isinstance(node, ast.ImportFrom) and node.module == "ui.ops"
            if imported and any(alias.name == "run_op" for alias in node.names):
                offenders.append(path.relative_to(UI).as_posix())
    assert offenders == []
