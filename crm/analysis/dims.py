"""From raw columns to the keys and labels of each dimension (the pandas half).

A key is a stable code (section letter, province code, team id, 'park:<id>' …; '' = not
filled in); a label is what a person reads. Region groups overlap, so a row's groups are a
list that `explode` turns into one row per group.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.codes import PIPELINE, Stage
from crm.models import (
    Country,
    IndustryChain,
    Park,
    RegionGroup,
    TagKindRef,
    Team,
)
from crm.reference.display import display_name, name_column, names_in
from crm.stats import labels as stats_labels
from crm.stats.labels import HMT_BY_PROVINCE, UNKNOWN_LABEL, Labels, load_labels
from crm.stats.signed_rows import NO_TEAM_LABEL

NO_GROUP_LABEL = "其他地区"
NO_TAG_LABEL = "无标签"
WORDS_ZH = {
    "unknown": UNKNOWN_LABEL,
    "no_team": NO_TEAM_LABEL,
    "no_group": NO_GROUP_LABEL,
    "no_tag": NO_TAG_LABEL,
}
WORDS_EN = {
    "unknown": "Not filled in",
    "no_team": "No team",
    "no_group": "Other regions",
    "no_tag": "On no list",
}


def english_labels(session: Session, labels: Labels) -> Labels:
    """The same labels with the English names (crm.reference.display): GB/T 4754 and
    GB/T 2260 from the shipped files, countries, region groups and lists from their tables."""
    countries = dict(session.execute(select(Country.code, Country.name_en)).all())
    groups = dict(session.execute(select(RegionGroup.code, RegionGroup.name_en)).all())
    kinds = dict(session.execute(select(TagKindRef.code, TagKindRef.name_en)).all())
    return replace(
        labels,
        industry_names=names_in("industry", labels.industry_names, "en"),
        regions=names_in("region", labels.regions, "en"),
        region_short=names_in("region_short", labels.region_short, "en"),
        countries=names_in("country", labels.countries, "en", countries),
        groups=tuple(
            replace(
                g, name=display_name("region_group", g.code, g.name, "en", en=groups.get(g.code))
            )
            for g in labels.groups
        ),
        tag_kinds=tuple(
            replace(t, name=display_name("tag", t.code, t.name, "en", en=kinds.get(t.code)))
            for t in labels.tag_kinds
        ),
    )


@dataclass(frozen=True)
class Names:
    """Everything needed to name the keys, read once per analysis."""

    labels: Labels
    chains: dict[str, str]
    teams: dict[str, str]
    parks: dict[str, str]
    #: The words for keys without a name, in the language of the labels.
    words: dict[str, str] = field(default_factory=lambda: dict(WORDS_ZH))
    english: bool = False

    @classmethod
    def load(
        cls, session: Session, language: str = "zh", dims: Collection[str] | None = None
    ) -> Names:
        """`dims`: the dimensions the analysis names or filters by (None: all); chains,
        teams and parks are read only for theirs (fewer round trips)."""

        def needed(dim: str) -> bool:
            return dims is None or dim in dims

        english = language.startswith("en")
        labels = load_labels(session) if dims is None else _labels_for(session, set(dims))
        chains: dict[str, str] = {}
        teams: dict[str, str] = {}
        parks: dict[str, str] = {}
        if needed("chain"):
            name = name_column(IndustryChain, language)
            chains = dict(session.execute(select(IndustryChain.code, name)).all())
        if needed("team"):
            live_teams = select(Team.id, Team.name).where(Team.deleted_at.is_(None))
            teams = {str(k): v for k, v in session.execute(live_teams).all()}
        if needed("place"):
            live_parks = select(Park.id, Park.name).where(Park.deleted_at.is_(None))
            parks = {str(k): v for k, v in session.execute(live_parks).all()}
        return cls(
            labels=english_labels(session, labels) if english else labels,
            chains=chains,
            teams=teams,
            parks=parks,
            words=dict(WORDS_EN if english else WORDS_ZH),
            english=english,
        )

    # --- keys from raw values -------------------------------------------------------------

    def province_key(self, country: str, prefix: str) -> str:
        """A domestic source by its province ('440000', from the region code's first two
        digits); foreign ones, and Hong Kong, Macao and Taiwan, by their ISO code (as the
        briefs' by_country)."""
        if country and country != "CN":
            return country
        if not prefix:
            return ""
        return HMT_BY_PROVINCE.get(prefix[:2], prefix[:2] + "0000")

    def group_keys(self, country: str, region: str) -> list[str]:
        """The region groups covering the source region (possibly several), or [''] for
        none; groups hold region codes, so a source known by its country alone has none."""
        if not region or (country and country != "CN"):
            return [""]
        return [g.code for g in self.labels.groups if g.covers(region)] or [""]

    def place_key(self, park: str, region: str) -> str:
        if park:
            return f"park:{park}"
        return f"region:{region}" if region else ""

    # --- labels ---------------------------------------------------------------------------

    def label(self, dim: str, key: str) -> str:
        return _LABELLERS[dim](self, key)

    def sort_key(self, dim: str, key: str) -> tuple[int, str] | None:
        """A natural order for ordered dimensions (sections, stages, months); None: order
        by the value."""
        if dim in ("industry", "month"):
            return (key == "", key)
        if dim == "stage":
            order = [s.value for s in PIPELINE] + [Stage.DROPPED.value]
            return (order.index(key) if key in order else len(order), key)
        return None


def _labels_for(session: Session, dims: set[str]) -> Labels:
    """The parts of crm.stats.labels the dimensions use: an analysis by industry reads no
    regions, countries, groups or lists; sources are named by their province only."""
    parts = {
        part
        for part, used in (
            ("industries", "industry" in dims),
            ("regions", "place" in dims),
            ("provinces", "source_province" in dims),
            ("countries", "source_province" in dims),
            ("groups", "source_group" in dims),
            ("tags", "tag" in dims),
        )
        if used
    }
    return stats_labels.load_labels(session, parts)


def _industry(n: Names, key: str) -> str:
    return n.labels.industry_names.get(key, key) if key else n.words["unknown"]


def _chain(n: Names, key: str) -> str:
    return n.chains.get(key, key) if key else n.words["unknown"]


def _province(n: Names, key: str) -> str:
    if not key:
        return n.words["unknown"]
    return n.labels.province_name(key) if key.isdigit() else n.labels.country_name(key)


def _group(n: Names, key: str) -> str:
    names = {g.code: g.name for g in n.labels.groups}
    return names.get(key, key) if key else n.words["no_group"]


def _team(n: Names, key: str) -> str:
    return n.teams.get(key, n.words["no_team"]) if key else n.words["no_team"]


def _place(n: Names, key: str) -> str:
    kind, _, code = key.partition(":")
    if kind == "park":
        return n.parks.get(code, code)
    if kind == "region":
        return n.labels.region_name(code)
    return n.words["unknown"]


def _tag(n: Names, key: str) -> str:
    names = {t.code: t.name for t in n.labels.tag_kinds}
    return names.get(key, key) if key else n.words["no_tag"]


def _stage(n: Names, key: str) -> str:
    return Stage.label_of(key, "en" if n.english else "zh") or n.words["unknown"]


def _month(n: Names, key: str) -> str:
    return key or n.words["unknown"]


_LABELLERS: dict[str, Callable[[Names, str], str]] = {
    "industry": _industry,
    "chain": _chain,
    "source_province": _province,
    "source_group": _group,
    "team": _team,
    "place": _place,
    "tag": _tag,
    "stage": _stage,
    "month": _month,
}


def add_keys(
    frame: pd.DataFrame,
    dims: list[str],
    names: Names,
    *,
    shift_years: int = 0,
    explode: bool = True,
) -> pd.DataFrame:
    """The frame with a key column per dimension (named after it); region groups exploded
    to one row per group unless `explode` is False (a row's groups stay one list: what a
    total that counts each project once is summed from). shift_years moves month keys (last
    year's March meets this year's)."""
    out = frame.copy()
    for dim in dims:
        out[dim] = _keys(out, dim, names, shift_years)
    if explode and "source_group" in dims:
        out = out.explode("source_group", ignore_index=True)
    return out


def _keys(frame: pd.DataFrame, dim: str, names: Names, shift_years: int) -> pd.Series:
    """The keys of one dimension, made in plain Python: a few hundred grouped rows key
    faster in a list than through pandas' per-call overhead."""

    def text(column: str) -> list[str]:
        return [_text(v) for v in frame[column].tolist()]

    def series(keys: list[Any]) -> pd.Series:
        return pd.Series(keys, index=frame.index, dtype=object)

    if dim == "industry":
        return series([names.labels.section(v) for v in text("industry_code")])
    if dim in ("chain", "team", "stage", "tag"):
        column = {"chain": "chain_code", "team": "team_id", "stage": "stage", "tag": "tag"}[dim]
        keys = text(column)
        if dim == "team":  # a deleted team counts as none, as in the briefs
            keys = [k if k in names.teams else "" for k in keys]
        return series(keys)
    if dim == "source_province":
        pairs = zip(text("source_country_code"), text("source_province_prefix"), strict=True)
        return series([names.province_key(c, r) for c, r in pairs])
    if dim == "source_group":
        pairs = zip(text("source_country_code"), text("source_region_code"), strict=True)
        return series([names.group_keys(c, r) for c, r in pairs])
    if dim == "place":
        pairs = zip(text("park_id"), text("landing_region_code"), strict=True)
        return series([names.place_key(p, r) for p, r in pairs])
    # month: yyyymm as an int
    return series([_month_key(v, shift_years) for v in frame["month"].tolist()])


def _text(value: Any) -> str:
    """A raw value as text; None and NaN (a column pandas made float) as ''."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _month_key(value: object, shift_years: int) -> str:
    if value in (None, "") or pd.isna(value):  # type: ignore[arg-type]
        return ""
    number = int(value)  # type: ignore[call-overload]
    return f"{number // 100 + shift_years:04d}-{number % 100:02d}"
