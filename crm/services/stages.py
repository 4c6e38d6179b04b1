"""Stage moves through the service layer: validate with crm.stages, write history, sync dates."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm.codes import Stage
from crm.derived import event_step, event_values, history_order
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


def history(session: Session, project_id: str) -> list[StageEvent]:
    return list(
        session.scalars(
            select(StageEvent)
            .where(StageEvent.project_id == project_id, StageEvent.deleted_at.is_(None))
            .order_by(*history_order(StageEvent.__table__))
        )
    )


def load_state(session: Session, project_id: str) -> StageState:
    return replay(event_step(event) for event in history(session, project_id))


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
        session.add(StageEvent(project_id=project.id, **event_values(step, sequence + offset)))
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
    checks.live(session, Project, project_id)
    target = _stage("to_stage", to_stage)
    skipped_stages = {
        _stage("skipped", k): checks.a_date(f"skipped.{k}", v) for k, v in (skipped or {}).items()
    }
    return _record(
        session,
        project_id,
        lambda state: plan_move(
            state,
            target,
            checks.a_date("on", on),
            today=today or date.today(),
            skipped=skipped_stages,
            agreement_type=checks.field_text("stage_event", "agreement_type", agreement_type)
            or None,
            reason=checks.clean_text(
                "reason", reason, max_length=max_length("project", "drop_reason")
            ),
            comment=checks.field_text("stage_event", "comment", comment),
        ),
    )


def _record(
    session: Session,
    project_id: str,
    plan: Callable[[StageState], list[StageStep]],
    kind: str = "stage",
) -> Changed:
    """Plan steps from the project's replayed history (crm.stages), write them and keep its
    milestone columns in step."""
    project = checks.live(session, Project, project_id)
    state = load_state(session, project_id)
    _write(session, project, state, plan(state))
    return Changed("project", project_id, kind)


def reopen_project(
    session: Session,
    project_id: str,
    *,
    to_stage: str,
    on: date | None,
    comment: str = "",
    today: date | None = None,
) -> Changed:
    return _record(
        session,
        project_id,
        lambda state: [
            plan_reopen(
                state,
                _stage("to_stage", to_stage),
                checks.a_date("on", on),
                today=today or date.today(),
                comment=checks.field_text("stage_event", "comment", comment),
            )
        ],
    )


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
    return _record(
        session,
        project_id,
        lambda state: [
            plan_upgrade(
                state,
                checks.field_text("stage_event", "agreement_type", agreement_type),
                checks.a_date("on", on),
                today=today or date.today(),
                comment=checks.field_text("stage_event", "comment", comment),
            )
        ],
        "agreement",
    )
