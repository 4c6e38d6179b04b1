"""Resident teams (驻点招商工作队): the team, its members over time, its annual targets."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.codes import TeamRole
from crm.errors import end_not_before_start
from crm.models import Region, RegionGroup, Team, TeamMember, TeamTarget
from crm.services import checks
from crm.services.companies import clean_phone
from crm.services.records import (
    apply_fields,
    deleter,
    insert_row,
    restorer,
    update_row,
    updated,
)
from crm.services.result import Changed
from crm.sync.keyed_ids import team_target_id

TEAM_FIELDS = frozenset(
    {"name", "home_unit", "station_region_code", "region_group_code", "leader_name",
     "active_from", "active_to", "notes"}
)  # fmt: skip


def _clean_team(session: Session, fields: dict[str, Any], team_id: str | None) -> dict[str, Any]:
    reference = partial(checks.reference, session)
    return checks.cleaned(
        fields,
        {
            "name": partial(_team_name, session, team_id),
            **checks.text_cleaners("team", "home_unit", "leader_name", "notes"),
            "station_region_code": partial(reference, "station_region_code", Region),
            "region_group_code": partial(reference, "region_group_code", RegionGroup),
            "active_from": partial(checks.a_date, "active_from"),
            "active_to": partial(checks.a_date, "active_to"),
        },
    )


def _team_name(session: Session, team_id: str | None, value: Any) -> str:
    name = checks.required_field("team", "name", value, label_zh="工作队名称")
    return checks.free_name(session, Team.name, name, team_id, what=("工作队", "A team"))


def create_team(session: Session, *, name: str, **fields: Any) -> Changed:
    checks.unknown_fields(fields, TEAM_FIELDS)
    team = Team(**_clean_team(session, {"name": name, **fields}, None))
    _check_team(team)
    return insert_row(session, team)


def update_team(session: Session, team_id: str, **fields: Any) -> Changed:
    clean = partial(_clean_team, session, fields, team_id)
    return update_row(session, Team, team_id, fields, TEAM_FIELDS, clean, check=_check_team)


def _check_team(team: Team) -> None:
    end_not_before_start("active_to", team.active_from, team.active_to)


delete_team = deleter(Team)


restore_team = restorer(Team)


def add_member(
    session: Session,
    *,
    team_id: str,
    person_name: str,
    role: str = "member",
    phone: str = "",
    from_on: date | None = None,
    to_on: date | None = None,
) -> Changed:
    checks.live(session, Team, team_id, field="team_id")
    member = TeamMember(
        team_id=team_id,
        person_name=checks.required_field(
            "team_member", "person_name", person_name, label_zh="姓名"
        ),
        role=checks.choice("role", role, TeamRole),
        phone=clean_phone(phone),
        from_on=checks.a_date("from_on", from_on),
        to_on=checks.a_date("to_on", to_on),
    )
    end_not_before_start("to_on", member.from_on, member.to_on)
    return insert_row(session, member)


def end_membership(session: Session, member_id: str, *, to_on: date) -> Changed:
    member = checks.live(session, TeamMember, member_id)
    member.to_on = checks.a_date("to_on", to_on, allow_none=False)
    end_not_before_start("to_on", member.from_on, member.to_on)
    return updated(session, member)


remove_member = deleter(TeamMember)


def set_target(
    session: Session,
    *,
    team_id: str,
    year: int,
    signed_investment: Any = None,
    signed_projects: Any = None,
    funds_in_place: Any = None,
    projects_over_100m: Any = None,
) -> Changed:
    """Create or replace a team's annual target for one year."""
    checks.live(session, Team, team_id, field="team_id")
    target_year = checks.a_year("year", year)
    values = {
        "signed_investment": checks.amount("signed_investment", signed_investment, allow_none=True),
        "signed_projects": checks.count("signed_projects", signed_projects),
        "funds_in_place": checks.amount("funds_in_place", funds_in_place, allow_none=True),
        "projects_over_100m": checks.count("projects_over_100m", projects_over_100m),
    }
    target = session.scalar(
        select(TeamTarget).where(TeamTarget.team_id == team_id, TeamTarget.year == target_year)
    )
    if target is None:
        # The id comes from team and year: a target made for them on another site too is the
        # same record, so the two merge field by field when the sites sync.
        target = TeamTarget(
            id=team_target_id(team_id, target_year), team_id=team_id, year=target_year, **values
        )
        session.add(target)
        op = "insert"
    else:
        target.deleted_at = None
        apply_fields(target, values)
        op = "update"
    session.flush()
    return Changed("team_target", target.id, op)
