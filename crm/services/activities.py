"""Follow-up records (跟进记录)."""

from __future__ import annotations

from functools import partial
from typing import Any

from sqlalchemy.orm import Session

from crm.codes import ActivityKind
from crm.errors import ValidationError, not_before
from crm.models import Activity, Company, Project, Team
from crm.services import checks
from crm.services.records import deleter, insert_row, update_row
from crm.services.result import Changed

ACTIVITY_FIELDS = frozenset(
    {"occurred_on", "kind", "project_id", "company_id", "team_id", "participants", "summary",
     "next_step", "next_step_due"}
)  # fmt: skip


def _clean(session: Session, fields: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if "occurred_on" in fields:
        values["occurred_on"] = checks.a_date(
            "occurred_on", fields["occurred_on"], allow_none=False
        )
    if "kind" in fields:
        values["kind"] = checks.choice("kind", fields["kind"], ActivityKind)
    for name, model in (("project_id", Project), ("company_id", Company), ("team_id", Team)):
        if name in fields:
            values[name] = checks.optional_live(session, model, fields[name], name)
    for name in ("participants", "summary", "next_step"):
        if name in fields:
            values[name] = checks.field_text("activity", name, fields[name])
    if "next_step_due" in fields:
        values["next_step_due"] = checks.a_date("next_step_due", fields["next_step_due"])
    return values


def _check(activity: Activity) -> None:
    if not (activity.project_id or activity.company_id or activity.team_id):
        raise ValidationError(
            "project_id",
            None,
            "跟进记录须关联项目、企业或工作队",
            "An activity must belong to a project, a company or a team",
            code="required",
        )
    due = activity.next_step_due
    not_before(
        "next_step_due",
        due,
        activity.occurred_on,
        ("下一步期限", "The next step's due date"),
        ("记录日期", "the activity's date"),
    )
    if due is not None and not activity.next_step:
        raise ValidationError(
            "next_step",
            "",
            "填写了期限就要写下一步工作",
            "A due date needs the next step",
            code="required",
        )


def log_activity(session: Session, *, occurred_on: Any, kind: str, **fields: Any) -> Changed:
    checks.unknown_fields(fields, ACTIVITY_FIELDS)
    values = _clean(session, {"occurred_on": occurred_on, "kind": kind, **fields})
    if values.get("project_id") and not values.get("company_id"):
        values["company_id"] = session.get(Project, values["project_id"]).company_id  # type: ignore[union-attr]
    activity = Activity(**values)
    _check(activity)
    return insert_row(session, activity)


def update_activity(session: Session, activity_id: str, **fields: Any) -> Changed:
    clean = partial(_clean, session, fields)
    return update_row(session, Activity, activity_id, fields, ACTIVITY_FIELDS, clean, check=_check)


delete_activity = deleter(Activity)
