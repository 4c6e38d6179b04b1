"""Stage movements in a period (projects that reached funded, started, operating or were
dropped, by the milestone's date), the pipeline at the period's end, and stalled projects.

One pass over the scope's live projects, grouped by team and by the stage each project was in
at the period's end (from the milestone dates); movements and stalled counts are conditional
sums in the same statement. Newly signed figures come from crm.stats.signed; the amount of
the 资金到位 movement is the money received in the period (crm.stats.funds), not the planned
investment of the projects that got their first funds.

Movements leave out the bureau's own area as the other investment figures do; the pipeline
and the stalled counts are the ledger as it stands (every live project of the scope), the
same numbers the projects screen shows (crm.stalled).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from crm.codes import Stage
from crm.money import fen_to_wan
from crm.periods import Period
from crm.stages import MILESTONE_COLUMNS, STAGE_ORDER
from crm.stalled import KINDS as STALLED_KINDS
from crm.stalled import STAGE_EVENT, StalledRules, begins_after, dropped_by, stalled_condition
from crm.stats.model import Figure, Movement, PipelineStage, StageFigures, Stalled, Totals
from crm.stats.query import (
    PROJECT,
    ZERO,
    Steps,
    count_if,
    fen_sum_if,
    live_projects,
    money_sum,
    not_own_area,
    within,
)
from crm.stats.scope import Scope

#: Milestones whose date says when a project reached the stage (signed: crm.stats.signed).
MILESTONES: tuple[tuple[Stage, str], ...] = tuple(
    (stage, column) for stage, column in MILESTONE_COLUMNS.items() if stage is not Stage.SIGNED
)
NOT_YET = "none"


def stage_at(day: date) -> ColumnElement[str]:
    """The stage a project was in at the end of `day`, from its milestone dates.

    Before signing the dates cannot tell lead from negotiating: a project still before
    signing keeps its current stage; one that signed later counts as negotiating. A project
    reopened after signing is read from its history (reopened_after_signing).
    Projects that did not exist yet (their history begins after the day) are 'none'.
    """
    c = PROJECT.c
    return case(
        (reopened_after_signing(), func.coalesce(stage_in_history(day), NOT_YET)),
        (dropped_by(day), Stage.DROPPED.value),
        (c.operating_on <= day, Stage.OPERATING.value),
        (c.started_on <= day, Stage.STARTED.value),
        (c.funded_on <= day, Stage.FUNDED.value),
        (c.signed_on <= day, Stage.SIGNED.value),
        (begins_after(day), NOT_YET),
        (c.stage.in_([Stage.LEAD.value, Stage.NEGOTIATING.value]), c.stage),
        else_=Stage.NEGOTIATING.value,
    )


#: The history entries that set the stage (crm.stages.apply_step): a skip dates a stage
#: passed over and an upgrade changes the agreement, neither moves the project.
STAGE_MOVES = ("advance", "drop", "correction", "reopen")


def reopened_after_signing() -> ColumnElement[bool]:
    """Signed, then dropped (or closed) and reopened: its milestone dates hold only the run
    since the reopening (the first signing is kept apart), so an earlier day's stage must be
    read from the history. Few projects, so the history is read for those rows only."""
    c = PROJECT.c
    return and_(
        c.first_signed_on.is_not(None),
        or_(c.signed_on.is_(None), c.signed_on > c.first_signed_on),
    )


def stage_in_history(day: date) -> ColumnElement[str]:
    """The stage the project's last move on or before `day` took it to (None before any)."""
    e = STAGE_EVENT.c
    return (
        select(e.stage)
        .where(
            e.project_id == PROJECT.c.id,
            e.deleted_at.is_(None),
            e.occurred_on <= day,
            e.kind.in_(STAGE_MOVES),
        )
        .order_by(e.occurred_on.desc(), e.sequence.desc())
        .limit(1)
        .scalar_subquery()
    )


def stage_figures(
    session: Session,
    period: Period,
    scope: Scope,
    *,
    signed: Totals,
    signed_ytd: Totals | None,
    funds: Figure[Decimal],
    funds_ytd: Figure[Decimal] | None,
    rules: StalledRules,
    steps: Steps,
) -> tuple[StageFigures, dict[str, Stalled]]:
    """The figures, and stalled projects per team id ('' for none) at the period's end.
    funds / funds_ytd: money received in the period and the year to date (the 资金到位
    movement's amount)."""
    windows = _windows(period)
    statement, names = _statement(period.report_end, windows, scope, rules)
    rows = session.execute(statement).all()
    steps.step()
    # Movements count the rows of investment figures only (own area aside, crm.stats.query).
    sums = _column_sums([row for row in rows if row[2]], names)
    movements = [Movement(Stage.SIGNED.value, Stage.SIGNED.zh, signed, signed_ytd)]
    for stage, _ in MILESTONES:
        now = _totals(sums, stage, "now", "before")
        ytd = None if "ytd" not in windows else _totals(sums, stage, "ytd", "ytd_before")
        if stage is Stage.FUNDED:
            now = Totals(now.count, funds)
            ytd = None if ytd is None or funds_ytd is None else Totals(ytd.count, funds_ytd)
        movements.append(Movement(stage.value, stage.zh, now, ytd))
    by_team = _stalled(rows, names)
    total = Stalled(*(sum(getattr(s, kind) for s in by_team.values()) for kind in STALLED_KINDS))
    return StageFigures(tuple(movements), _pipeline(rows), total), by_team


def pipeline_now(session: Session, scope: Scope) -> tuple[PipelineStage, ...]:
    """Live projects per current stage (for the dashboard)."""
    rows = session.execute(
        select(PROJECT.c.stage, func.count(), money_sum(PROJECT.c.planned_investment))
        .where(*live_projects(scope))
        .group_by(PROJECT.c.stage)
    ).all()
    return _pipeline([(None, row[0], 1, *row[1:]) for row in rows])


def _windows(period: Period) -> dict[str, Period]:
    windows = {"now": period, "before": period.previous_year()}
    if not period.starts_on_new_year:
        ytd = period.year_to_date()
        windows |= {"ytd": ytd, "ytd_before": ytd.previous_year()}
    return windows


Names = list[tuple[str, str, str]]


#: Columns before the named ones: team, stage at the end, counted in investment figures,
#: project count, planned investment.
FIRST_NAMED = 5


def _statement(
    end: date, windows: dict[str, Period], scope: Scope, rules: StalledRules
) -> tuple[Any, Names]:
    """SELECT team, stage at the end, counted (1 unless the project is of the own area and
    left out), count, investment, then count and investment per milestone and window, then
    the stalled counts; also the (what, window, measure) of each named column."""
    stage = stage_at(end).label("stage_at_end")
    amount = PROJECT.c.planned_investment
    team = func.coalesce(PROJECT.c.team_id, "")
    excluded = not_own_area(scope)
    # A group key, not a condition in each column: tested once per row.
    counted = case((and_(*excluded), 1), else_=0) if excluded else literal(1)
    columns: list[ColumnElement[Any]] = [team, stage, counted, func.count(), money_sum(amount)]
    names: Names = []
    for milestone, column_name in MILESTONES:
        for window_name, window in windows.items():
            reached = within(PROJECT.c[column_name], window)
            if milestone is Stage.DROPPED:
                reached = and_(reached, PROJECT.c.stage == Stage.DROPPED.value)
            columns += [count_if(reached), fen_sum_if(reached, amount)]
            names += [
                (milestone.value, window_name, "count"),
                (milestone.value, window_name, "inv"),
            ]
    columns += [count_if(stalled_condition(kind, end, rules)) for kind in STALLED_KINDS]
    names += [("stalled", kind, "count") for kind in STALLED_KINDS]
    # coalesce(): grouping on the bare column makes SQLite walk the team index and fetch the
    # rows in its order, slower than reading the table straight through.
    statement = select(*columns).where(*live_projects(scope)).group_by(team, stage, counted)
    return statement, names


def _column_sums(rows: list[Any], names: Names) -> dict[tuple[str, str, str], Any]:
    """Each named column summed over all rows (teams and stages)."""
    columns = (
        zip(*(row[FIRST_NAMED:] for row in rows), strict=True) if rows else ([] for _ in names)
    )
    return {name: sum(column) for name, column in zip(names, columns, strict=True)}


def _totals(sums: dict[tuple[str, str, str], Any], stage: Stage, now: str, before: str) -> Totals:
    def get(window: str, measure: str) -> Any:
        return sums.get((stage.value, window, measure), 0)

    return Totals(
        Figure(int(get(now, "count")), int(get(before, "count"))),
        Figure(fen_to_wan(int(get(now, "inv"))), fen_to_wan(int(get(before, "inv")))),
    )


def _stalled(rows: list[Any], names: Names) -> dict[str, Stalled]:
    first = names.index(("stalled", STALLED_KINDS[0], "count")) + FIRST_NAMED
    result: dict[str, list[int]] = {}
    for row in rows:
        counts = result.setdefault(row[0], [0, 0, 0])
        for n in range(3):
            counts[n] += int(row[first + n])
    return {team: Stalled(*counts) for team, counts in result.items()}


def _pipeline(rows: list[Any]) -> tuple[PipelineStage, ...]:
    """Rows of (team, stage, counted, count, investment, …), summed over teams."""
    found: dict[str, tuple[int, Decimal]] = {}
    for row in rows:
        if row[1] == NOT_YET:
            continue
        count, amount = found.get(row[1], (0, ZERO))
        found[row[1]] = (count + int(row[3]), amount + row[4])
    return tuple(PipelineStage(s.value, s.zh, *found.get(s.value, (0, ZERO))) for s in STAGE_ORDER)
