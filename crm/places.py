"""Places: GB/T 2260 code arithmetic, the bureau's level and own area, the source class of
an investor's place relative to the bureau, and the words the bureau's briefs use for them.

One home for these rules, for the three levels a bureau can have:

- province bureau: own area 省内 (区内) · 省外境内 (区外境内) · 境外
- city bureau: own area 市内 (州内, 盟内 …) · 省内市外 (区内市外) · 省外境内 · 境外
- county bureau: own area 县内 (区内, 市内, 旗内) · 省内县外 (区内县外) · 省外境内 · 境外

The stored code `in_city` means "the bureau's own area" at every level (it kept its name
for the data already stored); a county bureau has no separate 县外市内 class: everything in
its province outside the county is `in_province` ("省内县外"), because source places are
recorded as provinces and prefecture cities, which cannot say which county an investor is in.
Hong Kong, Macao and Taiwan count as 境外. The five autonomous regions (广西, 内蒙古, 西藏,
宁夏, 新疆) say 区 where provinces say 省; the four municipalities say 市.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from crm.codes import FundsSource, SourceClass

FOREIGN_PROVINCES = frozenset({"81", "82", "71"})  # Hong Kong, Macao, Taiwan count as 境外
HMT_COUNTRIES = {"HK": "810000", "MO": "820000", "TW": "710000"}
#: Provinces that are autonomous regions: their ledgers and briefs say 区内 / 区外 / 全区.
AUTONOMOUS_REGIONS = frozenset({"15", "45", "54", "64", "65"})
#: Municipalities directly under the central government: 全市 / 市内 / 市外 at province level.
MUNICIPALITIES = frozenset({"11", "12", "31", "50"})


class Level(StrEnum):
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"


def province_of(code: str) -> str:
    return code[:2] + "0000"


def city_of(code: str) -> str:
    return code[:4] + "00"


def county_label(city_name: str, county_name: str) -> str:
    """A county or district as ledgers and lists name it: with its city (南宁市武鸣区), or its
    municipality (北京市朝阳区). The county list is apart from the region list, which names
    provinces and cities only (crm.models.County)."""
    return f"{city_name}{county_name}"


def level_of(code: str) -> Level:
    """The level a GB/T 2260 code names: xx0000 a province, xxxx00 a city, else a county."""
    if code[2:] == "0000":
        return Level.PROVINCE
    if code[4:] == "00":
        return Level.CITY
    return Level.COUNTY


def region_prefix(code: str) -> str:
    """450000 → '45', 450100 → '4501', 450102 → '450102': the codes of the places under it
    start with it."""
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


def parse_level(text: str | None, region_code: str) -> Level | None:
    """The `bureau_level` setting: '' reads the level from the region code."""
    cleaned = (text or "").strip().lower()
    if cleaned in Level._value2member_map_:
        return Level(cleaned)
    return level_of(region_code) if len(region_code) == 6 else None


@dataclass(frozen=True)
class AreaWords:
    """How the bureau's briefs and ledgers name its area and the source classes."""

    whole: str  # 全区 / 全省 / 全市 / 全县
    own: str  # 市内 / 县内 / 区内 / 省内
    in_province: str  # 省内市外 / 区内市外 / 省内县外 ('' for a province bureau)
    out_of_province: str  # 省外境内 / 区外境内
    foreign: str = "境外"

    def class_label(self, code: str) -> str:
        """The bureau's words for a source class code (funds sources use the same codes)."""
        return {
            SourceClass.OWN_AREA.value: self.own,
            SourceClass.IN_PROVINCE.value: self.in_province,
            SourceClass.OUT_OF_PROVINCE.value: self.out_of_province,
            SourceClass.FOREIGN.value: self.foreign,
        }.get(code, "")

    @property
    def own_excluded_note(self) -> str:
        """The brief's note when own-area money is left out of its figures."""
        return f"本简报招商引资数据不含{self.own}投资项目及资金。"


@dataclass(frozen=True)
class Bureau:
    """The bureau's region (GB/T 2260) and level; '' when not set (no bureau assumed)."""

    region_code: str = ""
    level: Level | None = None
    #: The region's name when known (自治州, 盟 and county names choose the words).
    region_name: str = ""

    @classmethod
    def of(cls, region_code: str, level: str | None = "", region_name: str = "") -> Bureau:
        code = (region_code or "").strip()
        return cls(code, parse_level(level, code), region_name)

    @property
    def is_set(self) -> bool:
        return len(self.region_code) == 6 and self.level is not None

    @property
    def own_prefix(self) -> str:
        """The code prefix every place in the bureau's own area starts with."""
        if not self.is_set:
            return ""
        lengths = {Level.PROVINCE: 2, Level.CITY: 4, Level.COUNTY: 6}
        length = lengths[self.level]  # type: ignore[index]
        return self.region_code[:length]

    def source_class(self, region_code: str | None, country_code: str | None) -> SourceClass | None:
        """Own area / in the province outside it / out of the province / foreign (HK, MO, TW
        included). Without a bureau only foreign places can be classed."""
        if country_code and country_code != "CN":
            return SourceClass.FOREIGN
        if not region_code:
            return None
        if region_code[:2] in FOREIGN_PROVINCES:
            return SourceClass.FOREIGN
        if not self.is_set:
            return None
        if region_code.startswith(self.own_prefix):
            return SourceClass.OWN_AREA
        if region_code[:2] == self.region_code[:2]:
            return SourceClass.IN_PROVINCE
        return SourceClass.OUT_OF_PROVINCE

    @property
    def words(self) -> AreaWords:
        province = _province_word(self.region_code)
        if self.level is Level.PROVINCE:
            return AreaWords(f"全{province}", f"{province}内", "", f"{province}外境内")
        own = _city_word(self.region_name) if self.level is Level.CITY else _county_word(self)
        if self.level is None:
            own = "市"
        # A district (区) of an autonomous region (区): 本区 tells the two apart.
        inside = f"本{own}" if own == province else own
        return AreaWords(f"全{own}", f"{inside}内", f"{province}内{inside}外", f"{province}外境内")


def _province_word(region_code: str) -> str:
    if region_code[:2] in AUTONOMOUS_REGIONS:
        return "区"
    if region_code[:2] in MUNICIPALITIES:
        return "市"
    return "省"


def _city_word(name: str) -> str:
    for ending, word in (("自治州", "州"), ("盟", "盟"), ("地区", "地区")):
        if name.endswith(ending):
            return word
    return "市"


def _county_word(bureau: Bureau) -> str:
    """From the name when known (…区, …县, …市, …旗), else from GB/T 2260's numbering:
    01–20 districts (区), 21–80 counties (县), 81–99 county-level cities (市)."""
    for ending in ("旗", "区", "县", "市"):
        if bureau.region_name.endswith(ending):
            return ending
    number = int(bureau.region_code[4:]) if bureau.region_code[4:].isdigit() else 21
    if number <= 20:
        return "区"
    return "市" if number >= 81 else "县"


def source_class(
    region_code: str | None, country_code: str | None, bureau: Bureau | str
) -> SourceClass | None:
    """The source class of a place for a bureau (a region code alone: level from the code)."""
    if isinstance(bureau, str):
        bureau = Bureau.of(bureau)
    return bureau.source_class(region_code, country_code)


#: The funds source a project's source class gives its entries by default (the same codes).
_FUNDS_SOURCE = {
    SourceClass.OWN_AREA.value: FundsSource.OWN_AREA.value,
    SourceClass.IN_PROVINCE.value: FundsSource.IN_PROVINCE.value,
    SourceClass.OUT_OF_PROVINCE.value: FundsSource.OUT_OF_PROVINCE.value,
    SourceClass.FOREIGN.value: FundsSource.FOREIGN.value,
}


def funds_source_of(project_source_class: str | None) -> str:
    """Default source of a funds entry: its project's class (out of province when unknown)."""
    return _FUNDS_SOURCE.get(project_source_class or "", FundsSource.OUT_OF_PROVINCE.value)


def normalize_place(region_code: str | None, country_code: str | None) -> tuple[str | None, str]:
    """Country HK/MO/TW becomes the GB/T 2260 code with country CN, so one form is stored."""
    if country_code in HMT_COUNTRIES:
        return HMT_COUNTRIES[country_code], "CN"
    return region_code, country_code or "CN"
