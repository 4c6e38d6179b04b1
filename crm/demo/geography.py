"""Where investors come from and where projects land, relative to the bureau's own region."""

from __future__ import annotations

import random
from dataclasses import dataclass

from crm.demo.draw import Picker
from crm.demo.vocab import (
    CITY_WEIGHTS,
    FOREIGN_COUNTRIES,
    GENERIC_PARK_KINDS,
    NANNING_PARKS,
    NANNING_UNITS,
)
from crm.places import Bureau, Level, normalize_place
from crm.reference.loader import RegionRow, load_countries, load_region_groups, load_regions

#: Share of investors by origin: key region groups first, about 8 % foreign incl. HK/MO/TW.
BUCKET_WEIGHTS: dict[str, float] = {
    "gba": 0.27,
    "yrd": 0.23,
    "jjj": 0.12,
    "chengyu": 0.05,
    "other": 0.12,
    "in_province": 0.08,
    "in_city": 0.05,
    "foreign": 0.08,
}
#: Within foreign: Hong Kong, Taiwan and Macao against the rest of the world.
HMT_WEIGHTS = (("HK", 35.0), ("TW", 10.0), ("MO", 4.0))
OTHER_FOREIGN_WEIGHT = 51.0


@dataclass(frozen=True, slots=True)
class Origin:
    """An investor's home as stored on a project: normalised region, country, source class."""

    bucket: str
    region_code: str | None
    country_code: str
    source_class: str | None


@dataclass(frozen=True, slots=True)
class HomeUnit:
    """A unit that sends resident teams and answers for projects (市本级, a district, a zone)."""

    name: str
    landing_code: str
    responsible_unit: str


class Geography:
    def __init__(self, bureau_region_code: str, level: str = "") -> None:
        self.bureau = bureau_region_code
        self.classer = Bureau.of(bureau_region_code, level)
        regions = load_regions()
        self.names = {r.code: r.name for r in regions}
        self.short_names = {r.code: r.short_name for r in regions}
        self.country_names = {c.code: c.name_zh for c in load_countries()}
        self.bureau_is_city = self.classer.level is not Level.PROVINCE
        self.bureau_short = self.short_names.get(bureau_region_code, "本地")
        self._cities = _leaf_regions(regions)
        self._pickers = self._bucket_pickers()
        self.bucket_picker = Picker(list(self._pickers), [BUCKET_WEIGHTS[b] for b in self._pickers])

    # --- origins -----------------------------------------------------------------------

    def _bucket_pickers(self) -> dict[str, Picker[tuple[str | None, str]]]:
        own_province = self.bureau[:2]
        groups = {g.code: g.members for g in load_region_groups()}
        taken: set[str] = set()
        buckets: dict[str, list[str]] = {}
        for code in ("gba", "yrd", "jjj", "chengyu"):
            members = [
                c
                for c in self._expand(groups.get(code, ()))
                if c[:2] != own_province and c[:2] not in {"81", "82", "71"}
            ]
            buckets[code] = members
            taken.update(members)
        buckets["other"] = [
            c
            for c in self._cities
            if c not in taken and c[:2] != own_province and c[:2] not in {"81", "82", "71"}
        ]
        in_province = [c for c in self._cities if c[:2] == own_province]
        if self.bureau_is_city:
            buckets["in_province"] = [c for c in in_province if c != self.bureau]
            buckets["in_city"] = [self.bureau]
        else:
            buckets["in_province"] = in_province
        pickers: dict[str, Picker[tuple[str | None, str]]] = {
            name: Picker([(c, "CN") for c in codes], [CITY_WEIGHTS.get(c, 2) for c in codes])
            for name, codes in buckets.items()
            if codes
        }
        foreign = [*((None, code) for code, _ in HMT_WEIGHTS)]
        weights = [w for _, w in HMT_WEIGHTS]
        total = sum(w for _, w in FOREIGN_COUNTRIES)
        foreign += [(None, code) for code, _ in FOREIGN_COUNTRIES]
        weights += [OTHER_FOREIGN_WEIGHT * w / total for _, w in FOREIGN_COUNTRIES]
        pickers["foreign"] = Picker(foreign, weights)
        return pickers

    def _expand(self, members: tuple[str, ...]) -> list[str]:
        """Group members may be provinces: take their cities (or the municipality itself)."""
        out: list[str] = []
        for code in members:
            if code.endswith("0000"):
                out += [c for c in self._cities if c[:2] == code[:2]]
            else:
                out.append(code)
        return out

    def origin(self, rng: random.Random, bucket: str | None = None) -> Origin:
        bucket = bucket or self.bucket_picker(rng)
        region, country = self._pickers[bucket](rng)
        region, country = normalize_place(region, country)
        klass = self.classer.source_class(region, country)
        return Origin(bucket, region, country, klass.value if klass else None)

    def origin_abroad(self, country_code: str) -> Origin:
        region, country = normalize_place(None, country_code)
        klass = self.classer.source_class(region, country)
        return Origin("foreign", region, country, klass.value if klass else None)

    def place_label(self, origin: Origin) -> str:
        """Short place word for names: 深圳, 香港, 新加坡."""
        if origin.country_code != "CN":
            return self.country_names.get(origin.country_code, origin.country_code)
        return self.short_names.get(origin.region_code or "", "")

    # --- the bureau's own side ---------------------------------------------------------

    def home_units(self) -> list[HomeUnit]:
        if self.bureau == "450100":
            return [HomeUnit(name, code, _responsible(name)) for name, code in NANNING_UNITS]
        if not self.bureau_is_city:
            cities = [c for c in self._cities if c[:2] == self.bureau[:2]]
            return [HomeUnit(self.names[c], c, f"{self.names[c]}投资促进局") for c in cities]
        city = self.names.get(self.bureau, "本市")
        zones = ("高新区", "经开区", "综合保税区", "临空经济区", "新区")
        units = [HomeUnit(city, self.bureau, f"{city}投资促进局")]
        units += [
            HomeUnit(f"{self.bureau_short}{z}", self.bureau, f"{self.bureau_short}{z}管委会")
            for z in zones
        ]
        return units

    def parks(self) -> list[tuple[str, str]]:
        if self.bureau == "450100":
            return list(NANNING_PARKS)
        region = self.bureau if self.bureau_is_city else self.bureau[:2] + "0100"
        region = region if region in self.names else self.bureau
        return [(f"{self.bureau_short}{kind}", region) for kind in GENERIC_PARK_KINDS]


def _responsible(unit: str) -> str:
    if unit.endswith(("区", "县", "市")) and not unit.endswith(("高新区", "经开区")):
        return f"{unit}投资促进局"
    return f"{unit}管委会"


def _leaf_regions(regions: list[RegionRow]) -> list[str]:
    """Cities, plus provinces without cities (municipalities, HK, MO, TW)."""
    parents = {r.parent_code for r in regions if r.parent_code}
    return [
        r.code
        for r in regions
        if r.level == "city" or (r.level == "province" and r.code not in parents)
    ]
