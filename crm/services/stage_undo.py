"""Undo of a stage move: the history gets the entries that bring the project back to where it
was, each with a comment saying so; nothing is erased.

A move is undone by replaying the history up to the move (the state the user wants back) and
planning the fewest history entries that turn today's state into that one: a correction back
to the earlier stage, or (undoing a backward move, a drop or a reopen) the stages forward again
with their old dates, and the drop again with its date and reason. Each plan is checked by
replaying it before anything is written, so the stage, every milestone date, the agreement
type and a drop come back exactly, or nothing is written.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm.codes import PIPELINE, Stage
from crm.derived import event_step
from crm.errors import ValidationError
from crm.models import Project, StageEvent
from crm.services import checks
from crm.services.result import Changed
from crm.services.stages import _write as write_steps
from crm.services.stages import history
from crm.stages import StageState, StageStep, apply_step, replay

#: The comment the undo's history entries carry (the window passes its own language).
UNDO_COMMENT = "撤销误操作"


def last_sequence(session: Session, project_id: str) -> int:
    """The sequence number of the project's latest stage-history entry (0: none)."""
    return int(
        session.scalar(
            select(func.coalesce(func.max(StageEvent.sequence), 0)).where(
                StageEvent.project_id == project_id, StageEvent.deleted_at.is_(None)
            )
        )
        or 0
    )


def undo_stage_move(
    session: Session,
    project_id: str,
    *,
    before_sequence: int,
    after_sequence: int,
    comment: str = UNDO_COMMENT,
) -> Changed:
    """Bring the project back to its stage as it was after history entry `before_sequence`,
    undoing the move that wrote the entries up to `after_sequence`."""
    project = checks.live(session, Project, project_id)
    events = history(session, project_id)
    latest = max((e.sequence for e in events), default=0)
    if latest != after_sequence:
        raise ValidationError(
            "stage",
            project.stage,
            f"“{project.name}”的阶段此后又有变更，不能再撤销这一步；如需更正，请用“变更阶段”",
            f"The stage of '{project.name}' changed again since; this step can no longer be "
            "undone (use Change stage to correct it)",
            code="undo_stale",
        )
    wanted = replay(event_step(e) for e in events if e.sequence <= before_sequence)
    now = replay(event_step(e) for e in events)
    steps = plan_restore(now, wanted, comment.strip() or UNDO_COMMENT)
    write_steps(session, project, now, steps)
    return Changed("project", project_id, "stage")


def plan_restore(now: StageState, wanted: StageState, comment: str) -> list[StageStep]:
    """The fewest history entries that turn `now` into `wanted` (checked by replaying them)."""
    for steps in _candidates(now, wanted, comment):
        if _same(_replayed(now, steps), wanted):
            return steps
    raise ValidationError(
        "stage",
        wanted.stage.value,
        f"无法自动恢复到“{wanted.stage.zh}”阶段，请用“变更阶段”手动更正",
        f"The project cannot be put back to '{wanted.stage.en}' automatically; "
        "correct it with Change stage",
        code="undo_impossible",
    )


def _candidates(now: StageState, wanted: StageState, comment: str) -> list[list[StageStep]]:
    target = _pipeline_stage(wanted)
    tail = (
        [StageStep(Stage.DROPPED, "drop", wanted.dropped_on, comment=wanted.drop_reason)]
        if wanted.stage is Stage.DROPPED
        else []
    )
    plans = [
        tail,  # undo of a reopen to the same stage and date: drop again
        [_correction(target, wanted, comment), *tail],
        [*_forward(_pipeline_stage(now), target, wanted, comment), *tail],
    ]
    for base in reversed(PIPELINE[: target.order]):
        forward = _forward(base, target, wanted, comment)
        plans.append([_correction(base, wanted, comment), *forward, *tail])
    return [plan for plan in plans if plan]


def _correction(stage: Stage, wanted: StageState, comment: str) -> StageStep:
    return StageStep(stage, "correction", wanted.dates.get(stage), comment=comment)


def _forward(base: Stage, target: Stage, wanted: StageState, comment: str) -> list[StageStep]:
    """From `base` up to `target` again: skipped stages with their dates, then the advance."""
    if target.order <= base.order:
        return []
    steps = []
    for stage in PIPELINE[base.order + 1 : target.order]:
        if stage not in wanted.dates:
            return []  # that stage was never passed: no plan this way
        on = wanted.dates[stage]
        steps.append(
            StageStep(
                stage,
                "skip",
                on,
                not_applicable=on is None,
                agreement_type=_agreement(stage, wanted),
                comment=comment,
            )
        )
    steps.append(
        StageStep(
            target,
            "advance",
            wanted.dates.get(target),
            agreement_type=_agreement(target, wanted),
            comment=comment,
        )
    )
    return steps


def _agreement(stage: Stage, wanted: StageState) -> str | None:
    return wanted.agreement_type if stage is Stage.SIGNED else None


def _pipeline_stage(state: StageState) -> Stage:
    """The pipeline stage of a state; for a dropped project, the last one it reached."""
    if state.stage is not Stage.DROPPED:
        return state.stage
    reached = [stage for stage in PIPELINE if stage in state.dates]
    return reached[-1] if reached else Stage.LEAD


def _replayed(state: StageState, steps: list[StageStep]) -> StageState:
    trial = replace(state, dates=dict(state.dates))
    for step in steps:
        apply_step(trial, step)
    return trial


def _same(a: StageState, b: StageState) -> bool:
    return (
        a.stage is b.stage
        and a.dates == b.dates
        and a.dropped_on == b.dropped_on
        and a.drop_reason == b.drop_reason
        and a.agreement_type == b.agreement_type
    )
