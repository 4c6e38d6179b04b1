"""All the figures of a brief for one period and scope: `brief_figures`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from crm import access
from crm.money import to_decimal
from crm.periods import Period
from crm.services.settings import all_settings, bureau_of
from crm.stalled import StalledRules
from crm.stats.coverage import key_enterprise_coverage
from crm.stats.funds import funds_figures
from crm.stats.key_projects import KEY_PROJECT_LIMIT, key_projects
from crm.stats.labels import load_labels
from crm.stats.model import BriefFigures
from crm.stats.problems import problem_figures
from crm.stats.query import CancelFn, ProgressFn, Steps
from crm.stats.requests import request_figures
from crm.stats.scope import BUREAU, Scope, seen_by
from crm.stats.signed import signed_figures
from crm.stats.stage_counts import stage_figures
from crm.stats.teams import team_figures

#: Progress steps: 6 of the signed breakdowns (two periods × three), 2 of funds, stages,
#: teams, problems, requests, key projects.
_STEPS = 13


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
    access.require_in(session, "print_brief")
    period = period.cut_at(as_of or date.today())
    steps = Steps(_STEPS, progress, should_cancel)
    steps.check()
    settings = all_settings(session)
    scope = counting_scope(session, scope, settings)
    bureau = bureau_of(session)
    words = bureau.words
    rules = StalledRules.from_settings(settings)
    labels = load_labels(session)
    signed, signed_now, signed_before, signed_ytd = signed_figures(
        session,
        period,
        scope,
        labels=labels,
        size_bands_wan=size_bands(settings),
        words=words,
        steps=steps,
    )
    funds, team_funds = funds_figures(
        session, period, scope, labels=labels, words=words, steps=steps
    )
    stages, stalled = stage_figures(
        session,
        period,
        scope,
        signed=signed.total,
        signed_ytd=signed.ytd,
        funds=funds.total,
        funds_ytd=funds.ytd,
        rules=rules,
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
        groups=labels.groups,
        bureau=bureau,
        steps=steps,
    )
    problems = problem_figures(session, period, scope, steps=steps)
    requests = request_figures(session, period, scope, steps=steps)
    coverage = key_enterprise_coverage(session, period)
    projects = key_projects(
        session, period, scope, labels=labels, steps=steps, limit=key_project_limit
    )
    return BriefFigures(
        period=period,
        previous=period.previous_year(),
        ytd=None if period.starts_on_new_year else period.year_to_date(),
        scope=scope,
        bureau_name=str(settings.get("bureau_name") or ""),
        bureau_region_code=bureau.region_code,
        area_word=words.whole,
        words=words,
        bureau_level=bureau.level.value if bureau.level else "",
        include_own_area=scope.include_own_area,
        stalled_days=rules,
        signed=signed,
        funds=funds,
        stages=stages,
        teams=teams,
        problems=problems,
        requests=requests,
        key_enterprises=coverage,
        key_projects=projects,
    )


def size_bands(settings: dict[str, object]) -> Sequence[Decimal]:
    raw = settings.get("size_bands_wan") or []
    values = raw if isinstance(raw, list | tuple) else []
    return tuple(sorted(to_decimal(v) for v in values))


def counting_scope(session: Session, scope: Scope, settings: dict[str, object]) -> Scope:
    """The scope with the `include_own_area` setting applied, as the session's actor sees
    it (crm.stats.scope.seen_by)."""
    return replace(seen_by(session, scope), own_area=bool(settings.get("include_own_area")))
