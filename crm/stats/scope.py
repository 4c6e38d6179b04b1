"""Scopes of statistics: the whole bureau, one resident team, one source (region group,
province or city, country, source class) or one landing place (park or region).

A scope is resolved once against the database (names → ids and region codes) and then
turns into one SQL condition on the project table.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from sqlalchemy import ColumnElement, Select, and_, false, or_, select
from sqlalchemy.orm import Session

from crm import access
from crm.access import Actor
from crm.codes import FundsSource, SourceClass
from crm.errors import ValidationError
from crm.models import Country, Park, Project, Region, RegionGroup, RegionGroupMember, Team
from crm.places import Bureau, region_prefix
from crm.reference.display import name_column

PROJECT = Project.__table__


class ScopeKind(StrEnum):
    BUREAU = "bureau"
    TEAM = "team"
    SOURCE = "source"
    PLACE = "place"


@dataclass(frozen=True)
class Scope:
    """What the figures cover.

    detail says what `key` is: for SOURCE one of group / region / country / class, for PLACE
    park / region, for TEAM the team id is the key. region_codes lists the source region codes
    a group or region covers (resolved when the scope is made).
    """

    kind: ScopeKind = ScopeKind.BUREAU
    key: str = ""
    label: str = ""
    detail: str = ""
    region_codes: tuple[str, ...] = ()
    #: Whether investment figures count the bureau's own area (the `include_own_area`
    #: setting; brief_figures sets it). A scope of the own area itself always does.
    own_area: bool = True
    #: Whose figures these are (`seen_by`): the projects they may not see (other teams'
    #: confidential leads, crm.access) are left out of every figure and list. None: all.
    reader: Actor | None = None

    @property
    def include_own_area(self) -> bool:
        asks_for_it = self.detail == "class" and self.key == SourceClass.OWN_AREA.value
        return self.own_area or asks_for_it

    @property
    def code(self) -> str:
        """The text form `parse_scope` reads back ('bureau', 'team:<name>', 'source:gba' …)."""
        if self.kind is ScopeKind.BUREAU:
            return "bureau"
        if self.kind is ScopeKind.TEAM:
            return f"team:{self.label}"
        if self.kind is ScopeKind.PLACE and self.detail == "park":
            return f"place:{self.label}"
        return f"{self.kind.value}:{self.key}"


BUREAU = Scope()


@dataclass(frozen=True)
class ScopeChoice:
    """One entry of a scope picker."""

    code: str
    label: str
    kind: ScopeKind


def parse_scope(session: Session, text: str | None) -> Scope:
    """'', 'bureau', 'team:NAME', 'source:REGION' or 'place:NAME' (names, codes or ids)."""
    cleaned = (text or "").strip()
    if cleaned.lower() in ("", "bureau", "all", "全局", "全部"):
        return BUREAU
    kind_text, _, value = cleaned.replace("：", ":").partition(":")
    value = value.strip()
    resolvers = {"team": team_scope_named, "source": source_scope, "place": place_scope}
    resolver = resolvers.get(kind_text.strip().lower())
    if resolver is None or not value:
        raise _bad(
            cleaned,
            f"无法识别的范围：{cleaned}"
            "（例如 team:工作队名称、source:粤港澳大湾区、place:园区名称）",
            f"Unknown scope: {cleaned} (e.g. team:NAME, source:REGION, place:NAME)",
        )
    return resolver(session, value)


def team_scope_named(session: Session, name_or_id: str) -> Scope:
    row = session.execute(
        select(Team.id, Team.name).where(
            Team.deleted_at.is_(None), or_(Team.name == name_or_id, Team.id == name_or_id)
        )
    ).first()
    if row is None:
        raise _bad(name_or_id, f"找不到工作队：{name_or_id}", f"No such team: {name_or_id}")
    return Scope(ScopeKind.TEAM, row.id, row.name, "team")


def source_scope(session: Session, text: str) -> Scope:
    """A region group (code or name), a province or city (name or code), a country or a
    source class (省外境内 / 境外 …)."""
    for resolve in (_group_scope, _region_scope, _country_scope, _class_scope):
        scope = resolve(session, text)
        if scope is not None:
            return scope
    raise _bad(text, f"找不到来源地：{text}", f"No such source region: {text}")


def place_scope(session: Session, text: str) -> Scope:
    """A park (name or id) or a landing region (name, or a GB/T 2260 code or its prefix)."""
    park = session.execute(
        select(Park.id, Park.name).where(
            Park.deleted_at.is_(None), or_(Park.name == text, Park.id == text)
        )
    ).first()
    if park is not None:
        return Scope(ScopeKind.PLACE, park.id, park.name, "park")
    region = _find_region(session, text)
    if region is not None:
        return Scope(ScopeKind.PLACE, region_prefix(region.code), region.name, "region")
    if text.isdigit() and len(text) == 6:
        return Scope(ScopeKind.PLACE, region_prefix(text), text, "region")
    raise _bad(text, f"找不到落地园区或地区：{text}", f"No such park or place: {text}")


def scope_choices(session: Session, language: str = "zh") -> list[ScopeChoice]:
    """Every scope a picker offers: the bureau, live teams, region groups (named in the
    language), live parks."""
    choices = [ScopeChoice("bureau", "全局", ScopeKind.BUREAU)]
    teams = session.execute(
        select(Team.name).where(Team.deleted_at.is_(None)).order_by(Team.name)
    ).scalars()
    choices += [ScopeChoice(f"team:{name}", name, ScopeKind.TEAM) for name in teams]
    groups = session.execute(
        select(RegionGroup.code, name_column(RegionGroup, language)).order_by(
            RegionGroup.is_key.desc(), RegionGroup.code
        )
    ).all()
    choices += [ScopeChoice(f"source:{code}", name, ScopeKind.SOURCE) for code, name in groups]
    parks = session.execute(
        select(Park.name).where(Park.deleted_at.is_(None)).order_by(Park.name)
    ).scalars()
    choices += [ScopeChoice(f"place:{name}", name, ScopeKind.PLACE) for name in parks]
    return choices


def seen_by(session: Session, scope: Scope) -> Scope:
    """The scope as the session's actor may see it: every entry point of the statistics
    (briefs, dashboard, analysis, dispatch, targets, requests) passes its scope through here."""
    actor = access.actor_of(session)
    return replace(scope, reader=None if actor.sees_all else actor)


def scope_condition(scope: Scope, *, visibility: bool = True) -> ColumnElement[bool] | None:
    """The condition on the project table (what the reader may see of the scope), or None
    for the whole bureau seen by staff and above. `visibility=False`: the caller leaves the
    projects out by id instead (`hidden_project_ids`), keeping its covering index."""
    seen = access.visible_to(scope.reader, PROJECT) if visibility else None
    conditions = [c for c in (_where(scope), seen) if c is not None]
    if not conditions:
        return None
    return conditions[0] if len(conditions) == 1 else and_(*conditions)


def hidden_project_ids(scope: Scope) -> Select[tuple[str]] | None:
    """The ids of the projects the reader may not see (a subquery), None when none is hidden."""
    condition = access.hidden_from(scope.reader, PROJECT)
    return None if condition is None else select(PROJECT.c.id).where(condition)


def _where(scope: Scope) -> ColumnElement[bool] | None:
    if scope.kind is ScopeKind.BUREAU:
        return None
    if scope.kind is ScopeKind.TEAM:
        return PROJECT.c.team_id == scope.key
    if scope.kind is ScopeKind.PLACE:
        if scope.detail == "park":
            return PROJECT.c.park_id == scope.key
        return PROJECT.c.landing_region_code.startswith(scope.key, autoescape=True)
    if scope.detail == "country":
        return PROJECT.c.source_country_code == scope.key
    if scope.detail == "class":
        classes = [scope.key]
        if scope.key == SourceClass.IN_PROVINCE:
            classes.append(SourceClass.IN_CITY.value)
        return PROJECT.c.source_class.in_(classes)
    if not scope.region_codes:
        return false()
    return PROJECT.c.source_region_code.in_(scope.region_codes)


def area_word(bureau_region_code: str, region_name: str = "", level: str = "") -> str:
    """全市 / 全区 / 全省 / 全县 … as the bureau's briefs say it (crm.places)."""
    return Bureau.of(bureau_region_code, level, region_name).words.whole


# --- resolvers ----------------------------------------------------------------------------


def _group_scope(session: Session, text: str) -> Scope | None:
    group = session.execute(
        select(RegionGroup.code, RegionGroup.name_zh).where(
            or_(
                RegionGroup.code == text.lower(),
                RegionGroup.name_zh == text,
                RegionGroup.name_en == text,
            )
        )
    ).first()
    if group is None:
        return None
    members = session.execute(
        select(RegionGroupMember.region_code).where(RegionGroupMember.group_code == group.code)
    ).scalars()
    codes = _expand_regions(session, set(members))
    return Scope(ScopeKind.SOURCE, group.code, group.name_zh, "group", codes)


def _region_scope(session: Session, text: str) -> Scope | None:
    region = _find_region(session, text)
    if region is None:
        return None
    return Scope(
        ScopeKind.SOURCE,
        region.code,
        region.name,
        "region",
        _expand_regions(session, {region.code}),
    )


def _country_scope(session: Session, text: str) -> Scope | None:
    country = session.execute(
        select(Country.code, Country.name_zh).where(
            or_(Country.code == text.upper(), Country.name_zh == text, Country.name_en == text)
        )
    ).first()
    if country is None or country.code == "CN":
        return None
    return Scope(ScopeKind.SOURCE, country.code, country.name_zh, "country")


def _class_scope(session: Session, text: str) -> Scope | None:
    """A source class by code or label; the brief's short labels (省内, 境外) too."""
    funds_source = FundsSource.from_text(text)
    source_class = SourceClass.from_text(text) or (
        SourceClass(funds_source.value) if funds_source is not None else None
    )
    if source_class is None:
        return None
    return Scope(ScopeKind.SOURCE, source_class.value, source_class.zh, "class")


def _find_region(session: Session, text: str) -> Region | None:
    return (
        session.execute(
            select(Region)
            .where(or_(Region.code == text, Region.name == text, Region.short_name == text))
            .order_by(Region.level.desc())  # 'province' before 'city' for short names like 北京
        )
        .scalars()
        .first()
    )


def _expand_regions(session: Session, codes: set[str]) -> tuple[str, ...]:
    """Member codes plus every city of a member province (source codes are either)."""
    provinces = [c for c in codes if c.endswith("0000")]
    cities = session.execute(select(Region.code).where(Region.parent_code.in_(provinces))).scalars()
    return tuple(sorted(codes | set(cities)))


def _bad(value: str, message_zh: str, message_en: str) -> ValidationError:
    return ValidationError("scope", value, message_zh, message_en, code="bad_scope")
