"""Funds in place (到位资金): the sum of entries received in the period, for live projects of
the scope; by source, manufacturing's part, per team, and the trend by month or week.

Three statements: funds per day and source for this year's window and for last year's
(every total, source split, year-to-date figure and trend point is folded from those few
hundred rows), and one per team and manufacturing flag with a column per window.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, case, or_, select
from sqlalchemy.orm import Session

from crm import access
from crm.periods import Period, date_range, month_buckets, shift_year, week_buckets
from crm.places import AreaWords
from crm.stats.labels import UNKNOWN_LABEL, Labels
from crm.stats.model import AmountRow, Figure, FundsFigures, TrendPoint, share_pct
from crm.stats.query import (
    FUNDS,
    PROJECT,
    ZERO,
    Steps,
    funds_not_own_area,
    live_projects,
    money_sum,
    sum_if,
    within,
)
from crm.stats.scope import Scope, ScopeKind, hidden_project_ids
from crm.stats.signed_rows import source_class_rows

MANUFACTURING = "C"
#: A trend window longer than this is shown by month, otherwise by ISO week.
WEEKLY_TREND_MAX_DAYS = 62

Daily = dict[tuple[date, str], Decimal]


@dataclass(frozen=True)
class TeamFunds:
    """Funds per team id (None: no team) in the period, last year's period, year to date."""

    now: dict[str | None, Decimal]
    before: dict[str | None, Decimal]
    ytd: dict[str | None, Decimal]


def funds_in(scope: Scope, period: Period) -> ColumnElement[bool]:
    """Live entries received in the period, of live projects in the scope (joined); not
    from the bureau's own area unless the scope counts it."""
    return and_(
        FUNDS.c.deleted_at.is_(None),
        within(FUNDS.c.received_on, period),
        *funds_not_own_area(scope),
        *live_projects(scope),
    )


def funds_figures(
    session: Session,
    period: Period,
    scope: Scope,
    *,
    labels: Labels,
    words: AreaWords,
    steps: Steps,
) -> tuple[FundsFigures, TeamFunds]:
    window = trend_window(period)
    last = _last_year_window(period, window)
    now = daily_amounts(session, window, scope)
    before = daily_amounts(session, last, scope)
    steps.step()
    mfg, teams = _teams_and_manufacturing(session, period, scope, labels)
    steps.step()
    previous = period.previous_year()
    total = Figure(_sum(now, period), _sum(before, previous))
    manufacturing = Figure(mfg[0], mfg[1])
    figures = FundsFigures(
        total=total,
        ytd=None if period.starts_on_new_year else _ytd(period, now, before),
        manufacturing=manufacturing,
        manufacturing_share=Figure(
            share_pct(manufacturing.current, total.current),
            share_pct(manufacturing.previous, total.previous),
        ),
        by_source=_sources(now, before, period, previous, total, words, scope.include_own_area),
        trend_granularity=_granularity(window),
        trend=_trend(window, now, before),
    )
    return figures, teams


def funds_total(session: Session, period: Period, scope: Scope) -> Decimal:
    return _sum(daily_amounts(session, period, scope), period)


def trend_window(period: Period) -> Period:
    """From 1 January of the period's year (or the period's start, if earlier) to its end."""
    start = min(period.start, date(period.year, 1, 1))
    return date_range(start, period.report_end)


def daily_amounts(session: Session, period: Period, scope: Scope) -> Daily:
    """Funds received per day and source: at most a year × three sources of rows."""
    columns = (FUNDS.c.received_on, FUNDS.c.source)
    statement = select(*columns, money_sum(FUNDS.c.amount)).group_by(*columns)
    if scope.kind is ScopeKind.BUREAU:
        # Only the project's deleted flag (and the reader's right to see it) matters: test
        # it against the few such projects instead of looking every entry's project up.
        left_out = PROJECT.c.deleted_at.is_not(None)
        hidden = access.hidden_from(scope.reader, PROJECT)
        deleted = select(PROJECT.c.id).where(left_out if hidden is None else left_out | hidden)
        statement = statement.where(
            FUNDS.c.deleted_at.is_(None),
            within(FUNDS.c.received_on, period),
            *funds_not_own_area(scope),
            FUNDS.c.project_id.not_in(deleted),
        )
    else:
        statement = statement.select_from(
            FUNDS.join(PROJECT, PROJECT.c.id == FUNDS.c.project_id)
        ).where(funds_in(scope, period))
    return {(day, source or ""): amount for day, source, amount in session.execute(statement)}


def _teams_and_manufacturing(
    session: Session, period: Period, scope: Scope, labels: Labels
) -> tuple[tuple[Decimal, Decimal], TeamFunds]:
    """Per team and manufacturing flag: the period, last year's period, the year to date."""
    previous, ytd = period.previous_year(), period.year_to_date()
    day = FUNDS.c.received_on
    manufacturing = PROJECT.c.industry_code.in_(labels.codes_in_section(MANUFACTURING))
    flag = case((manufacturing, 1), else_=0).label("mfg")
    amount = FUNDS.c.amount
    rows = session.execute(
        select(
            PROJECT.c.team_id,
            flag,
            sum_if(within(day, period), amount),
            sum_if(within(day, previous), amount),
            sum_if(within(day, ytd), amount),
        )
        .select_from(FUNDS.join(PROJECT, PROJECT.c.id == FUNDS.c.project_id))
        .where(
            FUNDS.c.deleted_at.is_(None),
            or_(*(day.between(start, end) for start, end in _disjoint(period, previous, ytd))),
            *funds_not_own_area(scope),
            # The reader's projects by id: the project's lookup index still covers the join.
            *live_projects(scope, visibility=False),
            *_seen_entries(scope),
        )
        .group_by(PROJECT.c.team_id, flag)
    ).all()
    mfg_now = sum((r[2] for r in rows if r[1]), ZERO)
    mfg_before = sum((r[3] for r in rows if r[1]), ZERO)
    teams = TeamFunds(_per_team(rows, 2), _per_team(rows, 3), _per_team(rows, 4))
    return (mfg_now, mfg_before), teams


def _seen_entries(scope: Scope) -> list[ColumnElement[bool]]:
    hidden = hidden_project_ids(scope)
    return [] if hidden is None else [FUNDS.c.project_id.not_in(hidden)]


def funds_by_team(
    session: Session, period: Period, scope: Scope, *, by: ColumnElement[Any] = PROJECT.c.team_id
) -> dict[str | None, Decimal]:
    """Funds in place per team id (None: no team), or per another project column `by`, in
    the period: the entries funds_in counts."""
    rows = session.execute(
        select(by, money_sum(FUNDS.c.amount))
        .select_from(FUNDS.join(PROJECT, PROJECT.c.id == FUNDS.c.project_id))
        .where(funds_in(scope, period))
        .group_by(by)
    )
    return {team: amount for team, amount in rows}


def _disjoint(*periods: Period) -> list[tuple[date, date]]:
    """The days the periods cover, as few non-overlapping ranges (an index range each)."""
    ranges: list[tuple[date, date]] = []
    for p in sorted(periods, key=lambda p: p.start):
        if ranges and p.start <= ranges[-1][1] + timedelta(days=1):
            ranges[-1] = (ranges[-1][0], max(ranges[-1][1], p.end))
        else:
            ranges.append((p.start, p.end))
    return ranges


def _per_team(rows: Iterable[tuple], column: int) -> dict[str | None, Decimal]:
    result: dict[str | None, Decimal] = {}
    for row in rows:
        result[row[0]] = result.get(row[0], ZERO) + row[column]
    return result


def _last_year_window(period: Period, window: Period) -> Period:
    """Last year's dates the figures need: the shifted trend window and the previous-year
    period (an ISO week's twin can fall a day outside the shifted window)."""
    previous = period.previous_year()
    start = min(shift_year(window.start), previous.start)
    end = max(shift_year(window.end), previous.end)
    return date_range(start, end)


def _sum(daily: Daily, period: Period, source: str | None = None) -> Decimal:
    return sum(
        (
            amount
            for (day, s), amount in daily.items()
            if period.start <= day <= period.end and (source is None or s == source)
        ),
        ZERO,
    )


def _sources(
    now: Daily,
    before: Daily,
    period: Period,
    previous: Period,
    total: Figure[Decimal],
    words: AreaWords,
    own_area: bool,
) -> tuple[AmountRow, ...]:
    """Rows in the bureau's words, in the signed rows' order (nearest first: own area when
    counted, the province outside it, out of the province, foreign), then anything else
    found."""
    keys = [key for key, _ in source_class_rows(words, own_area)]
    keys += sorted(({s for _, s in now} | {s for _, s in before}) - set(keys))
    rows = []
    for key in keys:
        amount = Figure(_sum(now, period, key), _sum(before, previous, key))
        label = words.class_label(key) or UNKNOWN_LABEL
        share = Figure(
            share_pct(amount.current, total.current), share_pct(amount.previous, total.previous)
        )
        rows.append(AmountRow(key or "unknown", label, amount, share))
    return tuple(rows)


def _ytd(period: Period, now: Daily, before: Daily) -> Figure[Decimal]:
    ytd = period.year_to_date()
    return Figure(_sum(now, ytd), _sum(before, ytd.previous_year()))


def _granularity(window: Period) -> str:
    return "week" if window.days <= WEEKLY_TREND_MAX_DAYS else "month"


def _trend(window: Period, now: Daily, before: Daily) -> tuple[TrendPoint, ...]:
    weekly = _granularity(window) == "week"
    buckets = (week_buckets if weekly else month_buckets)(window.start, window.end)
    crosses_year = window.start.year != window.end.year
    by_day_now = _by_day(now)
    by_day_before = _by_day(before)
    points = []
    for bucket in buckets:
        label = f"第{bucket.number}周" if weekly else f"{bucket.number}月"
        if crosses_year and not weekly:
            label = f"{bucket.year}年{label}"
        last = date_range(shift_year(bucket.start), shift_year(bucket.end))
        points.append(
            TrendPoint(
                label,
                bucket.start,
                bucket.end,
                _in(by_day_now, bucket),
                _in(by_day_before, last),
            )
        )
    return tuple(points)


def _by_day(daily: Daily) -> dict[date, Decimal]:
    result: dict[date, Decimal] = {}
    for (day, _), amount in daily.items():
        result[day] = result.get(day, ZERO) + amount
    return result


def _in(by_day: dict[date, Decimal], period: Period) -> Decimal:
    return sum((a for d, a in by_day.items() if period.start <= d <= period.end), ZERO)
