"""Undo of a stage move: back to the stage and dates as they were, recorded as history."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from crm.errors import ValidationError
from crm.models import Project, StageEvent
from crm.services import projects, stages
from crm.services.stage_undo import last_sequence, undo_stage_move

TODAY = date(2026, 11, 23)


def _milestones(s, project_id: str) -> tuple:
    p = s.get(Project, project_id)
    return (
        p.stage,
        p.stage_on,
        p.signed_on,
        p.agreement_type,
        p.funded_on,
        p.started_on,
        p.operating_on,
        p.dropped_on,
        p.drop_reason,
    )


def _project(s, *moves) -> str:
    pid = projects.create_project(
        s, name="铝材深加工项目", planned_investment=Decimal(80000), lead_on=date(2025, 1, 5)
    ).id
    for move in moves:
        move(s, pid)
    return pid


def _undo_last(db, pid: str, move) -> None:
    """Do `move`, then undo it as the window does (sequences before and after)."""
    with db.session() as s:
        before = last_sequence(s, pid)
        move(s, pid)
    with db.session() as s:
        after = last_sequence(s, pid)
    with db.session() as s:
        undo_stage_move(s, pid, before_sequence=before, after_sequence=after)


def _to(stage: str, on: date, **kw):
    return lambda s, pid: stages.move_stage(s, pid, to_stage=stage, on=on, today=TODAY, **kw)


NEGOTIATING = _to("negotiating", date(2025, 3, 1))
SIGNED = _to("signed", date(2025, 6, 18), agreement_type="formal")
FUNDED = _to("funded", date(2025, 9, 2))


def test_undo_of_a_forward_move_is_a_correction_with_a_comment(db) -> None:
    with db.session() as s:
        pid = _project(s, NEGOTIATING)
        expected = _milestones(s, pid)
    _undo_last(db, pid, SIGNED)
    with db.session() as s:
        assert _milestones(s, pid) == expected
        last = s.scalars(
            select(StageEvent)
            .where(StageEvent.project_id == pid)
            .order_by(StageEvent.sequence.desc())
        ).first()
        assert (last.kind, last.stage, last.occurred_on) == (
            "correction",
            "negotiating",
            date(2025, 3, 1),
        )
        assert last.comment == "撤销误操作"
        # Nothing erased: the signing and its undo both stay in the history.
        assert s.scalar(select(func.count()).where(StageEvent.project_id == pid)) == 4


def test_undo_of_a_move_that_skipped_stages(db) -> None:
    with db.session() as s:
        pid = _project(s)
        expected = _milestones(s, pid)
    _undo_last(
        db,
        pid,
        _to(
            "funded",
            date(2025, 9, 2),
            skipped={"negotiating": None, "signed": date(2025, 6, 18)},
        ),
    )
    with db.session() as s:
        assert _milestones(s, pid) == expected
        assert s.get(Project, pid).stage == "lead"


def test_undo_of_a_drop_brings_back_stage_and_dates(db) -> None:
    with db.session() as s:
        pid = _project(s, NEGOTIATING, SIGNED, FUNDED)
        expected = _milestones(s, pid)
    _undo_last(db, pid, _to("dropped", date(2025, 10, 1), reason="企业资金链断裂"))
    with db.session() as s:
        assert _milestones(s, pid) == expected
        assert s.get(Project, pid).dropped_on is None


def test_undo_of_a_reopen_drops_again_with_the_old_dates_and_reason(db) -> None:
    drop = _to("dropped", date(2025, 10, 1), reason="企业资金链断裂")
    with db.session() as s:
        pid = _project(s, NEGOTIATING, SIGNED, FUNDED, drop)
        expected = _milestones(s, pid)

    def reopen(s, pid):
        stages.reopen_project(s, pid, to_stage="signed", on=date(2026, 2, 1), today=TODAY)

    _undo_last(db, pid, reopen)
    with db.session() as s:
        assert _milestones(s, pid) == expected
        p = s.get(Project, pid)
        assert (p.stage, p.signed_on, p.funded_on, p.drop_reason) == (
            "dropped",
            date(2025, 6, 18),
            date(2025, 9, 2),
            "企业资金链断裂",
        )


def test_undo_of_a_backward_correction_moves_forward_again(db) -> None:
    with db.session() as s:
        pid = _project(s, NEGOTIATING, SIGNED)
        expected = _milestones(s, pid)
    _undo_last(db, pid, _to("lead", None, comment="误点"))
    with db.session() as s:
        assert _milestones(s, pid) == expected
        assert s.get(Project, pid).agreement_type == "formal"


def test_an_undo_after_a_later_move_is_refused_and_writes_nothing(db) -> None:
    with db.session() as s:
        pid = _project(s, NEGOTIATING)
        before = last_sequence(s, pid)
        SIGNED(s, pid)
        after = last_sequence(s, pid)
        FUNDED(s, pid)
        expected = _milestones(s, pid)
    with pytest.raises(ValidationError) as caught, db.session() as s:
        undo_stage_move(s, pid, before_sequence=before, after_sequence=after)
    assert caught.value.code == "undo_stale"
    with db.session() as s:
        assert _milestones(s, pid) == expected
