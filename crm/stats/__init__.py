"""Statistics for briefs and the dashboard: pure functions of (session, period, scope).

They return frozen dataclasses of exact numbers (crm.stats.model); no sentences, no Qt.
The JSON form (`crm stats`) and its keys are described in crm/stats/KEYS.md.
"""

from crm.stats.brief import brief_figures
from crm.stats.dashboard import dashboard_figures
from crm.stats.model import BriefFigures, DashboardFigures, Figure
from crm.stats.query import Cancelled
from crm.stats.scope import BUREAU, Scope, ScopeChoice, ScopeKind, parse_scope, scope_choices

__all__ = [
    "BUREAU",
    "BriefFigures",
    "Cancelled",
    "DashboardFigures",
    "Figure",
    "Scope",
    "ScopeChoice",
    "ScopeKind",
    "brief_figures",
    "dashboard_figures",
    "parse_scope",
    "scope_choices",
]
