"""Key projects: the largest newly signed projects of the period, with investor, lists,
team and current stage. A project signed in the period and dropped since stays in its
period (its stage reads 终止) but never heads the table: dropped projects come last."""

from __future__ import annotations

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from crm.codes import Stage
from crm.periods import Period
from crm.stats.labels import Labels
from crm.stats.model import KeyProject
from crm.stats.query import (
    COMPANY,
    COMPANY_TAG,
    PROJECT,
    TAG_KIND,
    TEAM,
    Steps,
    live_team_join,
    signed_in,
)
from crm.stats.scope import Scope
from crm.stats.tags import membership_counts

KEY_PROJECT_LIMIT = 10


def key_projects(
    session: Session,
    period: Period,
    scope: Scope,
    *,
    labels: Labels,
    steps: Steps,
    limit: int = KEY_PROJECT_LIMIT,
) -> tuple[KeyProject, ...]:
    p = PROJECT.c
    investor = and_(COMPANY.c.id == p.company_id, COMPANY.c.deleted_at.is_(None))
    rows = session.execute(
        select(
            p.id,
            p.name,
            func.coalesce(COMPANY.c.name, ""),
            p.planned_investment,
            func.coalesce(TEAM.c.name, ""),
            p.stage,
            p.first_signed_on,
            p.industry_code,
            p.source_region_code,
            p.source_country_code,
            COMPANY.c.id,
            COMPANY.c.parent_id,
        )
        .select_from(PROJECT.outerjoin(COMPANY, investor).outerjoin(TEAM, live_team_join()))
        .where(signed_in(scope, period))
        .order_by(
            case((p.stage == Stage.DROPPED.value, 1), else_=0),
            p.planned_investment.desc(),
            p.first_signed_on,
            p.name,
            p.id,
        )
        .limit(limit)
    ).all()
    tags = _tags(session, {c for r in rows for c in (r[10], r[11]) if c}, period)
    steps.step()
    order = [t.code for t in labels.tag_kinds]
    names = {t.code: t.name for t in labels.tag_kinds}
    result = []
    for r in rows:
        codes = sorted(tags.get(r[10], set()) | tags.get(r[11], set()), key=_position(order))
        result.append(
            KeyProject(
                project_id=r[0],
                name=r[1],
                investor=r[2],
                tags=tuple(codes),
                tag_labels=tuple(names.get(c, c) for c in codes),
                investment=r[3],
                team_name=r[4],
                stage=r[5],
                stage_label=Stage.label_of(r[5]),
                signed_on=r[6],
                industry_label=labels.section_name(labels.section(r[7])),
                source_label=labels.source_label(r[8], r[9]),
            )
        )
    return tuple(result)


def _tags(session: Session, company_ids: set[str], period: Period) -> dict[str, set[str]]:
    """List memberships of these companies that count for the period (crm.stats.tags)."""
    if not company_ids:
        return {}
    rows = session.execute(
        select(COMPANY_TAG.c.company_id, COMPANY_TAG.c.tag)
        .select_from(
            COMPANY_TAG.join(COMPANY, COMPANY.c.id == COMPANY_TAG.c.company_id).join(
                TAG_KIND, TAG_KIND.c.code == COMPANY_TAG.c.tag
            )
        )
        .where(
            COMPANY_TAG.c.company_id.in_(company_ids),
            COMPANY.c.deleted_at.is_(None),
            membership_counts(COMPANY_TAG, TAG_KIND, period),
        )
    )
    found: dict[str, set[str]] = {}
    for company_id, tag in rows:
        found.setdefault(company_id, set()).add(tag)
    return found


def _position(order: list[str]):
    return lambda code: (order.index(code) if code in order else len(order), code)
