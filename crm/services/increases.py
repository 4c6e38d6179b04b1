"""增资: the same investor puts more money into a signed project. Each increase is its own
dated entry, counted as new signed investment of its period; the project is not signed
again and is not a new project (crm/stats/KEYS.md)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from crm.errors import ValidationError, not_before
from crm.models import InvestmentIncrease, Project
from crm.services import checks
from crm.services.records import apply_fields, deleter, insert_row, project_total, updated
from crm.services.result import Changed


def record_increase(
    session: Session,
    *,
    project_id: str,
    increased_on: Any,
    amount: Any,
    note: str = "",
    today: date | None = None,
) -> Changed:
    """An increase of a signed project's investment (万元), dated on or after its signing."""
    project = checks.live(session, Project, project_id, field="project_id")
    entry = InvestmentIncrease(
        project_id=project_id, **_clean(project, increased_on, amount, note, today)
    )
    return insert_row(session, entry)


def update_increase(
    session: Session,
    increase_id: str,
    *,
    increased_on: Any,
    amount: Any,
    note: str = "",
    today: date | None = None,
) -> Changed:
    """Correct an increase's date, amount or note, under the rules of a new one."""
    entry = checks.live(session, InvestmentIncrease, increase_id)
    project = checks.live(session, Project, entry.project_id, field="project_id")
    apply_fields(entry, _clean(project, increased_on, amount, note, today))
    return updated(session, entry)


def _clean(
    project: Project, increased_on: Any, amount: Any, note: str, today: date | None
) -> dict[str, Any]:
    """An increase's stored values: a past day on or after the first signing, above 0."""
    day = checks.past_day("increased_on", increased_on, today)
    value = checks.amount("amount", amount)
    if not value:
        raise ValidationError(
            "amount", amount, "增资金额应大于0", "An increase must be above 0", code="zero_amount"
        )
    if project.first_signed_on is None:
        raise ValidationError(
            "project_id",
            project.id,
            "项目尚未签约，不能登记增资；请先签约",
            "The project is not signed yet; an increase needs a signed project",
            code="not_signed",
        )
    not_before(
        "increased_on",
        day,
        project.first_signed_on,
        ("增资日期", "The increase"),
        ("首次签约日期", "the first signing"),
        code="stage_order",
    )
    return {
        "increased_on": day,
        "amount": value,
        "note": checks.field_text("investment_increase", "note", note),
    }


delete_increase = deleter(InvestmentIncrease)


def increases_total(session: Session, project_id: str) -> Decimal:
    return project_total(session, InvestmentIncrease.amount, project_id)
