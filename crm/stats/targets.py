"""Annual targets of the bureau, its counties/districts and parks against the year to date,
and the ranked notice (排序通报) of counties or parks.

Completion of each measure counts what the brief counts (the same functions): newly signed
projects and investment with 增资 (crm.stats.signed), funds in place (crm.stats.funds), and
starts, completions (竣工) and 技改 pool entries dated from 1 January to the period's end.
A county's figures are those of projects landing in it (landing_region_code under its code, or
without one, in a park of the county), a park's those of projects in it.

The bureau's own area (市内 / 县内 …) counts as in the brief: the scope goes through the brief's
own `counting_scope` (the `include_own_area` setting), so signed, funds and started figures
leave it out unless the setting is on, and the notices agree with the brief's 表1. 竣工 and the
技改 pool are no brief figures: they count every project, as the dispatch notice's lists do.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, func, literal, select
from sqlalchemy.orm import Session

from crm.codes import ConstructionNature, TargetMeasure, TargetScope
from crm.models import County, Park, Region, Target
from crm.periods import Period, year_to_date
from crm.search import sort_key
from crm.services.settings import all_settings
from crm.stats.brief import counting_scope
from crm.stats.funds import funds_by_team
from crm.stats.model import share_pct
from crm.stats.query import (
    PARK,
    PROFILE,
    PROJECT,
    TARGET,
    ZERO,
    counted_projects,
    live_projects,
    within,
)
from crm.stats.scope import BUREAU, Scope
from crm.stats.signed import ytd_by_team

#: How many of the last ranks a notice marks.
BOTTOM_MARKED = 3
Actuals = dict[str, dict[str, Decimal]]


@dataclass(frozen=True)
class TargetRow:
    scope: str
    key: str
    name: str
    measure: str
    measure_label: str
    target: Decimal
    actual: Decimal
    rate_pct: Decimal | None
    ahead_points: Decimal | None


@dataclass(frozen=True)
class TargetFigures:
    year: int
    as_of: date
    elapsed_pct: Decimal
    rows: tuple[TargetRow, ...]


@dataclass(frozen=True)
class RankRow:
    key: str
    name: str
    target: Decimal | None
    actual: Decimal
    rate_pct: Decimal | None
    rank: int | None
    previous_rank: int | None
    #: Places gained since the previous notice (positive: moved up); None when either is None.
    rank_change: int | None
    bottom: bool


@dataclass(frozen=True)
class Ranking:
    scope: str
    measure: str
    measure_label: str
    year: int
    as_of: date
    previous_as_of: date | None
    elapsed_pct: Decimal
    rows: tuple[RankRow, ...]


def _group_column(scope: str) -> ColumnElement[Any]:
    if scope == TargetScope.COUNTY:
        # Where the project lands, else the county of its park.
        park_county = select(PARK.c.county_code).where(PARK.c.id == PROJECT.c.park_id)
        return func.coalesce(PROJECT.c.landing_region_code, park_county.scalar_subquery())
    if scope == TargetScope.PARK:
        return PROJECT.c.park_id
    return literal("")


def actuals(session: Session, end: date, scope: str, base: Scope = BUREAU) -> Actuals:
    """Per county code / park id ('' for the bureau): each measure from 1 January to `end`."""
    ytd = year_to_date(end)
    base = counting_scope(session, base, all_settings(session))
    by = _group_column(scope)
    result: Actuals = defaultdict(lambda: defaultdict(lambda: ZERO))
    for key, (count, amount, over) in ytd_by_team(session, ytd, base, by=by).items():
        figures = result[key or ""]
        figures[TargetMeasure.SIGNED_PROJECTS] += count
        figures[TargetMeasure.SIGNED_INVESTMENT] += amount
        figures[TargetMeasure.PROJECTS_OVER_100M] += over
    for key, amount in funds_by_team(session, ytd, base, by=by).items():
        result[key or ""][TargetMeasure.FUNDS_IN_PLACE] += amount
    started = (
        select(by, func.count())
        # 开工 is one of the brief's stage movements: own area aside as there.
        .where(*counted_projects(base), within(PROJECT.c.started_on, ytd))
        .group_by(by)
    )
    for key, count in session.execute(started):
        result[key or ""][TargetMeasure.STARTED_PROJECTS] += count
    joined = PROFILE.join(PROJECT, PROJECT.c.id == PROFILE.c.project_id)
    live_profile = and_(PROFILE.c.deleted_at.is_(None), *live_projects(base))
    for measure, condition in (
        (TargetMeasure.COMPLETED_PROJECTS, within(PROFILE.c.completed_on, ytd)),
        (
            TargetMeasure.UPGRADE_POOL,
            and_(
                within(PROFILE.c.pooled_on, ytd),
                PROFILE.c.construction_nature == ConstructionNature.UPGRADE.value,
            ),
        ),
    ):
        query = select(by, func.count()).select_from(joined).where(live_profile, condition)
        for key, count in session.execute(query.group_by(by)):
            result[key or ""][measure] += count
    return result


def _under(actual: Actuals, code: str, measure: str) -> Decimal:
    """A county's figure: the projects landing at its code or below it."""
    prefix = code[:4] if code.endswith("00") else code
    return sum(
        (m.get(measure, ZERO) for key, m in actual.items() if key and key.startswith(prefix)), ZERO
    )


def _actual_of(actual: Actuals, scope: str, key: str, measure: str) -> Decimal:
    if scope == TargetScope.COUNTY:
        return _under(actual, key, measure)
    return actual.get(key, {}).get(measure, ZERO)


def _targets(session: Session, year: int, scope: str | None = None) -> list[Any]:
    query = select(TARGET).where(TARGET.c.year == year, TARGET.c.deleted_at.is_(None))
    if scope is not None:
        query = query.where(TARGET.c.scope == scope)
    return list(session.execute(query))


def _key(row: Any) -> str:
    return row.region_code or row.park_id or ""


def place_names(session: Session, scope: str, keys: Iterable[str]) -> dict[str, str]:
    wanted = [k for k in keys if k]
    if scope == TargetScope.PARK:
        rows = session.execute(select(Park.id, Park.name).where(Park.id.in_(wanted)))
    elif scope == TargetScope.COUNTY:
        rows = [
            *session.execute(select(Region.code, Region.name).where(Region.code.in_(wanted))),
            *session.execute(select(County.code, County.name).where(County.code.in_(wanted))),
        ]
    else:
        return {"": "全局"}
    names = {k: v for k, v in rows}
    return {k: names.get(k, k) for k in wanted} | {"": "全局"}


def _ahead(rate: Decimal | None, elapsed: Decimal) -> Decimal | None:
    return None if rate is None else rate - elapsed


def target_figures(session: Session, period: Period) -> TargetFigures:
    """Every target of the period's year beside its completion as of the period's end."""
    end = period.report_end
    elapsed = period.elapsed_share_of_year()
    targets = _targets(session, period.year)
    rows: list[TargetRow] = []
    for scope in TargetScope:
        mine = [t for t in targets if t.scope == scope]
        if not mine:
            continue
        actual = actuals(session, end, scope)
        names = place_names(session, scope, {_key(t) for t in mine})
        for t in mine:
            measure = TargetMeasure(t.measure)
            done = _actual_of(actual, scope, _key(t), measure)
            rate = share_pct(done, t.value) if t.value else None
            rows.append(
                TargetRow(scope.value, _key(t), names.get(_key(t), _key(t)), measure.value,
                          measure.zh, t.value, done, rate, _ahead(rate, elapsed))
            )  # fmt: skip
    order = [s.value for s in TargetScope]
    measures = [m.value for m in TargetMeasure]
    rows.sort(
        key=lambda r: (order.index(r.scope), sort_key(r.name), r.name, measures.index(r.measure))
    )
    return TargetFigures(period.year, end, elapsed, tuple(rows))


def previous_notice_end(period: Period) -> date | None:
    """The as-of day of the previous notice: the day before this period starts, when it is
    in the same year (a year's first notice has no previous one)."""
    day = period.start - timedelta(days=1)
    return day if day.year == period.year else None


def _rates(session: Session, end: date, scope: str, measure: str) -> dict[str, tuple]:
    """key → (target, actual, rate) of every place with a target or a figure."""
    targets = {_key(t): t.value for t in _targets(session, end.year, scope) if t.measure == measure}
    actual = actuals(session, end, scope)
    keys = set(targets)
    if scope == TargetScope.PARK:
        keys |= {k for k, m in actual.items() if k and m.get(measure)}
    result = {}
    for key in keys:
        done = _actual_of(actual, scope, key, measure)
        target = targets.get(key)
        result[key] = (target, done, share_pct(done, target) if target else None)
    return result


def competition_ranks(rates: dict[str, Decimal | None]) -> dict[str, int]:
    """1, 2, 2, 4 … by rate, highest first; places without a rate get no rank."""
    ordered = sorted((r for r in rates.values() if r is not None), reverse=True)
    return {k: ordered.index(r) + 1 for k, r in rates.items() if r is not None}


def ranking(
    session: Session,
    period: Period,
    scope: str = TargetScope.COUNTY,
    measure: str = TargetMeasure.SIGNED_INVESTMENT,
    *,
    bottom: int = BOTTOM_MARKED,
) -> Ranking:
    """Counties (or parks) ranked by their completion rate of `measure` as of the period's
    end, each with its rank in the previous notice and the change; the last `bottom` ranks
    are marked."""
    scope_code = TargetScope(scope)
    measure_code = TargetMeasure(measure)
    end = period.report_end
    now = _rates(session, end, scope_code, measure_code)
    ranks = competition_ranks({k: v[2] for k, v in now.items()})
    previous_end = previous_notice_end(period)
    before: dict[str, int] = {}
    if previous_end is not None:
        old = _rates(session, previous_end, scope_code, measure_code)
        before = competition_ranks({k: v[2] for k, v in old.items()})
    worst = sorted(set(ranks.values()))[-bottom:] if ranks and bottom > 0 else []
    cutoff = worst[0] if len(set(ranks.values())) > bottom else None
    names = place_names(session, scope_code, now)
    rows = [
        RankRow(
            key=k,
            name=names.get(k, k),
            target=v[0],
            actual=v[1],
            rate_pct=v[2],
            rank=ranks.get(k),
            previous_rank=before.get(k),
            rank_change=(before[k] - ranks[k]) if k in ranks and k in before else None,
            bottom=cutoff is not None and k in ranks and ranks[k] >= cutoff,
        )
        for k, v in now.items()
    ]
    # Equal ranks and places without a target read in pinyin order, as printed lists do.
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0, sort_key(r.name), r.name))
    return Ranking(
        scope_code.value, measure_code.value, measure_code.zh, period.year, end, previous_end,
        period.elapsed_share_of_year(), tuple(rows),
    )  # fmt: skip


def ranked_measures(session: Session, year: int) -> list[tuple[str, str]]:
    """(scope, measure) pairs with county or park targets this year, in the codes' order."""
    rows = session.execute(
        select(Target.scope, Target.measure)
        .where(Target.year == year, Target.deleted_at.is_(None))
        .where(Target.scope.in_([TargetScope.COUNTY.value, TargetScope.PARK.value]))
        .distinct()
    )
    found = {(scope, measure) for scope, measure in rows}
    return [
        (s.value, m.value)
        for s in TargetScope
        for m in TargetMeasure
        if (s.value, m.value) in found
    ]


def park_choices(session: Session) -> list[tuple[str, str]]:
    """(id, name) of the live parks, by name in pinyin order: what a target can be set for."""
    rows = session.execute(select(Park.id, Park.name).where(Park.deleted_at.is_(None)))
    return sorted(((pid, name) for pid, name in rows), key=lambda p: (sort_key(p[1]), p[1]))
