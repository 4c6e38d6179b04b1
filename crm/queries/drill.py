"""Drill-down: the projects behind a figure of the dashboard, a brief or an analysis.

A figure is written as a short code, `KIND:START:END` (e.g. `signed:2026-01-01:2026-11-23`),
kept in ProjectFilter.figure so a saved view keeps it. Its condition is the statistics' own
rule (crm.stats.query / crm.stats.funds), with the `include_own_area` setting applied as the
briefs apply it: the list holds exactly the projects the figure counted.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, and_, exists
from sqlalchemy.orm import Session

from crm.errors import ValidationError
from crm.periods import Period, date_range
from crm.services.settings import all_settings
from crm.stats.brief import counting_scope
from crm.stats.query import FUNDS, PROJECT, funds_not_own_area, not_own_area, signed_in, within
from crm.stats.scope import BUREAU

#: signed: first signed in the period (newly signed, 增资 aside); funds: received funds in
#: it; started / operating: reached that stage in it.
FIGURES = ("signed", "funds", "started", "operating")
LABELS: dict[str, tuple[str, str]] = {
    "signed": ("新签约项目", "Newly signed"),
    "funds": ("有到位资金的项目", "Projects with funds received"),
    "started": ("开工项目", "Projects started"),
    "operating": ("投产项目", "Projects in operation"),
}


def figure_code(kind: str, period: Period) -> str:
    return f"{kind}:{period.start.isoformat()}:{period.end.isoformat()}"


def parse_figure(code: str) -> tuple[str, Period]:
    kind, _, rest = code.partition(":")
    start, _, end = rest.partition(":")
    try:
        period = date_range(date.fromisoformat(start), date.fromisoformat(end))
    except ValueError as exc:
        raise _bad(code) from exc
    if kind not in FIGURES:
        raise _bad(code)
    return kind, period


def figure_label(code: str, language: str = "zh") -> str:
    """'新签约项目 2026-01-01 至 2026-11-23' (what the projects list says it shows)."""
    kind, period = parse_figure(code)
    zh, en = LABELS[kind]
    if language.startswith("en"):
        return f"{en} {period.start} to {period.end}"
    return f"{zh} {period.start} 至 {period.end}"


def figure_clause(session: Session, code: str) -> ColumnElement[bool]:
    """The condition on the project table (ORM Project or its table) for the figure."""
    kind, period = parse_figure(code)
    scope = counting_scope(session, BUREAU, all_settings(session))
    if kind == "signed":
        return signed_in(scope, period)
    if kind == "funds":
        return exists().where(
            FUNDS.c.project_id == PROJECT.c.id,
            FUNDS.c.deleted_at.is_(None),
            within(FUNDS.c.received_on, period),
            *funds_not_own_area(scope),
        )
    return and_(*not_own_area(scope), within(PROJECT.c[f"{kind}_on"], period))


def _bad(code: str) -> ValidationError:
    return ValidationError(
        "figure", code, f"无法识别的统计口径：{code}", f"Unknown figure: {code}", code="bad_figure"
    )
