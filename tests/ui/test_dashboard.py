"""Dashboard: figures loaded off the GUI thread from crm.stats, shown with last year's and the
change; funnel chart, top teams, overdue problems and this week's next steps."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select

from crm.demo.generate import generate_demo
from crm.models import Problem
from crm.money import format_yi
from crm.stats import dashboard_figures


def test_dashboard_shows_stats_figures(ctx: Any, qtbot: Any) -> None:
    from ui.dashboard.screen import DashboardScreen

    today = date.today()
    generate_demo(ctx.db, scale="tiny", today=today)
    screen = DashboardScreen(ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.data is not None, timeout=10_000)
    with ctx.db.session() as s:
        expected = dashboard_figures(s, today=today)
        overdue = s.scalar(
            select(func.count(Problem.id)).where(
                Problem.deleted_at.is_(None), Problem.status != "resolved", Problem.due_on < today
            )
        )
    card = screen.cards["funds"]
    assert card.value.text() == format_yi(expected.funds.current)  # as the briefs print it
    assert format_yi(expected.funds.previous) in card.previous.text()
    assert screen.cards["signed_count"].value.text() == str(expected.signed_count.current)
    change = expected.signed_count.change_pct
    assert ("—" in screen.cards["signed_count"].change.text()) == (change is None)
    assert screen.problems.rowCount() == min(overdue, 50)
    assert screen.teams.rowCount() == max(len(expected.top_teams), 1)
    funnel = screen.chart.series()[0].barSets()[0]
    live = [p.count for p in expected.funnel if p.stage != "dropped"]
    assert sorted(funnel.at(i) for i in range(funnel.count())) == sorted(live)
    assert str(today.year) in screen.heading.text()
    # The stalled line counts what the projects screen's ready-made views list.
    from crm.queries.project_filter import ProjectFilter
    from crm.queries.project_list import ProjectQuery
    from crm.queries.stalled_views import (
        STALLED_NO_ACTIVITY,
        STALLED_SIGNED_NOT_STARTED,
        STALLED_STARTED_NOT_OPERATING,
        stalled_rule,
    )

    with ctx.db.session() as s:
        rule = stalled_rule(s, today=today)
        listed = [
            ProjectQuery(ProjectFilter(stalled=kind, stalled_rule=rule), today=today).count(s)
            for kind in (
                STALLED_SIGNED_NOT_STARTED,
                STALLED_STARTED_NOT_OPERATING,
                STALLED_NO_ACTIVITY,
            )
        ]
    assert screen.stalled.text() == (
        f"停滞项目：签约未开工 {listed[0]} 个，开工未投产 {listed[1]} 个，长期无跟进 {listed[2]} 个"
    )


def test_dashboard_refreshes_on_change(ctx: Any, qtbot: Any) -> None:
    from crm.services.problems import raise_problem
    from crm.services.projects import create_project
    from ui.dashboard.screen import DashboardScreen

    screen = DashboardScreen(ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.data is not None, timeout=10_000)
    assert screen.problems.rowCount() == 0
    today = date.today()
    with ctx.db.session() as s:
        project = create_project(s, name="测试项目").id
        raise_problem(
            s, project_id=project, category="land", description="用地",
            raised_on=date(today.year - 1, 1, 1), due_on=date(today.year - 1, 2, 1),
        )  # fmt: skip
    screen.data = None
    ctx.bus.announce({"problem"})
    qtbot.waitUntil(lambda: screen.data is not None, timeout=10_000)
    assert screen.problems.rowCount() == 1
    assert screen.problems.item(0, 0).text() == "测试项目"
