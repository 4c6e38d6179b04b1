"""Ledger headers as people write them: folding (full-width → half-width, lower case, no
spaces or punctuation), the unit a header carries (万元, 亿元, 万美元 …), and the field a
header names (crm.ledger.fields holds the fields and their synonyms).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from crm.ledger.fields import FIELDS, FieldSpec, Sheet, spec
from crm.ledger.fields_dispatch import DISPATCH, DISPATCH_HINTS, DISPATCH_PATTERNS
from crm.ledger.fields_dispatch_data import DATA_HINTS
from crm.ledger.fields_key import KEYLIST, KEYLIST_HINTS

#: Columns the screens show that the system computes (the importer never reads them): a table
#: exported from a screen and imported back lists them as such, not as unknown columns.
COMPUTED: dict[str, tuple[str, ...]] = {
    Sheet.PROJECTS: ("本阶段天数", "未销号问题", "未销号问题数", "days in stage", "open problems"),
    Sheet.COMPANIES: ("协议投资", "项目数", "planned investment", "planned", "projects"),
    Sheet.PROBLEMS: ("超期", "超期天数", "overdue"),
}

#: Sheet names that hint at a kind (a tie-breaker, headers decide).
SHEET_NAME_HINTS = {
    Sheet.PROJECTS: ("项目", "台账", "project"),
    Sheet.COMPANIES: ("企业", "company", "companies"),
    Sheet.FUNDS: ("到位", "资金", "funds"),
    Sheet.INCREASES: ("增资", "increase"),
    Sheet.TEAMS: ("工作队", "team"),
    Sheet.ACTIVITIES: ("跟进", "活动", "activit"),
    Sheet.PROBLEMS: ("问题", "problem"),
    Sheet.REQUESTS: ("诉求", "request"),
    Sheet.CONTACTS: ("联系人", "contact"),
    Sheet.PARKS: ("园区", "park"),
    DISPATCH: DISPATCH_HINTS,
    KEYLIST: KEYLIST_HINTS,
    **DATA_HINTS,
}
#: Headers matched by pattern when no synonym matches (they carry a date).
PATTERNS = {DISPATCH: DISPATCH_PATTERNS}

#: The English window's unit words (ui/widgets/money.py, crm_en.ts: 亿元 → ×100M CNY, 万元 →
#: ×10k CNY), folded, the × optional (or typed as x): they name the same units as 亿元 / 万元.
_ENGLISH_UNITS = {"100mcny": "亿元", "10kcny": "万元", "100musd": "亿美元", "10kusd": "万美元"}
_ENGLISH_UNIT = r"[×x*]?(?:100m|10k)(?:cny|usd)"
_UNIT_WORDS = f"万美元|亿美元|美元|亿元|万元|元|{_ENGLISH_UNIT}"
_BRACKETED_UNIT = re.compile(rf"[(\[{{<]\s*(?:单位[:]?)?\s*({_UNIT_WORDS})\s*[)\]}}>]")
_TRAILING_UNIT = re.compile(rf"(?:/|单位[:]?)?({_UNIT_WORDS})$")
_BRACKETED = re.compile(r"[(\[{<][^)\]}>]*[)\]}>]")
_PUNCT = re.compile(r"[\s\W_]+")
_SHEET_UNIT = re.compile(rf"(?:单位|unit)[:]\s*({_UNIT_WORDS})")

#: Words whose trailing-unit reading would be wrong (到位资金 ends in 金, not 元, but
#: e.g. "总投资亿元" is a unit; "美元" alone is a unit only in brackets or after a slash).
_NOT_A_UNIT_ENDING = ("单元",)


def fold(text: str) -> str:
    """NFKC (full-width → half-width; 【】 and （） too), lower case, no white space."""
    folded = unicodedata.normalize("NFKC", str(text)).lower()
    folded = folded.translate(_BRACKETS)
    return re.sub(r"\s+", "", folded)


_BRACKETS = str.maketrans(
    {
        "【": "[",
        "】": "]",
        "〔": "[",
        "〕": "]",
        "《": "<",
        "》": ">",
        "：": ":",
        "「": "[",
        "」": "]",
    }
)


@dataclass(frozen=True, slots=True)
class HeaderKey:
    full: str  # punctuation removed, bracket contents kept
    base: str  # bracketed parts removed too
    unit: str | None


def header_key(text: str) -> HeaderKey:
    """总投资（万元） → base 总投资, unit 万元; “项目名称【必填】” → base 项目名称."""
    folded = fold(text)
    unit = None
    match = _BRACKETED_UNIT.search(folded)
    if match:
        unit = unit_word(match.group(1))
        folded = folded[: match.start()] + folded[match.end() :]
    else:
        match = _TRAILING_UNIT.search(folded)
        if match and len(folded) > len(match.group(0)) and not folded.endswith(_NOT_A_UNIT_ENDING):
            unit = unit_word(match.group(1))
            folded = folded[: match.start()]
    full = _PUNCT.sub("", folded)
    base = _PUNCT.sub("", _BRACKETED.sub("", folded))
    return HeaderKey(full, base, unit)


def unit_word(folded: str) -> str:
    """A unit as a header writes it, folded → the unit an amount is read in (crm.money's
    UNIT_FACTORS): ×100mcny → 亿元, 万元 → 万元."""
    return _ENGLISH_UNITS.get(folded.lstrip("×x*"), folded)


def sheet_unit(text: str) -> str | None:
    """A note above the table such as “单位：万元” (Unit: ×10k CNY) sets the unit of amount
    columns."""
    match = _SHEET_UNIT.search(fold(text))
    return unit_word(match.group(1)) if match else None


def synonym_index() -> dict[str, dict[str, str]]:
    """kind → {folded synonym → field name}."""
    index: dict[str, dict[str, str]] = {}
    for kind, fields in FIELDS.items():
        table: dict[str, str] = {}
        for field in fields:
            for synonym in field.synonyms:
                key = header_key(synonym).full
                if key:
                    table.setdefault(key, field.name)
        index[kind] = table
    return index


SYNONYMS = synonym_index()


def match_field(kind: str, key: HeaderKey) -> str | None:
    table = SYNONYMS[kind]
    found = (table.get(key.full) if key.full else None) or (
        table.get(key.base) if key.base else None
    )
    if found is None and key.base:
        found = next((name for rx, name in PATTERNS.get(kind, ()) if rx.match(key.base)), None)
    return found


def is_computed(kind: str, key: HeaderKey) -> bool:
    return any(header_key(text).full in (key.full, key.base) for text in COMPUTED.get(kind, ()))


def closest_field(kind: str, header: str) -> FieldSpec | None:
    """The field whose headers look most like an unknown header (a suggestion, never applied)."""
    from rapidfuzz import fuzz, process

    key = header_key(header)
    if not key.base:
        return None
    choices = {syn: name for syn, name in SYNONYMS[kind].items() if name != "seq" and syn}
    found = process.extractOne(key.base, list(choices), scorer=fuzz.ratio, score_cutoff=50)
    return spec(kind, choices[found[0]]) if found else None
