"""Merging duplicates: two projects (or two companies) that are the same one.

The survivor keeps its own record and stage history; the loser's dependent records (funds
entries, activities, problems — for a company: projects, activities, contacts, list
memberships, subsidiaries) move to the survivor; fields the survivor lacks are filled from
the loser; the loser is soft-deleted with `merged_into_id` pointing to the survivor. Every
change is an ORM write, so the change log records each one.

`plan_*_merge` computes what will happen (the preview); `merge_*` applies exactly that plan and
refuses when the data changed since the plan was shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.codes import Stage
from crm.errors import ValidationError, Warning_
from crm.models import (
    Activity,
    Company,
    CompanyTag,
    Contact,
    FundsEntry,
    Problem,
    Project,
    utcnow,
)
from crm.queries.project_detail import EDITABLE_FIELDS
from crm.services import checks
from crm.services.companies import update_company
from crm.services.projects import update_project
from crm.services.result import Changed

#: Project fields the survivor takes from the loser when it has none (the form's fields; the
#: name is the survivor's, the source country always has a value, is_major is a flag).
PROJECT_FILL_FIELDS = tuple(
    name
    for name in EDITABLE_FIELDS
    if name not in {"name", "source_country_code", "is_major", "confidential"}
)
#: Company fields the survivor takes from the loser when it has none.
COMPANY_FILL_FIELDS = (
    "uscc",
    "former_names",
    "english_name",
    "hq_region_code",
    "ownership",
    "industry_code",
    "chain_code",
    "parent_id",
    "website",
    "notes",
)


@dataclass(frozen=True)
class MergePlan:
    """What a merge does. `moves`: (table, ids moving to the survivor); `fills`: (field,
    value) the survivor takes from the loser; `warnings`: what the user should check."""

    table: str
    survivor_id: str
    survivor_name: str
    loser_id: str
    loser_name: str
    moves: tuple[tuple[str, tuple[str, ...]], ...]
    fills: tuple[tuple[str, Any], ...]
    warnings: tuple[Warning_, ...] = ()

    def count(self, table: str) -> int:
        return next((len(ids) for name, ids in self.moves if name == table), 0)


def _empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, Decimal) and value == 0)


def _fills(survivor: Any, loser: Any, fields: tuple[str, ...]) -> tuple[tuple[str, Any], ...]:
    return tuple(
        (name, getattr(loser, name))
        for name in fields
        if _empty(getattr(survivor, name)) and not _empty(getattr(loser, name))
    )


def _pair(session: Session, model: type[Any], survivor_id: str, loser_id: str) -> tuple[Any, Any]:
    if survivor_id == loser_id:
        raise ValidationError(
            "loser_id",
            loser_id,
            "不能把记录与它自己合并",
            "A record cannot be merged with itself",
            code="same_record",
        )
    return checks.live(session, model, survivor_id), checks.live(session, model, loser_id)


def _ids(session: Session, column: Any, loser_id: str) -> tuple[str, ...]:
    table = column.class_
    return tuple(
        session.scalars(
            select(table.id)
            .where(column == loser_id, table.deleted_at.is_(None))
            .order_by(table.id)
        )
    )


# -- projects ----------------------------------------------------------------------------------
def plan_project_merge(session: Session, *, survivor_id: str, loser_id: str) -> MergePlan:
    survivor, loser = _pair(session, Project, survivor_id, loser_id)
    moves = tuple(
        (column.class_.__tablename__, _ids(session, column, loser_id))
        for column in (FundsEntry.project_id, Activity.project_id, Problem.project_id)
    )
    fills = _fills(survivor, loser, PROJECT_FILL_FIELDS)
    if loser.is_major and not survivor.is_major:
        fills += (("is_major", True),)
    return MergePlan(
        "project",
        survivor.id,
        survivor.name,
        loser.id,
        loser.name,
        moves,
        fills,
        tuple(_project_warnings(survivor, loser, dict(moves))),
    )


def _project_warnings(
    survivor: Project, loser: Project, moves: dict[str, tuple[str, ...]]
) -> list[Warning_]:
    warnings = []
    if survivor.company_id and loser.company_id and survivor.company_id != loser.company_id:
        warnings.append(
            Warning_(
                "other_investor",
                "company_id",
                "两个项目的投资方不同，请确认是同一个项目",
                "The two projects have different investors: make sure they are the same project",
            )
        )
    ahead = Stage(loser.stage).order > Stage(survivor.stage).order
    if ahead and loser.stage != Stage.DROPPED.value:
        warnings.append(
            Warning_(
                "loser_ahead",
                "stage",
                f"被合并的项目已到“{Stage(loser.stage).zh}”，保留的项目是“{Stage(survivor.stage).zh}”："
                "合并后保留项目的阶段和阶段历程不变，可考虑改为保留另一个",
                f"The project merged away is '{Stage(loser.stage).en}', the one kept is "
                f"'{Stage(survivor.stage).en}': the kept project's stage and history stay as they "
                "are; consider keeping the other one",
            )
        )
    if moves.get("funds_entry") and Stage(survivor.stage).order < Stage.SIGNED.order:
        warnings.append(
            Warning_(
                "funds_before_signing",
                "stage",
                "移入的到位资金属于一个尚未签约的项目，请核对阶段",
                "Funds move to a project that is not signed yet: check its stage",
            )
        )
    return warnings


def merge_projects(
    session: Session, *, survivor_id: str, loser_id: str, plan: MergePlan | None = None
) -> MergePlan:
    """Merge `loser_id` into `survivor_id` as `plan` (the preview) says; returns the plan done."""
    moved = {m.__tablename__: (m, "project_id") for m in (FundsEntry, Activity, Problem)}
    fresh, _survivor, loser = _move_records(
        session, Project, plan_project_merge, (survivor_id, loser_id), plan, moved
    )
    _take_fills(session, loser, fresh, "code", update_project)
    _retire(session, loser, survivor_id)
    return fresh


# -- companies ---------------------------------------------------------------------------------
def plan_company_merge(session: Session, *, survivor_id: str, loser_id: str) -> MergePlan:
    survivor, loser = _pair(session, Company, survivor_id, loser_id)
    held = {
        (tag.tag, tag.edition_year)
        for tag in session.scalars(
            select(CompanyTag).where(
                CompanyTag.company_id == survivor_id, CompanyTag.deleted_at.is_(None)
            )
        )
    }
    tags = session.scalars(
        select(CompanyTag)
        .where(CompanyTag.company_id == loser_id, CompanyTag.deleted_at.is_(None))
        .order_by(CompanyTag.id)
    ).all()
    moves = (
        ("project", _ids(session, Project.company_id, loser_id)),
        ("activity", _ids(session, Activity.company_id, loser_id)),
        ("contact", _ids(session, Contact.company_id, loser_id)),
        ("company_tag", tuple(t.id for t in tags if (t.tag, t.edition_year) not in held)),
        # subsidiaries (the survivor itself, when it was one, is handled apart)
        (
            "company",
            tuple(i for i in _ids(session, Company.parent_id, loser_id) if i != survivor_id),
        ),
    )
    #: The loser's list memberships the survivor already has: retired, not doubled.
    repeated = tuple(t.id for t in tags if (t.tag, t.edition_year) in held)
    moves += (("company_tag_repeated", repeated),)
    fills = tuple(
        (name, value)
        for name, value in _fills(survivor, loser, COMPANY_FILL_FIELDS)
        if not (name == "parent_id" and value == survivor.id)
    )
    return MergePlan("company", survivor.id, survivor.name, loser.id, loser.name, moves, fills)


def merge_companies(
    session: Session, *, survivor_id: str, loser_id: str, plan: MergePlan | None = None
) -> MergePlan:
    """Merge company `loser_id` into `survivor_id` as `plan` says; returns the plan done."""
    moved = {
        "project": (Project, "company_id"),
        "activity": (Activity, "company_id"),
        "contact": (Contact, "company_id"),
        "company_tag": (CompanyTag, "company_id"),
        "company": (Company, "parent_id"),
    }
    fresh, survivor, loser = _move_records(
        session, Company, plan_company_merge, (survivor_id, loser_id), plan, moved
    )
    for record_id in dict(fresh.moves)["company_tag_repeated"]:
        session.get(CompanyTag, record_id).deleted_at = utcnow()
    if survivor.parent_id == loser.id:
        survivor.parent_id = loser.parent_id if loser.parent_id != survivor.id else None
    _take_fills(session, loser, fresh, "uscc", update_company)
    _retire(session, loser, survivor.id)
    return fresh


# -- both --------------------------------------------------------------------------------------
def _check_unchanged(shown: MergePlan | None, fresh: MergePlan) -> None:
    """A preview is a promise: refuse when the data changed since it was shown."""
    if shown is not None and shown != fresh:
        raise ValidationError(
            "plan",
            None,
            "合并预览之后数据已有变化，请重新预览后再合并",
            "The data changed since the merge preview: preview again before merging",
            code="plan_changed",
        )


def _move_records(
    session: Session,
    model: type[Any],
    planner: Callable[..., MergePlan],
    pair: tuple[str, str],
    shown: MergePlan | None,
    moved: dict[str, tuple[type[Any], str]],
) -> tuple[MergePlan, Any, Any]:
    """Plan again, hold the preview to it, and point the loser's dependents (by table: the
    model and the column that refers to the loser) at the survivor: (plan, survivor, loser)."""
    survivor_id, loser_id = pair
    fresh = planner(session, survivor_id=survivor_id, loser_id=loser_id)
    _check_unchanged(shown, fresh)
    for table, ids in fresh.moves:
        if table in moved:
            dependent, column = moved[table]
            for record_id in ids:
                setattr(session.get(dependent, record_id), column, survivor_id)
    return fresh, session.get(model, survivor_id), session.get(model, loser_id)


def _take_fills(
    session: Session, loser: Any, plan: MergePlan, unique: str, update: Callable[..., Any]
) -> None:
    """The survivor takes the loser's values it lacks, through its update service (checked,
    logged). A unique value (project code, USCC) is freed on the loser first."""
    fills = dict(plan.fills)
    if unique in fills:
        setattr(loser, unique, None)
        session.flush()
    if fills:
        update(session, plan.survivor_id, **fills)


def _retire(session: Session, loser: Any, survivor_id: str) -> None:
    loser.merged_into_id = survivor_id
    loser.deleted_at = utcnow()
    session.flush()


def merged_changes(plan: MergePlan) -> Changed:
    """The survivor as the record that changed (for the window's change signal)."""
    return Changed(plan.table, plan.survivor_id, "merge")


@dataclass(frozen=True)
class Merger:
    """One kind of merge: its preview, the merge itself (which takes the previewed plan back)
    and the tables it writes (what the window refreshes afterwards)."""

    plan: Callable[..., MergePlan]
    merge: Callable[..., MergePlan]
    tables: frozenset[str]


#: Merges by the table of the two records.
MERGERS = {
    "project": Merger(
        plan_project_merge,
        merge_projects,
        frozenset({"project", "funds_entry", "activity", "problem"}),
    ),
    "company": Merger(
        plan_company_merge,
        merge_companies,
        frozenset({"company", "project", "contact", "company_tag", "activity"}),
    ),
}
