"""Resident teams of a teams sheet: checked as the services would, matched with the teams
already in the database, with their members and yearly targets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from crm.errors import ValidationError
from crm.ledger.context import PlanContext
from crm.ledger.parse import INVALID, NEW, UNCHANGED, UPDATED, Item, Member
from crm.ledger.refs import Missing, key_of
from crm.models import Team, TeamMember, TeamTarget
from crm.services.companies import clean_phone


@dataclass(eq=False)
class TeamEntry:
    name: str
    existing_id: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    new_id: str | None = None

    @property
    def id(self) -> str | None:
        return self.existing_id or self.new_id


def index_teams(ctx: PlanContext, items: list[Item]) -> None:
    """Teams named in a teams sheet (before projects refer to them)."""
    for item in items:
        if item.status != INVALID:
            ctx.file_teams.setdefault(key_of(item.values["name"]), item)


def plan_teams(ctx: PlanContext, items: list[Item]) -> None:
    existing = _load_teams(ctx)
    entries: dict[str, TeamEntry] = {}
    for item, team_id in ctx.rows_to_plan(items, Team, ctx.refs.team_names):
        name = item.values["name"]
        key = key_of(ctx.refs.team_names[team_id] if team_id else name)
        first = key not in entries
        if first:
            team_id = team_id or ctx.refs.teams.get(key)
            if team_id is None and name in ctx.refs.deleted_teams:
                ctx.report(item, "name", name, "ref_deleted", "工作队 / team")
                continue
            entries[key] = TeamEntry(name, team_id)
        entry = entries[key]
        item.extra["team"] = entry
        fields = _team_fields(ctx, item) if first else {}
        members = _team_members(ctx, item)
        target = _team_target(ctx, item)
        if item.status == INVALID:
            continue
        record = existing.get(entry.existing_id or "")
        if first:
            entry.fields = fields
        changes = {
            k: v for k, v in fields.items() if record is None or record["fields"].get(k) != v
        }
        have = record["members"] if record else set()
        new_members = [m for m in members if m.name not in have]
        have.update(m.name for m in new_members)
        if target and record and record["targets"].get(target["year"]) == target:
            target = None
        item.extra.update(new_members=new_members, target=target)
        if target and record:  # the year's target on record, for the preview's 旧值
            item.extra["target_before"] = record["targets"].get(target["year"]) or {}
        if entry.existing_id is None and first:
            item.status = NEW
        elif changes or new_members or target:
            item.status, item.target_id, item.changes = (
                UPDATED if entry.existing_id else NEW,
                entry.existing_id,
                changes,
            )
            item.keep_before(record["fields"] if record else None)
        else:
            item.status, item.target_id = UNCHANGED, entry.existing_id


def _team_fields(ctx: PlanContext, item: Item) -> dict[str, Any]:
    v = item.values
    fields: dict[str, Any] = {"name": v["name"]}
    for src, dst in (
        ("home_unit", "home_unit"),
        ("leader", "leader_name"),
        ("notes", "notes"),
        ("active_from", "active_from"),
        ("active_to", "active_to"),
        ("region_group", "region_group_code"),
    ):
        if src in v:
            fields[dst] = v[src]
    if "station" in v:
        region, _country = v["station"]
        if region is None:
            ctx.report(item, "station", "", "unknown_place")
        fields["station_region_code"] = region
    group = fields.get("region_group_code")
    if isinstance(group, Missing):
        ctx.note_missing(item, "region_group", group)
        if not ctx.options.create_missing:
            # The team is imported all the same, with no coverage region for now.
            ctx.report(item, "region_group", group.name, "missing_group", severity="warning")
            del fields["region_group_code"]
    if v.get("active_from") and v.get("active_to") and v["active_to"] < v["active_from"]:
        _ends_before_start(ctx, item, "active_to", v["active_to"])
    return fields


def _ends_before_start(ctx: PlanContext, item: Item, field_name: str, value: Any) -> None:
    """A period (a posting, a membership) that ends before it starts."""
    ending = "结束日期早于开始日期 / ends before it starts"
    ctx.report(item, field_name, value, "stage_rule", ending)


def _team_members(ctx: PlanContext, item: Item) -> list[Member]:
    members = []
    for member in item.values.get("members", []):
        try:
            phone = clean_phone(member.phone) if member.phone else ""
        except ValidationError as exc:
            ctx.report(item, "members", member.phone, "service_rejected", exc.message_zh)
            continue
        if member.from_on and member.to_on and member.to_on < member.from_on:
            _ends_before_start(ctx, item, "members", member.name)
            continue
        members.append(Member(member.name, member.role, phone, member.from_on, member.to_on))
    return members


_TARGETS = (("target_signed_investment", "signed_investment"),
            ("target_signed_projects", "signed_projects"),
            ("target_funds_in_place", "funds_in_place"),
            ("target_projects_over_100m", "projects_over_100m"))  # fmt: skip


def _team_target(ctx: PlanContext, item: Item) -> dict[str, Any] | None:
    v = item.values
    given = {dst: v.get(src) for src, dst in _TARGETS}
    if "target_year" not in v:
        if any(x is not None for x in given.values()):
            ctx.report(item, "target_year", "", "missing_required", "目标年度")
        return None
    if not 2000 <= v["target_year"] <= 2100:
        ctx.report(item, "target_year", v["target_year"], "bad_number")
        return None
    return {"year": v["target_year"], **given}


def _load_teams(ctx: PlanContext) -> dict[str, dict[str, Any]]:
    teams: dict[str, dict[str, Any]] = {}
    cols = (
        Team.id,
        Team.name,
        Team.home_unit,
        Team.station_region_code,
        Team.region_group_code,
        Team.leader_name,
        Team.active_from,
        Team.active_to,
        Team.notes,
    )
    for record in ctx.live_rows(Team, *cols):
        teams[record.pop("id")] = {"fields": record, "members": set(), "targets": {}}
    for team_id, name in ctx.session.execute(
        select(TeamMember.team_id, TeamMember.person_name).where(TeamMember.deleted_at.is_(None))
    ):
        if team_id in teams:
            teams[team_id]["members"].add(name)
    target_cols = (
        TeamTarget.team_id,
        TeamTarget.year,
        TeamTarget.signed_investment,
        TeamTarget.signed_projects,
        TeamTarget.funds_in_place,
        TeamTarget.projects_over_100m,
    )
    for record in ctx.live_rows(TeamTarget, *target_cols):
        team_id = record.pop("team_id")
        if team_id in teams:
            teams[team_id]["targets"][record["year"]] = record
    return teams


def team_ref(ctx: PlanContext, item: Item, field_name: str) -> Any:
    """A team reference of an activity: an id, a pending team of the file, or dropped."""
    ref = item.values.get(field_name)
    if not isinstance(ref, Missing):
        return ref
    if key_of(ref.name) in ctx.file_teams:
        return ref
    ctx.note_missing(item, field_name, ref)
    if ctx.options.create_missing:
        return ref
    ctx.report(item, field_name, ref.name, "missing_ref", "工作队 / team", severity="warning")
    return None


def new_teams_text(items: list[Item], language: str = "zh") -> str:
    """The teams sheet has a row per team and target year, so its 新增 counts rows (521), not
    the teams it creates (182, user test 4): the sentence that says so ('' when they agree)."""
    new_rows = [i for i in items if i.status == NEW]
    teams = len({i.values.get("name") for i in new_rows})
    if teams == len(new_rows):
        return ""
    if language.startswith("en"):
        return f"The teams sheet has a row per team and target year: {teams:,} new teams"
    return f"驻点工作队表每行为一个工作队的一个年度目标：新增工作队 {teams:,} 个"
