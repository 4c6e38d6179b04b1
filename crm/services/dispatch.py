"""Major-project dispatch (重大项目调度): programmes, yearly list membership, a project's
dispatch profile, investment-completion entries and annual targets.

Written through the ORM, so the change log (crm.audit) records every field and offline sync
carries it like any other record.
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.codes import (
    CompletionPeriod,
    ConstructionNature,
    ProjectListLevel,
    TargetMeasure,
    TargetScope,
)
from crm.errors import ValidationError
from crm.limits import LIMITS
from crm.models import (
    CompletionEntry,
    County,
    DispatchProfile,
    ListEntry,
    Park,
    Programme,
    Project,
    Region,
    Target,
    Tracked,
)
from crm.services import checks
from crm.services.records import apply_fields, insert_row, soft_delete
from crm.services.result import Changed
from crm.sync.keyed_ids import profile_id

ZERO = Decimal(0)
T = TypeVar("T", bound=Tracked)
PROFILE_FIELDS = frozenset(
    {"construction_nature", "expected_completion_on", "completed_on", "pooled_on", "leader_name"}
)


def _text(table: str, field: str, value: Any) -> str:
    """Text cleaned and held to its column's length (crm.limits)."""
    return checks.clean_text(field, value, max_length=LIMITS[table][field])


def _upsert(
    session: Session,
    model: type[T],
    found: T | None,
    keys: dict[str, Any],
    values: dict[str, Any],
    new_id: str | None = None,
) -> Changed:
    """Insert the record (keys and values), or update (and revive) the one found: one record
    per natural key, so a repeated entry or import replaces instead of doubling. `new_id`: the
    id a new record takes when its key names it (crm.sync.keyed_ids)."""
    if found is None:
        found = model(**keys, **values)
        if new_id is not None:
            found.id = new_id
        session.add(found)
        op = "insert"
    else:
        op = "restore" if found.deleted_at is not None else "update"
        found.deleted_at = None
        apply_fields(found, values)
    session.flush()
    return Changed(model.__tablename__, found.id, op)  # type: ignore[attr-defined]


def create_programme(session: Session, *, name: str, notes: str = "") -> Changed:
    clean = checks.required_text(
        "name", name, label_zh="专项名称", max_length=LIMITS["programme"]["name"]
    )
    holder = session.scalar(select(Programme).where(Programme.name == clean))
    if holder is not None:
        if holder.deleted_at is None:
            raise ValidationError(
                "name",
                clean,
                f"专项名称已存在：{clean}",
                f"A programme with this name exists: {clean}",
                code="duplicate_name",
            )
        holder.deleted_at = None
        session.flush()
        return Changed("programme", holder.id, "restore")
    programme = Programme(
        name=clean, notes=checks.clean_text("notes", notes, max_length=LIMITS["programme"]["notes"])
    )
    return insert_row(session, programme)


def programme_named(session: Session, name: str) -> Programme | None:
    return session.scalar(
        select(Programme).where(Programme.name == name.strip(), Programme.deleted_at.is_(None))
    )


def set_profile(session: Session, *, project_id: str, **fields: Any) -> Changed:
    """Create or update a project's dispatch profile with the fields given."""
    checks.unknown_fields(fields, PROFILE_FIELDS)
    checks.live(session, Project, project_id, field="project_id")
    values: dict[str, Any] = {}
    if "construction_nature" in fields:
        values["construction_nature"] = checks.choice(
            "construction_nature", fields["construction_nature"], ConstructionNature,
            allow_none=True,
        )  # fmt: skip
    for name in ("expected_completion_on", "completed_on", "pooled_on"):
        if name in fields:
            values[name] = checks.a_date(name, fields[name])
    if "leader_name" in fields:
        values["leader_name"] = checks.clean_text(
            "leader_name",
            fields["leader_name"],
            max_length=LIMITS["dispatch_profile"]["leader_name"],
        )
    profile = session.scalar(
        select(DispatchProfile).where(DispatchProfile.project_id == project_id)
    )
    # The id comes from the project: a profile made for it on another site too is the same
    # record, so the two merge field by field when the sites sync.
    return _upsert(
        session, DispatchProfile, profile, {"project_id": project_id}, values,
        new_id=profile_id(project_id),
    )  # fmt: skip


def put_on_list(
    session: Session,
    *,
    project_id: str,
    year: int,
    level: str,
    year_plan: Any = ZERO,
    programme_id: str | None = None,
) -> Changed:
    """Put a project on the year's list at a level (and programme), or update its plan."""
    checks.live(session, Project, project_id, field="project_id")
    if programme_id:
        checks.live(session, Programme, programme_id, field="programme_id")
    values = {
        "year": checks.a_year("year", year),
        "level": checks.choice("level", level, ProjectListLevel),
        "programme_id": programme_id or None,
    }
    plan = checks.amount("year_plan", year_plan)
    entry = session.scalar(
        select(ListEntry).where(
            ListEntry.project_id == project_id,
            ListEntry.year == values["year"],
            ListEntry.level == values["level"],
            ListEntry.programme_id.is_(None)
            if programme_id is None
            else ListEntry.programme_id == programme_id,
        )
    )
    keys = {"project_id": project_id, **values}
    return _upsert(session, ListEntry, entry, keys, {"year_plan": plan})


def remove_from_list(session: Session, entry_id: str) -> Changed:
    return soft_delete(session, ListEntry, entry_id)


def check_period_end(kind: str, day: date) -> None:
    """A 旬 ends on the 10th, the 20th or the month's last day; a month on its last day."""
    last = calendar.monthrange(day.year, day.month)[1]
    ends = (10, 20, last) if kind == CompletionPeriod.XUN else (last,)
    if day.day not in ends:
        zh = "旬末（10日、20日或月末）" if kind == CompletionPeriod.XUN else "月末"
        raise ValidationError(
            "period_end",
            day,
            f"完成投资的截止日期应为{zh}：{day}",
            f"A {kind} entry must end on the last day of its {kind}: {day}",
            code="bad_period_end",
        )


def year_to_date_before(session: Session, project_id: str, day: date) -> Decimal:
    """The year's cumulative completion reported before `day` (same year), 0 if none."""
    value = session.scalar(
        select(CompletionEntry.year_to_date)
        .where(
            CompletionEntry.project_id == project_id,
            CompletionEntry.deleted_at.is_(None),
            CompletionEntry.period_end < day,
            CompletionEntry.period_end >= date(day.year, 1, 1),
        )
        .order_by(CompletionEntry.period_end.desc())
        .limit(1)
    )
    return value if value is not None else ZERO


def completion_amounts(
    previous: Decimal, amount: Decimal | None, year_to_date: Decimal | None
) -> tuple[Decimal, Decimal]:
    """(amount in the period, year to date) from whichever the report gave; one rule for the
    window and the importer."""
    if amount is None and year_to_date is None:
        raise ValidationError(
            "amount",
            None,
            "请填写本期完成投资或年度累计完成投资",
            "Give the amount completed in the period or the year's cumulative",
            code="required",
        )
    if year_to_date is None:
        return amount, previous + amount  # type: ignore[operator]
    if amount is None:
        if year_to_date < previous:
            raise ValidationError(
                "year_to_date",
                year_to_date,
                f"累计完成投资（{year_to_date}万元）小于上期累计（{previous}万元）",
                f"The cumulative ({year_to_date} 万元) is below the previous one ({previous} 万元)",
                code="cumulative_falls",
            )
        return year_to_date - previous, year_to_date
    return amount, year_to_date


def record_completion(
    session: Session,
    *,
    project_id: str,
    period_end: date,
    period_kind: str = "xun",
    amount: Any = None,
    year_to_date: Any = None,
    cumulative: Any = None,
    image_progress: str = "",
    progress_note: str = "",
    issues: str = "",
) -> Changed:
    """Record (or replace) a project's completion entry for the 旬 or month ending on
    period_end. Either amount or year_to_date may be left out: it follows from the other
    and the previous entry of the year."""
    checks.live(session, Project, project_id, field="project_id")
    kind = checks.choice("period_kind", period_kind, CompletionPeriod)
    end = checks.a_date("period_end", period_end, allow_none=False)
    assert kind is not None and end is not None
    check_period_end(kind, end)
    previous = year_to_date_before(session, project_id, end)
    amount_, ytd = completion_amounts(
        previous,
        checks.amount("amount", amount, allow_none=True),
        checks.amount("year_to_date", year_to_date, allow_none=True),
    )
    values = {
        "period_kind": kind,
        "amount": amount_,
        "year_to_date": ytd,
        "cumulative": checks.amount("cumulative", cumulative, allow_none=True),
        "image_progress": _text("completion_entry", "image_progress", image_progress),
        "progress_note": _text("completion_entry", "progress_note", progress_note),
        "issues": _text("completion_entry", "issues", issues),
    }
    entry = session.scalar(
        select(CompletionEntry).where(
            CompletionEntry.project_id == project_id, CompletionEntry.period_end == end
        )
    )
    keys = {"project_id": project_id, "period_end": end}
    return _upsert(session, CompletionEntry, entry, keys, values)


def delete_completion(session: Session, entry_id: str) -> Changed:
    return soft_delete(session, CompletionEntry, entry_id)


def set_target(
    session: Session,
    *,
    year: int,
    scope: str,
    measure: str,
    value: Any,
    region_code: str | None = None,
    park_id: str | None = None,
) -> Changed:
    """Create or replace the annual target of the bureau, a county/district or a park."""
    target_year = checks.a_year("year", year)
    scope_code = checks.choice("scope", scope, TargetScope)
    measure_code = TargetMeasure(checks.choice("measure", measure, TargetMeasure))
    amount = checks.amount("value", value)
    assert amount is not None
    if not measure_code.is_amount and amount != amount.to_integral_value():
        raise ValidationError(
            "value", value, f"目标个数应为整数：{value}", f"A count must be whole: {value}",
            code="not_number",
        )  # fmt: skip
    region, park = _target_place(session, scope_code, region_code, park_id)
    target = session.scalar(
        select(Target).where(
            Target.year == target_year,
            Target.scope == scope_code,
            Target.measure == measure_code.value,
            Target.region_code.is_(None) if region is None else Target.region_code == region,
            Target.park_id.is_(None) if park is None else Target.park_id == park,
        )
    )
    keys = {
        "year": target_year, "scope": scope_code, "measure": measure_code.value,
        "region_code": region, "park_id": park,
    }  # fmt: skip
    return _upsert(session, Target, target, keys, {"value": amount})


def delete_target(session: Session, target_id: str) -> Changed:
    return soft_delete(session, Target, target_id)


def _target_place(
    session: Session, scope: str | None, region_code: str | None, park_id: str | None
) -> tuple[str | None, str | None]:
    if scope == TargetScope.PARK:
        if not park_id:
            raise ValidationError(
                "park_id", None, "园区目标需指定园区", "A park target needs a park", code="required"
            )
        return None, checks.live(session, Park, park_id, field="park_id").id
    if scope == TargetScope.COUNTY:
        return check_county_code(session, region_code), None
    return None, None


def check_county_code(session: Session, code: str | None) -> str:
    """A six-digit GB/T 2260 code of a county or district (the shipped county list; a
    database without it accepts any code under a known city)."""
    text = (code or "").strip()
    well_formed = text.isdigit() and len(text) == 6 and not text.endswith("00")
    if session.scalar(select(County.code).limit(1)) is not None:
        known = well_formed and session.get(County, text) is not None
    else:
        known = well_formed and session.get(Region, text[:4] + "00") is not None
    if not known:
        raise ValidationError(
            "region_code",
            code,
            f"不是县（市、区）的行政区划代码：{code}",
            f"Not the code of a county or district: {code}",
            code="unknown_code",
        )
    return text


def set_park_county(session: Session, *, park_id: str, county_code: str | None) -> Changed:
    """Say which county or district a park lies in (None: unknown)."""
    park = checks.live(session, Park, park_id, field="park_id")
    apply_fields(park, {"county_code": check_county_code(session, county_code) if county_code
                        else None})  # fmt: skip
    session.flush()
    return Changed("park", park_id, "update")
