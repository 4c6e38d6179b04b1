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
        # The history alone gives back the same state.
        replayed = replay(history)
        assert (replayed.stage, replayed.dates, replayed.dropped_on) == (
            state.stage,
            state.dates,
            state.dropped_on,
        )


def test_refused_move_changes_nothing() -> None:
    state = StageState(dates={Stage.LEAD: date(2026, 1, 1)})
    before = (state.stage, dict(state.dates))
    try:
        plan_move(state, Stage.SIGNED, date(2026, 2, 1), today=TODAY)
    except ValidationError as exc:
        assert exc.code == "skipped_stage"
    assert (state.stage, state.dates) == before
