"""Places: GB/T 2260 code arithmetic and the source class relative to the bureau."""

from __future__ import annotations

from crm.codes import SourceClass

FOREIGN_PROVINCES = frozenset({"81", "82", "71"})  # Hong Kong, Macao, Taiwan count as 境外
HMT_COUNTRIES = {"HK": "810000", "MO": "820000", "TW": "710000"}


def province_of(code: str) -> str:
    return code[:2] + "0000"


def city_of(code: str) -> str:
    return code[:4] + "00"


def source_class(
    region_code: str | None, country_code: str | None, bureau_region_code: str
) -> SourceClass | None:
    """in-city / in-province / out-of-province domestic / foreign (incl. HK, MO, TW)."""
    if country_code and country_code != "CN":
        return SourceClass.FOREIGN
    if not region_code:
        return None
    if region_code[:2] in FOREIGN_PROVINCES:
        return SourceClass.FOREIGN
    if region_code[:2] != bureau_region_code[:2]:
        return SourceClass.OUT_OF_PROVINCE
    bureau_is_city = bureau_region_code[2:4] != "00"
    if bureau_is_city and region_code[:4] == bureau_region_code[:4]:
        return SourceClass.IN_CITY
    return SourceClass.IN_PROVINCE


def normalize_place(region_code: str | None, country_code: str | None) -> tuple[str | None, str]:
    """Country HK/MO/TW becomes the GB/T 2260 code with country CN, so one form is stored."""
    if country_code in HMT_COUNTRIES:
        return HMT_COUNTRIES[country_code], "CN"
    return region_code, country_code or "CN"
