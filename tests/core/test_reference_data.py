"""Sanity checks on the shipped reference data (resources/reference) and its loader."""

from __future__ import annotations

from collections import Counter

import pytest

from crm.reference.loader import (
    load_countries,
    load_industries,
    load_industry_chains,
    load_region_groups,
    load_regions,
    load_tag_kinds,
    reference_dir,
)


def _provinces() -> dict[str, str]:
    return {r.short_name: r.code for r in load_regions() if r.level == "province"}


def _city_counts() -> Counter[str]:
    return Counter(r.parent_code for r in load_regions() if r.level == "city")


def _group(code: str) -> tuple[str, ...]:
    return next(g.members for g in load_region_groups() if g.code == code)


def test_reference_files_present() -> None:
    for name in (
        "regions.csv",
        "countries.csv",
        "industries.csv",
        "region_groups.csv",
        "tag_kinds.csv",
        "industry_chains.csv",
        "SOURCES.md",
    ):
        path = reference_dir() / name
        assert path.is_file(), path
        assert not path.read_bytes().startswith(b"\xef\xbb\xbf"), f"{name} has a BOM"


def test_regions_unique_and_levels() -> None:
    regions = load_regions()
    codes = [r.code for r in regions]
    assert len(codes) == len(set(codes))
    assert {r.level for r in regions} == {"province", "city"}
    assert all(len(c) == 6 and c.isdigit() for c in codes)


def test_34_provinces() -> None:
    provinces = [r for r in load_regions() if r.level == "province"]
    assert len(provinces) == 34
    assert all(r.parent_code is None and r.code.endswith("0000") for r in provinces)
    codes = {r.code for r in provinces}
    assert {"810000", "820000", "710000", "110000", "500000"} <= codes


@pytest.mark.parametrize(
    ("short_name", "count"),
    [
        ("广东", 21),
        ("江苏", 13),
        ("浙江", 11),
        ("安徽", 16),
        ("河北", 11),
        ("四川", 21),
        ("广西", 14),
        ("山东", 16),
        ("河南", 17),
        ("湖北", 13),
        ("新疆", 14),
        ("内蒙古", 12),
        ("福建", 9),
        ("北京", 0),
        ("上海", 0),
        ("天津", 0),
        ("重庆", 0),
    ],
)
def test_city_counts_per_province(short_name: str, count: int) -> None:
    assert _city_counts()[_provinces()[short_name]] == count


def test_total_prefecture_count() -> None:
    assert sum(_city_counts().values()) == 333


def test_city_parents() -> None:
    by_code = {r.code: r for r in load_regions()}
    for r in load_regions():
        if r.level != "city":
            continue
        assert r.parent_code is not None
        parent = by_code[r.parent_code]
        assert parent.level == "province"
        assert r.code[:2] == parent.code[:2]
        assert not r.code.endswith("0000")


def test_short_names() -> None:
    short = {r.name: r.short_name for r in load_regions()}
    assert short["广西壮族自治区"] == "广西"
    assert short["内蒙古自治区"] == "内蒙古"
    assert short["香港特别行政区"] == "香港"
    assert short["深圳市"] == "深圳"
    assert short["延边朝鲜族自治州"] == "延边"
    assert short["锡林郭勒盟"] == "锡林郭勒"
    assert short["阿里地区"] == "阿里"


def test_industries_sections_and_divisions() -> None:
    rows = load_industries()
    sections = [r for r in rows if r.level == "section"]
    divisions = [r for r in rows if r.level == "division"]
    assert [s.code for s in sections] == list("ABCDEFGHIJKLMNOPQRST")
    assert len(divisions) == 97
    assert [d.code for d in divisions] == [f"{i:02d}" for i in range(1, 98)]
    manufacturing = [int(d.code) for d in divisions if d.section == "C"]
    assert manufacturing == list(range(13, 44))
    names = {r.code: r.name for r in rows}
    assert names["C"] == "制造业"
    assert names["13"] == "农副食品加工业"
    assert names["39"] == "计算机、通信和其他电子设备制造业"
    assert all(s.section == s.code for s in sections)


def test_gba() -> None:
    members = _group("gba")
    cities = [m for m in members if not m.endswith("0000")]
    assert len(cities) == 9 and all(c.startswith("44") for c in cities)
    assert {"810000", "820000"} <= set(members)
    assert len(members) == 11


def test_yrd_has_41_cities() -> None:
    members = set(_group("yrd"))
    counts = _city_counts()
    # Shanghai is a municipality without city rows: it counts as one city.
    total = sum(counts[m] or 1 for m in members)
    assert members == {"310000", "320000", "330000", "340000"}
    assert total == 41


def test_macro_regions_cover_mainland_once() -> None:
    members = [m for g in ("east", "central", "west", "northeast") for m in _group(g)]
    mainland = {c for c in _provinces().values() if c not in {"710000", "810000", "820000"}}
    assert len(members) == len(set(members)) == 31
    assert set(members) == mainland


def test_region_group_members_exist() -> None:
    codes = {r.code for r in load_regions()}
    groups = load_region_groups()
    assert {g.code for g in groups} == {
        "gba",
        "yrd",
        "jjj",
        "chengyu",
        "east",
        "central",
        "west",
        "northeast",
        "hkmt",
        # the national urban agglomerations (city groups of the State Council's plans)
        "yangtze_middle",
        "central_plains",
        "guanzhong_plain",
        "shandong_peninsula",
        "west_strait",
        "beibu_gulf",
        "harbin_changchun",
        "central_south_liaoning",
        "central_shanxi",
        "central_guizhou",
        "central_yunnan",
        "hohhot_baotou_ordos_yulin",
        "lanzhou_xining",
        "ningxia_yellow_river",
        "north_tianshan",
    }
    for g in groups:
        assert g.members and set(g.members) <= codes, g.code
    assert len(_group("chengyu")) == 16


def test_countries() -> None:
    countries = {c.code: c for c in load_countries()}
    assert len(countries) >= 249
    for code in ("CN", "US", "FR", "DE", "JP", "HK", "MO", "TW"):
        assert code in countries
    assert countries["FR"].name_zh == "法国"
    assert countries["DE"].name_zh == "德国"
    assert countries["JP"].name_zh == "日本"
    assert countries["HK"].name_zh == "中国香港"
    assert countries["TW"].name_zh == "中国台湾"


def test_tag_kinds() -> None:
    kinds = {k.code: k for k in load_tag_kinds()}
    assert set(kinds) == {
        "fortune_global_500",
        "china_500",
        "china_manufacturing_500",
        "china_private_500",
        "little_giant",
        "srdi_provincial",
        "gazelle",
        "unicorn",
        "industry_leader",
        "listed",
    }
    assert {c for c, k in kinds.items() if k.is_500} == {
        "fortune_global_500",
        "china_500",
        "china_manufacturing_500",
        "china_private_500",
    }
    assert kinds["fortune_global_500"].has_rank
    assert kinds["little_giant"].validity_years == 3
    assert kinds["little_giant"].name_zh == '国家级专精特新"小巨人"'
    assert kinds["listed"].validity_years is None


def test_industry_chains() -> None:
    chains = load_industry_chains()
    codes = [c.code for c in chains]
    assert len(codes) == len(set(codes)) >= 10
    assert {"nev", "aluminium", "electronics"} <= set(codes)
