"""The stage machine, pure: plan a move from a state, and replay history into a state.

signed → funded → started → operating, with lead and negotiating before; dropped from any
stage before operating; reopen from operating or dropped. Forward moves may skip stages only
by giving each skipped stage a date or marking it not applicable (None). Backward moves are
recorded corrections.

The first signing (`first_signed_on`) is what statistics count as "newly signed", once:
- a correction is a mistake put right: moving back before 签约 says the signing was
  entered by mistake (the first signing goes with it, a later signing becomes the first);
  correcting the 签约 date moves the first signing's date;
- a drop and a reopen are real events: once a signed project has been reopened, its first
  signing is settled, and signing it again (or correcting the new signing) changes nothing;
- an upgrade of the agreement (升格: intent → framework → formal contract) is recorded with
  its date as an `upgrade` entry: the agreement type changes, no new signing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from crm.codes import PIPELINE, AgreementType, Stage
from crm.errors import ValidationError, not_before

#: Every stage in the order lists, boards, charts and briefs show them: the pipeline, then
#: dropped (which stands outside it).
STAGE_ORDER: tuple[Stage, ...] = (*PIPELINE, Stage.DROPPED)
#: The closed stages: a move out of them is a reopen.
CLOSED: tuple[Stage, ...] = (Stage.OPERATING, Stage.DROPPED)
#: Each milestone and the project column that keeps the date it was reached. Lead and
#: negotiating have no column: their dates live in the stage history only.
MILESTONE_COLUMNS: dict[Stage, str] = {
    Stage.SIGNED: "signed_on",
    Stage.FUNDED: "funded_on",
    Stage.STARTED: "started_on",
    Stage.OPERATING: "operating_on",
    Stage.DROPPED: "dropped_on",
}


def stages_between(current: Stage, target: Stage) -> list[Stage]:
    """The stages a forward move passes over (each needs a date or "not applicable")."""
    if target is Stage.DROPPED or current in CLOSED:
        return []
    return list(PIPELINE[current.order + 1 : target.order])


def move_targets(current: Stage) -> list[Stage]:
    """Where a project can be moved from `current`: a closed project is reopened to a stage
    before operating; any other goes to any other stage (backwards is a correction)."""
    if current in CLOSED:
        return [s for s in PIPELINE if s is not Stage.OPERATING]
    return [s for s in STAGE_ORDER if s is not current]


@dataclass
class StageState:
    stage: Stage = Stage.LEAD
    #: Date each pipeline stage was reached; None = not applicable / not recorded.
    dates: dict[Stage, date | None] = field(default_factory=dict)
    dropped_on: date | None = None
    drop_reason: str = ""
    agreement_type: str | None = None
    #: The first signing's date (kept through drops, reopens and later signings).
    first_signed_on: date | None = None
    #: True once the project was reopened after its first signing: corrections of later
    #: signings no longer touch the first one.
    signing_settled: bool = False

    def date_of(self, stage: Stage) -> date | None:
        return self.dropped_on if stage is Stage.DROPPED else self.dates.get(stage)


@dataclass(frozen=True)
class StageStep:
    """One history entry to write. kind: advance / skip / correction / drop / reopen /
    upgrade (the agreement type of a signed project, dated; stage is always 签约)."""

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


def _agreement(text: str | None) -> AgreementType:
    """An agreement type by code or label; an unknown one is refused."""
    found = AgreementType.from_text(text or "")
    if found is None:
        raise _error(
            "agreement_type",
            text,
            f"协议类型未知：{text}",
            f"Unknown agreement type: {text}",
            "unknown_code",
        )
    return found  # type: ignore[return-value]


def _check_order(state: StageState, stage: Stage, on: date, field_name: str = "on") -> None:
    """No stage may be dated before an earlier stage of the pipeline."""
    for earlier in PIPELINE[: stage.order]:
        earlier_on = state.dates.get(earlier)
        if earlier_on is not None and on < earlier_on:  # names formatted only for a refusal
            not_before(
                field_name,
                on,
                earlier_on,
                (f"“{stage.zh}”日期", f"The '{stage.en}' date"),
                (f"“{earlier.zh}”日期", f"the '{earlier.en}' date"),
                code="stage_order",
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
    if state.stage in CLOSED:
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
    if agreement_type is not None:
        _agreement(agreement_type)
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
    not_before(
        "on",
        day,
        state.dates.get(state.stage),
        ("终止日期", "The drop date"),
        ("当前阶段日期", "the current stage's date"),
        code="stage_order",
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
    for between in stages_between(state.stage, to_stage):
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
    if state.stage not in CLOSED:
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


#: Agreement types from the weakest to the binding one: an upgrade goes up this list.
AGREEMENT_RANK = {AgreementType.INTENT: 0, AgreementType.FRAMEWORK: 1, AgreementType.FORMAL: 2}


def plan_upgrade(
    state: StageState, agreement_type: str, on: date | None, *, today: date, comment: str = ""
) -> StageStep:
    """An upgrade of a signed project's agreement (升格): not a new signing."""
    signed_on = state.dates.get(Stage.SIGNED)
    if state.stage is Stage.DROPPED or state.stage.order < Stage.SIGNED.order or not signed_on:
        raise _error(
            "agreement_type",
            agreement_type,
            "只有已签约的项目才能升格协议",
            "Only a signed project's agreement can be upgraded",
            "not_signed",
        )
    new = _agreement(agreement_type)
    old = AgreementType.from_text(state.agreement_type or "")
    if old is not None and AGREEMENT_RANK[new] <= AGREEMENT_RANK[old]:  # type: ignore[index]
        raise _error(
            "agreement_type",
            agreement_type,
            f"升格应从“{old.zh}”升为更高一级的协议，不能改为“{new.zh}”",
            f"An upgrade goes above '{old.en}'; '{new.en}' is not above it",
            "not_an_upgrade",
        )
    day = _require_date(Stage.SIGNED, on, today)
    not_before(
        "on",
        day,
        signed_on,
        ("升格日期", "The upgrade date"),
        ("签约日期", "the signing date"),
        code="stage_order",
    )
    return StageStep(Stage.SIGNED, "upgrade", day, agreement_type=new.value, comment=comment)


def apply_step(state: StageState, step: StageStep) -> None:
    """Advance a state by one history entry (the replay rule; the service uses it too)."""
    if step.kind in ("advance", "skip"):
        state.dates[step.stage] = step.on
        if step.stage is Stage.SIGNED:
            _signed(state, step.on)
            if step.agreement_type:
                state.agreement_type = step.agreement_type
        if step.kind == "advance":
            state.stage = step.stage
    elif step.kind == "drop":
        state.stage, state.dropped_on, state.drop_reason = Stage.DROPPED, step.on, step.comment
    elif step.kind in ("correction", "reopen"):
        if step.kind == "reopen":
            state.signing_settled = state.first_signed_on is not None
        for later in PIPELINE[step.stage.order + 1 :]:
            state.dates.pop(later, None)
        if step.on is not None:
            state.dates[step.stage] = step.on
        state.stage, state.dropped_on, state.drop_reason = step.stage, None, ""
        if step.stage.order < Stage.SIGNED.order:
            state.agreement_type = None
            if not state.signing_settled:
                state.first_signed_on = None  # the signing was a mistake
        elif step.stage is Stage.SIGNED and step.kind == "correction":
            if not state.signing_settled:
                state.first_signed_on = state.dates.get(Stage.SIGNED)
        elif step.stage is Stage.SIGNED:
            _signed(state, step.on)
    elif step.kind == "upgrade":
        state.agreement_type = step.agreement_type
    else:  # pragma: no cover - kinds are ours
        raise ValueError(step.kind)


def _signed(state: StageState, on: date | None) -> None:
    """A signing with a date: the first one, unless the project signed before."""
    if on is not None and state.first_signed_on is None:
        state.first_signed_on = on


def milestones(state: StageState) -> dict[str, object]:
    """The project columns kept in step with the history (the service and bulk loads)."""
    return {
        "stage": state.stage.value,
        "stage_on": state.date_of(state.stage),
        **{column: state.date_of(stage) for stage, column in MILESTONE_COLUMNS.items()},
        "first_signed_on": state.first_signed_on,
        "drop_reason": state.drop_reason,
        "agreement_type": state.agreement_type,
    }


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
