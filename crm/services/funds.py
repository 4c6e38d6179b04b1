"""Funds in place (到位资金): money received. The first entry marks a signed project funded."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm.codes import FundsSource, Stage
from crm.errors import ValidationError, Warning_
from crm.models import FundsEntry, Project
from crm.places import funds_source_of
from crm.services import checks
from crm.services.increases import increases_total
from crm.services.records import soft_delete
from crm.services.result import Changed
from crm.services.stages import move_stage


def funds_total(session: Session, project_id: str) -> Decimal:
    total = session.scalar(
        select(func.sum(FundsEntry.amount)).where(
            FundsEntry.project_id == project_id, FundsEntry.deleted_at.is_(None)
        )
    )
    return total or Decimal(0)


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
    day = checks.a_date("received_on", received_on, allow_none=False, not_future=True, today=today)
    value = checks.amount("amount", amount)
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
    if source is None:
        source = funds_source_of(project.source_class)
    entry = FundsEntry(
        project_id=project_id,
        received_on=day,
        amount=value,
        source=checks.choice("source", source, FundsSource),
        fixed_asset_amount=fixed,
        note=checks.clean_text("note", note, max_length=2000),
    )
    session.add(entry)
    session.flush()
    warnings = _advance_to_funded(session, project, day, today) + _over_planned(session, project)
    return Changed("funds_entry", entry.id, "insert", tuple(warnings))


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


def delete_funds_entry(session: Session, entry_id: str) -> Changed:
    return soft_delete(session, FundsEntry, entry_id)
