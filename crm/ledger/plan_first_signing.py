"""首次签约日期 on the projects sheet: the first signing of a reopened project, which is what
新签约 counts (once, in its period) while 签约时间 holds the latest signing.

The first signing is never a column anyone writes: the stage machine derives it from the
project's history (crm.stages), and every site recomputes it from there. So a row whose first
signing is older than its signing is imported as the history that gives it: signed on the
first date, closed, reopened, then moved on as the row says. When it was closed is not in the
ledger: the close and the reopening are dated on the row's 洽谈时间 when that is after the
first signing (reopened to 在谈), else on its 签约时间 (reopened to 签约), and the close's
reason says it was rebuilt from the ledger. An existing project's first signing is its own
history's: a ledger giving another is said, never written over it.

Also the two ends of a planned stage move, which a reopening needs besides move_stage: the
plan's check (plan_step) and apply's write (write_move).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from crm.codes import Stage
from crm.ledger.context import PlanContext
from crm.ledger.parse import INVALID, Item
from crm.services import stages
from crm.stages import StageState, StageStep, plan_move, plan_reopen

REBUILT_REASON = (
    "导入台账时按首次签约日期重建：项目首次签约后曾终止或投产，又重新启用（原日期不详）"
)
_STAGE = {st.value: st for st in Stage}


def check_first_signing(ctx: PlanContext, item: Item, current: StageState | None) -> None:
    """After the row's moves are planned: a first signing after the signing is refused; one
    that differs from the project's history, or that the row's moves do not write (a project
    reopened back to 线索), is said."""
    first = item.values.get("first_signed_on")
    if first is None:
        return
    signed = item.values.get("signed_on")
    known = current.first_signed_on if current is not None else None
    if isinstance(signed, date) and first > signed:
        ctx.report(item, "first_signed_on", first, "first_signed_after_signed", signed.isoformat())
    elif known is not None and known != first:
        ctx.report(item, "first_signed_on", first, "first_signed_differs", known.isoformat(),
                   severity="warning")  # fmt: skip
    elif known is None and item.status != INVALID and not _signs_on(item, first):
        ctx.report(item, "first_signed_on", first, "first_signed_not_written", severity="warning")


def _signs_on(item: Item, day: date) -> bool:
    return any(
        m.to_stage == Stage.SIGNED.value and m.on == day for m in item.extra.get("moves", ())
    )


def first_signing_moves(
    ctx: PlanContext,
    item: Item,
    state: StageState,
    reached: Stage,
    dates: dict[Stage, date | None],
    forward: Callable[..., list[Any]],
) -> list[Any] | None:
    """The moves that rebuild a first signing older than the row's signing, for a project not
    signed yet (`state`); None when the row needs none. `forward`: the row's forward moves
    from a stage on (plan_projects._forward_moves)."""
    from crm.ledger.plan_projects import Move  # here: plan_projects imports this module

    first = item.values.get("first_signed_on")
    signed, negotiating = dates.get(Stage.SIGNED), dates.get(Stage.NEGOTIATING)
    if (
        first is None
        or state.first_signed_on is not None
        or state.stage.order > Stage.NEGOTIATING.order
    ):
        return None
    if signed is not None and first >= signed:
        return None  # the same signing (a later one was refused: check_first_signing)
    if negotiating is not None and negotiating > first and reached.order >= Stage.NEGOTIATING.order:
        back, on = Stage.NEGOTIATING, negotiating  # reopened to 在谈, then signed again
    elif signed is not None:
        back, on = Stage.SIGNED, signed  # reopened straight to 签约
    else:
        ctx.report(item, "first_signed_on", first, "first_signed_unsigned")
        return []
    early = negotiating if negotiating is not None and negotiating <= first else None
    agreement = item.values.get("agreement_type")
    moves = [
        Move(Stage.SIGNED.value, first, ((Stage.NEGOTIATING.value, early),), agreement),
        Move(Stage.DROPPED.value, on, reason=REBUILT_REASON),
        Move(back.value, on, reopen=True),
    ]
    return moves + (
        forward(StageState(back), reached, dates, agreement) if reached is not back else []
    )


def plan_step(state: StageState, move: Any, today: date) -> list[StageStep]:
    """The history entries a planned move writes, checked as the stage service checks them."""
    stage = _STAGE[move.to_stage]
    if move.reopen:
        return [plan_reopen(state, stage, move.on, today=today)]
    return plan_move(
        state,
        stage,
        move.on,
        today=today,
        skipped={_STAGE[k]: v for k, v in move.skipped},
        agreement_type=move.agreement_type,
        reason=move.reason,
    )


def write_move(session: Session, project_id: str, move: Any, today: date) -> None:
    """A planned move through the stage service (a reopening through reopen_project)."""
    if move.reopen:
        stages.reopen_project(session, project_id, to_stage=move.to_stage, on=move.on,
                              today=today)  # fmt: skip
        return
    stages.move_stage(
        session,
        project_id,
        to_stage=move.to_stage,
        on=move.on,
        agreement_type=move.agreement_type,
        reason=move.reason,
        skipped=dict(move.skipped) or None,
        today=today,
    )
