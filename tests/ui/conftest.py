"""GUI test fixtures: an AppContext over the per-test SQLite database, dialogs replaced."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="session", autouse=True)
def shipped_font(qapp: Any) -> None:
    """The fonts the app sets up (ui.app): the shipped Chinese font where the machine has
    none. Without it a machine without Chinese fonts measured every Chinese line as missing
    glyphs, and what the tests measured (a line that wraps, a title that fits) was not what
    a user of the app sees."""
    from ui.fonts import register_cjk_font

    register_cjk_font(qapp)


@pytest.fixture
def ctx(sqlite_db: Any, qapp: Any) -> Iterator[Any]:
    """An AppContext on an empty database (reference data only), Chinese interface."""
    from ui.context import AppContext

    yield AppContext(db=sqlite_db, language="zh")


#: How long a test waits for one operation before going on without it (a test may hold a
#: worker on purpose, e.g. to cancel it).
OP_WAIT_MS = 3000


@pytest.fixture(autouse=True)
def ops_land_before_the_next_step(request: pytest.FixtureRequest, monkeypatch: Any) -> None:
    """The window's reads and writes run on workers; a test checks what a user sees after an
    action has landed. So, unless a test is marked `async_ops`, the call that starts an
    operation returns once it has delivered its result, the event loop running meanwhile (as
    it does for the user). Tests of the runner and of responsiveness are marked `async_ops`."""
    if request.node.get_closest_marker("async_ops"):
        return
    from PySide6.QtCore import QEventLoop, QTimer

    from ui import ops

    real = ops.run_op

    def run_op(*args: Any, **kwargs: Any) -> Any:
        task = real(*args, **kwargs)
        if not task.done:
            loop = QEventLoop()
            task.finished.connect(loop.quit)
            QTimer.singleShot(OP_WAIT_MS, loop.quit)
            if not task.done:
                loop.exec()
        return task

    monkeypatch.setattr(ops, "run_op", run_op)


@pytest.fixture
def settle(qtbot: Any) -> Any:
    """Wait until every read and write the window started has delivered its result (reads and
    writes run on workers; a test looks after they landed, as a user would)."""
    from ui import ops

    def wait(timeout: int = 10000) -> None:
        qtbot.waitUntil(ops.idle, timeout=timeout)

    return wait


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Replace ui.dialogs: confirmations say yes, dates/texts come from this dict, errors recorded.

    Set answers["confirm"] = False to refuse, answers["date"] = date(...) or (date, "reason"),
    answers["text"] = "...", answers["choice"] = a key of ask_choice (None: cancel); shown
    errors and infos are appended to answers["errors"] / ["infos"], questions to ["asked"],
    dialogs opened with exec_dialog (and closed unanswered) to ["dialogs"].
    """
    from ui import dialogs

    state: dict[str, Any] = {
        "confirm": True,
        "date": None,
        "text": None,
        "choice": None,
        "errors": [],
        "infos": [],
        "asked": [],
    }

    def choose(_parent: Any, _title: str, text: str, choices: list[tuple[str, str]]) -> Any:
        state["asked"].append((text, [key for key, _label in choices]))
        return state["choice"]

    monkeypatch.setattr(dialogs, "ask_choice", choose)
    # A dialog nobody filled in is closed unanswered (a test that fills one patches this).
    state["dialogs"] = []
    monkeypatch.setattr(
        dialogs, "exec_dialog", lambda dialog: state["dialogs"].append(type(dialog).__name__) or 0
    )
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a, **k: state["confirm"])
    monkeypatch.setattr(dialogs, "show_error", lambda _p, text: state["errors"].append(text))
    monkeypatch.setattr(dialogs, "show_info", lambda _p, text: state["infos"].append(text))
    monkeypatch.setattr(dialogs, "ask_date", lambda *a, **k: state["date"])
    monkeypatch.setattr(dialogs, "ask_text", lambda *a, **k: state["text"])
    return state


@pytest.fixture
def sample_projects(sqlite_db: Any) -> dict[str, str]:
    """A few projects made through the services: name → id."""
    from datetime import date
    from decimal import Decimal

    from crm.services import companies, projects, stages

    ids: dict[str, str] = {}
    with sqlite_db.session() as s:
        sinopec = companies.create_company(
            s, name="中国石油化工集团有限公司", former_names="中国石化"
        ).id
        ids["中石化新材料项目"] = projects.create_project(
            s, name="中石化新材料项目", company_id=sinopec, planned_investment=Decimal(120000)
        ).id
        ids["南宁数据中心"] = projects.create_project(
            s, name="南宁数据中心", planned_investment=Decimal(30000)
        ).id
        ids["光伏组件项目"] = projects.create_project(
            s, name="光伏组件项目", planned_investment=Decimal(8000)
        ).id
        stages.move_stage(s, ids["光伏组件项目"], to_stage="negotiating", on=date(2025, 3, 1))
    return ids


@pytest.fixture
def projects_screen(qtbot: Any, ctx: Any, sample_projects: Any) -> Any:
    """The projects screen on the sample projects, shown at a usual size."""
    from ui.projects.screen import ProjectsScreen

    widget = ProjectsScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def shared(sqlite_db: Any) -> Any:
    """Teams A and B with a project each; an administrator, a viewer, a member of A, a
    manager."""
    from crm.accounts import add_user
    from crm.services import projects, teams

    with sqlite_db.session() as s:
        a = teams.create_team(s, name="驻深圳招商工作队").id
        b = teams.create_team(s, name="驻上海招商工作队").id
        projects.create_project(s, name="深圳电池项目", team_id=a)
        projects.create_project(s, name="上海芯片项目", team_id=b)
        add_user(s, login="boss", name="管理员", roles="admin", password="boss-secret-1")
    with sqlite_db.session() as s:
        add_user(s, login="kan", name="小看", roles="viewer", password="kan-secret-1")
        add_user(s, login="zhang", name="张三", roles="member", password="zhang-secret-1", team=a)
        add_user(s, login="wang", name="王局长", roles="manager", password="wang-secret-1")
    sqlite_db.has_accounts = True
    return sqlite_db
