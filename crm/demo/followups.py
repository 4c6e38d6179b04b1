"""Follow-up records (跟进记录) and problems (问题清单), dated within each project's life."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from typing import Any

from crm.demo.companies import Investor
from crm.demo.draw import Clock, Picker, id_maker
from crm.demo.projects import ProjectInfo
from crm.demo.teams import TeamInfo
from crm.demo.vocab import ACTIVITY_SUMMARIES, NEXT_STEPS, PROBLEMS, RESOLUTIONS

Row = dict[str, Any]

KINDS = Picker(
    ("visit", "negotiation", "phone", "cloud_meeting", "site_inspection", "promotion_event"),
    (28, 22, 20, 12, 12, 6),
)
#: Relative number of follow-ups by how far a project got.
STAGE_WEIGHT = {
    "lead": 3,
    "negotiating": 8,
    "signed": 11,
    "funded": 13,
    "started": 14,
    "operating": 15,
    "dropped": 6,
}
#: Who takes part when no resident team does.
BUREAU_STAFF = ["投资促进局招商科", "投资促进局综合科"]
#: Share of follow-ups about a firm without a project yet (prospecting).
PROSPECTING_SHARE = 0.03
CATEGORIES = Picker(
    ("land", "environment", "funding", "labour", "utilities", "permits", "other"),
    (25, 12, 15, 8, 15, 20, 5),
)


class FollowupMaker:
    def __init__(
        self, rng: random.Random, clock: Clock, actor: str, city: str, today: date
    ) -> None:
        self.rng = rng
        self.clock = clock
        self.actor = actor
        self.city = city
        self.today = today.toordinal()
        self.ids = id_maker(rng)
        self.problem_ids = id_maker(rng)
        self._next_steps = [s.format(city=city) for s in NEXT_STEPS]
        # The city filled in once: a summary costs one format with the firm's name.
        self._summaries = {
            kind: [t.format(c="{c}", city=city) for t in texts]
            for kind, texts in ACTIVITY_SUMMARIES.items()
        }

    # --- activities --------------------------------------------------------------------

    def activities(
        self,
        projects: list[ProjectInfo],
        investors: list[Investor],
        teams: list[TeamInfo],
        target: int,
        start: date,
    ) -> Iterator[Row]:
        rng = self.rng
        weights = [self._weight(p) for p in projects]
        per_weight = target * (1 - PROSPECTING_SHARE) / max(sum(weights), 1e-9)
        for info, weight in zip(projects, weights, strict=True):
            mean = weight * per_weight
            count = int(mean * (0.5 + rng.random()) + rng.random())
            participants = info.team.participants if info.team else [info.person]
            team_id = info.team.id if info.team else None
            team_end = info.team.end if info.team and info.team.end else info.end
            for _ in range(count):
                day = info.lead + int(rng.random() * (info.end - info.lead + 1))
                # After a team is stood down, the bureau itself follows its projects up.
                by = team_id if day <= team_end else None
                yield self._activity(
                    KINDS(rng), day, info.id, info.company_id, by, info.brand, participants
                )
            if info.signed and rng.random() < 0.4:
                yield self._activity(
                    "signing_ceremony",
                    info.signed,
                    info.id,
                    info.company_id,
                    team_id if info.signed <= team_end else None,
                    info.brand,
                    participants,
                )
        first = start.toordinal()
        for _ in range(int(target * PROSPECTING_SHARE)):
            investor = rng.choice(investors)
            team = rng.choice(teams) if teams else None
            day = first + int(rng.random() * (self.today - first + 1))
            if team and not team.start <= day <= (team.end or day):
                team = None  # the bureau's own prospecting
            yield self._activity(
                rng.choice(("visit", "phone", "promotion_event")),
                day,
                None,
                investor.id,
                team.id if team else None,
                investor.brand,
                team.participants if team else BUREAU_STAFF,
            )

    def _weight(self, info: ProjectInfo) -> float:
        age = info.end - info.lead
        return STAGE_WEIGHT[info.stage] * (0.3 + min(age, 900) / 450)

    def _activity(
        self,
        kind: str,
        day: int,
        project_id: str | None,
        company_id: str,
        team_id: str | None,
        brand: str,
        participants: list[str],
    ) -> Row:
        # A million of these in the large demo: picks index by random() (rng.choice costs
        # three times as much), the city is already in the summaries.
        rng = self.rng
        draw = rng.random
        at = self.clock.at(rng, day)
        follow = draw() < 0.35 and kind != "signing_ceremony"
        summaries = self._summaries[kind]
        next_steps = self._next_steps
        return {
            "id": self.ids(),
            "occurred_on": date.fromordinal(day),
            "kind": kind,
            "project_id": project_id,
            "company_id": company_id,
            "team_id": team_id,
            "participants": participants[int(draw() * len(participants))],
            "summary": summaries[int(draw() * len(summaries))].format(c=brand),
            "next_step": next_steps[int(draw() * len(next_steps))] if follow else "",
            "next_step_due": date.fromordinal(day + 7 + int(draw() * 38)) if follow else None,
            "next_step_open": False,  # set by its rule once all are written (crm.follow_ups)
            "created_at": at,
            "updated_at": at,
            "created_by": self.actor,
            "updated_by": self.actor,
            "deleted_at": None,
        }

    # --- problems ----------------------------------------------------------------------

    def problems(self, projects: list[ProjectInfo]) -> Iterator[Row]:
        rng = self.rng
        for info in projects:
            if info.signed is None:
                continue
            draw = rng.random()
            count = 0 if draw < 0.7 else 1 if draw < 0.88 else 2 if draw < 0.96 else 3
            for _ in range(count):
                yield self._problem(info)

    def _problem(self, info: ProjectInfo) -> Row:
        rng = self.rng
        assert info.signed is not None
        raised = info.signed + int(rng.random() * (info.end - info.signed + 1))
        due = raised + 15 + int(rng.random() * 75)
        category = CATEGORIES(rng)
        description, unit = rng.choice(PROBLEMS[category])
        age = self.today - raised
        status, resolved, resolution = "open", None, ""
        if rng.random() < min(0.9, age / 150):
            status = "resolved"
            resolved = min(self.today, raised + 3 + int(rng.random() * min(age, 150)))
            resolution = rng.choice(RESOLUTIONS)
        elif rng.random() < 0.6:
            status = "in_progress"
        return {
            "id": self.problem_ids(),
            "project_id": info.id,
            "category": category,
            "description": description,
            "responsible_unit": unit,
            "raised_on": date.fromordinal(raised),
            "due_on": date.fromordinal(due),
            "status": status,
            "resolution": resolution,
            "resolved_on": date.fromordinal(resolved) if resolved else None,
            "created_at": self.clock.at(rng, raised),
            "updated_at": self.clock.at(rng, resolved or raised),
            "created_by": self.actor,
            "updated_by": self.actor,
            "deleted_at": None,
        }
