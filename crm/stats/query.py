"""SQL building blocks shared by the statistics modules (SQLAlchemy Core on the tables).

Core tables rather than ORM entities: the statements are plain aggregates, and Core skips
the ORM's per-row work. Every condition list starts with the live-row filters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import BigInteger, ColumnElement, and_, case, func, or_, type_coerce
from sqlalchemy.sql.elements import KeyedColumnElement

from crm.codes import SourceClass
from crm.models import (
    Activity,
    Company,
    CompanyTag,
    CompletionEntry,
    DispatchProfile,
    EnterpriseRequest,
    FundsEntry,
    InvestmentIncrease,
    ListEntry,
    Money,
    Park,
    Problem,
    Programme,
    Project,
    TagKindRef,
    Target,
    Team,
    TeamTarget,
)
from crm.periods import Period
from crm.progress import Cancelled
from crm.stats.scope import Scope, scope_condition

# The Core tables the statistics read, named once here.
PROJECT = Project.__table__
FUNDS = FundsEntry.__table__
COMPANY = Company.__table__
COMPANY_TAG = CompanyTag.__table__
TAG_KIND = TagKindRef.__table__
TEAM = Team.__table__
TEAM_TARGET = TeamTarget.__table__
PROBLEM = Problem.__table__
ACTIVITY = Activity.__table__
INCREASE = InvestmentIncrease.__table__
REQUEST = EnterpriseRequest.__table__
COMPLETION = CompletionEntry.__table__
LIST = ListEntry.__table__
PROFILE = DispatchProfile.__table__
PROGRAMME = Programme.__table__
TARGET = Target.__table__
PARK = Park.__table__
#: The bureau's own records among them (TAG_KIND is a shipped list): what a ledger moved to
#: another database must carry for its figures to stay the same (crm.ledger.export.left_out).
RECORD_TABLES = (PROJECT, FUNDS, COMPANY, COMPANY_TAG, TEAM, TEAM_TARGET, PROBLEM, ACTIVITY,
                 INCREASE, REQUEST, COMPLETION, LIST, PROFILE, PROGRAMME, TARGET, PARK)  # fmt: skip
OWN_AREA = SourceClass.OWN_AREA.value

ZERO = Decimal(0)

ProgressFn = Callable[[float], None]
CancelFn = Callable[[], bool]


@dataclass
class Steps:
    """Reports progress as a fraction (0–1) and checks for cancellation between steps."""

    total: int
    progress: ProgressFn | None = None
    should_cancel: CancelFn | None = None
    done: int = field(default=0)

    def check(self) -> None:
        if self.should_cancel is not None and self.should_cancel():
            raise Cancelled

    def step(self) -> None:
        self.check()
        self.done += 1
        if self.progress is not None:
            self.progress(min(1.0, self.done / self.total))


def money_sum(expr: ColumnElement[Decimal] | KeyedColumnElement[Decimal]) -> ColumnElement[Decimal]:
    """SUM of a Money expression as exact Decimal 万元, 0 for no rows."""
    return type_coerce(func.coalesce(func.sum(expr), 0), Money())


def fen_sum_if(
    condition: ColumnElement[bool], amount: ColumnElement[Decimal] | KeyedColumnElement[Decimal]
) -> ColumnElement[int]:
    """SUM of a Money column as the stored integer (fen), for statements returning many
    rows: ints add up fast in Python, and become Decimal 万元 once (crm.money.fen_to_wan)."""
    raw = type_coerce(amount, BigInteger())
    return type_coerce(func.coalesce(func.sum(case((condition, raw))), 0), BigInteger())


def count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.count(case((condition, 1)))


def sum_if(
    condition: ColumnElement[bool], amount: ColumnElement[Decimal]
) -> ColumnElement[Decimal]:
    return money_sum(case((condition, amount)))


def within(column: KeyedColumnElement[date], period: Period) -> ColumnElement[bool]:
    return column.between(period.start, period.end)


def live_projects(scope: Scope, *, visibility: bool = True) -> list[ColumnElement[bool]]:
    """Live (not soft-deleted) projects of the scope (crm.stats.scope.scope_condition)."""
    conditions: list[ColumnElement[bool]] = [PROJECT.c.deleted_at.is_(None)]
    extra = scope_condition(scope, visibility=visibility)
    if extra is not None:
        conditions.append(extra)
    return conditions


def not_own_area(scope: Scope) -> list[ColumnElement[bool]]:
    """The project is not from the bureau's own area, unless the scope counts it (the
    `include_own_area` setting, or a scope that asks for the own area itself)."""
    if scope.include_own_area:
        return []
    return [or_(PROJECT.c.source_class.is_(None), PROJECT.c.source_class != OWN_AREA)]


def funds_not_own_area(scope: Scope) -> list[ColumnElement[bool]]:
    """The same for funds entries, by the entry's own source."""
    return [] if scope.include_own_area else [FUNDS.c.source != OWN_AREA]


def counted_projects(scope: Scope) -> list[ColumnElement[bool]]:
    """Live projects of the scope that count in investment figures (own area aside)."""
    return [*live_projects(scope), *not_own_area(scope)]


def signed_in(scope: Scope, period: Period) -> ColumnElement[bool]:
    """Newly signed in the period: the first signing (first_signed_on) falls in it."""
    return and_(*counted_projects(scope), within(PROJECT.c.first_signed_on, period))


def increased_in(scope: Scope, period: Period) -> ColumnElement[bool]:
    """增资 entries dated in the period, of counted projects (INCREASE joined to PROJECT)."""
    return and_(
        INCREASE.c.deleted_at.is_(None),
        within(INCREASE.c.increased_on, period),
        *counted_projects(scope),
    )


def live_team_join() -> ColumnElement[bool]:
    """Join condition for the project's team, ignoring deleted teams."""
    return and_(TEAM.c.id == PROJECT.c.team_id, TEAM.c.deleted_at.is_(None))


Agg = dict[str, tuple[int, Decimal]]


def add_to(agg: Agg, key: str, count: int, amount: Decimal) -> None:
    old_count, old_amount = agg.get(key, (0, ZERO))
    agg[key] = (old_count + int(count), old_amount + amount)


def agg_total(agg: Agg) -> tuple[int, Decimal]:
    return sum(c for c, _ in agg.values()), sum((a for _, a in agg.values()), ZERO)


def grouped(rows: Iterable[tuple[str | None, int, Decimal]]) -> Agg:
    """(key, count, amount) rows into an Agg; None keys become ''."""
    agg: Agg = {}
    for key, count, amount in rows:
        add_to(agg, key or "", count, amount)
    return agg
