"""Where money comes from, in the words ledgers use: 区内 / 区外, 市内 / 市外, 境内 / 境外 …

The words are relative to the bureau: 区内 in a 广西 ledger is 省内; 市内 is the bureau's own
city. They are classed here by the bureau's level (Settings: bureau_level, else read from its
region code), into the same source classes the services use (crm.codes.SourceClass).
"""

from __future__ import annotations

from crm.codes import SourceClass
from crm.ledger.headers import fold
from crm.places import funds_source_of as class_funds_source

PROVINCE, CITY, COUNTY = "province", "city", "county"

#: A word that names no class by itself (市外 may be in or out of the province).
UNDETERMINED = "undetermined"

_ALWAYS = {
    "境外": SourceClass.FOREIGN, "国外": SourceClass.FOREIGN, "外资": SourceClass.FOREIGN,
    "境外资金": SourceClass.FOREIGN, "港澳台": SourceClass.FOREIGN,
    "省外": SourceClass.OUT_OF_PROVINCE, "区外": SourceClass.OUT_OF_PROVINCE,
    "省外境内": SourceClass.OUT_OF_PROVINCE, "区外境内": SourceClass.OUT_OF_PROVINCE,
    "境内省外": SourceClass.OUT_OF_PROVINCE, "境内区外": SourceClass.OUT_OF_PROVINCE,
    "国内省外": SourceClass.OUT_OF_PROVINCE, "国内区外": SourceClass.OUT_OF_PROVINCE,
    "省内": SourceClass.IN_PROVINCE, "区内": SourceClass.IN_PROVINCE,
    "市外省内": SourceClass.IN_PROVINCE, "省内市外": SourceClass.IN_PROVINCE,
    "市外区内": SourceClass.IN_PROVINCE, "区内市外": SourceClass.IN_PROVINCE,
}  # fmt: skip
#: Words whose meaning depends on the bureau's level.
_BY_LEVEL: dict[str, dict[str, SourceClass | str]] = {
    CITY: {"市内": SourceClass.IN_CITY, "本市": SourceClass.IN_CITY,
           "市外": UNDETERMINED, "境内": UNDETERMINED, "国内": UNDETERMINED},
    COUNTY: {"县内": SourceClass.IN_CITY, "本县": SourceClass.IN_CITY, "区内": UNDETERMINED,
             "县外": UNDETERMINED, "市内": UNDETERMINED, "市外": UNDETERMINED,
             "境内": UNDETERMINED, "国内": UNDETERMINED},
    PROVINCE: {"境内": UNDETERMINED, "国内": UNDETERMINED, "市内": UNDETERMINED,
               "市外": UNDETERMINED},
}  # fmt: skip
_SOURCE_WORDS = frozenset({*_ALWAYS, *(w for words in _BY_LEVEL.values() for w in words),
                           "县外", "县内", "本县", "本市"})  # fmt: skip


def bureau_level(level: str, region_code: str) -> str:
    """province / city / county: the setting, else what the region code says."""
    if level in (PROVINCE, CITY, COUNTY):
        return level
    if not region_code or region_code.endswith("0000"):
        return PROVINCE
    return CITY if region_code.endswith("00") else COUNTY


def source_word_class(text: str, level: str) -> SourceClass | str | None:
    """The class a source word names for this bureau; UNDETERMINED when it names none; None
    when the text is not such a word."""
    key = _word(text)
    if key in _BY_LEVEL.get(level, {}):
        return _BY_LEVEL[level][key]
    if key in _ALWAYS:
        # 区内 in a county ledger is the county's own district's area, handled above.
        return _ALWAYS[key]
    return UNDETERMINED if key in _SOURCE_WORDS else None


def is_source_word(text: str) -> bool:
    return _word(text) in _SOURCE_WORDS


def funds_source_of(klass: SourceClass) -> str:
    """The funds-entry source the services give money of a class (one mapping: theirs)."""
    return class_funds_source(klass.value)


def _word(text: str) -> str:
    key = fold(text).replace("资金", "") or fold(text)
    return key.removesuffix("来源") or key
