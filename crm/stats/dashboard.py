"""The dashboard's compact figures: the year to date against the same days of last year."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from crm.periods import year_to_date
from crm.services.settings import all_settings, bureau_of
from crm.stalled import StalledRules
from crm.stats.brief import counting_scope
from crm.stats.funds import funds_figures
from crm.stats.labels import load_labels
from crm.stats.model import DashboardFigures
from crm.stats.query import Agg, Steps
from crm.stats.scope import BUREAU, Scope
from crm.stats.signed import signed_totals, ytd_by_team
from crm.stats.stage_counts import pipeline_now, stage_figures
from crm.stats.teams import team_figures

TOP_TEAMS = 5


def dashboard_figures(
    session: Session, *, today: date, scope: Scope = BUREAU, top_teams: int = TOP_TEAMS
) -> DashboardFigures:
    period = year_to_date(today)
    steps = Steps(total=4)
    settings = all_settings(session)
    scope = counting_scope(session, scope, settings)
    bureau = bureau_of(session)
    labels = load_labels(session)
    signed = signed_totals(session, period, scope)
    by_team = ytd_by_team(session, period, scope)
    funds, team_funds = funds_figures(
        session, period, scope, labels=labels, words=bureau.words, steps=steps
    )
    stages, stalled = stage_figures(
        session,
        period,
        scope,
        signed=signed,
        signed_ytd=None,
        funds=funds.total,
        funds_ytd=None,
        rules=StalledRules.from_settings(settings),
        steps=steps,
    )
    signed_now: Agg = {k: (c, a) for k, (c, a, _) in by_team.items() if k}
    teams = team_figures(
        session,
        period,
        scope,
        signed_now=signed_now,
        signed_before={},
        signed_ytd=by_team,
        funds=team_funds,
        stalled=stalled,
        whole=(signed.count.current, signed.investment.current),
        groups=labels.groups,
        bureau=bureau,
        steps=steps,
    )
    return DashboardFigures(
        today=today,
        period=period,
        funds=funds.total,
        signed_count=signed.count,
        signed_investment=signed.investment,
        started=stages.movement("started").period.count,
        operating=stages.movement("operating").period.count,
        funnel=pipeline_now(session, scope),
        top_teams=tuple(r for r in teams.rows if r.completion_pct is not None)[:top_teams],
        elapsed_pct=period.elapsed_share_of_year(),
        stalled=stages.stalled,
    )
