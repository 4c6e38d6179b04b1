"""Projects (招商项目): create, edit, delete. Stage moves live in services/stages.py."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from crm import project_codes
from crm.codes import Stage
from crm.derived import INVESTOR_DEFAULTS, event_values, fill_from_investor, project_source
from crm.errors import ValidationError
from crm.models import Company, Country, Industry, IndustryChain, Park, Project, Region, StageEvent
from crm.names import normalize_project_name
from crm.services import checks
from crm.services.records import (
    apply_fields,
    deleter,
    insert_row,
    refuse_changed_since,
    restorer,
    updated,
)
from crm.services.result import Changed
from crm.services.settings import bureau_of, get_setting
from crm.stages import StageStep

PROJECT_FIELDS = frozenset(
    {"code", "company_id", "industry_code", "chain_code", "planned_investment",
     "foreign_investment", "source_region_code", "source_country_code", "landing_region_code",
     "park_id", "responsible_unit", "responsible_person", "team_id", "is_major", "expected_jobs",
     "expected_annual_output", "expected_signing_on", "expected_start_on",
     "expected_operation_on", "notes", "name", "confidential"}
)  # fmt: skip


def _clean_code(session: Session, value: Any, project_id: str | None) -> str | None:
    code = checks.field_text("project", "code", value) or None
    if code is None:
        return None
    checks.unique(
        session,
        Project.code,
        code,
        project_id,
        what=("项目编号", "Project code"),
        code="duplicate_code",
    )
    return code


def _clean_project(
    session: Session, fields: dict[str, Any], project_id: str | None
) -> dict[str, Any]:
    from crm.models import Team

    values: dict[str, Any] = {}
    if "confidential" in fields:  # who may see it: crm.access
        values["confidential"] = bool(fields["confidential"])
    if "name" in fields:
        values["name"] = checks.required_field(
            "project", "name", fields["name"], label_zh="项目名称"
        )
        values["name_normalized"] = normalize_project_name(values["name"])
    if "code" in fields:
        values["code"] = _clean_code(session, fields["code"], project_id)
    for name, model in (("company_id", Company), ("park_id", Park), ("team_id", Team)):
        if name in fields:
            values[name] = checks.optional_live(session, model, fields[name], name)
    for name, model in (
        ("industry_code", Industry),
        ("chain_code", IndustryChain),
        ("source_region_code", Region),
        ("source_country_code", Country),
    ):
        if name in fields:
            values[name] = checks.reference(session, name, model, fields[name])
    if "landing_region_code" in fields:
        values["landing_region_code"] = (
            checks.field_text("project", "landing_region_code", fields["landing_region_code"])
            or None
        )
    if "planned_investment" in fields:
        values["planned_investment"] = checks.amount(
            "planned_investment", fields["planned_investment"]
        )
    for name in ("foreign_investment", "expected_annual_output"):
        if name in fields:
            values[name] = checks.amount(name, fields[name], allow_none=True)
    if "expected_jobs" in fields:
        values["expected_jobs"] = checks.count("expected_jobs", fields["expected_jobs"])
    for name in ("expected_signing_on", "expected_start_on", "expected_operation_on"):
        if name in fields:
            values[name] = checks.a_date(name, fields[name])
    for name in ("responsible_unit", "responsible_person", "notes"):
        if name in fields:
            values[name] = checks.field_text("project", name, fields[name])
    if "is_major" in fields:
        values["is_major"] = bool(fields["is_major"])
    return values


def _fill_from_company(session: Session, values: dict[str, Any]) -> None:
    """Industry, chain and source place default to the investor's."""
    company = session.get(Company, values["company_id"]) if values.get("company_id") else None
    if company is None:
        return
    fill_from_investor(values, {name: getattr(company, name) for name in INVESTOR_DEFAULTS})


def _derive_source(session: Session, project: Project) -> None:
    derived = project_source(
        project.source_region_code, project.source_country_code, bureau_of(session)
    )
    for name, value in derived.items():
        setattr(project, name, value)


def _check_amounts(project: Project) -> None:
    foreign = project.foreign_investment
    if foreign is not None and foreign > (project.planned_investment or Decimal(0)):
        raise ValidationError(
            "foreign_investment",
            foreign,
            "其中外资不能超过总投资",
            "Foreign capital cannot exceed the planned total",
            code="foreign_over_total",
        )


def create_project(
    session: Session,
    *,
    name: str,
    lead_on: date | None = None,
    assign_code: bool = True,
    **fields: Any,
) -> Changed:
    """A new lead. `lead_on` is when it was first recorded (None when unknown, e.g. imports).

    Without a code given, the project gets the next code of this year from the pattern in
    Settings (`project_code_pattern`), unless `assign_code` is False.
    """
    checks.unknown_fields(fields, PROJECT_FIELDS)
    given = {k: v for k, v in fields.items() if v is not None}
    values = _clean_project(session, {"name": name, **given}, None)
    _fill_from_company(session, values)
    lead_day = checks.a_date("lead_on", lead_on, not_future=True)
    project = Project(stage=Stage.LEAD.value, stage_on=lead_day, **values)
    _derive_source(session, project)
    _check_amounts(project)
    if project.code is None and assign_code:
        _insert_with_code(session, project, date.today().year)
    else:
        session.add(project)
        session.flush()
    lead = StageStep(Stage.LEAD, "advance", lead_day)
    session.add(StageEvent(project_id=project.id, **event_values(lead, 1)))
    session.flush()
    return Changed("project", project.id, "insert")


#: Tries to take the next free code when another window took the same number meanwhile.
CODE_ATTEMPTS = 5


def next_project_code(session: Session, year: int) -> str:
    """The next free code of `year` from the pattern in Settings (e.g. ZS2026-00001).

    Deleted and merged projects keep their codes: numbers are never reused.
    """
    return next_project_codes(session, year, 1)[0]


def next_project_codes(
    session: Session, year: int, count: int, *, taken: Collection[str] = ()
) -> list[str]:
    """The next `count` free codes of `year` (see next_project_code), passing over `taken`:
    the codes an imported file gives its own new projects."""
    pattern = project_codes.check_pattern(str(get_setting(session, "project_code_pattern")))
    prefix = project_codes.code_prefix(pattern, year)
    codes = session.scalars(
        select(Project.code).where(Project.code.startswith(prefix, autoescape=True))
    )
    numbers = (project_codes.sequence_of(pattern, year, code or "") for code in codes)
    number = max((n for n in numbers if n is not None), default=0)
    free: list[str] = []
    while len(free) < count:
        number += 1
        code = project_codes.format_code(pattern, year, number)
        if code not in taken:
            free.append(code)
    return free


def _insert_with_code(session: Session, project: Project, year: int) -> None:
    """Insert with the next code; when the unique constraint says another session took it
    first (two windows saving at once), take the one after."""
    for _attempt in range(CODE_ATTEMPTS):
        code = next_project_code(session, year)
        try:
            with session.begin_nested():
                project.code = code
                session.add(project)
                session.flush()
            return
        except IntegrityError:
            if session.scalar(select(Project.id).where(Project.code == code)) is None:
                raise  # another constraint failed: not a race for the number
    raise ValidationError(
        "code",
        None,
        "暂时无法分配项目编号（其他窗口正在同时新建项目），请再保存一次",
        "No project code could be assigned (other windows are creating projects): save once more",
        code="code_busy",
    )


def update_project(
    session: Session, project_id: str, *, seen_through: int | None = None, **fields: Any
) -> Changed:
    """Change `fields` of a project. `seen_through`: the change-log number the editor read the
    project at (crm.queries.project_detail.project_values); a field someone else changed since
    is refused, not overwritten."""
    checks.unknown_fields(fields, PROJECT_FIELDS)
    project = checks.live(session, Project, project_id)
    if seen_through is not None:
        refuse_changed_since(session, "project", project_id, seen_through, fields)
    values = _clean_project(session, fields, project_id)
    apply_fields(project, values)
    if {"source_region_code", "source_country_code"} & values.keys():
        _derive_source(session, project)
    _check_amounts(project)
    return updated(session, project)


delete_project = deleter(Project)


restore_project = restorer(Project)


def create_park(session: Session, *, name: str, region_code: str | None = None) -> Changed:
    clean = checks.required_field("park", "name", name, label_zh="园区名称")
    park = Park(
        name=checks.free_name(session, Park.name, clean, None, what=("园区", "A park")),
        region_code=checks.reference(session, "region_code", Region, region_code),
    )
    return insert_row(session, park)
