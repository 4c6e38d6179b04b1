"""Property test: any sequence of allowed moves keeps dates ordered and history consistent."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crm.codes import PIPELINE, Stage
from crm.errors import ValidationError
from crm.stages import StageState, StageStep, apply_step, plan_move, plan_reopen, replay

TODAY = date(2026, 11, 23)
START = date(2024, 1, 1)

moves = st.lists(
    st.tuples(
        st.sampled_from([*PIPELINE, Stage.DROPPED, "reopen"]),
        st.integers(min_value=0, max_value=(TODAY - START).days + 30),
        st.lists(st.one_of(st.none(), st.integers(0, (TODAY - START).days)), max_size=6),
    ),
    max_size=12,
)


def assert_ordered(state: StageState) -> None:
    seen = [state.dates[s] for s in PIPELINE if state.dates.get(s) is not None]
    assert seen == sorted(seen), state.dates
    assert all(day <= TODAY for day in seen)
    if state.stage in PIPELINE:
        later = [s for s in PIPELINE[state.stage.order + 1 :] if s in state.dates]
        assert not later, f"dates beyond the current stage: {later}"


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(moves)
def test_allowed_moves_keep_dates_ordered_and_replay_matches(sequence) -> None:
    history = [StageStep(Stage.LEAD, "advance", None)]  # what create_project writes
    state = replay(history)
    for target, offset, skip_offsets in sequence:
        on = START + timedelta(days=offset)
        try:
            if target == "reopen":
                steps = [plan_reopen(state, Stage.STARTED, on, today=TODAY, comment="r")]
            else:
                between = (
                    PIPELINE[state.stage.order + 1 : target.order]
                    if (target in PIPELINE and state.stage in PIPELINE)
                    else ()
                )
                skipped = {
                    s: (None if d is None else START + timedelta(days=d))
                    for s, d in zip(between, skip_offsets, strict=False)
                }
                steps = plan_move(
                    state, target, on, today=TODAY, skipped=skipped, reason="原因", comment="更正"
                )
        except ValidationError as exc:
            assert exc.code and exc.field
            continue
        for step in steps:
            apply_step(state, step)
            history.append(step)
        assert_ordered(state)
        # A standing signing always has a first signing.
        if state.dates.get(Stage.SIGNED) is not None:
            assert state.first_signed_on is not None
        # The history alone gives back the same state.
        replayed = replay(history)
        assert (replayed.stage, replayed.dates, replayed.dropped_on) == (
            state.stage,
            state.dates,
            state.dropped_on,
        )
        assert replayed.first_signed_on == state.first_signed_on


def test_refused_move_changes_nothing() -> None:
    state = StageState(dates={Stage.LEAD: date(2026, 1, 1)})
    before = (state.stage, dict(state.dates))
    try:
        plan_move(state, Stage.SIGNED, date(2026, 2, 1), today=TODAY)
    except ValidationError as exc:
        assert exc.code == "skipped_stage"
    assert (state.stage, state.dates) == before


# --- the first signing ------------------------------------------------------------------


def d(month: int, day: int, year: int = 2025) -> date:
    return date(year, month, day)


def run(*steps: StageStep) -> StageState:
    return replay([StageStep(Stage.LEAD, "advance", None), *steps])


def signed(on: date, agreement: str | None = None) -> StageStep:
    return StageStep(Stage.SIGNED, "advance", on, agreement_type=agreement)


def test_drop_and_reopen_keep_the_first_signing() -> None:
    state = run(
        signed(d(3, 10)),
        StageStep(Stage.DROPPED, "drop", d(6, 1), comment="暂缓"),
        StageStep(Stage.NEGOTIATING, "reopen", d(1, 5, 2026)),
        signed(d(2, 1, 2026)),
    )
    assert (state.first_signed_on, state.dates[Stage.SIGNED]) == (d(3, 10), d(2, 1, 2026))
    # Once reopened, correcting the new signing away leaves the first one.
    corrected = run(
        signed(d(3, 10)),
        StageStep(Stage.DROPPED, "drop", d(6, 1), comment="暂缓"),
        StageStep(Stage.SIGNED, "reopen", d(1, 5, 2026)),
        StageStep(Stage.NEGOTIATING, "correction", None, comment="误录"),
    )
    assert corrected.first_signed_on == d(3, 10) and Stage.SIGNED not in corrected.dates


def test_a_correction_puts_a_mistaken_signing_right() -> None:
    back = run(signed(d(7, 1)), StageStep(Stage.NEGOTIATING, "correction", None, comment="误录"))
    assert back.first_signed_on is None and back.agreement_type is None
    again = run(
        signed(d(7, 1)),
        StageStep(Stage.NEGOTIATING, "correction", None, comment="误录"),
        signed(d(3, 1, 2026)),
    )
    assert again.first_signed_on == d(3, 1, 2026)
    new_date = run(
        signed(d(12, 30)),
        StageStep(Stage.FUNDED, "advance", d(1, 10, 2026)),
        StageStep(Stage.SIGNED, "correction", d(1, 2, 2026), comment="日期录错"),
    )
    assert new_date.first_signed_on == d(1, 2, 2026)


def test_a_reopen_of_a_never_signed_project_may_be_its_first_signing() -> None:
    state = run(
        StageStep(Stage.DROPPED, "drop", d(2, 1), comment="放弃"),
        StageStep(Stage.SIGNED, "reopen", d(5, 1)),
    )
    assert state.first_signed_on == d(5, 1)


def test_upgrade_changes_the_agreement_only() -> None:
    from crm.stages import plan_upgrade

    state = run(signed(d(8, 1), "intent"), StageStep(Stage.FUNDED, "advance", d(9, 1)))
    step = plan_upgrade(state, "正式合同", d(2, 15, 2026), today=TODAY)
    assert (step.kind, step.agreement_type) == ("upgrade", "formal")
    apply_step(state, step)
    assert state.agreement_type == "formal"
    assert (state.first_signed_on, state.stage, state.dates[Stage.SIGNED]) == (
        d(8, 1),
        Stage.FUNDED,
        d(8, 1),
    )
    refusals = [
        (state, "framework", d(3, 1, 2026), "not_an_upgrade"),  # formal is the top
        (run(signed(d(8, 1), "intent")), "formal", d(7, 1), "stage_order"),  # before signing
        (run(signed(d(8, 1), "intent")), "合同", d(9, 1), "unknown_code"),
        (run(), "formal", d(9, 1), "not_signed"),
        (run(signed(d(8, 1)), StageStep(Stage.DROPPED, "drop", d(9, 1), comment="x")), "formal",
         d(10, 1), "not_signed"),
    ]  # fmt: skip
    for before, kind, on, code in refusals:
        try:
            plan_upgrade(before, kind, on, today=TODAY)
        except ValidationError as exc:
            assert exc.code == code
        else:  # pragma: no cover - the assertion's message
            raise AssertionError(f"{kind} on {on} was accepted")
