"""All the figures of a brief for one period and scope: `brief_figures`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from crm.money import to_decimal
from crm.periods import Period
from crm.services.settings import all_settings
from crm.stats.funds import funds_figures
from crm.stats.labels import load_labels
from crm.stats.model import BriefFigures
from crm.stats.problems import problem_figures
from crm.stats.projects import KEY_PROJECT_LIMIT, key_projects
from crm.stats.query import CancelFn, ProgressFn, Steps
from crm.stats.scope import BUREAU, Scope, bureau_area_word
from crm.stats.signed import signed_figures
from crm.stats.stages import StalledRules, stage_figures
from crm.stats.teams import team_figures

#: Progress steps: 6 of the signed breakdowns (two periods × three), 2 of funds, stages,
#: teams, problems, key projects.
_STEPS = 12


def brief_figures(
    session: Session,
    period: Period,
    scope: Scope = BUREAU,
    *,
    as_of: date | None = None,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
    key_project_limit: int = KEY_PROJECT_LIMIT,
) -> BriefFigures:
    """Compute every figure of a brief. progress(fraction) is called after each step;
    should_cancel() is checked between steps and raises crm.stats.Cancelled.

    Figures are as of min(period end, as_of) (as_of: today by default): a period not over yet
    is cut there, and compared with the same span of last year; one not begun is refused."""
    period = period.cut_at(as_of or date.today())
    steps = Steps(_STEPS, progress, should_cancel)
    steps.check()
    settings = all_settings(session)
    labels = load_labels(session)
    signed, signed_now, signed_before, signed_ytd = signed_figures(
        session, period, scope, labels=labels, size_bands_wan=size_bands(settings), steps=steps
    )
    funds, team_funds = funds_figures(session, period, scope, labels=labels, steps=steps)
    stages, stalled = stage_figures(
        session,
        period,
        scope,
        signed=signed.total,
        signed_ytd=signed.ytd,
        rules=stalled_rules(settings),
        steps=steps,
    )
    teams = team_figures(
        session,
        period,
        scope,
        signed_now=signed_now.teams,
        signed_before=signed_before.teams,
        signed_ytd=signed_ytd,
        funds=team_funds,
        stalled=stalled,
        whole=signed_now.total,
        steps=steps,
    )
    problems = problem_figures(session, period, scope, steps=steps)
    projects = key_projects(
        session, period, scope, labels=labels, steps=steps, limit=key_project_limit
    )
    region_code = str(settings.get("bureau_region_code") or "")
    return BriefFigures(
        period=period,
        previous=period.previous_year(),
        ytd=None if period.starts_on_new_year else period.year_to_date(),
        scope=scope,
        bureau_name=str(settings.get("bureau_name") or ""),
        bureau_region_code=region_code,
        area_word=bureau_area_word(session, region_code),
        signed=signed,
        funds=funds,
        stages=stages,
        teams=teams,
        problems=problems,
        key_projects=projects,
    )


def size_bands(settings: dict[str, object]) -> Sequence[Decimal]:
    raw = settings.get("size_bands_wan") or []
    values = raw if isinstance(raw, list | tuple) else []
    return tuple(sorted(to_decimal(v) for v in values))


def stalled_rules(settings: dict[str, object]) -> StalledRules:
    def days(key: str, default: int) -> int:
        value = settings.get(key)
        return int(value) if isinstance(value, int | str) and str(value).isdigit() else default

    return StalledRules(
        signed_not_started=days("stalled_signed_not_started_days", 180),
        started_not_operating=days("stalled_started_not_operating_days", 365),
        no_update=days("stalled_no_update_days", 30),
    )
