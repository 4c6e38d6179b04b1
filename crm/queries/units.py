"""Units already written somewhere (承办单位, 协办单位, 督办单位, 责任单位, 派出单位): what the
free-text unit fields offer as the user types, so one unit keeps one spelling."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from crm.models import EnterpriseRequest, Problem, Project, Team
from crm.search import sort_key

#: Separator of several units in one field (crm.services.requests.clean_units writes it).
UNIT_SEPARATOR = "、"


def _unit_columns() -> list[Any]:
    return [
        EnterpriseRequest.handling_unit,
        EnterpriseRequest.co_units,
        EnterpriseRequest.escalation_unit,
        Project.responsible_unit,
        Problem.responsible_unit,
        Team.home_unit,
    ]


def used_units(session: Session) -> list[str]:
    """Every unit named in a live record, once each, in pinyin order (several units in one
    field count one by one)."""
    parts = [
        select(column.label("unit")).where(
            column.class_.deleted_at.is_(None), column != "", column.is_not(None)
        )
        for column in _unit_columns()
    ]
    found: set[str] = set()
    for (text,) in session.execute(union(*parts)):
        found.update(u.strip() for u in str(text).split(UNIT_SEPARATOR) if u.strip())
    return sorted(found, key=lambda unit: (sort_key(unit), unit))
