"""Drill-down: the projects behind a figure of the dashboard, a brief or an analysis.

A figure is written as a short code, `KIND:START:END` (e.g. `signed:2026-01-01:2026-11-23`),
kept in ProjectFilter.figure so a saved view keeps it. Its condition is the statistics' own
rule (crm.stats.query / crm.stats.funds), with the `include_own_area` setting applied as the
briefs apply it: the list holds exactly the projects the figure counted.

A row of a brief's breakdown that the list's own filters cannot say exactly adds one
qualifier, `KIND:START:END:FIELD=VALUE`: `tag=CODE` (or `tag=top_500`, any 500强 list) with
the briefs' rule of when a list membership counts (crm.stats.tags), `country=CODE` (Hong
Kong, Macao and Taiwan also by their region codes) and `source_class=CODE`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from crm.codes import SourceClass, TagKind
from crm.errors import ValidationError
from crm.periods import Period, date_range
from crm.reference import loader
from crm.services.settings import all_settings
from crm.stats.brief import counting_scope
from crm.stats.labels import HMT_BY_PROVINCE
from crm.stats.query import (
    FUNDS,
    PROJECT,
    TAG_KIND,
    funds_not_own_area,
    not_own_area,
    signed_in,
    within,
)
from crm.stats.scope import BUREAU
from crm.stats.signed_rows import TOP_500_KEY
from crm.stats.tags import tagged_projects

#: signed: first signed in the period (newly signed, 增资 aside); funds: received funds in
#: it; started / operating: reached that stage in it.
FIGURES = ("signed", "funds", "started", "operating")
LABELS: dict[str, tuple[str, str]] = {
    "signed": ("新签约项目", "Newly signed"),
    "funds": ("有到位资金的项目", "Projects with funds received"),
    "started": ("开工项目", "Projects started"),
    "operating": ("投产项目", "Projects in operation"),
}


#: Fields a qualifier may name (a breakdown row the list's own filters cannot say).
QUALIFIERS = ("tag", "country", "source_class")


def figure_code(kind: str, period: Period, qualifier: str = "") -> str:
    """`qualifier`: '' or 'FIELD=VALUE' (a field of QUALIFIERS)."""
    code = f"{kind}:{period.start.isoformat()}:{period.end.isoformat()}"
    return f"{code}:{qualifier}" if qualifier else code


def parse_figure(code: str) -> tuple[str, Period]:
    kind, period, _ = parse_figure_qualified(code)
    return kind, period


def parse_figure_qualified(code: str) -> tuple[str, Period, tuple[str, str] | None]:
    """(kind, period, (field, value) or None)."""
    kind, _, rest = code.partition(":")
    start, _, rest = rest.partition(":")
    end, _, qualifier = rest.partition(":")
    try:
        period = date_range(date.fromisoformat(start), date.fromisoformat(end))
    except ValueError as exc:
        raise _bad(code) from exc
    if kind not in FIGURES:
        raise _bad(code)
    if not qualifier:
        return kind, period, None
    field, _, value = qualifier.partition("=")
    if field not in QUALIFIERS or not value or kind != "signed":
        raise _bad(code)
    return kind, period, (field, value)


def figure_label(code: str, language: str = "zh") -> str:
    """'新签约项目 2026-01-01 至 2026-11-23' (what the projects list says it shows), then the
    row's name when the figure has a qualifier ('… · 世界500强')."""
    kind, period, qualifier = parse_figure_qualified(code)
    zh, en = LABELS[kind]
    english = language.startswith("en")
    text = (
        f"{en} {period.start} to {period.end}"
        if english
        else f"{zh} {period.start} 至 {period.end}"
    )
    if qualifier is None:
        return text
    return f"{text} · {_qualifier_name(*qualifier, english)}"


def _qualifier_name(field: str, value: str, english: bool) -> str:
    if field == "tag" and value == TOP_500_KEY:
        return "Top 500 firms" if english else "500强企业"
    coded = {"source_class": SourceClass, "tag": TagKind}.get(field)
    if coded is not None and value in coded._value2member_map_:  # as the brief names them
        return coded(value).label("en" if english else "zh")
    rows: list[Any] = loader.load_tag_kinds() if field == "tag" else loader.load_countries()
    for row in rows:
        if row.code == value:
            return str(row.name_en if english else row.name_zh)
    return value


def figure_clause(session: Session, code: str) -> ColumnElement[bool]:
    """The condition on the project table (ORM Project or its table) for the figure."""
    kind, period, qualifier = parse_figure_qualified(code)
    scope = counting_scope(session, BUREAU, all_settings(session))
    if kind == "signed":
        signed = signed_in(scope, period)
        return signed if qualifier is None else and_(signed, _qualified(period, *qualifier))
    if kind == "funds":
        return exists().where(
            FUNDS.c.project_id == PROJECT.c.id,
            FUNDS.c.deleted_at.is_(None),
            within(FUNDS.c.received_on, period),
            *funds_not_own_area(scope),
        )
    return and_(*not_own_area(scope), within(PROJECT.c[f"{kind}_on"], period))


def _qualified(period: Period, field: str, value: str) -> ColumnElement[bool]:
    """A breakdown's row by the statistics' rules (crm.stats.signed_rows, crm.stats.tags)."""
    if field == "source_class":
        return PROJECT.c.source_class == value
    if field == "country":
        abroad = PROJECT.c.source_country_code == value
        prefix = {v: k for k, v in HMT_BY_PROVINCE.items()}.get(value)
        if prefix is None:
            return abroad
        domestic = or_(
            PROJECT.c.source_country_code.is_(None),
            PROJECT.c.source_country_code.in_(("", "CN")),
        )
        return or_(
            abroad, and_(domestic, func.substr(PROJECT.c.source_region_code, 1, 2) == prefix)
        )
    tagged = tagged_projects(period)
    if value == TOP_500_KEY:
        lists = select(TAG_KIND.c.code).where(TAG_KIND.c.is_500.is_(True))
        on_list = tagged.c.tag.in_(lists)
    else:
        on_list = tagged.c.tag == value
    return PROJECT.c.id.in_(select(tagged.c.pid).where(on_list))


def _bad(code: str) -> ValidationError:
    return ValidationError(
        "figure", code, f"无法识别的统计口径：{code}", f"Unknown figure: {code}", code="bad_figure"
    )
