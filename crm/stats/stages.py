"""Stage movements in a period (projects that reached funded, started, operating or were
dropped, by the milestone's date), the pipeline at the period's end, and stalled projects.

One pass over the scope's live projects, grouped by team and by the stage each project was in
at the period's end (from the milestone dates); movements and stalled counts are conditional
sums in the same statement. Newly signed figures come from crm.stats.signed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, not_, or_, select
from sqlalchemy.orm import Session

from crm.codes import Stage
from crm.models import StageEvent
from crm.money import fen_to_wan
from crm.periods import Period
from crm.stats.model import Figure, Movement, PipelineStage, StageFigures, Stalled, Totals
from crm.stats.query import (
    ACTIVITY,
    FUNDS,
    PROJECT,
    ZERO,
    Steps,
    count_if,
    fen_sum_if,
    live_projects,
    money_sum,
    within,
)
from crm.stats.scope import Scope

STAGE_EVENT = StageEvent.__table__

#: Milestones whose date says when a project reached the stage (signed: crm.stats.signed).
MILESTONES: tuple[tuple[Stage, str], ...] = (
    (Stage.FUNDED, "funded_on"),
    (Stage.STARTED, "started_on"),
    (Stage.OPERATING, "operating_on"),
    (Stage.DROPPED, "dropped_on"),
)
NOT_YET = "none"
PIPELINE_ORDER = (
    Stage.LEAD,
    Stage.NEGOTIATING,
    Stage.SIGNED,
    Stage.FUNDED,
    Stage.STARTED,
    Stage.OPERATING,
    Stage.DROPPED,
)
STALLED_KINDS = ("signed_not_started", "started_not_operating", "no_update")


@dataclass(frozen=True)
class StalledRules:
    """Days from Settings (stalled_signed_not_started_days …)."""

    signed_not_started: int = 180
    started_not_operating: int = 365
    no_update: int = 30


def stage_at(day: date) -> ColumnElement[str]:
    """The stage a project was in at the end of `day`, from its milestone dates.

    Before signing the dates cannot tell lead from negotiating: a project still before
    signing keeps its current stage; one that signed later counts as negotiating.
    Projects that did not exist yet (their history begins after the day) are 'none'.
    """
    c = PROJECT.c
    return case(
        (_dropped_by(day), Stage.DROPPED.value),
        (c.operating_on <= day, Stage.OPERATING.value),
        (c.started_on <= day, Stage.STARTED.value),
        (c.funded_on <= day, Stage.FUNDED.value),
        (c.signed_on <= day, Stage.SIGNED.value),
        (_begins_after(day), NOT_YET),
        (c.stage.in_([Stage.LEAD.value, Stage.NEGOTIATING.value]), c.stage),
        else_=Stage.NEGOTIATING.value,
    )


def _begins_after(day: date) -> ColumnElement[bool]:
    """The project's own history begins after `day`: its first dated stage event (the lead
    event, normally), else its first milestone; created_at only when nothing is dated.

    Not created_at first: an imported ledger's rows are all created on the import day, and
    would vanish from every earlier pipeline."""
    c = PROJECT.c
    first_event = (
        select(func.min(STAGE_EVENT.c.occurred_on))
        .where(
            STAGE_EVENT.c.project_id == c.id,
            STAGE_EVENT.c.deleted_at.is_(None),
            STAGE_EVENT.c.occurred_on.is_not(None),
        )
        .scalar_subquery()
    )
    first_dated = func.coalesce(
        first_event, c.signed_on, c.funded_on, c.started_on, c.operating_on, c.dropped_on
    )
    next_day = datetime.combine(day + timedelta(days=1), time())
    return or_(first_dated > day, and_(first_dated.is_(None), c.created_at >= next_day))


def stage_figures(
    session: Session,
    period: Period,
    scope: Scope,
    *,
    signed: Totals,
    signed_ytd: Totals | None,
    rules: StalledRules,
    steps: Steps,
) -> tuple[StageFigures, dict[str, Stalled]]:
    """The figures, and stalled projects per team id at the period's end."""
    windows = _windows(period)
    statement, names = _statement(period.report_end, windows, scope, rules)
    rows = session.execute(statement).all()
    steps.step()
    sums = _column_sums(rows, names)
    movements = [Movement(Stage.SIGNED.value, Stage.SIGNED.zh, signed, signed_ytd)]
    for stage, _ in MILESTONES:
        ytd = None if "ytd" not in windows else _totals(sums, stage, "ytd", "ytd_before")
        movements.append(
            Movement(stage.value, stage.zh, _totals(sums, stage, "now", "before"), ytd)
        )
    return StageFigures(tuple(movements), _pipeline(rows)), _stalled(rows, names)


def pipeline_now(session: Session, scope: Scope) -> tuple[PipelineStage, ...]:
    """Live projects per current stage (for the dashboard)."""
    rows = session.execute(
        select(PROJECT.c.stage, func.count(), money_sum(PROJECT.c.planned_investment))
        .where(*live_projects(scope))
        .group_by(PROJECT.c.stage)
    ).all()
    return _pipeline([(None, *row) for row in rows])


def _windows(period: Period) -> dict[str, Period]:
    windows = {"now": period, "before": period.previous_year()}
    if not period.starts_on_new_year:
        ytd = period.year_to_date()
        windows |= {"ytd": ytd, "ytd_before": ytd.previous_year()}
    return windows


Names = list[tuple[str, str, str]]


def _statement(
    end: date, windows: dict[str, Period], scope: Scope, rules: StalledRules
) -> tuple[Any, Names]:
    """SELECT team, stage at the end, count, investment, then count and investment per
    milestone and window, then the stalled counts; also the (what, window, measure) of each
    column after the fourth."""
    stage = stage_at(end).label("stage_at_end")
    amount = PROJECT.c.planned_investment
    team = func.coalesce(PROJECT.c.team_id, "")
    columns: list[ColumnElement[Any]] = [team, stage, func.count(), money_sum(amount)]
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
    stalled = _stalled_conditions(end, rules)
    columns += [count_if(and_(PROJECT.c.team_id.is_not(None), s)) for s in stalled]
    names += [("stalled", kind, "count") for kind in STALLED_KINDS]
    # coalesce(): grouping on the bare column makes SQLite walk the team index and fetch the
    # rows in its order, slower than reading the table straight through.
    statement = select(*columns).where(*live_projects(scope)).group_by(team, stage)
    return statement, names


def _dropped_by(day: date) -> ColumnElement[bool]:
    c = PROJECT.c
    return and_(c.stage == Stage.DROPPED.value, func.coalesce(c.dropped_on, c.stage_on) <= day)


def _stalled_conditions(end: date, rules: StalledRules) -> list[ColumnElement[bool]]:
    """Stalled at `end`: signed but not started for N days; started but not operating for N
    days; signed, not yet operating, and nothing recorded (activity, stage change, funds
    entry) in the last N days. Cheap tests come first: SQL evaluates AND left to right."""
    c = PROJECT.c
    active = and_(or_(c.operating_on.is_(None), c.operating_on > end), not_(_dropped_by(end)))
    not_started = or_(c.started_on.is_(None), c.started_on > end)
    since = end - timedelta(days=rules.no_update)
    return [
        and_(c.signed_on <= end - timedelta(days=rules.signed_not_started), not_started, active),
        and_(c.started_on <= end - timedelta(days=rules.started_not_operating), active),
        and_(c.signed_on <= since, active, not_(_touched(since, end))),
    ]


def _touched(since: date, end: date) -> ColumnElement[bool]:
    """Something happened to the project in (since, end]."""
    c = PROJECT.c
    activity = exists().where(
        ACTIVITY.c.project_id == c.id,
        ACTIVITY.c.occurred_on > since,
        ACTIVITY.c.occurred_on <= end,
        ACTIVITY.c.deleted_at.is_(None),
    )
    funds = exists().where(
        FUNDS.c.project_id == c.id,
        FUNDS.c.received_on > since,
        FUNDS.c.received_on <= end,
        FUNDS.c.deleted_at.is_(None),
    )
    return or_(and_(c.stage_on > since, c.stage_on <= end), activity, funds)


def _column_sums(rows: list[Any], names: Names) -> dict[tuple[str, str, str], Any]:
    """Each named column summed over all rows (teams and stages)."""
    columns = zip(*(row[4:] for row in rows), strict=True) if rows else ([] for _ in names)
    return {name: sum(column) for name, column in zip(names, columns, strict=True)}


def _totals(sums: dict[tuple[str, str, str], Any], stage: Stage, now: str, before: str) -> Totals:
    def get(window: str, measure: str) -> Any:
        return sums.get((stage.value, window, measure), 0)

    return Totals(
        Figure(int(get(now, "count")), int(get(before, "count"))),
        Figure(fen_to_wan(int(get(now, "inv"))), fen_to_wan(int(get(before, "inv")))),
    )


def _stalled(rows: list[Any], names: Names) -> dict[str, Stalled]:
    first = names.index(("stalled", STALLED_KINDS[0], "count")) + 4
    result: dict[str, list[int]] = {}
    for row in rows:
        if not row[0]:
            continue
        counts = result.setdefault(row[0], [0, 0, 0])
        for n in range(3):
            counts[n] += int(row[first + n])
    return {team: Stalled(*counts) for team, counts in result.items()}


def _pipeline(rows: list[Any]) -> tuple[PipelineStage, ...]:
    """Rows of (team, stage, count, investment, …), summed over teams."""
    found: dict[str, tuple[int, Decimal]] = {}
    for row in rows:
        if row[1] == NOT_YET:
            continue
        count, amount = found.get(row[1], (0, ZERO))
        found[row[1]] = (count + int(row[2]), amount + row[3])
    return tuple(
        PipelineStage(s.value, s.zh, *found.get(s.value, (0, ZERO))) for s in PIPELINE_ORDER
    )
