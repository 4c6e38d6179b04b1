"""Resident teams (驻点招商工作队): home unit × station city, members over time, yearly targets."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from crm.demo.draw import id_maker, mobile, person_name, round_amount
from crm.demo.geography import Geography, HomeUnit
from crm.demo.vocab import CORE_STATIONS, STATIONS
from crm.sync.keyed_ids import team_target_id

Row = dict[str, Any]


@dataclass(slots=True)
class TeamInfo:
    id: str
    group: str
    station: str
    start: int  # ordinal of active_from
    end: int | None  # ordinal of active_to
    unit: HomeUnit
    participants: list[str]


@dataclass
class TeamData:
    teams: list[Row] = field(default_factory=list)
    members: list[Row] = field(default_factory=list)
    infos: list[TeamInfo] = field(default_factory=list)


class TeamMaker:
    def __init__(
        self, rng: random.Random, geo: Geography, stamp: Any, start: date, today: date
    ) -> None:
        self.rng = rng
        self.geo = geo
        self.stamp = stamp  # callable(rng, ordinal) -> bookkeeping columns
        self.start = start.toordinal()
        self.today = today.toordinal()
        self.ids = id_maker(rng)
        self.member_ids = id_maker(rng)
        self.data = TeamData()

    def make(self, units: int, stations: tuple[int, int]) -> TeamData:
        own = self.geo.bureau[:2]
        usable = [s for s in STATIONS if s[0][:2] != own]
        for n, unit in enumerate(self.geo.home_units()[:units]):
            chosen = usable if n == 0 else self._stations(usable, stations)
            for station, group in chosen:
                self._team(unit, station, group)
        self._moves()
        return self.data

    def _stations(self, usable: list[tuple[str, str]], span: tuple[int, int]) -> list:
        core = [s for s in usable if s[0] in CORE_STATIONS]
        rest = [s for s in usable if s[0] not in CORE_STATIONS]
        extra = max(0, self.rng.randint(*span) - len(core))
        return core + self.rng.sample(rest, min(extra, len(rest)))

    def _team(self, unit: HomeUnit, station: str, group: str) -> None:
        rng = self.rng
        span = self.today - self.start
        start = self.start + int(rng.random() * 90)
        if rng.random() < 0.2:
            start = self.start + int(span * (0.2 + 0.4 * rng.random()))
        end = None
        if rng.random() < 0.06 and self.today - start > 400:
            end = start + 365 + int(rng.random() * (self.today - start - 395))
        team_id = self.ids()
        leader = person_name(rng)
        station_name = self.geo.short_names.get(station, station)
        self.data.teams.append(
            {
                "id": team_id,
                "name": f"{unit.name}驻{station_name}招商工作队",
                "home_unit": unit.responsible_unit,
                "station_region_code": station,
                "region_group_code": group,
                "leader_name": leader,
                "active_from": date.fromordinal(start),
                "active_to": date.fromordinal(end) if end else None,
                "notes": "",
                **self.stamp(rng, start),
            }
        )
        names = [leader]
        self._member(team_id, leader, "leader", start, end)
        if rng.random() < 0.6:
            names.append(person_name(rng))
            self._member(team_id, names[-1], "deputy", start, end)
        for _ in range(2 + int(rng.random() * 3)):
            names.append(person_name(rng))
            self._member(team_id, names[-1], "member", start, end)
        participants = [f"{names[0]}、{name}" for name in names[1:]] or [names[0]]
        info = TeamInfo(team_id, group, station, start, end, unit, participants)
        self.data.infos.append(info)

    def _member(
        self, team_id: str, name: str, role: str, start: int, end: int | None, phone: str = ""
    ) -> Row:
        row = {
            "id": self.member_ids(),
            "team_id": team_id,
            "person_name": name,
            "role": role,
            "phone": phone or mobile(self.rng),
            "from_on": date.fromordinal(start),
            "to_on": date.fromordinal(end) if end else None,
            **self.stamp(self.rng, start),
        }
        self.data.members.append(row)
        return row

    def _moves(self) -> None:
        """Some members leave a team for another one; a newcomer takes the empty place."""
        rng = self.rng
        by_id = {t.id: t for t in self.data.infos}
        for row in list(self.data.members):
            if row["role"] != "member" or row["to_on"] is not None or rng.random() > 0.12:
                continue
            team = by_id[row["team_id"]]
            earliest = team.start + 90
            if self.today - 10 <= earliest:
                continue
            left = earliest + int(rng.random() * (self.today - 10 - earliest))
            row["to_on"] = date.fromordinal(left)
            others = [
                t
                for t in self.data.infos
                if t.id != team.id and t.start <= left and (t.end is None or t.end > left + 1)
            ]
            if others:
                other = rng.choice(others)
                self._member(
                    other.id, row["person_name"], "member", left + 1, other.end, row["phone"]
                )
            self._member(team.id, person_name(rng), "member", left + 1, team.end)


class TargetTally:
    """What each team achieved per year, to draw targets that are neither trivial nor absurd."""

    def __init__(self) -> None:
        self.signed: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0, 0])
        self.funds: dict[tuple[str, int], int] = defaultdict(int)

    def add_signed(self, team_id: str, year: int, planned_wan: int) -> None:
        entry = self.signed[(team_id, year)]
        entry[0] += planned_wan
        entry[1] += 1
        entry[2] += planned_wan >= 10_000

    def add_increase(self, team_id: str, year: int, amount_wan: int) -> None:
        """增资: investment of the year, no project."""
        self.signed[(team_id, year)][0] += amount_wan

    def add_funds(self, team_id: str, year: int, amount_cents: int) -> None:
        self.funds[(team_id, year)] += amount_cents


def target_rows(
    rng: random.Random, infos: list[TeamInfo], tally: TargetTally, today: date, stamp: Any
) -> list[Row]:
    """Each active team's targets per year: what it achieves (the current year extrapolated)
    times 0.8–1.4, so completion spreads around 70–125 %; a team with nothing yet gets half
    a typical team's target."""
    ids = id_maker(rng)
    first_year = date.fromordinal(min(t.start for t in infos)).year if infos else today.year
    year_share = (today.toordinal() - date(today.year, 1, 1).toordinal() + 1) / 365
    rows: list[Row] = []
    for year in range(first_year, today.year + 1):
        share = year_share if year == today.year else 1.0
        achieved = {
            team.id: _achieved(tally, team.id, year, share)
            for team in infos
            if _active_in(team, year)
        }
        typical = _typical(list(achieved.values()))
        for team_id, values in achieved.items():
            factor = 0.8 + 0.6 * rng.random()
            planned, count, big, funds = (
                (v if v > 0 else t / 2) * factor for v, t in zip(values, typical, strict=True)
            )
            team_start = next(t.start for t in infos if t.id == team_id)
            ids()  # drawn still, so that a seed's other values stay what they were
            rows.append(
                {
                    "id": team_target_id(team_id, year),  # as the service makes it
                    "team_id": team_id,
                    "year": year,
                    "signed_investment": Decimal(round_amount(max(planned, 1000))),
                    "signed_projects": max(1, round(count)),
                    "funds_in_place": Decimal(round_amount(max(funds, 500))),
                    "projects_over_100m": max(1, round(big)),
                    **stamp(rng, max(team_start, date(year, 1, 1).toordinal() - 20)),
                }
            )
    return rows


def _active_in(team: TeamInfo, year: int) -> bool:
    if date.fromordinal(team.start).year > year:
        return False
    return team.end is None or date.fromordinal(team.end).year >= year


def _achieved(tally: TargetTally, team_id: str, year: int, share: float) -> tuple[float, ...]:
    """(signed 万元, signed count, count ≥ 1亿, funds 万元) for the whole year."""
    planned, count, big = tally.signed.get((team_id, year), [0, 0, 0])
    funds = tally.funds.get((team_id, year), 0) / 100
    return tuple(v / share for v in (planned, count, big, funds))


def _typical(values: list[tuple[float, ...]]) -> tuple[float, ...]:
    """Mean of each figure over the teams that achieved something in it."""
    out = []
    for column in zip(*values, strict=True) if values else ():
        positive = [v for v in column if v > 0]
        out.append(sum(positive) / len(positive) if positive else 1.0)
    return tuple(out) if out else (1.0, 1.0, 1.0, 1.0)
