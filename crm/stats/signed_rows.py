"""Newly signed figures assembled from the grouped rows of a period and the same period last
year (crm.stats.signed reads them): rows with shares and 同比, by industry, source class,
region group, province, country, list, team and size band."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from crm.codes import SourceClass
from crm.money import WAN_PER_YI
from crm.places import AreaWords
from crm.stats.labels import HMT_BY_PROVINCE, UNKNOWN_LABEL, Labels
from crm.stats.model import Figure, Row, SignedFigures, Totals, share_pct
from crm.stats.query import (
    ZERO,
    Agg,
    add_to,
    agg_total,
)

MANUFACTURING = "C"
TOP_500_KEY = "top_500"
NO_TEAM_LABEL = "未落实工作队"
FOREIGN_LABEL = "境外（含港澳台）"


@dataclass(frozen=True)
class SourceRow:
    source_class: str
    country: str
    region: str
    count: int
    investment: Decimal


@dataclass(frozen=True)
class SignedRaw:
    """Grouped rows of one period, before they are paired with the previous year."""

    sections: Agg
    sources: tuple[SourceRow, ...]
    teams: Agg
    team_names: dict[str, str]
    bands: Agg
    tags: Agg
    tag_firms: dict[str, int]

    @property
    def total(self) -> tuple[int, Decimal]:
        return agg_total(self.sections)


def assemble(
    current: SignedRaw,
    previous: SignedRaw,
    ytd: Totals | None,
    *,
    labels: Labels,
    bands: Sequence[Decimal],
    words: AreaWords,
    own_area: bool,
) -> SignedFigures:
    totals = (current.total, previous.total)
    pair = _Pairer(totals)
    sections = sorted(set(current.sections) | set(previous.sections), key=_section_order)
    manufacturing = pair.row(MANUFACTURING, "制造业", current.sections, previous.sections)
    rest = (
        _minus(current.total, current.sections.get(MANUFACTURING)),
        _minus(previous.total, previous.sections.get(MANUFACTURING)),
    )
    regions_now, regions_before = _regions(current.sources), _regions(previous.sources)
    key_now = _key_regions(regions_now, labels)
    key_before = _key_regions(regions_before, labels)
    return SignedFigures(
        total=Totals(Figure(totals[0][0], totals[1][0]), Figure(totals[0][1], totals[1][1])),
        ytd=ytd,
        by_section=tuple(
            pair.row(s, labels.section_name(s), current.sections, previous.sections)
            for s in sections
        ),
        manufacturing=manufacturing,
        non_manufacturing=pair.row(
            "non_manufacturing", "非制造业", {"": rest[0]}, {"": rest[1]}, source_key=""
        ),
        by_source_class=_source_classes(pair, current, previous, words, own_area),
        by_region_group=tuple(
            pair.row(
                g.code,
                g.name,
                _fold(regions_now, g.covers),
                _fold(regions_before, g.covers),
                source_key="",
            )
            for g in labels.groups
        ),
        key_regions=pair.row(
            "key_regions",
            "、".join(g.name for g in labels.key_groups),
            {"": key_now},
            {"": key_before},
            source_key="",
        ),
        by_province=_provinces(pair, regions_now, regions_before, labels),
        by_country=_countries(pair, current, previous, labels),
        by_tag=tuple(
            pair.row(t.code, t.name, current.tags, previous.tags, firms=current.tag_firms)
            for t in labels.tag_kinds
        ),
        top_500=pair.row(
            TOP_500_KEY, "500强企业（合计）", current.tags, previous.tags, firms=current.tag_firms
        ),
        by_team=_teams(pair, current, previous),
        size_bands=tuple(
            pair.row(band_key(b), band_label(b), current.bands, previous.bands) for b in bands
        ),
    )


class _Pairer:
    """Builds Rows of this period against last year's, with shares of the totals."""

    def __init__(self, totals: tuple[tuple[int, Decimal], tuple[int, Decimal]]) -> None:
        self.totals = totals

    def row(
        self,
        key: str,
        label: str,
        now: Agg,
        before: Agg,
        *,
        source_key: str | None = None,
        firms: dict[str, int] | None = None,
    ) -> Row:
        lookup = key if source_key is None else source_key
        count_now, amount_now = now.get(lookup, (0, ZERO))
        count_before, amount_before = before.get(lookup, (0, ZERO))
        return Row(
            key=key,
            label=label,
            count=Figure(count_now, count_before),
            investment=Figure(amount_now, amount_before),
            share=Figure(
                share_pct(amount_now, self.totals[0][1]),
                share_pct(amount_before, self.totals[1][1]),
            ),
            count_share=share_pct(count_now, self.totals[0][0]),
            firms=None if firms is None else firms.get(lookup, 0),
        )


def _minus(total: tuple[int, Decimal], part: tuple[int, Decimal] | None) -> tuple[int, Decimal]:
    if part is None:
        return total
    return total[0] - part[0], total[1] - part[1]


def _section_order(section: str) -> tuple[int, str]:
    return (1, "") if section == "" else (0, section)


def _regions(sources: Iterable[SourceRow]) -> Agg:
    """Count and investment per source region code (domestic and HK/MO/TW)."""
    agg: Agg = {}
    for r in sources:
        if r.region and (not r.country or r.country == "CN"):
            add_to(agg, r.region, r.count, r.investment)
    return agg


def _fold(agg: Agg, keep: Callable[[str], bool]) -> Agg:
    total: Agg = {}
    for code, (count, amount) in agg.items():
        if keep(code):
            add_to(total, "", count, amount)
    return total


def _key_regions(regions: Agg, labels: Labels) -> tuple[int, Decimal]:
    """The key groups together, each project once even where groups overlap."""
    groups = labels.key_groups
    folded = _fold(regions, lambda code: any(g.covers(code) for g in groups))
    return folded.get("", (0, ZERO))


def source_class_rows(words: AreaWords, own_area: bool) -> list[tuple[str, str]]:
    """(code, label) of the source-class rows a brief prints, in the bureau's words, nearest
    first (the one order of the signed and the funds rows): the own area when it is counted,
    the province outside the own area (not for a province bureau), out of the province,
    foreign."""
    rows = [(SourceClass.OWN_AREA.value, words.own)] if own_area else []
    if words.in_province:
        rows.append((SourceClass.IN_PROVINCE.value, words.in_province))
    rows += [
        (SourceClass.OUT_OF_PROVINCE.value, words.out_of_province),
        (SourceClass.FOREIGN.value, FOREIGN_LABEL),
    ]
    return rows


def _source_classes(
    pair: _Pairer, current: SignedRaw, previous: SignedRaw, words: AreaWords, own_area: bool
) -> tuple[Row, ...]:
    def by_class(raw: SignedRaw) -> Agg:
        agg: Agg = {}
        for r in raw.sources:
            add_to(agg, r.source_class, r.count, r.investment)
        return agg

    now, before = by_class(current), by_class(previous)
    rows = [pair.row(key, label, now, before) for key, label in source_class_rows(words, own_area)]
    shown = {r.key for r in rows}
    if any(k not in shown for k in (*now, *before)):
        # Not classed (no bureau region, no place) or a class this bureau has no row for.
        other = {"": (0, ZERO)}, {"": (0, ZERO)}
        for agg, into in ((now, other[0]), (before, other[1])):
            for key, (count, amount) in agg.items():
                if key not in shown:
                    add_to(into, "", count, amount)
        rows.append(pair.row("unknown", UNKNOWN_LABEL, other[0], other[1], source_key=""))
    return tuple(rows)


def _provinces(pair: _Pairer, now: Agg, before: Agg, labels: Labels) -> tuple[Row, ...]:
    def by_province(regions: Agg) -> Agg:
        agg: Agg = {}
        for code, (count, amount) in regions.items():
            add_to(agg, code[:2] + "0000", count, amount)
        return agg

    p_now, p_before = by_province(now), by_province(before)
    rows = [
        pair.row(code, labels.province_name(code), p_now, p_before)
        for code in set(p_now) | set(p_before)
    ]
    return tuple(sorted(rows, key=lambda r: (-r.investment.current, -r.count.current, r.key)))


def _countries(
    pair: _Pairer, current: SignedRaw, previous: SignedRaw, labels: Labels
) -> tuple[Row, ...]:
    """Foreign sources by country; Hong Kong, Macao and Taiwan by their ISO codes."""

    def by_country(raw: SignedRaw) -> Agg:
        agg: Agg = {}
        for r in raw.sources:
            if r.country and r.country != "CN":
                add_to(agg, r.country, r.count, r.investment)
            elif r.region[:2] in HMT_BY_PROVINCE:
                add_to(agg, HMT_BY_PROVINCE[r.region[:2]], r.count, r.investment)
        return agg

    now, before = by_country(current), by_country(previous)
    rows = [pair.row(c, labels.country_name(c), now, before) for c in set(now) | set(before)]
    return tuple(sorted(rows, key=lambda r: (-r.investment.current, -r.count.current, r.key)))


def _teams(pair: _Pairer, current: SignedRaw, previous: SignedRaw) -> tuple[Row, ...]:
    names = {**previous.team_names, **current.team_names}
    keys = sorted(
        set(current.teams) | set(previous.teams), key=lambda k: (k == "", names.get(k, ""))
    )
    return tuple(
        pair.row(
            k, names.get(k, NO_TEAM_LABEL) if k else NO_TEAM_LABEL, current.teams, previous.teams
        )
        for k in keys
    )


def band_key(threshold: Decimal) -> str:
    return f"{threshold.normalize():f}"


def band_label(threshold_wan: Decimal) -> str:
    """10000 → '亿元以上', 100000 → '10亿元以上', 5000 → '5000万元以上'."""
    if threshold_wan == WAN_PER_YI:
        return "亿元以上"
    if threshold_wan % WAN_PER_YI == 0:
        return f"{(threshold_wan / WAN_PER_YI).normalize():f}亿元以上"
    return f"{threshold_wan.normalize():f}万元以上"
