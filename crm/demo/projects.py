"""Projects with their stage history and funds entries, all dated consistently.

Each project walks the pipeline (lead → negotiating → signed → funded → started →
operating), stalling or dropping on the way; no date lies after `today`. The denormalised
milestone columns are set from the same walk, so they match the StageEvent rows, and
funded_on is the date of the first funds entry.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from crm.codes import Stage
from crm.demo.companies import Investor
from crm.demo.draw import Clock, Picker, id_maker, person_name, round_amount
from crm.demo.geography import Geography, HomeUnit
from crm.demo.teams import TargetTally, TeamInfo
from crm.demo.vocab import DROP_REASONS
from crm.names import normalize_project_name
from crm.places import funds_source_of
from crm.project_codes import format_code
from crm.stages import StageState, StageStep, milestones, replay

Row = dict[str, Any]

#: stage → (next stage, chance to advance, chance to drop instead, shortest gap, longest gap)
WALK: dict[str, tuple[str, float, float, int, int]] = {
    "lead": ("negotiating", 0.78, 0.07, 7, 150),
    "negotiating": ("signed", 0.60, 0.10, 20, 240),
    "signed": ("funded", 0.80, 0.05, 15, 200),
    "funded": ("started", 0.82, 0.02, 10, 150),
    "started": ("operating", 0.62, 0.01, 120, 540),
}
#: Chance that a signing skips negotiating (signed straight away at an event).
SKIP_NEGOTIATING = 0.08
AGREEMENTS = Picker(("formal", "framework", "intent"), (60, 25, 15))
#: Funds received as a share of planned investment, by how far the project got.
FUNDS_SHARE = {
    "funded": (0.05, 0.40),
    "started": (0.20, 0.75),
    "operating": (0.55, 0.98),
    "dropped": (0.05, 0.30),
}
#: Buckets of origin that resident teams stationed in a group cover.
TEAM_GROUPS = {
    "gba": ("gba",),
    "yrd": ("yrd",),
    "jjj": ("jjj",),
    "chengyu": ("chengyu",),
    "other": ("east", "central"),
    "foreign": ("gba", "yrd"),
}


@dataclass(slots=True)
class ProjectInfo:
    """What activities and problems need to know about a project."""

    id: str
    company_id: str
    brand: str
    team: TeamInfo | None
    lead: int
    end: int  # last day anything can happen: dropped_on or today
    stage: str
    signed: int | None
    unit: HomeUnit
    person: str
    planned: int = 0  # 万元
    started: int | None = None  # ordinal of the start (开工), if it has started


@dataclass
class ProjectBatch:
    projects: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    funds: list[Row] = field(default_factory=list)


class ProjectMaker:
    def __init__(
        self,
        rng: random.Random,
        geo: Geography,
        investors: list[Investor],
        teams: list[TeamInfo],
        parks: list[tuple[str, str]],  # (park id, name)
        clock: Clock,
        actor: str,
        start: date,
        today: date,
        code_pattern: str,
    ) -> None:
        self.rng = rng
        self.geo = geo
        self.clock = clock
        self.actor = actor
        self.start = start.toordinal()
        self.today = today.toordinal()
        self.park_ids = [p[0] for p in parks]
        self.units = geo.home_units()
        self.ids = id_maker(rng)
        self.event_ids = id_maker(rng)
        self.funds_ids = id_maker(rng)
        self.infos: list[ProjectInfo] = []
        self.tally = TargetTally()
        # Codes as the program numbers a new project (Settings' pattern, a sequence per year),
        # so the next project entered or imported takes the number after the demo's.
        self.code_pattern = code_pattern
        self._sequences: Counter[int] = Counter()
        self._investors = self._investor_pickers(investors)
        self._teams = self._team_lists(teams)

    @staticmethod
    def _investor_pickers(investors: list[Investor]) -> dict[str, Picker[Investor]]:
        by_bucket: dict[str, list[Investor]] = {}
        for investor in investors:
            by_bucket.setdefault(investor.origin.bucket, []).append(investor)
        pickers = {b: Picker(items, [i.weight for i in items]) for b, items in by_bucket.items()}
        pickers["*"] = Picker(investors, [i.weight for i in investors])
        return pickers

    @staticmethod
    def _team_lists(teams: list[TeamInfo]) -> dict[str, list[TeamInfo]]:
        out: dict[str, list[TeamInfo]] = {}
        for bucket, groups in TEAM_GROUPS.items():
            out[bucket] = [t for t in teams if t.group in groups]
        return out

    # --- one project -------------------------------------------------------------------

    def make(self, count: int) -> ProjectBatch:
        batch = ProjectBatch()
        for _ in range(count):
            self._project(batch)
        return batch

    def _project(self, batch: ProjectBatch) -> None:
        rng = self.rng
        bucket = self.geo.bucket_picker(rng)
        investor = self._investors.get(bucket, self._investors["*"])(rng)
        origin, sector = investor.origin, investor.sector
        span = self.today - self.start
        lead = self.start + int(span * rng.random() ** 0.85)
        planned = self._planned(investor)
        team = self._team(origin.bucket, origin.region_code, lead)
        unit = team.unit if team else rng.choice(self.units)
        project_id = self.ids()
        walk = self._walk(lead)
        dates = dict(walk)
        stage, stage_on = walk[-1]
        dropped = stage == "dropped"
        reason = rng.choice(DROP_REASONS) if dropped else ""
        agreement = AGREEMENTS(rng) if "signed" in dates else None
        state = self._events(batch, project_id, walk, agreement, reason)
        end = stage_on if dropped else self.today
        self._funds(batch, project_id, planned, dates, stage, end, origin.source_class, team)
        signed = dates.get("signed")
        if team and signed:
            self.tally.add_signed(team.id, date.fromordinal(signed).year, planned)
        lead_year = date.fromordinal(lead).year
        self._sequences[lead_year] += 1
        product = rng.choice(sector.products)
        if "{n}" in product:
            product = product.format(n=rng.choice((5, 10, 20, 30, 50, 100)))
        name = f"{investor.brand}{product}项目" + ("（一期）" if rng.random() < 0.08 else "")
        person = person_name(rng)
        is_manufacturing = sector.manufacturing
        batch.projects.append(
            {
                "id": project_id,
                "name": name,
                "name_normalized": normalize_project_name(name),
                "code": format_code(self.code_pattern, lead_year, self._sequences[lead_year]),
                "company_id": investor.id,
                "industry_code": rng.choice(sector.industries),
                "chain_code": sector.chain_code,
                "planned_investment": Decimal(planned),
                "foreign_investment": None,
                "source_region_code": origin.region_code,
                "source_country_code": origin.country_code,
                "source_class": origin.source_class,
                "landing_region_code": unit.landing_code,
                "park_id": self._park(is_manufacturing),
                "responsible_unit": unit.responsible_unit,
                "responsible_person": person,
                "team_id": team.id if team else None,
                "is_major": planned >= 100_000 or rng.random() < 0.03,
                "expected_jobs": self._jobs(planned, is_manufacturing),
                "expected_annual_output": (
                    Decimal(round_amount(planned * (0.8 + 1.7 * rng.random())))
                    if is_manufacturing and signed
                    else None
                ),
                **milestones(state),
                "expected_signing_on": (
                    _day(lead + 60 + int(rng.random() * 300)) if signed is None else None
                ),
                "expected_start_on": _expected_start(rng, signed, dates.get("started")),
                "expected_operation_on": (
                    _day(dates["started"] + 300 + int(rng.random() * 420))
                    if "started" in dates
                    else None
                ),
                "notes": "",
                "merged_into_id": None,
                "confidential": False,
                "created_at": self.clock.at(rng, lead),
                "updated_at": self.clock.at(rng, stage_on),
                "created_by": self.actor,
                "updated_by": self.actor,
                "deleted_at": None,
            }
        )
        self.infos.append(
            ProjectInfo(
                project_id,
                investor.id,
                investor.brand,
                team,
                lead,
                end,
                stage,
                signed,
                unit,
                person,
                planned,
                dates.get("started"),
            )
        )

    def _planned(self, investor: Investor) -> int:
        """万元: median about 0.5亿, many 0.1–5亿, some 亿元以上, a few 50亿+."""
        value = 5000 * self.rng.lognormvariate(0, 1.3) * investor.size
        return round_amount(min(max(value, 200), 3_000_000))

    def _team(self, bucket: str, region: str | None, lead: int) -> TeamInfo | None:
        rng = self.rng
        if rng.random() > 0.75:
            return None
        candidates = [
            t for t in self._teams.get(bucket, ()) if t.start <= lead and (t.end or lead) >= lead
        ]
        if not candidates:
            return None
        same_city = [t for t in candidates if t.station == region]
        if same_city and rng.random() < 0.6:
            return rng.choice(same_city)
        return rng.choice(candidates)

    def _park(self, manufacturing: bool) -> str | None:
        if self.park_ids and self.rng.random() < (0.75 if manufacturing else 0.3):
            return self.rng.choice(self.park_ids)
        return None

    def _jobs(self, planned: int, manufacturing: bool) -> int | None:
        if self.rng.random() < 0.25:
            return None
        per_job = 60 if manufacturing else 120
        return max(5, round(planned / per_job * (0.5 + self.rng.random())))

    # --- the walk through the pipeline -------------------------------------------------

    def _walk(self, lead: int) -> list[tuple[str, int]]:
        """(stage, ordinal) in order; a skipped negotiating stage is ("-negotiating", 0)."""
        rng = self.rng
        walk = [("lead", lead)]
        stage, day = "lead", lead
        while stage in WALK:
            nxt, advance, drop, low, high = WALK[stage]
            draw = rng.random()
            gap = low + int((high - low) * rng.random() ** 1.4)
            if draw < advance:
                if day + gap > self.today:
                    break
                if stage == "lead" and rng.random() < SKIP_NEGOTIATING:
                    walk.append(("-negotiating", 0))
                    nxt = "signed"
                stage, day = nxt, day + gap
                walk.append((stage, day))
            elif draw < advance + drop:
                drop_day = day + 20 + int(rng.random() * 280)
                if drop_day <= self.today:
                    walk.append(("dropped", drop_day))
                break
            else:
                break
        return walk

    def _events(
        self,
        batch: ProjectBatch,
        project_id: str,
        walk: list[tuple[str, int]],
        agreement: str | None,
        reason: str,
    ) -> StageState:
        """Write the walk as stage history; the project's milestone columns are its replay
        (crm.stages), as the services would keep them."""
        rng = self.rng
        last_day = walk[0][1]
        steps = []
        for sequence, (stage, day) in enumerate(walk, start=1):
            skipped = stage.startswith("-")
            stage = stage.lstrip("-")
            kind = "skip" if skipped else ("drop" if stage == "dropped" else "advance")
            last_day = last_day if skipped else day
            step = StageStep(
                Stage(stage),
                kind,
                None if skipped else date.fromordinal(day),
                not_applicable=skipped,
                agreement_type=agreement if stage == "signed" else None,
                comment=reason if stage == "dropped" else "",
            )
            steps.append(step)
            batch.events.append(
                {
                    "id": self.event_ids(),
                    "project_id": project_id,
                    "stage": stage,
                    "occurred_on": step.on,
                    "not_applicable": skipped,
                    "kind": kind,
                    "agreement_type": step.agreement_type,
                    "comment": step.comment,
                    "sequence": sequence,
                    "created_at": self.clock.at(rng, last_day),
                    "updated_at": self.clock.at(rng, last_day),
                    "created_by": self.actor,
                    "updated_by": self.actor,
                    "deleted_at": None,
                }
            )
        return replay(steps)

    # --- funds in place ----------------------------------------------------------------

    def _funds(
        self,
        batch: ProjectBatch,
        project_id: str,
        planned: int,
        dates: dict[str, int],
        stage: str,
        end: int,
        source_class: str | None,
        team: TeamInfo | None,
    ) -> None:
        first = dates.get("funded")
        if first is None:
            return
        rng = self.rng
        low, high = FUNDS_SHARE.get(stage, FUNDS_SHARE["funded"])
        share = low + (high - low) * rng.random()
        if rng.random() < 0.03:
            share = 1.0 + 0.1 * rng.random()  # over the plan: the service warns, it happens
        goal = max(100, int(planned * share * 100))  # cents of 万元
        received, day, entries = 0, first, 0
        source = funds_source_of(source_class)
        while received < goal and day <= end and entries < 12:
            part = goal - received if entries == 11 else int(goal * (0.1 + 0.4 * rng.random()))
            part = max(100, min(part, goal - received))
            received += part
            entries += 1
            amount = Decimal(part).scaleb(-2)
            fixed = (
                Decimal(int(part * (0.6 + 0.3 * rng.random()))).scaleb(-2)
                if rng.random() < 0.6
                else None
            )
            batch.funds.append(
                {
                    "id": self.funds_ids(),
                    "project_id": project_id,
                    "received_on": date.fromordinal(day),
                    "amount": amount,
                    "fixed_asset_amount": fixed,
                    "source": source,
                    "note": "",
                    "created_at": self.clock.at(rng, day),
                    "updated_at": self.clock.at(rng, day),
                    "created_by": self.actor,
                    "updated_by": self.actor,
                    "deleted_at": None,
                }
            )
            if team:
                self.tally.add_funds(team.id, date.fromordinal(day).year, part)
            day += 20 + int(rng.random() * 100)


def _day(ordinal: int | None) -> date | None:
    return date.fromordinal(ordinal) if ordinal else None


def _expected_start(rng: random.Random, signed: int | None, started: int | None) -> date | None:
    """计划开工时间: for a signed project not started yet a day ahead; for a started one the
    plan it started against (up to six weeks either side of the start, without a draw, so the
    rest of the stream stays as it was), which the dispatch lists' 开工率 counts."""
    if started:
        return _day(started - 21 + started % 43)
    return _day(signed + 60 + int(rng.random() * 240)) if signed else None
