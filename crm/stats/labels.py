"""Names of reference codes (industries, regions, countries, region groups, tag kinds),
read once per statistics run: a few hundred rows, and they are configurable, so not cached
across runs."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.codes import TagKind
from crm.models import Country, Industry, Region, RegionGroup, RegionGroupMember, TagKindRef

UNKNOWN_LABEL = "未填报"
HMT_BY_PROVINCE = {"81": "HK", "82": "MO", "71": "TW"}
#: The order briefs name the shipped groups in (others follow by code).
GROUP_ORDER = {
    code: n
    for n, code in enumerate(
        ("gba", "yrd", "jjj", "chengyu", "east", "central", "west", "northeast", "hkmt")
    )
}


@dataclass(frozen=True)
class Group:
    code: str
    name: str
    is_key: bool
    members: frozenset[str]

    def covers(self, region_code: str) -> bool:
        """Members are provinces or cities; a source code is a province or a city."""
        return region_code in self.members or region_code[:2] + "0000" in self.members


@dataclass(frozen=True)
class TagKindLabel:
    code: str
    name: str
    is_500: bool


@dataclass(frozen=True)
class Labels:
    section_of: dict[str, str]
    industry_names: dict[str, str]
    regions: dict[str, str]
    region_short: dict[str, str]
    countries: dict[str, str]
    groups: tuple[Group, ...]
    tag_kinds: tuple[TagKindLabel, ...]

    def section(self, industry_code: str | None) -> str:
        return self.section_of.get(industry_code or "", "")

    def codes_in_section(self, section: str) -> list[str]:
        """The section's letter and its divisions (e.g. C and 13–43)."""
        return sorted(code for code, sec in self.section_of.items() if sec == section)

    def section_name(self, section: str) -> str:
        return self.industry_names.get(section, UNKNOWN_LABEL) if section else UNKNOWN_LABEL

    def region_name(self, code: str) -> str:
        return self.regions.get(code, code or UNKNOWN_LABEL)

    def province_name(self, code: str) -> str:
        return self.region_short.get(code, code or UNKNOWN_LABEL)

    def country_name(self, code: str) -> str:
        return self.countries.get(code, code or UNKNOWN_LABEL)

    def source_label(self, region_code: str | None, country_code: str | None) -> str:
        """'深圳市', '中国香港', '日本' — where the investor comes from."""
        if country_code and country_code != "CN":
            return self.country_name(country_code)
        if not region_code:
            return UNKNOWN_LABEL
        hmt = HMT_BY_PROVINCE.get(region_code[:2])
        return self.country_name(hmt) if hmt else self.region_name(region_code)

    @property
    def key_groups(self) -> tuple[Group, ...]:
        return tuple(g for g in self.groups if g.is_key)


#: The parts of Labels, for reading only some: "provinces" is the province level of
#: "regions" alone (an analysis by source province names no cities).
LABEL_PARTS = frozenset({"industries", "regions", "provinces", "countries", "groups", "tags"})


def load_labels(session: Session, parts: Collection[str] = LABEL_PARTS) -> Labels:
    """The names statistics print; `parts` says which to read, the others are left empty."""
    industries = (
        session.execute(select(Industry.code, Industry.name, Industry.section)).all()
        if "industries" in parts
        else []
    )
    regions: Any = []
    if "regions" in parts or "provinces" in parts:
        region_rows = select(Region.code, Region.name, Region.short_name)
        if "regions" not in parts:
            region_rows = region_rows.where(Region.level == "province")
        regions = session.execute(region_rows).all()
    countries = (
        dict(session.execute(select(Country.code, Country.name_zh)).all())
        if "countries" in parts
        else {}
    )
    return Labels(
        section_of={i.code: i.section for i in industries},
        industry_names={i.code: i.name for i in industries},
        regions={r.code: r.name for r in regions},
        region_short={r.code: r.short_name for r in regions},
        countries=countries,
        groups=region_groups(session) if "groups" in parts else (),
        tag_kinds=tag_kind_labels(session) if "tags" in parts else (),
    )


def tag_kind_labels(session: Session) -> tuple[TagKindLabel, ...]:
    """In the order of crm.codes.TagKind, with its short labels (中国500强, 专精特新小巨人)."""
    order = {kind.value: n for n, kind in enumerate(TagKind)}
    rows = session.execute(select(TagKindRef.code, TagKindRef.name_zh, TagKindRef.is_500)).all()
    rows.sort(key=lambda r: (order.get(r.code, len(order)), r.code))
    return tuple(
        TagKindLabel(r.code, TagKind(r.code).zh if r.code in order else r.name_zh, bool(r.is_500))
        for r in rows
    )


def region_groups(session: Session) -> tuple[Group, ...]:
    members: dict[str, set[str]] = {}
    for group_code, region_code in session.execute(
        select(RegionGroupMember.group_code, RegionGroupMember.region_code)
    ):
        members.setdefault(group_code, set()).add(region_code)
    rows = session.execute(select(RegionGroup.code, RegionGroup.name_zh, RegionGroup.is_key)).all()
    rows.sort(key=lambda r: (not r.is_key, GROUP_ORDER.get(r.code, len(GROUP_ORDER)), r.code))
    return tuple(
        Group(r.code, r.name_zh, bool(r.is_key), frozenset(members.get(r.code, ()))) for r in rows
    )
