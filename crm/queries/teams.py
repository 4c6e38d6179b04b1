"""Read side of resident teams (驻点招商工作队): members, targets, completion, tallies.

Target completion is the briefs' own (crm.stats.teams: the first signing counts once, 增资
adds to the investment of its period, funds are the entries dated in the period, money from
the bureau's own area as the `include_own_area` setting says; "projects over 100m" have a
planned investment of at least 1亿元). Time-elapsed progress (序时进度) follows crm.periods.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, case, distinct, func, select
from sqlalchemy.orm import Session

from crm.models import (
    Activity,
    FundsEntry,
    Project,
    Region,
    RegionGroup,
    StageEvent,
    Team,
    TeamMember,
    TeamTarget,
)
from crm.periods import year_to_date
from crm.queries import live_record, ordering
from crm.reference.display import display_name, name_column
from crm.services.settings import all_settings
from crm.stats.brief import counting_scope
from crm.stats.scope import BUREAU
from crm.stats.teams import TeamActuals, ahead_points, completion_pct, team_actuals

#: Kinds that take the team out of the office (a "day out" counts once per date).
OUTING_KINDS = ("visit", "negotiation", "site_inspection", "promotion_event", "signing_ceremony")
MEETING_KINDS = ("visit", "site_inspection")
NEGOTIATION_KINDS = ("negotiation", "cloud_meeting")


@dataclass(frozen=True)
class TeamRow:
    id: str
    name: str
    region_group_code: str
    region_group_name: str
    station: str
    leader_name: str
    home_unit: str
    active_members: int
    active: bool
    region_group_name_en: str = ""


@dataclass(frozen=True)
class TeamDetail:
    id: str
    name: str
    home_unit: str
    station_region_code: str | None
    region_group_code: str | None
    leader_name: str
    active_from: date | None
    active_to: date | None
    notes: str


@dataclass(frozen=True)
class MemberRow:
    id: str
    person_name: str
    role: str
    phone: str
    from_on: date | None
    to_on: date | None
    active: bool


@dataclass(frozen=True)
class TargetRow:
    id: str
    year: int
    signed_investment: Decimal | None
    signed_projects: int | None
    funds_in_place: Decimal | None
    projects_over_100m: int | None


@dataclass(frozen=True)
class Measure:
    """One target line: what was done, the target, % done and points ahead of 序时进度."""

    key: str
    actual: Decimal
    target: Decimal | None
    percent: Decimal | None
    ahead_points: Decimal | None


@dataclass(frozen=True)
class TeamProgress:
    team_id: str
    year: int
    elapsed_percent: Decimal
    measures: tuple[Measure, ...]

    def measure(self, key: str) -> Measure:
        return next(m for m in self.measures if m.key == key)


@dataclass(frozen=True)
class MonthTally:
    month: int
    companies_visited: int
    negotiations: int
    days_out: int
    new_leads: int


@dataclass(frozen=True)
class TeamProjectRow:
    id: str
    name: str
    stage: str
    planned_investment: Decimal
    signed_on: date | None
    funds_in_place: Decimal


@dataclass(frozen=True)
class TeamComparisonRow:
    team_id: str
    name: str
    region_group_name: str
    signed_projects: int
    signed_investment: Decimal
    funds_in_place: Decimal
    investment_percent: Decimal | None
    companies_visited: int
    negotiations: int
    days_out: int
    new_leads: int


def _active_member(today: date) -> ColumnElement[bool]:
    return and_(
        TeamMember.deleted_at.is_(None),
        (TeamMember.from_on.is_(None)) | (TeamMember.from_on <= today),
        (TeamMember.to_on.is_(None)) | (TeamMember.to_on >= today),
    )


def team_list(
    session: Session, *, today: date, my_team_id: str = "", language: str = "zh"
) -> list[TeamRow]:
    """Live teams grouped by region group (key groups first), the user's own team first of all;
    the station city named in `language`."""
    members = (
        select(TeamMember.team_id, func.count(TeamMember.id).label("n"))
        .where(_active_member(today))
        .group_by(TeamMember.team_id)
        .subquery()
    )
    query = (
        select(
            Team,
            RegionGroup.name_zh,
            Region.name,
            func.coalesce(members.c.n, 0),
            RegionGroup.name_en,
        )
        .outerjoin(RegionGroup, RegionGroup.code == Team.region_group_code)
        .outerjoin(Region, Region.code == Team.station_region_code)
        .outerjoin(members, members.c.team_id == Team.id)
        .where(Team.deleted_at.is_(None))
        .order_by(
            case((Team.id == my_team_id, 0), else_=1),
            RegionGroup.code.is_(None),
            case((RegionGroup.is_key, 0), else_=1),
            RegionGroup.code,
        )
    )
    rows = session.execute(query).all()

    def group(row: Any) -> tuple[bool, str]:  # what the query orders by before the name
        return (row[0].id == my_team_id, row[0].region_group_code or "")

    # Within its group (the groups in the query's order) a team goes by the pinyin of its
    # name (三 · 上 · 万), not by code points.
    rank = {key: n for n, key in enumerate(dict.fromkeys(group(r) for r in rows))}
    rows.sort(key=lambda r: (rank[group(r)], ordering.pinyin_key(r[0].name)))
    return [
        TeamRow(
            id=t.id,
            name=t.name,
            region_group_code=t.region_group_code or "",
            region_group_name=group or "",
            station=display_name("region", t.station_region_code, station, language),
            leader_name=t.leader_name or "",
            home_unit=t.home_unit or "",
            active_members=int(n),
            active=_team_active(t, today),
            region_group_name_en=display_name(
                "region_group", t.region_group_code, group, "en", en=group_en
            ),
        )
        for t, group, station, n, group_en in rows
    ]


def _team_active(team: Team, today: date) -> bool:
    started = team.active_from is None or team.active_from <= today
    return started and (team.active_to is None or team.active_to >= today)


def team_detail(session: Session, team_id: str) -> TeamDetail | None:
    t = live_record(session, Team, team_id)
    if t is None:
        return None
    return TeamDetail(
        t.id,
        t.name,
        t.home_unit or "",
        t.station_region_code,
        t.region_group_code,
        t.leader_name or "",
        t.active_from,
        t.active_to,
        t.notes or "",
    )


def team_members(session: Session, team_id: str, *, today: date) -> list[MemberRow]:
    """Everyone who has served: current members first, leaders first, then by start date."""
    query = select(TeamMember).where(TeamMember.team_id == team_id, TeamMember.deleted_at.is_(None))
    rows = [
        MemberRow(
            m.id,
            m.person_name,
            m.role,
            m.phone or "",
            m.from_on,
            m.to_on,
            (m.from_on is None or m.from_on <= today) and (m.to_on is None or m.to_on >= today),
        )
        for m in session.scalars(query)
    ]
    rank = {"leader": 0, "deputy": 1}
    rows.sort(
        key=lambda m: (not m.active, rank.get(m.role, 2), m.from_on or date.min, m.person_name)
    )
    return rows


def team_targets(session: Session, team_id: str) -> list[TargetRow]:
    query = (
        select(TeamTarget)
        .where(TeamTarget.team_id == team_id, TeamTarget.deleted_at.is_(None))
        .order_by(TeamTarget.year.desc())
    )
    return [
        TargetRow(
            t.id,
            t.year,
            t.signed_investment,
            t.signed_projects,
            t.funds_in_place,
            t.projects_over_100m,
        )
        for t in session.scalars(query)
    ]


def period_end(year: int, today: date) -> date:
    """The year to date when `year` is the current one, else the whole year."""
    return min(today, date(year, 12, 31))


def elapsed_percent(year: int, today: date) -> Decimal:
    """序时进度 in %, the same rule the briefs use (crm.periods: whole months at a month's end)."""
    if today.year < year:
        return Decimal(0)
    if today.year > year:
        return Decimal(100)
    return year_to_date(today).elapsed_share_of_year()


def _actuals(session: Session, year: int, today: date) -> dict:
    """Each team's year to date (the whole year once it is over), by crm.stats' rules."""
    if today < date(year, 1, 1):
        return {}
    scope = counting_scope(session, BUREAU, all_settings(session))
    return team_actuals(session, year_to_date(period_end(year, today)), scope)


def _measure(key: str, actual: Decimal, target: Decimal | None, elapsed: Decimal) -> Measure:
    percent = completion_pct(actual, target)
    return Measure(key, actual, target, percent, ahead_points(percent, elapsed))


MEASURE_KEYS = ("signed_investment", "signed_projects", "funds_in_place", "projects_over_100m")
#: Each measure's field of crm.stats.teams.TeamActuals.
_ACTUAL_OF = {
    "signed_investment": "signed_investment",
    "signed_projects": "signed_count",
    "funds_in_place": "funds",
    "projects_over_100m": "over_100m",
}


def _target_for(session: Session, team_id: str, year: int) -> TeamTarget | None:
    return session.scalar(
        select(TeamTarget).where(
            TeamTarget.team_id == team_id,
            TeamTarget.year == year,
            TeamTarget.deleted_at.is_(None),
        )
    )


def team_progress(session: Session, team_id: str, *, year: int, today: date) -> TeamProgress:
    """A team's year-to-date results against its annual target (percent and 序时进度 points)."""
    actual = _actuals(session, year, today).get(team_id, TeamActuals())
    target = _target_for(session, team_id, year)
    elapsed = elapsed_percent(year, today)
    measures = tuple(
        _measure(
            key,
            Decimal(getattr(actual, _ACTUAL_OF[key])),
            None
            if target is None or getattr(target, key) is None
            else Decimal(getattr(target, key)),
            elapsed,
        )
        for key in MEASURE_KEYS
    )
    return TeamProgress(team_id, year, elapsed, measures)


def team_projects(session: Session, team_id: str) -> list[TeamProjectRow]:
    funds = (
        select(FundsEntry.project_id, func.sum(FundsEntry.amount).label("total"))
        .where(FundsEntry.deleted_at.is_(None))
        .group_by(FundsEntry.project_id)
        .subquery()
    )
    query = (
        select(Project, funds.c.total)
        .outerjoin(funds, funds.c.project_id == Project.id)
        .where(Project.team_id == team_id, Project.deleted_at.is_(None))
        .order_by(Project.signed_on.desc().nulls_last(), Project.name)
    )
    return [
        TeamProjectRow(
            p.id, p.name, p.stage, p.planned_investment, p.signed_on, total or Decimal(0)
        )
        for p, total in session.execute(query)
    ]


def _month(column: ColumnElement) -> ColumnElement[int]:
    return func.extract("month", column)


def _lead_dates():
    """The date each project became a lead: its first stage event, else its creation day."""
    first_event = (
        select(StageEvent.project_id, func.min(StageEvent.occurred_on).label("first_on"))
        .where(StageEvent.deleted_at.is_(None))
        .group_by(StageEvent.project_id)
        .subquery()
    )
    lead_on = func.coalesce(first_event.c.first_on, func.date(Project.created_at))
    return first_event, lead_on


def team_tallies(session: Session, team_id: str, *, year: int) -> list[MonthTally]:
    """Work done per month from the team's activities, plus new leads; twelve rows."""
    tallies = _tallies_by(session, year, [team_id], by_month=True)
    return [MonthTally(m, *tallies.get((team_id, m), (0, 0, 0, 0))) for m in range(1, 13)]


def _activity_counts(session: Session, year: int, team_ids: list[str] | None, by_month: bool):
    company = func.coalesce(Activity.company_id, Project.company_id)
    keys = [Activity.team_id] + ([_month(Activity.occurred_on)] if by_month else [])
    conds = [
        Activity.deleted_at.is_(None),
        Activity.team_id.is_not(None),
        Activity.occurred_on.between(date(year, 1, 1), date(year, 12, 31)),
    ]
    if team_ids is not None:
        conds.append(Activity.team_id.in_(team_ids))
    query = (
        select(
            *keys,
            func.count(distinct(case((Activity.kind.in_(MEETING_KINDS), company)))),
            func.sum(case((Activity.kind.in_(NEGOTIATION_KINDS), 1), else_=0)),
            func.count(distinct(case((Activity.kind.in_(OUTING_KINDS), Activity.occurred_on)))),
        )
        .outerjoin(Project, Project.id == Activity.project_id)
        .where(*conds)
        .group_by(*keys)
    )
    return session.execute(query).all()


def _lead_counts(session: Session, year: int, team_ids: list[str] | None, by_month: bool):
    first_event, lead_on = _lead_dates()
    keys = [Project.team_id] + ([_month(lead_on)] if by_month else [])
    conds = [
        Project.deleted_at.is_(None),
        Project.team_id.is_not(None),
        lead_on.between(date(year, 1, 1), date(year, 12, 31)),
    ]
    if team_ids is not None:
        conds.append(Project.team_id.in_(team_ids))
    query = (
        select(*keys, func.count(Project.id))
        .outerjoin(first_event, first_event.c.project_id == Project.id)
        .where(*conds)
        .group_by(*keys)
    )
    return session.execute(query).all()


def _tallies_by(
    session: Session, year: int, team_ids: list[str] | None, *, by_month: bool
) -> dict[tuple, tuple[int, int, int, int]]:
    width = 2 if by_month else 1
    out: dict[tuple, list[int]] = {}
    for row in _activity_counts(session, year, team_ids, by_month):
        key = tuple(_key_part(v) for v in row[:width])
        out[key] = [int(row[width] or 0), int(row[width + 1] or 0), int(row[width + 2] or 0), 0]
    for row in _lead_counts(session, year, team_ids, by_month):
        key = tuple(_key_part(v) for v in row[:width])
        out.setdefault(key, [0, 0, 0, 0])[3] = int(row[width] or 0)
    return {k: (v[0], v[1], v[2], v[3]) for k, v in out.items()}


def _key_part(value: object) -> object:
    # EXTRACT gives a number (Decimal on PostgreSQL); team ids stay text.
    return int(value) if isinstance(value, int | float | Decimal) else value


def team_comparison(session: Session, *, year: int, today: date) -> list[TeamComparisonRow]:
    """Every live team side by side: results, % of the investment target, and work tallies."""
    teams = team_list(session, today=today)
    actuals = _actuals(session, year, today)
    tallies = _tallies_by(session, year, None, by_month=False)
    targets = dict(
        session.execute(
            select(TeamTarget.team_id, TeamTarget.signed_investment).where(
                TeamTarget.year == year, TeamTarget.deleted_at.is_(None)
            )
        ).all()
    )
    rows = []
    for t in teams:
        a = actuals.get(t.id, TeamActuals())
        percent = completion_pct(a.signed_investment, targets.get(t.id))
        visited, negotiations, days_out, leads = tallies.get((t.id,), (0, 0, 0, 0))
        rows.append(
            TeamComparisonRow(
                t.id,
                t.name,
                t.region_group_name,
                a.signed_count,
                a.signed_investment,
                a.funds,
                percent,
                visited,
                negotiations,
                days_out,
                leads,
            )
        )
    return rows


def region_group_options(session: Session, language: str = "zh") -> list[tuple[str, str]]:
    name = name_column(RegionGroup, language)
    return [
        (c, n)
        for c, n in session.execute(select(RegionGroup.code, name).order_by(RegionGroup.code))
    ]
