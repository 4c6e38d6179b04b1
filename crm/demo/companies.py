"""Investors: parent groups with subsidiaries, standalone firms, their list memberships, contacts.

List memberships (世界500强 …) sit on the group; subsidiaries point to it with parent_id, so
their projects count for the group's lists.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from crm.demo.draw import Picker, id_maker, mobile, person_name, uscc
from crm.demo.geography import Geography, Origin
from crm.demo.vocab import BRAND_CHARS, FOREIGN_BRANDS, SECTORS, TITLES, Sector
from crm.names import normalize_company_name

Row = dict[str, Any]

SECTOR_PICKER = Picker(SECTORS, [s.weight for s in SECTORS])
HMT_PROVINCES = frozenset({"81", "82", "71"})
HMT_REGIONS = frozenset({"810000", "820000", "710000"})
#: At most this many groups per tier of ranked lists (each list has 500 places).
MAX_LISTED_GROUPS = 60
FOREIGN_GROUP_WORDS = (
    ("", ""),
    ("国际", "International "),
    ("控股", "Holdings "),
    ("实业", "Industries "),
    ("科技", "Technologies "),
)
#: Where foreign groups register their subsidiaries in China (上海, 苏州, 广州, 天津).
FOREIGN_GROUP_SEATS = ("310000", "320500", "440100", "120000")
RANKED_TAGS = ("fortune_global_500", "china_500", "china_manufacturing_500", "china_private_500")


@dataclass(frozen=True)
class Tier:
    """A kind of group: its share of all firms (group plus subsidiaries) and its lists."""

    name: str
    share: float
    tags: tuple[tuple[str, float], ...]  # (tag, probability)
    ownership: str
    buckets: tuple[str, ...]


TIERS: tuple[Tier, ...] = (
    Tier(
        "global_foreign",
        0.007,
        (("fortune_global_500", 1.0), ("listed", 0.9)),
        "foreign",
        ("foreign",),
    ),
    Tier(
        "global_state",
        0.006,
        (
            ("fortune_global_500", 1.0),
            ("china_500", 1.0),
            ("china_manufacturing_500", 0.4),
            ("listed", 0.6),
        ),
        "state",
        ("jjj", "jjj", "yrd", "gba"),
    ),
    Tier(
        "global_private",
        0.002,
        (
            ("fortune_global_500", 1.0),
            ("china_500", 1.0),
            ("china_private_500", 1.0),
            ("china_manufacturing_500", 0.5),
            ("listed", 1.0),
        ),
        "private",
        ("gba", "yrd"),
    ),
    Tier(
        "china_state",
        0.010,
        (("china_500", 1.0), ("china_manufacturing_500", 0.4), ("listed", 0.5)),
        "state",
        ("jjj", "yrd", "gba", "other"),
    ),
    Tier(
        "china_private",
        0.008,
        (
            ("china_500", 1.0),
            ("china_private_500", 1.0),
            ("china_manufacturing_500", 0.5),
            ("listed", 0.7),
        ),
        "private",
        ("gba", "yrd", "yrd", "other"),
    ),
    Tier(
        "private_500",
        0.012,
        (("china_private_500", 1.0), ("china_manufacturing_500", 0.4), ("listed", 0.5)),
        "private",
        ("gba", "yrd", "other", "jjj"),
    ),
    Tier(
        "regional",
        0.05,
        (("listed", 0.3), ("industry_leader", 0.3)),
        "mixed",
        ("gba", "yrd", "jjj", "other", "in_province", "chengyu"),
    ),
)

#: Lists of standalone firms: (tag, probability).
STANDALONE_TAGS = (
    ("little_giant", 0.06),
    ("srdi_provincial", 0.08),
    ("gazelle", 0.04),
    ("unicorn", 0.005),
    ("industry_leader", 0.02),
    ("listed", 0.05),
)
#: How much bigger the projects of a firm on these lists are.
SIZE_BY_TIER = {
    "global_foreign": 4.0,
    "global_state": 5.0,
    "global_private": 4.0,
    "china_state": 3.0,
    "china_private": 3.0,
    "private_500": 2.5,
    "regional": 1.5,
}


@dataclass(slots=True)
class Investor:
    """What the project generator needs to know about a firm."""

    id: str
    brand: str
    origin: Origin
    sector: Sector
    size: float
    weight: float


@dataclass
class CompanyData:
    companies: list[Row] = field(default_factory=list)
    tags: list[Row] = field(default_factory=list)
    contacts: list[Row] = field(default_factory=list)
    investors: list[Investor] = field(default_factory=list)


class CompanyMaker:
    def __init__(self, rng: random.Random, geo: Geography, stamp: Any, today: date) -> None:
        self.rng = rng
        self.geo = geo
        self.stamp = stamp  # callable(rng) -> bookkeeping columns
        self.today = today
        self.ids = id_maker(rng)
        self.tag_ids = id_maker(rng)
        self.contact_ids = id_maker(rng)
        self.names: set[str] = set()
        self.usccs: set[str] = set()
        self.used_ranks: dict[tuple[str, int], set[int]] = {}
        self.data = CompanyData()

    # --- public ------------------------------------------------------------------------

    def make(self, count: int, *, min_groups: bool) -> CompanyData:
        for tier in TIERS:
            members = tier.share * count
            groups = round(members / 3.5)
            if tier.name != "regional":
                # A list has 500 places: a bigger ledger has more subsidiaries per group instead.
                groups = min(groups, MAX_LISTED_GROUPS)
                if min_groups:
                    groups = max(groups, 1)
            subsidiaries = max(1.0, members / groups - 1) if groups else 0.0
            for _ in range(groups):
                self._group(tier, subsidiaries)
        while len(self.data.companies) < count:
            self._standalone()
        return self.data

    # --- groups ------------------------------------------------------------------------

    def _group(self, tier: Tier, subsidiaries: float) -> None:
        rng = self.rng
        origin = self.geo.origin(rng, rng.choice(tier.buckets))
        sector = SECTOR_PICKER(rng)
        brand, name, english, country = self._group_name(tier, origin, sector)
        if country:
            origin = self.geo.origin_abroad(country)
        parent = self._company(name, origin, sector, tier.ownership, english=english)
        parent_id = parent["id"]
        self.data.investors.append(
            Investor(parent_id, brand, origin, sector, SIZE_BY_TIER[tier.name], 0.4)
        )
        self._group_tags(parent_id, tier)
        for _ in range(max(1, round(subsidiaries * (0.4 + 1.2 * rng.random())))):
            sub_sector = sector if rng.random() < 0.6 else SECTOR_PICKER(rng)
            local = rng.random() < 0.5
            if local:
                home = self.geo.bureau
            elif origin.country_code == "CN":
                home = origin.region_code
            else:  # a foreign group's Chinese subsidiaries sit in the big coastal cities
                home = rng.choice(FOREIGN_GROUP_SEATS)
            sub_name = self._subsidiary_name(brand, sub_sector, origin, home, local=local)
            if sub_name is None:
                continue
            sub = self._company(
                sub_name,
                origin,
                sub_sector,
                tier.ownership,
                parent_id=parent_id,
                registered_in=home,
            )
            self.data.investors.append(
                Investor(sub["id"], brand, origin, sub_sector, SIZE_BY_TIER[tier.name], 2.0)
            )

    def _group_name(
        self, tier: Tier, origin: Origin, sector: Sector
    ) -> tuple[str, str, str, str | None]:
        """(brand, name, English name, country of a foreign group or None)."""
        rng = self.rng
        for _ in range(50):
            country = None
            if tier.name == "global_foreign":
                zh, en, country = rng.choice(FOREIGN_BRANDS)
                word_zh, word_en = rng.choice(FOREIGN_GROUP_WORDS)
                name, english = f"{zh}{word_zh}集团", f"{en} {word_en}Group"
                brand = zh
            else:
                brand = self._brand()
                english = ""
                if tier.ownership == "state":
                    name = f"中国{brand}{rng.choice(sector.trades)}集团有限公司"
                elif origin.region_code == "810000":
                    name = f"香港{brand}集团有限公司"
                else:
                    name = f"{brand}{rng.choice(('控股集团有限公司', '集团股份有限公司'))}"
            if name not in self.names:
                self.names.add(name)
                return brand, name, english, country
        raise RuntimeError("could not make a unique group name")

    def _subsidiary_name(
        self, brand: str, sector: Sector, origin: Origin, home: str | None, *, local: bool
    ) -> str | None:
        trade = self.rng.choice(sector.trades)
        if local:
            name = f"{brand}{trade}（{self.geo.bureau_short}）有限公司"
        elif origin.country_code != "CN":
            name = f"{brand}（中国）投资有限公司"
            if name in self.names:
                name = f"{brand}{trade}（{self.geo.short_names.get(home or '', '')}）有限公司"
        else:
            name = f"{self.geo.place_label(origin)}{brand}{trade}有限公司"
        return self._claim(name)

    def _claim(self, name: str) -> str | None:
        """The name, now taken, unless another company has it already (then None)."""
        if name in self.names:
            return None
        self.names.add(name)
        return name

    def _group_tags(self, company_id: str, tier: Tier) -> None:
        rng = self.rng
        latest = self.today.year if self.today.month >= 9 else self.today.year - 1
        for tag, probability in tier.tags:
            if rng.random() >= probability:
                continue
            if tag == "listed":
                self._tag(company_id, tag, None, None, None)
                continue
            if tag not in RANKED_TAGS:
                self._tag(company_id, tag, latest - int(rng.random() * 2), None, None)
                continue
            base = 1 + int(rng.random() * 500)
            editions = [y for y in range(latest - 2, latest + 1) if rng.random() < 0.85]
            for year in editions or [latest]:
                rank = self._free_rank(tag, year, base + int(rng.random() * 41) - 20)
                self._tag(company_id, tag, year, rank, None)

    def _free_rank(self, tag: str, year: int, wanted: int) -> int:
        used = self.used_ranks.setdefault((tag, year), set())
        wanted = min(max(wanted, 1), 500)
        for step in range(500):
            for rank in (wanted + step, wanted - step):
                if 1 <= rank <= 500 and rank not in used:
                    used.add(rank)
                    return rank
        raise RuntimeError(f"more than 500 members drawn for {tag} {year}")

    # --- standalone firms --------------------------------------------------------------

    def _standalone(self) -> None:
        rng = self.rng
        origin = self.geo.origin(rng)
        sector = SECTOR_PICKER(rng)
        if origin.country_code != "CN":
            ownership = "foreign"
        elif origin.region_code in HMT_REGIONS:
            ownership = "hmt"
        else:
            ownership = rng.choice(("private",) * 8 + ("state", "mixed"))
        brand = self._brand()
        name = self._standalone_name(brand, sector, origin)
        if name is None:
            return
        row = self._company(name, origin, sector, ownership)
        size = 1.0
        for tag, probability in STANDALONE_TAGS:
            if rng.random() < probability and not (tag == "listed" and ownership == "foreign"):
                self._standalone_tag(row["id"], tag)
                size *= 1.8 if tag in {"listed", "industry_leader", "unicorn"} else 1.2
        weight = rng.paretovariate(2.5)
        self.data.investors.append(Investor(row["id"], brand, origin, sector, size, weight))

    def _standalone_name(self, brand: str, sector: Sector, origin: Origin) -> str | None:
        rng = self.rng
        trade = rng.choice(sector.trades)
        place = self.geo.place_label(origin)
        if origin.region_code == "710000":
            name = f"台湾{brand}{trade}股份有限公司"
        elif origin.country_code != "CN" or origin.region_code in {"810000", "820000"}:
            name = f"{place}{brand}{trade}有限公司"
        else:
            style = rng.random()
            if style < 0.45:
                name = f"{place}市{brand}{trade}有限公司" if len(place) <= 3 else ""
                name = name or f"{place}{brand}{trade}有限公司"
            elif style < 0.7:
                name = f"{place}{brand}{trade}有限公司"
            else:
                name = f"{brand}{trade}股份有限公司"
        return self._claim(name)

    def _standalone_tag(self, company_id: str, tag: str) -> None:
        rng = self.rng
        year = self.today.year if self.today.month >= 8 else self.today.year - 1
        if tag in {"little_giant", "srdi_provincial"}:
            edition = year - int(rng.random() * 4)
            self._tag(company_id, tag, edition, None, date(edition + 3, 7, 31))
        elif tag == "listed":
            self._tag(company_id, tag, None, None, None)
        else:
            self._tag(company_id, tag, year - int(rng.random() * 2), None, None)

    # --- rows --------------------------------------------------------------------------

    def _brand(self) -> str:
        first, second = self.rng.sample(BRAND_CHARS, 2)
        return first + second

    def _company(
        self,
        name: str,
        origin: Origin,
        sector: Sector,
        ownership: str,
        *,
        parent_id: str | None = None,
        english: str = "",
        registered_in: str | None = None,
    ) -> Row:
        rng = self.rng
        region = registered_in or origin.region_code
        country = "CN" if registered_in else origin.country_code
        code = None
        registered_on_mainland = country == "CN" and region and region[:2] not in HMT_PROVINCES
        # Ledgers lack the code for about one firm in ten.
        if registered_on_mainland and rng.random() < 0.9:
            code = self._unique_uscc(region)
        row: Row = {
            "id": self.ids(),
            "name": name,
            "name_normalized": normalize_company_name(name),
            "former_names": "",
            "english_name": english,
            "uscc": code,
            "hq_region_code": region,
            "hq_country_code": country,
            "ownership": ownership,
            "industry_code": rng.choice(sector.industries),
            "chain_code": sector.chain_code,
            "parent_id": parent_id,
            "website": "",
            "notes": "",
            "merged_into_id": None,
            **self.stamp(rng),
        }
        self.data.companies.append(row)
        self._contacts(row["id"])
        return row

    def _unique_uscc(self, region: str) -> str:
        while True:
            code = uscc(self.rng, region)
            if code not in self.usccs:
                self.usccs.add(code)
                return code

    def _tag(
        self, company_id: str, tag: str, year: int | None, rank: int | None, until: date | None
    ) -> None:
        self.data.tags.append(
            {
                "id": self.tag_ids(),
                "company_id": company_id,
                "tag": tag,
                "edition_year": year,
                "rank": rank,
                "valid_until": until,
                "level": None,
                **self.stamp(self.rng),
            }
        )

    def _contacts(self, company_id: str) -> None:
        rng = self.rng
        for _ in range(1 if rng.random() < 0.8 else 2):
            phone = mobile(rng)
            self.data.contacts.append(
                {
                    "id": self.contact_ids(),
                    "company_id": company_id,
                    "name": person_name(rng),
                    "title": rng.choice(TITLES),
                    "phone": phone,
                    "email": f"tz{phone[-6:]}@163.com" if rng.random() < 0.3 else "",
                    "wechat": "",
                    "notes": "",
                    **self.stamp(rng),
                }
            )
