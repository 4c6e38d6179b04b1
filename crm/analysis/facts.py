"""The SQL half of an analysis: one GROUP BY per kind of fact, on the raw columns the asked
dimensions are made from (industry code, source region, team id …).

The facts are the briefs' own (crm.stats): new signings and 增资 entries through
crm.stats.signed.Facts, funds entries through crm.stats.funds.funds_in, so the counting
rules (first signing, own area left out, deleted rows) live in one place. Labels, region
groups and pivots are pandas' work on the few grouped rows (crm.analysis.pivot).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import (
    BigInteger,
    ColumnElement,
    FromClause,
    Integer,
    and_,
    cast,
    extract,
    func,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from crm.periods import Period
from crm.stats.funds import funds_in
from crm.stats.query import COMPLETION, FUNDS, INCREASE, PROJECT, live_projects, money_sum
from crm.stats.scope import Scope
from crm.stats.signed import Facts
from crm.stats.tags import tagged_projects

#: Raw columns each dimension is made from (month and tag depend on the fact: below).
RAW_COLUMNS: dict[str, tuple[str, ...]] = {
    "industry": ("industry_code",),
    "chain": ("chain_code",),
    # The province is the region code's first two digits: grouping by them, not by city,
    # keeps the rows few.
    "source_province": ("source_country_code", "source_province_prefix"),
    "source_group": ("source_country_code", "source_region_code"),
    "team": ("team_id",),
    "place": ("park_id", "landing_region_code"),
    "stage": ("stage",),
    "month": ("month",),
    "tag": ("tag",),
}
VALUE = "value"


@dataclass(frozen=True)
class FactSource:
    """One kind of fact: FROM, WHERE, the value per group, the date that names its month."""

    source: FromClause
    where: ColumnElement[bool]
    value: ColumnElement[Any]
    day: ColumnElement[Any]


def fact_sources(session: Session, measure: str, scope: Scope, period: Period) -> list[FactSource]:
    """signed_count: the new signings (增资 adds no project); signed_investment: the signings
    and the period's 增资 entries; funds: the entries received in the period;
    completed_investment: the 完成投资 entries of the 旬 or months ending in it."""
    if measure == "funds":
        source = FUNDS.join(PROJECT, PROJECT.c.id == FUNDS.c.project_id)
        return [
            FactSource(
                source, funds_in(scope, period), money_sum(FUNDS.c.amount), FUNDS.c.received_on
            )
        ]
    if measure == "completed_investment":
        # Dispatch figures count every live project of the scope (own area included).
        from crm.stats.dispatch import completed_in

        source = COMPLETION.join(PROJECT, PROJECT.c.id == COMPLETION.c.project_id)
        where = and_(*completed_in(period), *live_projects(scope))
        return [FactSource(source, where, money_sum(COMPLETION.c.amount), COMPLETION.c.period_end)]
    if measure == "signed_count":
        signings = Facts.signings(scope, period)
        return [
            FactSource(signings.source, signings.where, signings.count, PROJECT.c.first_signed_on)
        ]
    result = []
    # Both kinds always: the increases query finds nothing when there is none, one round
    # trip, where asking first (crm.stats.signed.Facts.of) costs one more either way.
    for facts in (Facts.signings(scope, period), Facts.increases(scope, period)):
        day = PROJECT.c.first_signed_on if facts.new else INCREASE.c.increased_on
        result.append(FactSource(facts.source, facts.where, facts.amount, day))
    return result


def grouped_facts(
    session: Session,
    measure: str,
    scope: Scope,
    period: Period,
    raw: Sequence[str],
    *,
    tags: Sequence[str] = (),
) -> pd.DataFrame:
    """One row per distinct combination of the raw columns, with the measure's value (a
    count, or money in fen: crm.money.fen_to_wan).
    `tags`: keep only projects on one of these lists (a filter, in SQL: a project on two of
    them still counts once)."""
    # Summed in a dict, not in pandas: the signings and the increases share groups, and a
    # few hundred rows add up faster in Python than pandas builds and groups a frame.
    sums: dict[tuple[Any, ...], int] = {}
    width = len(raw)
    connection = session.connection()  # Core statements: no ORM execution layer needed
    for fact in fact_sources(session, measure, scope, period):
        for row in connection.execute(_statement(fact, raw, period, tags)):
            key = tuple("" if v is None else v for v in row[:width])
            sums[key] = sums.get(key, 0) + int(row[width] or 0)
    columns = list(zip(*sums, strict=True)) if sums and width else [() for _ in raw]
    data = dict(zip(raw, columns, strict=True))
    data[VALUE] = list(sums.values())
    return pd.DataFrame(data, columns=[*raw, VALUE])


def _statement(fact: FactSource, raw: Sequence[str], period: Period, tags: Sequence[str]) -> Any:
    source = fact.source
    columns: list[ColumnElement[Any]] = []
    tagged = tagged_projects(period) if "tag" in raw else None
    for name in raw:
        if name == "month":
            year = cast(extract("year", fact.day), Integer)
            month = cast(extract("month", fact.day), Integer)
            columns.append((year * 100 + month).label("month"))
        elif name == "source_province_prefix":
            columns.append(func.substr(PROJECT.c.source_region_code, 1, 2).label(name))
        elif name == "tag":
            assert tagged is not None
            source = source.outerjoin(tagged, tagged.c.pid == PROJECT.c.id)
            columns.append(tagged.c.tag.label("tag"))
        else:
            columns.append(PROJECT.c[name].label(name))
    # Money as the stored integer (fen): pandas sums int64 columns in C, and the table turns
    # them into exact Decimal 万元 once (crm.money.fen_to_wan).
    value = type_coerce(fact.value, BigInteger())
    statement = select(*columns, value).select_from(source).where(fact.where)
    if tags:
        chosen = tagged_projects(period)
        statement = statement.where(
            PROJECT.c.id.in_(select(chosen.c.pid).where(chosen.c.tag.in_(list(tags))))
        )
    if columns:
        statement = statement.group_by(*columns)
    return statement
