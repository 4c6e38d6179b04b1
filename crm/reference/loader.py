"""Read the shipped reference data (resources/reference/*.csv) into frozen dataclasses.

Pure stdlib: no Qt, no database. Each loader reads its file once and caches the list;
callers must not mutate the returned lists.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

__all__ = [
    "ChainRow",
    "CountryRow",
    "IndustryRow",
    "RegionGroupRow",
    "RegionRow",
    "TagKindRow",
    "load_countries",
    "load_industries",
    "load_industry_chains",
    "load_region_group_aliases",
    "load_region_groups",
    "load_regions",
    "load_tag_kinds",
    "reference_dir",
]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RegionRow:
    """A GB/T 2260 province-level (``province``) or prefecture-level (``city``) division."""

    code: str
    name: str
    short_name: str
    level: str
    parent_code: str | None


@dataclass(frozen=True, slots=True)
class CountryRow:
    """An ISO 3166-1 alpha-2 country or territory."""

    code: str
    name_zh: str
    name_en: str


@dataclass(frozen=True, slots=True)
class IndustryRow:
    """A GB/T 4754-2017 section (letter code) or division (two-digit code)."""

    code: str
    name: str
    level: str
    section: str


@dataclass(frozen=True, slots=True)
class RegionGroupRow:
    """A named set of region codes (provinces and/or cities)."""

    code: str
    name_zh: str
    name_en: str
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TagKindRow:
    """A kind of company list membership (世界500强, 小巨人, ...)."""

    code: str
    name_zh: str
    name_en: str
    publisher: str
    has_rank: bool
    validity_years: int | None
    is_500: bool


@dataclass(frozen=True, slots=True)
class ChainRow:
    """A default local industry chain (产业链)."""

    code: str
    name_zh: str
    name_en: str


def reference_dir() -> Path:
    """The folder holding the reference CSV files (package data, crm/paths.py)."""
    from crm.paths import resources_dir

    return resources_dir() / "reference"


def _rows(filename: str) -> Iterator[dict[str, str]]:
    """Yield the rows of a reference CSV as dicts with stripped values."""
    path = reference_dir() / filename
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            yield {k: (v or "").strip() for k, v in row.items()}


def _flag(value: str) -> bool:
    return value.lower() in {"1", "true", "yes", "y"}


def _records(row_type: type[T], filename: str, **convert: Callable[[str], Any]) -> list[T]:
    """A reference file's rows as `row_type`, each field from its own column (text, unless
    `convert` names a function for it)."""
    names = [f.name for f in fields(row_type)]  # type: ignore[arg-type]
    return [
        row_type(**{name: convert.get(name, str)(r[name]) for name in names})
        for r in _rows(filename)
    ]


@cache
def load_regions() -> list[RegionRow]:
    """Provinces and prefecture-level cities, each province followed by its cities."""
    return _records(RegionRow, "regions.csv", parent_code=lambda code: code or None)


@cache
def load_counties() -> list[dict[str, str]]:
    """GB/T 2260 counties and districts (county level), each under its city (or province)."""
    return list(_rows("counties.csv"))


@cache
def load_countries() -> list[CountryRow]:
    """ISO 3166-1 countries and territories, sorted by code."""
    return _records(CountryRow, "countries.csv")


@cache
def load_industries() -> list[IndustryRow]:
    """GB/T 4754-2017 sections and divisions, each section followed by its divisions."""
    return _records(IndustryRow, "industries.csv")


@cache
def load_region_groups() -> list[RegionGroupRow]:
    """Region groups in file order, members collected from one row per member."""
    groups: dict[str, tuple[str, str, list[str]]] = {}
    for r in _rows("region_groups.csv"):
        entry = groups.setdefault(r["group_code"], (r["name_zh"], r["name_en"], []))
        entry[2].append(r["member_code"])
    return [
        RegionGroupRow(code, name_zh, name_en, tuple(members))
        for code, (name_zh, name_en, members) in groups.items()
    ]


@cache
def load_region_group_aliases() -> dict[str, tuple[str, ...]]:
    """Other names ledgers use for the shipped region groups (长江三角洲 for 长三角 …)."""
    found: dict[str, list[str]] = {}
    for r in _rows("region_group_aliases.csv"):
        found.setdefault(r["group_code"], []).append(r["alias"])
    return {code: tuple(names) for code, names in found.items()}


@cache
def load_tag_kinds() -> list[TagKindRow]:
    """Company tag kinds (list memberships)."""
    return _records(
        TagKindRow,
        "tag_kinds.csv",
        has_rank=_flag,
        validity_years=lambda years: int(years) if years else None,
        is_500=_flag,
    )


@cache
def load_industry_chains() -> list[ChainRow]:
    """The default list of local industry chains."""
    return _records(ChainRow, "industry_chains.csv")
