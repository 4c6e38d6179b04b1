"""Problems (问题清单 / 企业诉求): raise, work on, close out (销号), reopen."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from sqlalchemy.orm import Session

from crm.codes import ProblemCategory, ProblemStatus
from crm.errors import ValidationError, not_before
from crm.models import Problem, Project
from crm.services import checks
from crm.services.records import deleter, insert_row, update_row, updated
from crm.services.result import Changed

PROBLEM_FIELDS = frozenset({"category", "description", "responsible_unit", "raised_on", "due_on"})
#: What a problem's due date and its resolution may not come before.
_RAISED = ("提出日期", "the date raised")


def _clean(fields: dict[str, Any], today: date | None) -> dict[str, Any]:
    return checks.cleaned(
        fields,
        {
            "category": partial(checks.choice, "category", codes=ProblemCategory),
            "description": partial(
                checks.required_field, "problem", "description", label_zh="问题描述"
            ),
            "responsible_unit": partial(checks.field_text, "problem", "responsible_unit"),
            "raised_on": partial(checks.past_day, "raised_on", today=today),
            "due_on": partial(checks.a_date, "due_on"),
        },
    )


def _check_dates(problem: Problem) -> None:
    not_before("due_on", problem.due_on, problem.raised_on, ("办结期限", "The due date"), _RAISED)


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
    return insert_row(session, problem)


def update_problem(session: Session, problem_id: str, **fields: Any) -> Changed:
    clean = partial(_clean, fields, None)
    return update_row(
        session, Problem, problem_id, fields, PROBLEM_FIELDS, clean, check=_check_dates
    )


def _unresolved(session: Session, problem_id: str, zh: str, en: str) -> Problem:
    """The live problem, unless it is resolved (`zh`, `en`: why that is refused)."""
    problem = checks.live(session, Problem, problem_id)
    if problem.status == ProblemStatus.RESOLVED.value:
        raise ValidationError("status", problem.status, zh, en, code="resolved")
    return problem


def start_problem(session: Session, problem_id: str) -> Changed:
    problem = _unresolved(
        session, problem_id, "已销号的问题请先重新打开", "Reopen a resolved problem first"
    )
    problem.status = ProblemStatus.IN_PROGRESS.value
    return updated(session, problem)


def close_problem(
    session: Session,
    problem_id: str,
    *,
    resolution: str,
    resolved_on: Any,
    today: date | None = None,
) -> Changed:
    """销号: resolved with a note saying how."""
    problem = _unresolved(session, problem_id, "该问题已经销号", "The problem is already resolved")
    note = checks.required_field("problem", "resolution", resolution, label_zh="办理结果")
    day = checks.past_day("resolved_on", resolved_on, today)
    not_before("resolved_on", day, problem.raised_on, ("销号日期", "The resolution date"), _RAISED)
    problem.status, problem.resolution, problem.resolved_on = (
        ProblemStatus.RESOLVED.value,
        note,
        day,
    )
    return updated(session, problem)


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
    return updated(session, problem)


delete_problem = deleter(Problem)
