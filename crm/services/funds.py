"""Funds in place (到位资金): money received. The first entry marks a signed project funded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.codes import FundsSource, Stage
from crm.errors import ValidationError, Warning_
from crm.models import FundsEntry, Project, StageEvent
from crm.places import funds_source_of
from crm.services import checks
from crm.services.increases import increases_total
from crm.services.records import apply_fields, project_total, restore, soft_delete
from crm.services.result import Changed
from crm.services.stages import load_state, move_stage, sync_project


def funds_total(session: Session, project_id: str) -> Decimal:
    return project_total(session, FundsEntry.amount, project_id)


def record_funds(
    session: Session,
    *,
    project_id: str,
    received_on: Any,
    amount: Any,
    source: str | None = None,
    fixed_asset_amount: Any = None,
    note: str = "",
    today: date | None = None,
) -> Changed:
    project = checks.live(session, Project, project_id, field="project_id")
    day, value, fixed = _clean_entry(received_on, amount, fixed_asset_amount, today)
    if source is None:
        source = funds_source_of(project.source_class)
    entry = FundsEntry(
        project_id=project_id,
        received_on=day,
        amount=value,
        source=checks.choice("source", source, FundsSource),
        fixed_asset_amount=fixed,
        note=checks.field_text("funds_entry", "note", note),
    )
    session.add(entry)
    session.flush()
    warnings = _advance_to_funded(session, project, day, today) + _over_planned(session, project)
    return Changed("funds_entry", entry.id, "insert", tuple(warnings))


def _clean_entry(
    received_on: Any, amount: Any, fixed_asset_amount: Any, today: date | None
) -> tuple[date, Decimal, Decimal | None]:
    """(day, amount, fixed-asset part) of an entry, checked."""
    day = checks.past_day("received_on", received_on, today)
    value = checks.amount("amount", amount)
    assert value is not None
    if value == 0:
        raise ValidationError(
            "amount",
            amount,
            "到位资金应大于0",
            "Funds received must be above 0",
            code="zero_amount",
        )
    fixed = checks.amount("fixed_asset_amount", fixed_asset_amount, allow_none=True)
    if fixed is not None and fixed > value:
        raise ValidationError(
            "fixed_asset_amount",
            fixed_asset_amount,
            "固定资产投资部分不能超过到位资金",
            "Fixed-asset part exceeds the amount",
            code="fixed_over_amount",
        )
    return day, value, fixed


def _advance_to_funded(
    session: Session, project: Project, day: date, today: date | None
) -> list[Warning_]:
    stage = Stage(project.stage)
    if stage is Stage.SIGNED:
        try:
            move_stage(session, project.id, to_stage=Stage.FUNDED.value, on=day, today=today)
        except ValidationError as exc:
            raise ValidationError(
                "received_on", day, exc.message_zh, exc.message_en, code=exc.code
            ) from exc
        return []
    if stage.order < Stage.SIGNED.order:
        return [
            Warning_(
                "unsigned",
                "project_id",
                "该项目尚未签约，已记录到位资金",
                "Funds were recorded for a project that is not signed yet",
            )
        ]
    if project.funded_on is not None and day < project.funded_on:
        return [
            Warning_(
                "before_funded",
                "received_on",
                f"到位日期早于项目的资金到位日期（{project.funded_on}）",
                f"Received before the project's funded date ({project.funded_on})",
            )
        ]
    return []


def _over_planned(session: Session, project: Project) -> list[Warning_]:
    total = funds_total(session, project.id)
    # The agreement's amount and every 增资 since.
    planned = (project.planned_investment or Decimal(0)) + increases_total(session, project.id)
    if total > planned:
        return [
            Warning_(
                "over_planned",
                "amount",
                f"累计到位资金（{total}万元）超过协议投资额（{planned}万元）",
                f"Funds in place ({total} 万元) exceed the planned total ({planned} 万元)",
            )
        ]
    return []


# -- corrections: edit, delete, restore -------------------------------------------------------
#: What a change of the funds entries does to the project's stage (see `stage_effect`).
EFFECT_NONE = ""
#: A first entry on a signed project: 签约 → 资金到位 on the entry's date.
EFFECT_TO_FUNDED = "to_funded"
#: The funded date was the first entry's date; the first entry's date changes, so does it.
EFFECT_FUNDED_DATE = "funded_date"
#: The only entry of a funded project goes: the user chooses back to 签约 or keep 资金到位.
EFFECT_LAST_ENTRY = "last_entry"


@dataclass(frozen=True)
class StageEffect:
    kind: str
    old_date: date | None = None
    new_date: date | None = None


def stage_effect(
    session: Session,
    project_id: str,
    *,
    entry_id: str | None = None,
    received_on: date | None = None,
    deleting: bool = False,
) -> StageEffect:
    """What recording (no entry_id), editing (entry_id and received_on), deleting or restoring
    (entry_id, deleting) an entry does to the project's stage. The dialogs show it before the
    user saves; the services act on the same answer."""
    project = checks.live(session, Project, project_id, field="project_id")
    days = dict(
        session.execute(
            select(FundsEntry.id, FundsEntry.received_on).where(
                FundsEntry.project_id == project_id, FundsEntry.deleted_at.is_(None)
            )
        ).all()
    )
    if entry_id is None:
        if project.stage == Stage.SIGNED.value and received_on is not None:
            return StageEffect(EFFECT_TO_FUNDED, project.signed_on, received_on)
        return StageEffect(EFFECT_NONE)
    old_first = min(days.values(), default=None)
    if deleting:
        days.pop(entry_id, None)
    elif received_on is not None:
        days[entry_id] = received_on
    new_first = min(days.values(), default=None)
    if deleting and new_first is None and project.stage == Stage.FUNDED.value:
        return StageEffect(EFFECT_LAST_ENTRY, project.funded_on, None)
    follows = project.funded_on is not None and project.funded_on == old_first
    if follows and new_first is not None and new_first != old_first:
        return StageEffect(EFFECT_FUNDED_DATE, old_first, new_first)
    return StageEffect(EFFECT_NONE)


def update_funds_entry(
    session: Session,
    entry_id: str,
    *,
    received_on: Any,
    amount: Any,
    fixed_asset_amount: Any = None,
    source: str | None = None,
    note: str = "",
    today: date | None = None,
) -> Changed:
    """Correct an entry. When it was the first entry and gave the project its funded date,
    the funded date follows its new date (the warning says so)."""
    entry = checks.live(session, FundsEntry, entry_id)
    project = checks.live(session, Project, entry.project_id, field="project_id")
    day, value, fixed = _clean_entry(received_on, amount, fixed_asset_amount, today)
    effect = stage_effect(session, project.id, entry_id=entry_id, received_on=day)
    apply_fields(
        entry,
        {
            "received_on": day,
            "amount": value,
            "fixed_asset_amount": fixed,
            "source": checks.choice("source", source or entry.source, FundsSource),
            "note": checks.field_text("funds_entry", "note", note),
        },
    )
    session.flush()
    warnings = _apply_effect(session, project, effect) + _over_planned(session, project)
    return Changed("funds_entry", entry_id, "update", tuple(warnings))


def delete_funds_entry(
    session: Session,
    entry_id: str,
    *,
    back_to_signed: bool | None = None,
    comment: str = "",
) -> Changed:
    """Soft-delete an entry. Deleting the only entry of a funded project needs the user's
    choice: `back_to_signed` True moves the project back to 签约 (a correction with `comment`),
    False keeps it 资金到位; None then refuses with a message asking for the choice."""
    entry = checks.live(session, FundsEntry, entry_id)
    project = checks.live(session, Project, entry.project_id, field="project_id")
    effect = stage_effect(session, project.id, entry_id=entry_id, deleting=True)
    if effect.kind == EFFECT_LAST_ENTRY and back_to_signed is None:
        raise ValidationError(
            "back_to_signed",
            None,
            "这是该项目唯一一笔到位资金：请选择把项目退回“签约”还是保持“资金到位”",
            "This is the project's only funds entry: choose whether the project goes back to "
            "'Signed' or stays 'Funded'",
            code="stage_choice_needed",
        )
    changed = soft_delete(session, FundsEntry, entry_id)
    if effect.kind == EFFECT_LAST_ENTRY and back_to_signed:
        move_stage(
            session,
            project.id,
            to_stage=Stage.SIGNED.value,
            on=None,
            comment=comment.strip() or "删除唯一一笔到位资金",
        )
        return changed
    return _with_effect(session, project, effect, changed)


def restore_funds_entry(session: Session, entry_id: str) -> Changed:
    """Undo of a delete: the entry back, and the funded date with it when it was the first."""
    entry = session.get(FundsEntry, entry_id)
    if entry is None or entry.deleted_at is None:
        return restore(session, FundsEntry, entry_id)
    project = checks.live(session, Project, entry.project_id, field="project_id")
    # Coming back counts as an entry dated its day joining the live ones.
    effect = stage_effect(session, project.id, entry_id=entry_id, received_on=entry.received_on)
    return _with_effect(session, project, effect, restore(session, FundsEntry, entry_id))


def _with_effect(
    session: Session, project: Project, effect: StageEffect, changed: Changed
) -> Changed:
    warnings = tuple(_apply_effect(session, project, effect))
    return Changed(changed.table, changed.id, changed.op, changed.warnings + warnings)


def _apply_effect(session: Session, project: Project, effect: StageEffect) -> list[Warning_]:
    if effect.kind != EFFECT_FUNDED_DATE or effect.new_date is None:
        return []
    _move_funded_date(session, project, effect.new_date)
    return [
        Warning_(
            "funded_date_changed",
            "received_on",
            f"项目的资金到位日期随第一笔到位资金由{effect.old_date}改为{effect.new_date}",
            f"The project's funded date follows its first funds entry: {effect.old_date} → "
            f"{effect.new_date}",
        )
    ]


def _move_funded_date(session: Session, project: Project, day: date) -> None:
    """Re-date the history entry that gave the project its funded date, then re-sync."""
    if project.signed_on is not None and day < project.signed_on:
        raise ValidationError(
            "received_on",
            day,
            f"资金到位日期（{day}）不能早于签约日期（{project.signed_on}）",
            f"The funded date ({day}) cannot be before the signing date ({project.signed_on})",
            code="stage_order",
        )
    later = project.started_on or project.operating_on
    if later is not None and day > later:
        raise ValidationError(
            "received_on",
            day,
            f"资金到位日期（{day}）不能晚于开工日期（{later}）",
            f"The funded date ({day}) cannot be after the start date ({later})",
            code="stage_order",
        )
    event = session.scalars(
        select(StageEvent)
        .where(
            StageEvent.project_id == project.id,
            StageEvent.deleted_at.is_(None),
            StageEvent.stage == Stage.FUNDED.value,
            StageEvent.occurred_on == project.funded_on,
        )
        .order_by(StageEvent.sequence.desc())
    ).first()
    if event is None:
        return
    event.occurred_on = day
    session.flush()
    sync_project(project, load_state(session, project.id))
    session.flush()
