"""Stage moves through the service layer: validate with crm.stages, write history, sync dates."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm.codes import Stage
from crm.derived import history_order
from crm.limits import max_length
from crm.models import Project, StageEvent
from crm.services import checks
from crm.services.result import Changed
from crm.stages import (
    StageState,
    StageStep,
    apply_step,
    milestones,
    plan_move,
    plan_reopen,
    plan_upgrade,
    replay,
)

AGREEMENT = max_length("stage_event", "agreement_type")
COMMENT = max_length("stage_event", "comment")


def history(session: Session, project_id: str) -> list[StageEvent]:
    return list(
        session.scalars(
            select(StageEvent)
            .where(StageEvent.project_id == project_id, StageEvent.deleted_at.is_(None))
            .order_by(*history_order(StageEvent.__table__))
        )
    )


def as_step(event: StageEvent) -> StageStep:
    return StageStep(
        Stage(event.stage),
        event.kind,
        event.occurred_on,
        not_applicable=event.not_applicable,
        agreement_type=event.agreement_type,
        comment=event.comment,
    )


def load_state(session: Session, project_id: str) -> StageState:
    return replay(as_step(event) for event in history(session, project_id))


def sync_project(project: Project, state: StageState) -> None:
    """Copy a replayed state onto the project's milestone columns."""
    for name, value in milestones(state).items():
        setattr(project, name, value)


def _write(session: Session, project: Project, state: StageState, steps: list[StageStep]) -> None:
    sequence = session.scalar(
        select(func.coalesce(func.max(StageEvent.sequence), 0)).where(
            StageEvent.project_id == project.id
        )
    )
    for offset, step in enumerate(steps, start=1):
        apply_step(state, step)
        session.add(
            StageEvent(
                project_id=project.id,
                stage=step.stage.value,
                occurred_on=step.on,
                not_applicable=step.not_applicable,
                kind=step.kind,
                agreement_type=step.agreement_type,
                comment=step.comment,
                sequence=sequence + offset,
            )
        )
    sync_project(project, state)
    session.flush()


def _stage(field: str, value: Any) -> Stage:
    return Stage(checks.choice(field, value, Stage))


def move_stage(
    session: Session,
    project_id: str,
    *,
    to_stage: str,
    on: date | None,
    agreement_type: str | None = None,
    comment: str = "",
    reason: str = "",
    skipped: Mapping[str, date | None] | None = None,
    today: date | None = None,
) -> Changed:
    project = checks.live(session, Project, project_id)
    target = _stage("to_stage", to_stage)
    skipped_stages = {
        _stage("skipped", k): checks.a_date(f"skipped.{k}", v) for k, v in (skipped or {}).items()
    }
    state = load_state(session, project_id)
    steps = plan_move(
        state,
        target,
        checks.a_date("on", on),
        today=today or date.today(),
        skipped=skipped_stages,
        agreement_type=checks.clean_text("agreement_type", agreement_type, max_length=AGREEMENT)
        or None,
        reason=checks.clean_text("reason", reason, max_length=max_length("project", "drop_reason")),
        comment=checks.clean_text("comment", comment, max_length=COMMENT),
    )
    _write(session, project, state, steps)
    return Changed("project", project_id, "stage")


def reopen_project(
    session: Session,
    project_id: str,
    *,
    to_stage: str,
    on: date | None,
    comment: str = "",
    today: date | None = None,
) -> Changed:
    project = checks.live(session, Project, project_id)
    state = load_state(session, project_id)
    step = plan_reopen(
        state,
        _stage("to_stage", to_stage),
        checks.a_date("on", on),
        today=today or date.today(),
        comment=checks.clean_text("comment", comment, max_length=COMMENT),
    )
    _write(session, project, state, [step])
    return Changed("project", project_id, "stage")


def upgrade_agreement(
    session: Session,
    project_id: str,
    *,
    agreement_type: str,
    on: date | None,
    comment: str = "",
    today: date | None = None,
) -> Changed:
    """Record an upgraded agreement (升格, e.g. intent → formal contract) with its date: the
    agreement type changes, the project is not signed again (its first signing stays)."""
    project = checks.live(session, Project, project_id)
    state = load_state(session, project_id)
    step = plan_upgrade(
        state,
        checks.clean_text("agreement_type", agreement_type, max_length=AGREEMENT),
        checks.a_date("on", on),
        today=today or date.today(),
        comment=checks.clean_text("comment", comment, max_length=COMMENT),
    )
    _write(session, project, state, [step])
    return Changed("project", project_id, "agreement")
