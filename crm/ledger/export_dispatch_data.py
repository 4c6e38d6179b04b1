"""The dispatch-data sheets of `crm export ledger`: 单位年度目标, 清单项目, 项目调度信息 and
完成投资, one row per live record in the layout the importer reads (crm/ledger/plan_targets.py,
plan_lists.py, plan_profiles.py, plan_completions.py), so that export → import into an empty
database gives the same targets, lists, dispatch profiles and completion figures. Each row
has its 系统编号 hidden; a profile is its project's, and its row the project's 项目系统编号.

A sheet is written only when its table has a row. Targets belong to the bureau, not to the
projects a filtered export picks: written for the whole ledger only. List, profile and
completion rows follow the projects the projects sheet wrote (named as the funds sheet names
them).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from sqlalchemy import case, exists, func, or_, select
from sqlalchemy.orm import Session

from crm.codes import (
    CompletionPeriod,
    ConstructionNature,
    ProjectListLevel,
    TargetMeasure,
    TargetScope,
)
from crm.ledger.export_increases import ProjectKeys
from crm.ledger.fields_dispatch_data import COMPLETIONS, LISTS, PROFILES, TARGETS
from crm.models import (
    CompletionEntry,
    County,
    DispatchProfile,
    ListEntry,
    Park,
    Programme,
    Target,
)

TARGET_EXPORT = ("seq", "year", "scope", "region_code", "county", "park", "measure", "value",
                 "record_id")  # fmt: skip

LIST_EXPORT = ("seq", "year", "project_code", "project", "level", "programme", "year_plan",
               "project_id", "record_id")  # fmt: skip

COMPLETION_EXPORT = ("seq", "project_code", "project", "period_end", "period_kind", "amount",
                     "year_to_date", "cumulative", "image_progress", "progress_note", "issues",
                     "project_id", "record_id")  # fmt: skip

PROFILE_EXPORT = ("seq", "project_code", "project", "construction_nature",
                  "expected_completion_on", "completed_on", "pooled_on", "leader_name",
                  "project_id")  # fmt: skip

Sheet = tuple[str, tuple[str, ...], Iterator[list[Any]]]


def dispatch_data_sheets(
    session: Session, project_keys: ProjectKeys, *, whole_ledger: bool
) -> list[Sheet]:
    """The sheets with a row to write; `project_keys` is filled as the projects sheet is
    written (before these sheets' rows are read)."""
    sheets: list[Sheet] = []
    if whole_ledger and _has(session, Target):
        sheets.append((TARGETS, TARGET_EXPORT, target_rows(session)))
    if _has(session, ListEntry):
        sheets.append((LISTS, LIST_EXPORT, list_rows(session, project_keys)))
    if _has(session, DispatchProfile):
        sheets.append((PROFILES, PROFILE_EXPORT, profile_rows(session, project_keys)))
    if _has(session, CompletionEntry):
        sheets.append((COMPLETIONS, COMPLETION_EXPORT, completion_rows(session, project_keys)))
    return sheets


def _has(session: Session, model: Any) -> bool:
    return bool(session.scalar(select(exists().where(model.deleted_at.is_(None)))))


def _whole(value: Decimal, measure: str) -> Decimal | int:
    """A count as the whole number it is (5, not 5.00)."""
    member = TargetMeasure._value2member_map_.get(measure)
    return value if member is None or member.is_amount else int(value)


def target_rows(session: Session) -> Iterator[list[Any]]:
    counties = dict(session.execute(select(County.code, County.name)).all())
    parks = dict(session.execute(select(Park.id, Park.name)).all())
    t = Target
    query = select(t).where(t.deleted_at.is_(None))
    order = (t.year, t.scope, t.region_code, t.park_id, t.measure, t.id)
    for target in session.scalars(query.order_by(*order)):
        yield [
            0, target.year, TargetScope.label_of(target.scope), target.region_code,
            counties.get(target.region_code or ""), parks.get(target.park_id or ""),
            TargetMeasure.label_of(target.measure), _whole(target.value, target.measure),
            target.id,
        ]  # fmt: skip


def list_rows(session: Session, project_keys: ProjectKeys) -> Iterator[list[Any]]:
    programmes = dict(session.execute(select(Programme.id, Programme.name)).all())
    e = ListEntry
    levels = case({m.value: n for n, m in enumerate(ProjectListLevel)}, value=e.level, else_=9)
    query = select(e).where(e.deleted_at.is_(None))
    for entry in session.scalars(query.order_by(e.year, levels, e.project_id, e.id)):
        if entry.project_id not in project_keys:
            continue  # a deleted project's, or one a filter left out
        code, name, _company = project_keys[entry.project_id]
        yield [
            0, entry.year, code, name, ProjectListLevel.label_of(entry.level),
            programmes.get(entry.programme_id or ""), entry.year_plan, entry.project_id,
            entry.id,
        ]  # fmt: skip


def completion_rows(session: Session, project_keys: ProjectKeys) -> Iterator[list[Any]]:
    c = CompletionEntry
    query = select(c).where(c.deleted_at.is_(None)).execution_options(yield_per=5000)
    for entry in session.scalars(query.order_by(c.period_end, c.project_id, c.id)):
        if entry.project_id not in project_keys:
            continue
        code, name, _company = project_keys[entry.project_id]
        yield [
            0, code, name, entry.period_end, CompletionPeriod.label_of(entry.period_kind),
            entry.amount, entry.year_to_date, entry.cumulative, entry.image_progress or None,
            entry.progress_note or None, entry.issues or None, entry.project_id, entry.id,
        ]  # fmt: skip


def profile_rows(session: Session, project_keys: ProjectKeys) -> Iterator[list[Any]]:
    """One row per project's profile, in the projects sheet's order (a blank cell: nothing on
    record)."""
    p = DispatchProfile
    query = select(p).where(p.deleted_at.is_(None))
    profiles = {profile.project_id: profile for profile in session.scalars(query)}
    for project_id, (code, name, _company) in project_keys.items():
        profile = profiles.get(project_id)
        if profile is None:
            continue
        nature = profile.construction_nature
        yield [
            0, code, name, ConstructionNature.label_of(nature) if nature else None,
            profile.expected_completion_on, profile.completed_on, profile.pooled_on,
            profile.leader_name or None, project_id,
        ]  # fmt: skip


def county_cell(session: Session, code: str | None) -> str | None:
    """A park's 所属县区 as a clerk reads it: the county's name, or its code where another
    county has that name too (the import reads either, crm.ledger.plan_targets.county_of)."""
    if not code:
        return None
    county = session.get(County, code)
    if county is None:
        return code
    name = county.name
    same = select(func.count()).where(or_(County.name == name, County.short_name == name))
    return name if session.scalar(same) == 1 else code
