"""The name of a code as a person reads it, in the language asked: the one home every query
and table that shows names uses (the projects list and detail, companies, teams, analysis).

Chinese names are the stored ones. English names: GB/T 4754 industries and GB/T 2260 regions
from the shipped files (crm.reference.english); countries, company lists, industry chains and
region groups from their own `name_en` column, else the shipped list (a bureau's own row may
have none: its Chinese name stands); coded choices (stage, source class …) from crm.codes.
The window passes its language; nothing here is stored.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from sqlalchemy import ColumnElement, func

from crm import codes
from crm.reference import english, loader

Kind = Literal[
    "industry",
    "region",
    "region_short",
    "country",
    "tag",
    "chain",
    "region_group",
    "stage",
    "source_class",
    "funds_source",
]

#: Kinds whose names are code lists with both labels (crm.codes).
CODED: dict[str, type[codes.Coded]] = {
    "stage": codes.Stage,
    "source_class": codes.SourceClass,
    "funds_source": codes.FundsSource,
}


def is_english(language: str) -> bool:
    return language.startswith("en")


def display_name(
    kind: Kind, code: str | None, zh: str | None, language: str, *, en: str | None = None
) -> str:
    """The name of `code` in `language`: `zh` (the stored Chinese name) in Chinese; in English
    `en` when the caller read one, else the shipped English name, else `zh`. Coded kinds need
    no names: their labels are crm.codes'. An empty code gives `zh` or ''."""
    if kind in CODED:
        member = CODED[kind]._value2member_map_.get(code or "")
        if member is not None:
            return member.label(language)  # type: ignore[attr-defined,no-any-return]
        return zh or code or ""
    if not is_english(language) or not code:
        return zh or ""
    return en or english_names(kind).get(code) or zh or ""


def english_names(kind: Kind) -> dict[str, str]:
    """code → shipped English name for a reference kind ({} for coded kinds)."""
    return _shipped(kind) if kind not in CODED else {}


@cache
def _shipped(kind: str) -> dict[str, str]:
    if kind == "industry":
        return english.industry_names_en()
    if kind == "region":
        return english.region_names_en()
    if kind == "region_short":
        return english.region_short_names_en()
    rows: list[Any] = {
        "country": loader.load_countries,
        "tag": loader.load_tag_kinds,
        "chain": loader.load_industry_chains,
        "region_group": loader.load_region_groups,
    }[kind]()
    return {r.code: r.name_en for r in rows if r.name_en}


def names_in(
    kind: Kind, names: dict[str, str], language: str, english_of: dict[str, str] | None = None
) -> dict[str, str]:
    """A whole code → Chinese name map in `language` (`english_of`: English names read from
    the database, which win over the shipped ones)."""
    if not is_english(language) and kind not in CODED:
        return dict(names)
    extra = english_of or {}
    return {
        code: display_name(kind, code, zh, language, en=extra.get(code))
        for code, zh in names.items()
    }


def name_column(model: Any, language: str) -> ColumnElement[str]:
    """SQL for the name of a reference row with `name_zh` and `name_en` (countries, company
    lists, chains, region groups): the English one when asked and filled in."""
    if not is_english(language):
        return model.name_zh  # type: ignore[no-any-return]
    return func.coalesce(func.nullif(model.name_en, ""), model.name_zh)
