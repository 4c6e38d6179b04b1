"""Problems (问题清单 / 企业诉求): raise, work on, close out (销号), reopen."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from crm.codes import ProblemCategory, ProblemStatus
from crm.errors import ValidationError
from crm.limits import max_length
from crm.models import Problem, Project
from crm.services import checks
from crm.services.records import apply_fields, soft_delete
from crm.services.result import Changed

PROBLEM_FIELDS = frozenset({"category", "description", "responsible_unit", "raised_on", "due_on"})


def _clean(fields: dict[str, Any], today: date | None) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if "category" in fields:
        values["category"] = checks.choice("category", fields["category"], ProblemCategory)
    if "description" in fields:
        values["description"] = checks.required_text(
            "description",
            fields["description"],
            label_zh="问题描述",
            max_length=max_length("problem", "description"),
        )
    if "responsible_unit" in fields:
        values["responsible_unit"] = checks.clean_text(
            "responsible_unit",
            fields["responsible_unit"],
            max_length=max_length("problem", "responsible_unit"),
        )
    if "raised_on" in fields:
        values["raised_on"] = checks.a_date(
            "raised_on", fields["raised_on"], allow_none=False, not_future=True, today=today
        )
    if "due_on" in fields:
        values["due_on"] = checks.a_date("due_on", fields["due_on"])
    return values


def _check_dates(problem: Problem) -> None:
    if problem.due_on is not None and problem.due_on < problem.raised_on:
        raise ValidationError(
            "due_on",
            problem.due_on,
            f"办结期限（{problem.due_on}）早于提出日期（{problem.raised_on}）",
            f"Due ({problem.due_on}) before raised ({problem.raised_on})",
            code="date_order",
        )


def raise_problem(
    session: Session,
    *,
    project_id: str,
    category: str,
    description: str,
    raised_on: Any,
    responsible_unit: str = "",
    due_on: Any = None,
    today: date | None = None,
) -> Changed:
    checks.live(session, Project, project_id, field="project_id")
    problem = Problem(
        project_id=project_id,
        status=ProblemStatus.OPEN.value,
        **_clean(
            {
                "category": category,
                "description": description,
                "raised_on": raised_on,
                "responsible_unit": responsible_unit,
                "due_on": due_on,
            },
            today,
        ),
    )
    _check_dates(problem)
    session.add(problem)
    session.flush()
    return Changed("problem", problem.id, "insert")


def update_problem(session: Session, problem_id: str, **fields: Any) -> Changed:
    checks.unknown_fields(fields, PROBLEM_FIELDS)
    problem = checks.live(session, Problem, problem_id)
    apply_fields(problem, _clean(fields, None))
    _check_dates(problem)
    session.flush()
    return Changed("problem", problem_id, "update")


def start_problem(session: Session, problem_id: str) -> Changed:
    problem = checks.live(session, Problem, problem_id)
    if problem.status == ProblemStatus.RESOLVED.value:
        raise ValidationError(
            "status",
            problem.status,
            "已销号的问题请先重新打开",
            "Reopen a resolved problem first",
            code="resolved",
        )
    problem.status = ProblemStatus.IN_PROGRESS.value
    session.flush()
    return Changed("problem", problem_id, "update")


def close_problem(
    session: Session,
    problem_id: str,
    *,
    resolution: str,
    resolved_on: Any,
    today: date | None = None,
) -> Changed:
    """销号: resolved with a note saying how."""
    problem = checks.live(session, Problem, problem_id)
    if problem.status == ProblemStatus.RESOLVED.value:
        raise ValidationError(
            "status",
            problem.status,
            "该问题已经销号",
            "The problem is already resolved",
            code="resolved",
        )
    note = checks.required_text(
        "resolution",
        resolution,
        label_zh="办理结果",
        max_length=max_length("problem", "resolution"),
    )
    day = checks.a_date("resolved_on", resolved_on, allow_none=False, not_future=True, today=today)
    assert day is not None
    if day < problem.raised_on:
        raise ValidationError(
            "resolved_on",
            day,
            f"销号日期（{day}）早于提出日期",
            f"Resolved ({day}) before it was raised",
            code="date_order",
        )
    problem.status, problem.resolution, problem.resolved_on = (
        ProblemStatus.RESOLVED.value,
        note,
        day,
    )
    session.flush()
    return Changed("problem", problem_id, "update")


def reopen_problem(session: Session, problem_id: str) -> Changed:
    problem = checks.live(session, Problem, problem_id)
    if problem.status != ProblemStatus.RESOLVED.value:
        raise ValidationError(
            "status",
            problem.status,
            "只有已销号的问题可以重新打开",
            "Only resolved problems can be reopened",
            code="not_resolved",
        )
    problem.status, problem.resolved_on = ProblemStatus.OPEN.value, None
    session.flush()
    return Changed("problem", problem_id, "update")


def delete_problem(session: Session, problem_id: str) -> Changed:
    return soft_delete(session, Problem, problem_id)
