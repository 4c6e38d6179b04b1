"""Resident teams (驻点招商工作队): signed projects, funds in place, annual targets and
their completion against time elapsed (序时进度), rank, and stalled projects.

Completion compares the year to date (1 January of the period's year to its end) with the
team's target for that year; it is computed here only (`team_actuals`, `completion_pct`,
`ahead_points`), for the briefs, the dashboard and the Teams screen alike. Teams listed:
live teams active in that year; in a team scope only that team; in a source scope only the
teams whose region group covers the source (their targets are what the source's figures
are compared with).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from crm.periods import Period
from crm.places import HMT_COUNTRIES, Bureau
from crm.stats.funds import TeamFunds, funds_by_team
from crm.stats.labels import Group
from crm.stats.model import (
    Figure,
    Stalled,
    TeamFigures,
    TeamRow,
    TeamsTotal,
    TeamTargets,
    Totals,
    share_pct,
)
from crm.stats.query import TEAM, TEAM_TARGET, ZERO, Agg, Steps
from crm.stats.scope import Scope, ScopeKind
from crm.stats.signed import YtdByTeam, ytd_by_team


@dataclass(frozen=True)
class TeamActuals:
    """A team's year to date: newly signed projects and investment (增资 included), projects
    of 1亿元 or more, funds in place."""

    signed_count: int = 0
    signed_investment: Decimal = ZERO
    over_100m: int = 0
    funds: Decimal = ZERO


def actuals_from(
    signed_ytd: YtdByTeam, funds_ytd: Mapping[str | None, Decimal]
) -> dict[str | None, TeamActuals]:
    """Combine the year-to-date signed rows (crm.stats.signed.ytd_by_team) and funds per
    team (crm.stats.funds.funds_by_team)."""
    result: dict[str | None, TeamActuals] = {}
    for team in {*signed_ytd, *funds_ytd}:
        count, amount, over = signed_ytd.get(team, (0, ZERO, 0))
        result[team] = TeamActuals(count, amount, over, funds_ytd.get(team, ZERO))
    return result


def team_actuals(session: Session, ytd: Period, scope: Scope) -> dict[str | None, TeamActuals]:
    """Each team's year to date, by the brief's own rules (for the Teams screen)."""
    return actuals_from(ytd_by_team(session, ytd, scope), funds_by_team(session, ytd, scope))


def completion_pct(value: Decimal | int, target: Decimal | int | None) -> Decimal | None:
    """Done ÷ target in %; None without a (positive) target."""
    if not target or target < 0:
        return None
    return Decimal(value) * 100 / Decimal(target)


def ahead_points(completion: Decimal | None, elapsed: Decimal) -> Decimal | None:
    """Completion − time elapsed (序时进度), in percentage points; positive = ahead."""
    return None if completion is None else completion - elapsed


def team_targets(session: Session, year: int) -> dict[str, TeamTargets]:
    """Live targets of the year per team id."""
    return _targets(session, year)


@dataclass(frozen=True)
class _TeamData:
    signed_now: Agg
    signed_before: Agg
    ytd: YtdByTeam
    funds: TeamFunds
    targets: dict[str, TeamTargets]
    stalled: dict[str, Stalled]


def team_figures(
    session: Session,
    period: Period,
    scope: Scope,
    *,
    signed_now: Agg,
    signed_before: Agg,
    signed_ytd: YtdByTeam,
    funds: TeamFunds,
    stalled: dict[str, Stalled],
    whole: tuple[int, Decimal],
    groups: tuple[Group, ...] = (),
    bureau: Bureau | None = None,
    steps: Steps,
) -> TeamFigures:
    """signed_now / signed_before: newly signed per team id (from the signed breakdown);
    signed_ytd, funds, stalled: per team from crm.stats.signed, .funds and .stages;
    whole: the scope's newly signed count and investment in the period; groups (region
    groups with members) and bureau: to find the teams covering a source scope."""
    figures = (signed_now, signed_before, signed_ytd, funds.now, funds.before, funds.ytd)
    with_data = {team for by_team in figures for team, value in by_team.items() if team and value}
    teams = _teams(session, period, scope, with_data, groups, bureau or Bureau())
    data = _TeamData(
        signed_now=signed_now,
        signed_before=signed_before,
        ytd=signed_ytd,
        funds=funds,
        targets=_targets(session, period.year),
        stalled=stalled,
    )
    steps.step()
    elapsed = period.elapsed_share_of_year()
    rows = [_row(team_id, name, data, whole, elapsed) for team_id, name in teams]
    rows = _ranked(rows)
    return TeamFigures(period.year, elapsed, tuple(rows), _total(rows, whole, elapsed))


def _teams(
    session: Session,
    period: Period,
    scope: Scope,
    with_data: set[str],
    groups: tuple[Group, ...],
    bureau: Bureau,
) -> list[tuple[str, str]]:
    """Live teams active in the period's year, and any live team with a figure in it (newly
    signed projects or funds, this year or last: a team whose posting ended still has its
    projects' money counted, and the total of the rows is the total of every team's); in a
    source scope the teams covering the source."""
    year_start = date(period.year, 1, 1)
    active = and_(
        or_(TEAM.c.active_from.is_(None), TEAM.c.active_from <= period.report_end),
        or_(TEAM.c.active_to.is_(None), TEAM.c.active_to >= year_start),
    )
    shown = or_(active, TEAM.c.id.in_(sorted(with_data))) if with_data else active
    conditions = [TEAM.c.deleted_at.is_(None), shown]
    if scope.kind is ScopeKind.TEAM:
        conditions.append(TEAM.c.id == scope.key)
    statement = (
        select(TEAM.c.id, TEAM.c.name, TEAM.c.region_group_code)
        .where(*conditions)
        .order_by(TEAM.c.name)
    )
    rows = session.execute(statement).all()
    if scope.kind is ScopeKind.SOURCE:
        by_code = {g.code: g for g in groups}
        rows = [r for r in rows if covers(by_code.get(r.region_group_code or ""), scope, bureau)]
    return [(r.id, r.name) for r in rows]


def covers(group: Group | None, scope: Scope, bureau: Bureau) -> bool:
    """Whether a team covering `group` covers the source scope: a source region or group
    that shares a place with the team's group, Hong Kong/Macao/Taiwan by their codes, or a
    source class that one of the group's places falls in for this bureau."""
    if group is None:
        return False
    if scope.detail == "class":
        return any(
            (klass := bureau.source_class(code, "CN")) is not None and klass.value == scope.key
            for code in group.members
        )
    codes = scope.region_codes
    if scope.detail == "country":
        codes = (HMT_COUNTRIES[scope.key],) if scope.key in HMT_COUNTRIES else ()
    return any(group.covers(code) for code in codes)


def _targets(session: Session, year: int) -> dict[str, TeamTargets]:
    t = TEAM_TARGET.c
    rows = session.execute(
        select(
            t.team_id, t.signed_investment, t.signed_projects, t.funds_in_place,
            t.projects_over_100m,
        ).where(t.year == year, t.deleted_at.is_(None))
    )  # fmt: skip
    return {r[0]: TeamTargets(r[1], r[2], r[3], r[4]) for r in rows}


def _row(
    team_id: str, name: str, data: _TeamData, whole: tuple[int, Decimal], elapsed: Decimal
) -> TeamRow:
    count_now, amount_now = data.signed_now.get(team_id, (0, ZERO))
    count_before, amount_before = data.signed_before.get(team_id, (0, ZERO))
    ytd_count, ytd_amount, ytd_over = data.ytd.get(team_id, (0, ZERO, 0))
    funds_ytd = data.funds.ytd.get(team_id, ZERO)
    targets = data.targets.get(team_id, TeamTargets())
    completion = completion_pct(ytd_amount, targets.signed_investment)
    return TeamRow(
        team_id=team_id,
        name=name,
        rank=0,
        signed=Totals(Figure(count_now, count_before), Figure(amount_now, amount_before)),
        signed_ytd_count=ytd_count,
        signed_ytd_investment=ytd_amount,
        over_100m_ytd=ytd_over,
        funds=Figure(data.funds.now.get(team_id, ZERO), data.funds.before.get(team_id, ZERO)),
        funds_ytd=funds_ytd,
        share=share_pct(amount_now, whole[1]),
        targets=targets,
        completion_pct=completion,
        completion_projects_pct=completion_pct(ytd_count, targets.signed_projects),
        completion_funds_pct=completion_pct(funds_ytd, targets.funds_in_place),
        ahead_points=ahead_points(completion, elapsed),
        stalled=data.stalled.get(team_id, Stalled()),
    )


def _ranked(rows: list[TeamRow]) -> list[TeamRow]:
    """Best completion first; teams without a target after, by investment this year."""

    def key(row: TeamRow) -> tuple[Any, ...]:
        no_target = row.completion_pct is None
        return (no_target, -(row.completion_pct or ZERO), -row.signed_ytd_investment, row.name)

    ordered = sorted(rows, key=key)
    return [_with_rank(row, n) for n, row in enumerate(ordered, start=1)]


def _with_rank(row: TeamRow, rank: int) -> TeamRow:
    return replace(row, rank=rank)


def _total(rows: list[TeamRow], whole: tuple[int, Decimal], elapsed: Decimal) -> TeamsTotal:
    count = Figure(
        sum(r.signed.count.current for r in rows), sum(r.signed.count.previous for r in rows)
    )
    amount = Figure(
        sum((r.signed.investment.current for r in rows), ZERO),
        sum((r.signed.investment.previous for r in rows), ZERO),
    )
    ytd_amount = sum((r.signed_ytd_investment for r in rows), ZERO)
    target = sum((r.targets.signed_investment or ZERO for r in rows), ZERO)
    completion = completion_pct(ytd_amount, target)
    return TeamsTotal(
        team_count=len(rows),
        signed=Totals(count, amount),
        signed_ytd_count=sum(r.signed_ytd_count for r in rows),
        signed_ytd_investment=ytd_amount,
        funds=Figure(
            sum((r.funds.current for r in rows), ZERO), sum((r.funds.previous for r in rows), ZERO)
        ),
        funds_ytd=sum((r.funds_ytd for r in rows), ZERO),
        share=share_pct(amount.current, whole[1]),
        count_share=share_pct(count.current, whole[0]),
        target_signed_investment=target,
        completion_pct=completion,
        ahead_points=ahead_points(completion, elapsed),
        stalled=Stalled(
            sum(r.stalled.signed_not_started for r in rows),
            sum(r.stalled.started_not_operating for r in rows),
            sum(r.stalled.no_update for r in rows),
        ),
    )
