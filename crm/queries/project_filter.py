"""What the projects list filters by (`ProjectFilter`, saved with a view) and the WHERE
clauses it gives; every screen that lists projects (the table, the board, exports) uses
them. Soft-deleted rows are always hidden."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    exists,
    false,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased

from crm import access, search
from crm.codes import ProblemStatus
from crm.models import (
    Company,
    CompanyTag,
    Problem,
    Project,
    RegionGroupMember,
)
from crm.queries.conditions import in_industry, within
from crm.queries.stalled_views import StalledRule, stalled_clause
from crm.stages import MILESTONE_COLUMNS

#: Stage dates a date-range filter may apply to.
DATE_FIELDS = (*MILESTONE_COLUMNS.values(), "stage_on")


@dataclass(frozen=True)
class ProjectFilter:
    """What the projects screen filters by. Empty values mean "any"; all given ones combine."""

    text: str = ""
    stages: tuple[str, ...] = ()
    #: A GB/T 4754 section letter (matches its divisions too) or a division code.
    industry_code: str = ""
    chain_code: str = ""
    #: Source region group code (粤港澳大湾区 …) and/or province code (6 digits or 2).
    region_group: str = ""
    source_province: str = ""
    team_id: str = ""
    #: Company list memberships (any of them; the group's lists count for its subsidiaries).
    tags: tuple[str, ...] = ()
    landing_region_code: str = ""
    park_id: str = ""
    date_field: str = ""
    date_from: date | None = None
    date_to: date | None = None
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    overdue_problems: bool = False
    is_major: bool = False
    stalled: str = ""
    stalled_rule: StalledRule = field(default_factory=StalledRule)
    #: The projects behind a figure of the dashboard, a brief or an analysis (crm.queries.drill).
    figure: str = ""

    def with_(self, **changes: Any) -> ProjectFilter:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form for saved views."""
        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if name == "stalled_rule":
                continue
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, Decimal):
                value = str(value)
            elif isinstance(value, tuple):
                value = list(value)
            out[name] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ProjectFilter:
        kwargs: dict[str, Any] = {}
        for name, value in data.items():
            if name not in cls.__dataclass_fields__ or name == "stalled_rule":
                continue
            if name in ("date_from", "date_to") and value:
                value = date.fromisoformat(value)
            elif name in ("amount_min", "amount_max") and value not in (None, ""):
                value = Decimal(str(value))
            elif name in ("stages", "tags"):
                value = tuple(value or ())
            kwargs[name] = value
        return cls(**kwargs)


def where_clauses(
    session: Session,
    f: ProjectFilter,
    *,
    walk_index: str | None = None,
    visibility: bool = True,
) -> list[ColumnElement[bool]]:
    """WHERE clauses for a filter (deleted rows always hidden). walk_index: see
    crm.search.project_filter. visibility=False: the caller applies crm.access itself."""
    clauses: list[ColumnElement[bool]] = [Project.deleted_at.is_(None)]
    if visibility and not access.actor_of(session).sees_all:  # other teams' confidential leads
        clauses.append(access.visible_projects(session))
    if f.text.strip():
        clauses.append(search.project_filter(session, f.text, walk_index=walk_index))
    if f.stages:
        clauses.append(Project.stage.in_(f.stages))
    if f.industry_code:
        clauses.append(in_industry(Project.industry_code, f.industry_code))
    if f.chain_code:
        clauses.append(Project.chain_code == f.chain_code)
    if f.region_group:
        clauses.append(_region_group_clause(session, f.region_group))
    if f.source_province:
        clauses.append(func.substr(Project.source_region_code, 1, 2) == f.source_province[:2])
    if f.team_id:
        clauses.append(Project.team_id == f.team_id)
    if f.tags:
        clauses.append(_tag_clause(f.tags))
    if f.landing_region_code:
        clauses.append(Project.landing_region_code.startswith(_prefix(f.landing_region_code)))
    if f.park_id:
        clauses.append(Project.park_id == f.park_id)
    clauses.extend(_date_clauses(f))
    if f.amount_min is not None:
        clauses.append(Project.planned_investment >= f.amount_min)
    if f.amount_max is not None:
        clauses.append(Project.planned_investment <= f.amount_max)
    if f.overdue_problems:
        clauses.append(_overdue_clause(f.stalled_rule.today or date.today()))
    if f.is_major:
        clauses.append(Project.is_major.is_(True))
    if f.stalled:
        clauses.append(stalled_clause(f.stalled, f.stalled_rule))
    if f.figure:
        from crm.queries.drill import figure_clause  # the statistics' rules, loaded on use

        clauses.append(figure_clause(session, f.figure))
    return clauses


def _prefix(region_code: str) -> str:
    """Region code → prefix its sub-regions share (450000 → 45, 450100 → 4501)."""
    code = region_code.rstrip("0")
    return code if len(code) % 2 == 0 else code + "0"


def _region_group_clause(session: Session, group_code: str) -> ColumnElement[bool]:
    members = session.scalars(
        select(RegionGroupMember.region_code).where(RegionGroupMember.group_code == group_code)
    ).all()
    prefixes = {_prefix(code) for code in members}
    by_length: dict[int, set[str]] = {}
    for prefix in prefixes:
        by_length.setdefault(len(prefix), set()).add(prefix)
    if not by_length:
        return false()
    return or_(
        *(
            func.substr(Project.source_region_code, 1, length).in_(sorted(values))
            for length, values in by_length.items()
        )
    )


def _tag_clause(tags: Sequence[str]) -> ColumnElement[bool]:
    parent = aliased(Company)
    own = exists().where(
        CompanyTag.company_id == Project.company_id,
        CompanyTag.tag.in_(tags),
        CompanyTag.deleted_at.is_(None),
    )
    parent_tag = aliased(CompanyTag)
    group = exists().where(
        parent.id == Project.company_id,
        parent_tag.company_id == parent.parent_id,
        parent_tag.tag.in_(tags),
        parent_tag.deleted_at.is_(None),
    )
    return or_(own, group)


def _date_clauses(f: ProjectFilter) -> list[ColumnElement[bool]]:
    if f.date_field not in DATE_FIELDS or (f.date_from is None and f.date_to is None):
        return []
    return within(getattr(Project, f.date_field), f.date_from, f.date_to)


def _overdue_clause(today: date) -> ColumnElement[bool]:
    return exists().where(
        Problem.project_id == Project.id,
        Problem.deleted_at.is_(None),
        Problem.status != ProblemStatus.RESOLVED.value,
        Problem.due_on < today,
    )


def stmt_for_ids(session: Session, f: ProjectFilter) -> Select[tuple[str]]:
    """The filtered id SELECT (for other screens that want to reuse the project filter)."""
    return select(Project.id).where(*where_clauses(session, f))
