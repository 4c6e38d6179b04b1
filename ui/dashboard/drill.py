"""Dashboard drill-down: a figure card opens the projects it counts (this year to date); a
row of the top-teams table opens that team's newly signed projects."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from crm.queries.drill import figure_code
from crm.queries.project_filter import ProjectFilter
from ui.drill import ClickFilter, open_projects

#: Card → the figure whose projects it opens.
CARD_FIGURES = {
    "funds": "funds",
    "signed_count": "signed",
    "signed_investment": "signed",
    "started": "started",
    "operating": "operating",
}


def install_drill(screen: Any) -> None:
    """Make the dashboard's cards and team rows open the projects list."""
    tip = QCoreApplication.translate("dashboard", "点击查看这些项目")
    for key, card in screen.cards.items():
        ClickFilter(card, lambda key=key: open_card(screen, key), tip)
    screen.teams.cellDoubleClicked.connect(lambda row, _col: open_team(screen, row))


def card_filter(screen: Any, key: str) -> ProjectFilter | None:
    if screen.data is None:
        return None
    return ProjectFilter(figure=figure_code(CARD_FIGURES[key], screen.data.figures.period))


def open_card(screen: Any, key: str) -> bool:
    f = card_filter(screen, key)
    return f is not None and open_projects(screen, f)


def team_filter(screen: Any, row: int) -> ProjectFilter | None:
    if screen.data is None or not 0 <= row < len(screen.data.figures.top_teams):
        return None
    team = screen.data.figures.top_teams[row]
    period = screen.data.figures.period
    return ProjectFilter(figure=figure_code("signed", period), team_id=team.team_id)


def open_team(screen: Any, row: int) -> bool:
    f = team_filter(screen, row)
    return f is not None and open_projects(screen, f)
