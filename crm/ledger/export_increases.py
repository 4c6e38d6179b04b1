"""The 增资 sheet of `crm export ledger`: one row per live increase of an exported project, in
the layout the importer reads (crm/ledger/plan_increases.py), its project named as the funds
sheet names it (code, name, investor, hidden 项目系统编号), its own 系统编号 hidden."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from crm.models import InvestmentIncrease

INCREASE_EXPORT = ("seq", "project_code", "project", "company", "increased_on", "amount",
                   "note", "project_id", "record_id")  # fmt: skip

#: A project's (code, name, investor) by id, as the projects sheet wrote them.
ProjectKeys = dict[str, tuple[str | None, str, str | None]]


def has_increases(session: Session) -> bool:
    """Whether the sheet is written (a ledger without 增资 gets no empty sheet)."""
    live = InvestmentIncrease.deleted_at.is_(None)
    return bool(session.scalar(select(exists().where(live))))


def increase_rows(session: Session, project_keys: ProjectKeys) -> Iterator[list[Any]]:
    """Read after the projects sheet: `project_keys` holds the projects it wrote."""
    i = InvestmentIncrease
    query = (
        select(i)
        .where(i.deleted_at.is_(None))
        .order_by(i.increased_on, i.project_id, i.id)
        .execution_options(yield_per=5000)
    )
    for increase in session.scalars(query):
        if increase.project_id not in project_keys:
            continue  # a deleted project's, or one a filter left out
        code, name, company = project_keys[increase.project_id]
        yield [0, code, name, company, increase.increased_on, increase.amount,
               increase.note or None, increase.project_id, increase.id]  # fmt: skip
