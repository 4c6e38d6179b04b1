"""Newly signed projects (新签约项目) of a period and scope, with their breakdowns.

A project counts once, in the period holding its first signing (first_signed_on). A 增资
(investment increase) adds its amount to the signed investment of its own period, in every
breakdown, but no project to the count (nor to the size bands, which sort projects). Own-area
projects count only when the scope says so (crm.stats.query.counted_projects).

Each breakdown is one GROUP BY per period over the new signings and one over the increases
(usually few); groupings that derive from one another (provinces → region groups,
industries → sections) are folded in Python from the few grouped rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Select,
    and_,
    case,
    distinct,
    exists,
    func,
    literal,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from crm.periods import Period
from crm.places import AreaWords
from crm.stats.labels import Labels
from crm.stats.model import Figure, SignedFigures, Totals
from crm.stats.query import (
    COMPANY,
    COMPANY_TAG,
    INCREASE,
    PROJECT,
    TAG_KIND,
    TEAM,
    ZERO,
    Agg,
    Steps,
    add_to,
    count_if,
    grouped,
    increased_in,
    live_team_join,
    money_sum,
    signed_in,
    sum_if,
    within,
)
from crm.stats.scope import Scope
from crm.stats.signed_rows import TOP_500_KEY, SignedRaw, SourceRow, assemble, band_key
from crm.stats.tags import group_key, membership_counts

Where = ColumnElement[bool]
#: 1亿元 in 万元: the threshold of the "projects over 100 million" target.
OVER_100M_WAN = Decimal(10000)


@dataclass(frozen=True)
class Facts:
    """What adds to newly signed figures, as (FROM, WHERE, project count, amount): the new
    signings (one project each, its planned investment) or the 增资 entries (no project,
    the increase)."""

    source: FromClause
    where: Where
    count: ColumnElement[Any]
    amount: ColumnElement[Any]
    new: bool

    @classmethod
    def signings(cls, scope: Scope, period: Period) -> Facts:
        amount = money_sum(PROJECT.c.planned_investment)
        return cls(PROJECT, signed_in(scope, period), func.count(), amount, True)

    @classmethod
    def increases(cls, scope: Scope, period: Period) -> Facts:
        source = INCREASE.join(PROJECT, PROJECT.c.id == INCREASE.c.project_id)
        return cls(
            source, increased_in(scope, period), literal(0), money_sum(INCREASE.c.amount), False
        )

    @staticmethod
    def of(session: Session, scope: Scope, period: Period) -> tuple[Facts, ...]:
        """The signings, and the increases when any is dated in the period (most periods
        have none: their queries are skipped)."""
        signings = Facts.signings(scope, period)
        if not any_increase(session, period):
            return (signings,)
        return signings, Facts.increases(scope, period)


def any_increase(session: Session, period: Period) -> bool:
    """Whether a live 增资 entry is dated in the period (whatever its project)."""
    found = exists().where(INCREASE.c.deleted_at.is_(None), within(INCREASE.c.increased_on, period))
    return bool(session.scalar(select(found)))


def signed_figures(
    session: Session,
    period: Period,
    scope: Scope,
    *,
    labels: Labels,
    size_bands_wan: Sequence[Decimal],
    words: AreaWords,
    steps: Steps,
) -> tuple[SignedFigures, SignedRaw, SignedRaw, YtdByTeam]:
    """The figures, plus the raw rows of both periods and the year to date per team (the
    teams section reuses them). `words`: the bureau's words for the source classes."""
    current = signed_raw(session, period, scope, labels=labels, bands=size_bands_wan, steps=steps)
    previous = signed_raw(
        session, period.previous_year(), scope, labels=labels, bands=size_bands_wan, steps=steps
    )
    ytd_period = period.year_to_date()
    by_team = ytd_by_team(session, ytd_period, scope)
    ytd = None
    if not period.starts_on_new_year:
        count = sum(c for c, _, _ in by_team.values())
        amount = sum((a for _, a, _ in by_team.values()), ZERO)
        before = signed_total(session, ytd_period.previous_year(), scope)
        ytd = Totals(Figure(count, before[0]), Figure(amount, before[1]))
    figures = assemble(
        current,
        previous,
        ytd,
        labels=labels,
        bands=size_bands_wan,
        words=words,
        own_area=scope.include_own_area,
    )
    return figures, current, previous, by_team


def signed_raw(
    session: Session,
    period: Period,
    scope: Scope,
    *,
    labels: Labels,
    bands: Sequence[Decimal],
    steps: Steps,
) -> SignedRaw:
    facts = Facts.of(session, scope, period)
    sections, band_sums = _by_industry(session, facts[0], labels, bands)
    for more in facts[1:]:
        for key, (count, amount) in _by_industry(session, more, labels, ())[0].items():
            add_to(sections, key, count, amount)
    steps.step()
    sources = tuple(
        SourceRow(r[0] or "", r[1] or "", r[2] or "", int(r[3]), r[4])
        for f in facts
        for r in session.execute(_by_source(f))
    )
    team_rows = [row for f in facts for row in session.execute(_by_team(f))]
    steps.step()
    tags, firms = _tags(session, scope, period, with_increases=len(facts) > 1)
    steps.step()
    return SignedRaw(
        sections=sections,
        sources=sources,
        teams=grouped((r[0], r[2], r[3]) for r in team_rows),
        team_names={r[0]: r[1] for r in team_rows if r[0]},
        bands=band_sums,
        tags=tags,
        tag_firms=firms,
    )


#: Year to date per team id (None: no team): count, investment, projects of 1亿元 or more.
YtdByTeam = dict[str | None, tuple[int, Decimal, int]]


def ytd_by_team(
    session: Session, ytd: Period, scope: Scope, *, by: ColumnElement[Any] = PROJECT.c.team_id
) -> YtdByTeam:
    """Per team (or per another project column `by`: park, landing place): projects first
    signed in the period, their investment plus the period's 增资, and the projects of
    1亿元 or more."""
    amount = PROJECT.c.planned_investment
    result: YtdByTeam = {}
    for facts in Facts.of(session, scope, ytd):
        over = count_if(amount >= OVER_100M_WAN) if facts.new else literal(0)
        rows = session.execute(
            select(by, facts.count, facts.amount, over)
            .select_from(facts.source)
            .where(facts.where)
            .group_by(by)
        )
        for team, count, total, over_count in rows:
            old = result.get(team, (0, ZERO, 0))
            result[team] = (old[0] + int(count), old[1] + total, old[2] + int(over_count))
    return result


def signed_totals(session: Session, period: Period, scope: Scope) -> Totals:
    """Count and investment only, this period and last year's."""
    now = signed_total(session, period, scope)
    before = signed_total(session, period.previous_year(), scope)
    return Totals(Figure(now[0], before[0]), Figure(now[1], before[1]))


def signed_total(session: Session, period: Period, scope: Scope) -> tuple[int, Decimal]:
    """Newly signed projects and signed investment (增资 included) of the period."""
    count, amount = 0, ZERO
    for facts in Facts.of(session, scope, period):
        row = session.execute(
            select(facts.count, facts.amount).select_from(facts.source).where(facts.where)
        ).one()
        count, amount = count + int(row[0] or 0), amount + row[1]
    return count, amount


# --- queries ------------------------------------------------------------------------------


def _by_industry(
    session: Session, facts: Facts, labels: Labels, bands: Sequence[Decimal]
) -> tuple[Agg, Agg]:
    """Per GB/T 4754 section, and per size band (亿元以上 …: 以上 includes the threshold)."""
    amount = PROJECT.c.planned_investment
    columns: list[ColumnElement[Any]] = [PROJECT.c.industry_code, facts.count, facts.amount]
    for threshold in bands:
        columns += [count_if(amount >= threshold), sum_if(amount >= threshold, amount)]
    rows = session.execute(
        select(*columns)
        .select_from(facts.source)
        .where(facts.where)
        .group_by(PROJECT.c.industry_code)
    )
    sections: Agg = {}
    band_sums: Agg = {band_key(t): (0, ZERO) for t in bands}
    for row in rows:
        add_to(sections, labels.section(row[0]), row[1], row[2])
        for n, threshold in enumerate(bands):
            add_to(band_sums, band_key(threshold), row[3 + 2 * n], row[4 + 2 * n])
    return sections, band_sums


def _by_source(facts: Facts) -> Select[Any]:
    columns = (
        PROJECT.c.source_class,
        PROJECT.c.source_country_code,
        PROJECT.c.source_region_code,
    )
    return (
        select(*columns, facts.count, facts.amount)
        .select_from(facts.source)
        .where(facts.where)
        .group_by(*columns)
    )


def _by_team(facts: Facts) -> Select[Any]:
    return (
        select(TEAM.c.id, TEAM.c.name, facts.count, facts.amount)
        .select_from(facts.source.outerjoin(TEAM, live_team_join()))
        .where(facts.where)
        .group_by(TEAM.c.id, TEAM.c.name)
    )


def _live(table: FromClause) -> Where:
    return table.c.deleted_at.is_(None)


def _tags(
    session: Session, scope: Scope, period: Period, *, with_increases: bool
) -> tuple[Agg, dict[str, int]]:
    """Projects per list (tag), counted once per list, through the investor or its parent,
    with the period's 增资 of those projects in the investment.

    A membership counts when crm.stats.tags says it is valid for the period; `firms`
    counts the distinct firms among the new signings, a group and its subsidiaries as one.
    """
    tagged = _tagged_projects(scope, period, with_increases).cte("tagged")
    top_500 = select(
        tagged.c.pid,
        tagged.c.new,
        tagged.c.inv,
        literal(TOP_500_KEY).label("tag"),
        tagged.c.holder,
        tagged.c.firm,
    ).where(tagged.c.is_500)
    plain = select(
        tagged.c.pid, tagged.c.new, tagged.c.inv, tagged.c.tag, tagged.c.holder, tagged.c.firm
    )
    rows = union_all(plain, top_500).subquery("rows")
    # Number each project's rows within a list: the first carries its investment once.
    first = func.row_number().over(
        partition_by=(rows.c.tag, rows.c.pid, rows.c.new), order_by=rows.c.holder
    )
    numbered = select(rows, first.label("n")).subquery("numbered")
    is_first = numbered.c.n == 1
    is_new = numbered.c.new == 1
    result = session.execute(
        select(
            numbered.c.tag,
            count_if(and_(is_first, is_new)),
            sum_if(is_first, numbered.c.inv),
            func.count(distinct(case((is_new, numbered.c.firm)))),
        ).group_by(numbered.c.tag)
    ).all()
    agg = {r[0]: (int(r[1]), r[2]) for r in result}
    return agg, {r[0]: int(r[3]) for r in result}


def _tagged_projects(scope: Scope, period: Period, with_increases: bool) -> Select[Any]:
    """(project, new signing?, amount, tag, holder, firm, is_500) for each valid membership
    of the investor or its parent, for the new signings and (with_increases) the 增资 of the
    period."""
    project = PROJECT.alias("tagged_project") if with_increases else PROJECT
    facts: FromClause = project
    pid, new, inv = project.c.id, literal(1), project.c.planned_investment
    where = signed_in(scope, period)
    if with_increases:
        increases = (
            select(
                INCREASE.c.project_id.label("pid"),
                literal(0).label("new"),
                money_sum(INCREASE.c.amount).label("inv"),
            )
            .select_from(INCREASE.join(PROJECT, PROJECT.c.id == INCREASE.c.project_id))
            .where(increased_in(scope, period))
            .group_by(INCREASE.c.project_id)
        )
        signings = select(
            PROJECT.c.id.label("pid"),
            literal(1).label("new"),
            PROJECT.c.planned_investment.label("inv"),
        ).where(where)
        union = union_all(signings, increases).subquery("facts")
        facts = union.join(project, project.c.id == union.c.pid)
        pid, new, inv, where = union.c.pid, union.c.new, union.c.inv, None
    investor = COMPANY.alias("investor")
    holder = COMPANY.alias("holder")
    kinds = TAG_KIND
    statement = (
        select(
            pid.label("pid"),
            new.label("new"),
            inv.label("inv"),
            COMPANY_TAG.c.tag,
            COMPANY_TAG.c.company_id.label("holder"),
            group_key(investor).label("firm"),
            kinds.c.is_500,
        )
        .select_from(
            facts.join(
                investor,
                and_(investor.c.id == project.c.company_id, investor.c.deleted_at.is_(None)),
            )
            .join(COMPANY_TAG, COMPANY_TAG.c.company_id.in_([investor.c.id, investor.c.parent_id]))
            .join(holder, and_(holder.c.id == COMPANY_TAG.c.company_id, _live(holder)))
            .join(kinds, kinds.c.code == COMPANY_TAG.c.tag)
        )
        .where(membership_counts(COMPANY_TAG, kinds, period))
    )
    return statement if where is None else statement.where(where)
