"""Loading what an import reads names against (crm.ledger.refs.References) from the
database: regions with their Chinese and English names and levels, counties, countries,
industries, chains, parks, teams, region groups and company lists."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.ledger.refs import LEVEL_RANK, References, key_of
from crm.models import (
    Country,
    County,
    Industry,
    IndustryChain,
    Park,
    Region,
    RegionGroup,
    TagKindRef,
    Team,
)
from crm.places import county_label
from crm.reference import english
from crm.reference.loader import load_region_group_aliases


def load_references(session: Session) -> References:
    from crm.services.settings import get_setting

    refs = References()
    _load_regions(session, refs)
    _load_counties(session, refs)
    refs.bureau_region = str(get_setting(session, "bureau_region_code") or "")
    for code, zh, en in session.execute(select(Country.code, Country.name_zh, Country.name_en)):
        refs.country_names[code] = zh
        for name in (zh, en, en.split(",")[0], zh.removeprefix("中国")):
            refs.countries.setdefault(key_of(name), code)
    refs.country_prefixes = sorted(
        ((k, c) for k, c in refs.countries.items() if len(k) >= 2), key=lambda kv: -len(kv[0])
    )
    for code, name in session.execute(select(Industry.code, Industry.name)):
        refs.industry_names[code] = name
        refs.industries[key_of(name)] = code
    # What the English window shows (Manufacture of Electrical Machinery and Equipment) reads
    # back as the code it names; a division wins over its section of the same name, as in
    # Chinese (房地产业 / Real Estate is K and 70).
    for code, name in english.industry_names_en().items():
        if code in refs.industry_names:
            refs.industries.setdefault(key_of(name), code)
            if len(code) == 2:
                refs.industries[key_of(name)] = code
    for code, zh, en in session.execute(
        select(IndustryChain.code, IndustryChain.name_zh, IndustryChain.name_en)
    ):
        refs.chain_names[code] = zh
        for name in (code, zh, en):
            if name:
                refs.chains.setdefault(key_of(name), code)
    # A deleted team or park is remembered by name: a row naming it is told so.
    for model, add, deleted_names in (
        (Team, refs.add_team, refs.deleted_teams),
        (Park, refs.add_park, refs.deleted_parks),
    ):
        for record_id, name, deleted in session.execute(
            select(model.id, model.name, model.deleted_at)
        ):
            if deleted is None:
                add(name, record_id)
            else:
                deleted_names.add(name)
    for code, zh, en in session.execute(
        select(TagKindRef.code, TagKindRef.name_zh, TagKindRef.name_en)
    ):
        for name in (code, zh, en):
            refs.tags.setdefault(key_of(name), code)
    aliases = load_region_group_aliases()
    for code, zh, en in session.execute(
        select(RegionGroup.code, RegionGroup.name_zh, RegionGroup.name_en)
    ):
        refs.group_names[code] = zh
        for name in (code, zh, en, *aliases.get(code, ())):
            if name:
                refs.region_groups.setdefault(key_of(name), code)
    return refs


def _load_regions(session: Session, refs: References) -> None:
    rows = session.execute(
        select(Region.code, Region.name, Region.short_name, Region.level, Region.parent_code)
    ).all()
    for code, name, short, level, parent in rows:
        refs.region_names[code] = name
        names = {key_of(name), key_of(short)}
        if level == "province":
            for n in names:
                refs.provinces.setdefault(n, code)
                refs.regions.setdefault(n, code)
        else:
            cities = refs.cities_by_province.setdefault(parent or code[:2] + "0000", {})
            for n in names:
                cities[n] = code
                refs.regions.setdefault(n, code)
    _add_english_regions(refs, {code: level for code, _n, _s, level, _p in rows})
    refs.city_prefixes = sorted(
        (
            (k, c)
            for cities in refs.cities_by_province.values()
            for k, c in cities.items()
            if len(k) >= 2
        ),
        key=lambda kv: -len(kv[0]),
    )
    for province_code, cities in refs.cities_by_province.items():
        refs.cities_by_province[province_code] = dict(
            sorted(cities.items(), key=lambda kv: -len(kv[0]))
        )


def _add_english_regions(refs: References, levels: dict[str, str]) -> None:
    """Provinces and cities by the English names the English window shows (Qinzhou, Hebei
    Province, Hebei): a whole name only, after the Chinese ones. A name a province and a
    city share is the province (Jilin), as in Chinese; one two cities share (Taizhou of
    Jiangsu and of Zhejiang) is refused naming both, so a clerk's “Taizhou” is never the
    wrong city."""
    codes: dict[str, set[str]] = {}
    for names in (english.region_names_en(), english.region_short_names_en()):
        for code, name in names.items():
            if code in levels and key_of(name):
                codes.setdefault(key_of(name), set()).add(code)
    for key, found in codes.items():
        top = min(LEVEL_RANK[levels[code]] for code in found)
        best = [code for code in found if LEVEL_RANK[levels[code]] == top]
        if len(best) == 1:
            refs.regions.setdefault(key, best[0])
        elif key not in refs.regions:
            full = english.region_names_en()
            refs.ambiguous_english[key] = [full.get(code, code) for code in sorted(best)]


def _load_counties(session: Session, refs: References) -> None:
    rows = session.execute(select(County.code, County.name, County.short_name, County.parent_code))
    for code, name, short, parent in rows:
        under = refs.counties_by_parent.setdefault(parent, {})
        for key in {key_of(name), key_of(short)}:
            if key:
                refs.counties.setdefault(key, []).append(code)
                under.setdefault(key, code)
        refs.county_labels[code] = county_label(refs.region_names.get(parent, ""), name)
