"""The stage machine, pure: plan a move from a state, and replay history into a state.

signed → funded → started → operating, with lead and negotiating before; dropped from any
stage before operating; reopen from operating or dropped. Forward moves may skip stages only
by giving each skipped stage a date or marking it not applicable (None). Backward moves are
recorded corrections.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from crm.codes import PIPELINE, AgreementType, Stage
from crm.errors import ValidationError


@dataclass
class StageState:
    stage: Stage = Stage.LEAD
    #: Date each pipeline stage was reached; None = not applicable / not recorded.
    dates: dict[Stage, date | None] = field(default_factory=dict)
    dropped_on: date | None = None
    drop_reason: str = ""
    agreement_type: str | None = None

    def date_of(self, stage: Stage) -> date | None:
        return self.dropped_on if stage is Stage.DROPPED else self.dates.get(stage)


@dataclass(frozen=True)
class StageStep:
    """One history entry to write. kind: advance / skip / correction / drop / reopen."""

    stage: Stage
    kind: str
    on: date | None
    not_applicable: bool = False
    agreement_type: str | None = None
    comment: str = ""


def _error(field_name: str, value: object, zh: str, en: str, code: str) -> ValidationError:
    return ValidationError(field_name, value, zh, en, code=code)


def _require_date(stage: Stage, on: date | None, today: date, field_name: str = "on") -> date:
    if on is None:
        raise _error(
            field_name,
            None,
            f"进入“{stage.zh}”阶段需要填写日期",
            f"Moving to '{stage.en}' needs its date",
            "stage_date_missing",
        )
    if on > today:
        raise _error(
            field_name,
            on,
            f"“{stage.zh}”日期不能是将来：{on}",
            f"The '{stage.en}' date cannot be in the future: {on}",
            "future_date",
        )
    return on


def _check_order(state: StageState, stage: Stage, on: date, field_name: str = "on") -> None:
    """No stage may be dated before an earlier stage of the pipeline."""
    for earlier in PIPELINE[: stage.order]:
        earlier_on = state.dates.get(earlier)
        if earlier_on is not None and on < earlier_on:
            raise _error(
                field_name,
                on,
                f"“{stage.zh}”日期（{on}）早于“{earlier.zh}”日期（{earlier_on}）",
                f"The '{stage.en}' date ({on}) is before the '{earlier.en}' date ({earlier_on})",
                "stage_order",
            )


def plan_move(
    state: StageState,
    to_stage: Stage,
    on: date | None,
    *,
    today: date,
    skipped: Mapping[Stage, date | None] | None = None,
    agreement_type: str | None = None,
    reason: str = "",
    comment: str = "",
) -> list[StageStep]:
    """The history entries a move writes; raises ValidationError when the move is not allowed."""
    if state.stage in (Stage.OPERATING, Stage.DROPPED):
        raise _error(
            "to_stage",
            to_stage,
            f"项目已“{state.stage.zh}”，请先重新启用（reopen）再变更阶段",
            f"The project is '{state.stage.en}'; reopen it before changing its stage",
            "reopen_required",
        )
    if to_stage is state.stage:
        raise _error(
            "to_stage",
            to_stage,
            f"项目已处于“{to_stage.zh}”阶段",
            f"The project is already '{to_stage.en}'",
            "same_stage",
        )
    if agreement_type is not None and AgreementType.from_text(agreement_type) is None:
        raise _error(
            "agreement_type",
            agreement_type,
            f"协议类型未知：{agreement_type}",
            f"Unknown agreement type: {agreement_type}",
            "unknown_code",
        )
    if to_stage is Stage.DROPPED:
        return [_plan_drop(state, on, today, reason, comment)]
    if to_stage.order < state.stage.order:
        return [_plan_correction(state, to_stage, on, today, comment)]
    return _plan_forward(state, to_stage, on, today, skipped or {}, agreement_type, comment)


def _plan_drop(
    state: StageState, on: date | None, today: date, reason: str, comment: str
) -> StageStep:
    if not reason.strip():
        raise _error(
            "reason",
            reason,
            "终止项目需要填写原因",
            "Dropping a project needs a reason",
            "reason_required",
        )
    day = _require_date(Stage.DROPPED, on, today)
    current_on = state.dates.get(state.stage)
    if current_on is not None and day < current_on:
        raise _error(
            "on",
            day,
            f"终止日期（{day}）早于当前阶段日期（{current_on}）",
            f"The drop date ({day}) is before the current stage's date ({current_on})",
            "stage_order",
        )
    return StageStep(Stage.DROPPED, "drop", day, comment=reason.strip())


def _plan_correction(
    state: StageState, to_stage: Stage, on: date | None, today: date, comment: str
) -> StageStep:
    if not comment.strip():
        raise _error(
            "comment",
            comment,
            "阶段回退是一次更正，需要填写说明",
            "Moving a stage back is a correction and needs a comment",
            "comment_required",
        )
    day = on if on is not None else state.dates.get(to_stage)
    if day is not None:
        _require_date(to_stage, day, today)
        _check_order(state, to_stage, day)
    return StageStep(to_stage, "correction", day, comment=comment.strip())


def _plan_forward(
    state: StageState,
    to_stage: Stage,
    on: date | None,
    today: date,
    skipped: Mapping[Stage, date | None],
    agreement_type: str | None,
    comment: str,
) -> list[StageStep]:
    trial = StageState(state.stage, dict(state.dates))
    steps: list[StageStep] = []
    for between in PIPELINE[state.stage.order + 1 : to_stage.order]:
        if between not in skipped:
            raise _error(
                f"skipped.{between.value}",
                None,
                f"跳过“{between.zh}”阶段时需填写其日期或标记为不适用",
                f"Skipping '{between.en}' needs its date or marking it not applicable",
                "skipped_stage",
            )
        between_on = skipped[between]
        if between_on is not None:
            _require_date(between, between_on, today, f"skipped.{between.value}")
            _check_order(trial, between, between_on, f"skipped.{between.value}")
        trial.dates[between] = between_on
        steps.append(StageStep(between, "skip", between_on, not_applicable=between_on is None))
    day = _require_date(to_stage, on, today)
    _check_order(trial, to_stage, day)
    steps.append(
        StageStep(to_stage, "advance", day, agreement_type=agreement_type, comment=comment.strip())
    )
    return steps


def plan_reopen(
    state: StageState, to_stage: Stage, on: date | None, *, today: date, comment: str = ""
) -> StageStep:
    if state.stage not in (Stage.OPERATING, Stage.DROPPED):
        raise _error(
            "to_stage",
            to_stage,
            "只有已投产或已终止的项目需要重新启用",
            "Only operating or dropped projects are reopened",
            "not_closed",
        )
    if to_stage not in PIPELINE or to_stage is Stage.OPERATING:
        raise _error(
            "to_stage",
            to_stage,
            f"不能重新启用到“{to_stage.zh}”阶段",
            f"Cannot reopen to '{to_stage.en}'",
            "bad_reopen",
        )
    day = _require_date(to_stage, on, today)
    _check_order(state, to_stage, day)
    return StageStep(to_stage, "reopen", day, comment=comment.strip())


def apply_step(state: StageState, step: StageStep) -> None:
    """Advance a state by one history entry (the replay rule; the service uses it too)."""
    if step.kind in ("advance", "skip"):
        state.dates[step.stage] = step.on
        if step.stage is Stage.SIGNED and step.agreement_type:
            state.agreement_type = step.agreement_type
        if step.kind == "advance":
            state.stage = step.stage
    elif step.kind == "drop":
        state.stage, state.dropped_on, state.drop_reason = Stage.DROPPED, step.on, step.comment
    elif step.kind in ("correction", "reopen"):
        for later in PIPELINE[step.stage.order + 1 :]:
            state.dates.pop(later, None)
        if step.on is not None:
            state.dates[step.stage] = step.on
        state.stage, state.dropped_on, state.drop_reason = step.stage, None, ""
        if step.stage.order < Stage.SIGNED.order:
            state.agreement_type = None
    else:  # pragma: no cover - kinds are ours
        raise ValueError(step.kind)


def replay(steps: Iterable[StageStep]) -> StageState:
    state = StageState(dates={})
    for step in steps:
        apply_step(state, step)
    return state


def history_problems(steps: Iterable[StageStep]) -> list[str]:
    """The rules a history's end state breaks (a merge of two sites' histories can): codes
    such as `stage_order:signed:started` (started dated before signed). Empty when sound."""
    state = replay(steps)
    dated = [(stage, on) for stage in PIPELINE if (on := state.dates.get(stage)) is not None]
    problems = [
        f"stage_order:{earlier.value}:{later.value}"
        for (earlier, earlier_on), (later, later_on) in pairwise(dated)
        if later_on < earlier_on
    ]
    if state.dropped_on is not None and dated and state.dropped_on < dated[-1][1]:
        problems.append(f"drop_order:{dated[-1][0].value}")
    return problems
