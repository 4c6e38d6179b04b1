"""When a list membership (CompanyTag) counts, and which firm it counts for.

A membership counts for a period when its edition year is not after the period's year and
it is still valid at the period's start. Valid from 1 January of its edition year until:
1. its `valid_until`, when set;
2. for a yearly ranking (a list kind with ranks: 世界500强, 中国企业500强 …), the end of the
   year after the edition (the 2025 list stays current until the 2026 one appears);
3. for a list kind with a validity in years (专精特新"小巨人": 3), the end of the last year
   of that validity (the 2023 edition holds through 2025);
4. otherwise until the firm's next edition of the same list (through the year before it),
   open-ended when there is none.
A membership without an edition year counts from always (until its valid_until, if set).

Firms are counted by group: an investor and its parent group are one firm (the group).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_, select

from crm.periods import Period
from crm.stats.query import COMPANY, COMPANY_TAG, PROJECT, TAG_KIND


def membership_counts(tag: Any, kind: Any, period: Period) -> ColumnElement[bool]:
    """`tag` a company_tag table (or alias), `kind` the tag_kind table joined on its code."""
    start_year = period.start.year
    edition = tag.c.edition_year
    later = COMPANY_TAG.alias("later_edition")
    next_edition_due = exists().where(
        later.c.company_id == tag.c.company_id,
        later.c.tag == tag.c.tag,
        later.c.deleted_at.is_(None),
        later.c.edition_year > edition,
        later.c.edition_year <= start_year,
    )
    open_ended = or_(
        edition.is_(None),
        and_(kind.c.has_rank.is_(True), edition + 1 >= start_year),
        and_(
            kind.c.has_rank.is_not(True),
            kind.c.validity_years.is_not(None),
            edition + kind.c.validity_years - 1 >= start_year,
        ),
        and_(
            kind.c.has_rank.is_not(True),
            kind.c.validity_years.is_(None),
            ~next_edition_due,
        ),
    )
    return and_(
        tag.c.deleted_at.is_(None),
        or_(edition.is_(None), edition <= period.year),
        or_(
            tag.c.valid_until >= period.start,
            and_(tag.c.valid_until.is_(None), open_ended),
        ),
    )


def group_key(company: Any) -> ColumnElement[str]:
    """The firm a company counts as: its parent group, else itself."""
    return func.coalesce(company.c.parent_id, company.c.id)


def tagged_projects(period: Period) -> Any:
    """(pid, tag) once per list the investor or its parent group is on, for memberships
    valid for the period: the briefs' by_tag rule, as a subquery (analysis, drill-down)."""
    investor = COMPANY.alias("analysis_investor")
    holder = COMPANY.alias("analysis_holder")
    return (
        select(PROJECT.c.id.label("pid"), COMPANY_TAG.c.tag.label("tag"))
        .select_from(
            PROJECT.join(
                investor,
                and_(investor.c.id == PROJECT.c.company_id, investor.c.deleted_at.is_(None)),
            )
            .join(COMPANY_TAG, COMPANY_TAG.c.company_id.in_([investor.c.id, investor.c.parent_id]))
            .join(
                holder, and_(holder.c.id == COMPANY_TAG.c.company_id, holder.c.deleted_at.is_(None))
            )
            .join(TAG_KIND, TAG_KIND.c.code == COMPANY_TAG.c.tag)
        )
        .where(membership_counts(COMPANY_TAG, TAG_KIND, period))
        .distinct()
        .subquery("analysis_tagged")
    )
