"""Correcting and deleting funds entries, and what that does to the project's stage."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from crm.errors import ValidationError
from crm.models import ChangeLog, FundsEntry, Project, StageEvent
from crm.services import funds, projects, stages

TODAY = date(2026, 11, 23)


def _signed(s) -> str:
    pid = projects.create_project(s, name="铝材深加工项目", planned_investment=Decimal(80000)).id
    stages.move_stage(
        s,
        pid,
        to_stage="signed",
        on=date(2026, 3, 1),
        today=TODAY,
        skipped={"negotiating": None},
    )
    return pid


def _record(s, pid: str, day: date, amount: str = "1000") -> str:
    return funds.record_funds(s, project_id=pid, received_on=day, amount=amount, today=TODAY).id


def _state(s, pid: str) -> tuple:
    p = s.get(Project, pid)
    return p.stage, p.funded_on


def test_the_dialog_is_told_that_a_first_entry_moves_signed_to_funded(db) -> None:
    with db.session() as s:
        pid = _signed(s)
        effect = funds.stage_effect(s, pid, received_on=date(2026, 4, 1))
        assert (effect.kind, effect.new_date) == (funds.EFFECT_TO_FUNDED, date(2026, 4, 1))
        _record(s, pid, date(2026, 4, 1))
        assert _state(s, pid) == ("funded", date(2026, 4, 1))
        assert funds.stage_effect(s, pid, received_on=date(2026, 5, 1)).kind == funds.EFFECT_NONE


def test_correcting_an_entry_changes_every_field_and_is_logged(db) -> None:
    with db.session() as s:
        pid = _signed(s)
        entry = _record(s, pid, date(2026, 4, 1), "1000")
        _record(s, pid, date(2026, 6, 1), "500")
    with db.session() as s:
        funds.update_funds_entry(
            s,
            entry,
            received_on=date(2026, 4, 1),
            amount="1200.5",
            fixed_asset_amount="800",
            source="foreign",
            note="凭证号 2026-118",
            today=TODAY,
        )
    with db.session() as s:
        e = s.get(FundsEntry, entry)
        assert (e.amount, e.fixed_asset_amount, e.source, e.note) == (
            Decimal("1200.5"),
            Decimal(800),
            "foreign",
            "凭证号 2026-118",
        )
        assert funds.funds_total(s, pid) == Decimal("1700.5")
        logged = set(
            s.scalars(
                select(ChangeLog.field).where(
                    ChangeLog.record_id == entry, ChangeLog.op == "update"
                )
            )
        )
        assert logged == {"amount", "fixed_asset_amount", "source", "note"}
        assert _state(s, pid) == ("funded", date(2026, 4, 1))


def test_moving_the_first_entry_moves_the_funded_date_as_announced(db) -> None:
    with db.session() as s:
        pid = _signed(s)
        first = _record(s, pid, date(2026, 4, 1))
        _record(s, pid, date(2026, 6, 1))
    with db.session() as s:
        effect = funds.stage_effect(s, pid, entry_id=first, received_on=date(2026, 3, 20))
        assert (effect.kind, effect.old_date, effect.new_date) == (
            funds.EFFECT_FUNDED_DATE,
            date(2026, 4, 1),
            date(2026, 3, 20),
        )
        done = funds.update_funds_entry(
            s, first, received_on=date(2026, 3, 20), amount="1000", today=TODAY
        )
        assert [w.code for w in done.warnings] == ["funded_date_changed"]
    with db.session() as s:
        assert _state(s, pid) == ("funded", date(2026, 3, 20))
    # Moved after the second entry: the second is now the first, and gives the date.
    with db.session() as s:
        funds.update_funds_entry(s, first, received_on=date(2026, 7, 1), amount="1000", today=TODAY)
    with db.session() as s:
        assert _state(s, pid) == ("funded", date(2026, 6, 1))


def test_a_first_entry_cannot_move_before_the_signing(db) -> None:
    with db.session() as s:
        pid = _signed(s)
        first = _record(s, pid, date(2026, 4, 1))
    with pytest.raises(ValidationError) as caught, db.session() as s:
        funds.update_funds_entry(s, first, received_on=date(2026, 2, 1), amount="1000", today=TODAY)
    assert (caught.value.code, caught.value.field) == ("stage_order", "received_on")
    with db.session() as s:
        assert s.get(FundsEntry, first).received_on == date(2026, 4, 1)
        assert _state(s, pid) == ("funded", date(2026, 4, 1))


def test_deleting_the_only_entry_of_a_funded_project_needs_a_choice(db) -> None:
    with db.session() as s:
        pid = _signed(s)
        only = _record(s, pid, date(2026, 4, 1))
        assert funds.stage_effect(s, pid, entry_id=only, deleting=True).kind == (
            funds.EFFECT_LAST_ENTRY
        )
    with pytest.raises(ValidationError) as caught, db.session() as s:
        funds.delete_funds_entry(s, only)
    assert caught.value.code == "stage_choice_needed"
    with db.session() as s:
        funds.delete_funds_entry(s, only, back_to_signed=False)
    with db.session() as s:
        assert _state(s, pid) == ("funded", date(2026, 4, 1))
        assert funds.funds_total(s, pid) == 0
        funds.restore_funds_entry(s, only)
    with db.session() as s:
        funds.delete_funds_entry(s, only, back_to_signed=True, comment="录错项目")
    with db.session() as s:
        p = s.get(Project, pid)
        assert (p.stage, p.signed_on, p.funded_on) == ("signed", date(2026, 3, 1), None)
        last = s.scalars(
            select(StageEvent)
            .where(StageEvent.project_id == pid)
            .order_by(StageEvent.sequence.desc())
        ).first()
        assert (last.kind, last.stage, last.comment) == ("correction", "signed", "录错项目")


def test_deleting_the_first_entry_moves_the_funded_date_and_restoring_moves_it_back(db) -> None:
    with db.session() as s:
        pid = _signed(s)
        first = _record(s, pid, date(2026, 4, 1))
        _record(s, pid, date(2026, 6, 1))
    with db.session() as s:
        done = funds.delete_funds_entry(s, first)
        assert [w.code for w in done.warnings] == ["funded_date_changed"]
    with db.session() as s:
        assert _state(s, pid) == ("funded", date(2026, 6, 1))
        funds.restore_funds_entry(s, first)
    with db.session() as s:
        assert _state(s, pid) == ("funded", date(2026, 4, 1))
        assert funds.funds_total(s, pid) == Decimal(2000)


def test_entries_of_a_project_funded_by_hand_leave_its_date_alone(db) -> None:
    """A funded date given by hand before any entry is not the first entry's date."""
    with db.session() as s:
        pid = _signed(s)
        stages.move_stage(s, pid, to_stage="funded", on=date(2026, 3, 15), today=TODAY)
        entry = _record(s, pid, date(2026, 4, 1))
    with db.session() as s:
        funds.update_funds_entry(s, entry, received_on=date(2026, 5, 1), amount="9", today=TODAY)
        funds.delete_funds_entry(s, entry, back_to_signed=False)
    with db.session() as s:
        assert _state(s, pid) == ("funded", date(2026, 3, 15))
