"""Changes reach the screens they concern, as one ChangeSet: a stage move re-reads the projects
screen and the dashboard, not the companies list; a screen not on show marks itself stale and
re-reads when it is shown."""

from __future__ import annotations

from datetime import date
from typing import Any

from crm.services import companies, stages
from ui import ops


def _count_refreshes(screen: Any) -> list[int]:
    calls: list[int] = []
    real = screen.refresh

    def refresh() -> None:
        calls.append(1)
        real()

    screen.refresh = refresh
    return calls


def test_a_stage_move_refreshes_projects_and_dashboard_not_companies(
    qtbot: Any, ctx: Any, sample_projects: dict[str, str], answers: Any
) -> None:
    from ui.companies.screen import CompaniesScreen
    from ui.dashboard.screen import DashboardScreen
    from ui.projects.screen import ProjectsScreen

    screens = [ProjectsScreen(ctx), DashboardScreen(ctx), CompaniesScreen(ctx)]
    for screen in screens:
        qtbot.addWidget(screen)
    projects, dashboard, company_list = (_count_refreshes(s) for s in screens)
    project_id = sample_projects["南宁数据中心"]
    ops.run_write(
        ctx,
        None,
        lambda s: stages.move_stage(s, project_id, to_stage="negotiating", on=date(2025, 4, 1)),
        changes={"stage_event"},  # what the projects screen announces for a move
    )
    assert projects == [1] and dashboard == [1]
    assert company_list == []  # the list shows no stage: not re-read
    assert answers["errors"] == []


def test_a_company_change_does_not_reach_the_dashboard_or_problems(
    qtbot: Any, ctx: Any, answers: Any
) -> None:
    from ui.companies.screen import CompaniesScreen
    from ui.dashboard.screen import DashboardScreen

    company_screen, dashboard_screen = CompaniesScreen(ctx), DashboardScreen(ctx)
    for screen in (company_screen, dashboard_screen):
        qtbot.addWidget(screen)
    company_list, dashboard = _count_refreshes(company_screen), _count_refreshes(dashboard_screen)
    ops.run_write(ctx, None, lambda s: companies.create_company(s, name="新企业"))
    assert company_list == [1] and dashboard == []
    assert company_screen.model.rowCount() == 1


def test_a_screen_not_on_show_reloads_when_shown(qtbot: Any, sqlite_db: Any, answers: Any) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(sqlite_db, start_screen="projects")
    qtbot.addWidget(window)
    company_screen = window.screen("companies")
    assert window.current_screen().screen_id == "projects"
    reloads = _count_refreshes(company_screen)
    ops.run_write(window.ctx, None, lambda s: companies.create_company(s, name="后台新增企业"))
    assert reloads == [] and company_screen.stale  # not on show: only marked
    assert company_screen.model.rowCount() == 0
    window.show_screen("companies")
    assert reloads == [1] and not company_screen.stale
    qtbot.waitUntil(lambda: company_screen.model.rowCount() == 1, timeout=5000)
    window.show_screen("projects")
    window.show_screen("companies")
    assert reloads == [1]  # nothing changed meanwhile: no second reload
