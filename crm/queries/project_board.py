"""The pipeline board: one column per stage with its count, planned total and largest
cards, for the same filter as the list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import (
    func,
    select,
)
from sqlalchemy.orm import Session

from crm.models import (
    Company,
    Project,
)
from crm.queries.project_filter import ProjectFilter, where_clauses
from crm.stages import STAGE_ORDER


@dataclass(frozen=True)
class BoardCard:
    id: str
    name: str
    company: str
    planned_investment: Decimal
    stage_on: date | None


@dataclass(frozen=True)
class BoardColumn:
    stage: str
    count: int
    planned_total: Decimal
    cards: tuple[BoardCard, ...]


BOARD_STAGES: tuple[str, ...] = tuple(s.value for s in STAGE_ORDER)


def board(session: Session, f: ProjectFilter, *, per_column: int = 50) -> list[BoardColumn]:
    """One column per stage: count and planned total of the filtered set, the largest cards."""
    clauses = where_clauses(session, f)
    totals = {
        stage: (int(n), total or Decimal(0))
        for stage, n, total in session.execute(
            select(Project.stage, func.count(), func.sum(Project.planned_investment))
            .where(*clauses)
            .group_by(Project.stage)
        )
    }
    columns = []
    for stage in BOARD_STAGES:
        count, total = totals.get(stage, (0, Decimal(0)))
        cards: tuple[BoardCard, ...] = ()
        if count:
            stmt = (
                select(
                    Project.id,
                    Project.name,
                    Company.name,
                    Project.planned_investment,
                    Project.stage_on,
                )
                .outerjoin(Company, Company.id == Project.company_id)
                .where(*clauses, Project.stage == stage)
                .order_by(Project.planned_investment.desc(), Project.id)
                .limit(per_column)
            )
            cards = tuple(
                BoardCard(pid, name, company or "", planned or Decimal(0), on)
                for pid, name, company, planned, on in session.execute(stmt)
            )
        columns.append(BoardColumn(stage, count, total, cards))
    return columns
