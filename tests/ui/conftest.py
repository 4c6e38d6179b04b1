"""GUI test fixtures: an AppContext over the per-test SQLite database, dialogs replaced."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture
def ctx(sqlite_db: Any, qapp: Any) -> Iterator[Any]:
    """An AppContext on an empty database (reference data only), Chinese interface."""
    from ui.context import AppContext

    yield AppContext(db=sqlite_db, language="zh")


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
