"""Visit coverage of key enterprises (走访覆盖率) in a period, usually a 旬.

On the list: a live company with a membership of the list that counts in the period (the
one rule of crm/stats/tags.py); without a list given, any list the bureau keeps itself.
Contacted: an activity dated in the period, on the enterprise or one of its projects, whose
participants name the commissioner (特派员) assigned to the enterprise on that day. An
activity on a project the reader may not see (another team's confidential lead, crm.access)
does not count for that reader: it is as confidential as its project.
走访覆盖率 = contacted ÷ on the list.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from crm import access
from crm.models import Activity, EnterpriseLiaison, Project
from crm.periods import Period
from crm.sqlin import in_ids
from crm.stats.query import COMPANY, COMPANY_TAG, TAG_KIND
from crm.stats.requests import percent
from crm.stats.tags import membership_counts


@dataclass(frozen=True)
class Liaison:
    company_id: str
    commissioner: str
    leader: str
    start_on: date
    end_on: date | None

    def covers(self, day: date) -> bool:
        return self.start_on <= day and (self.end_on is None or day <= self.end_on)


@dataclass(frozen=True)
class Contact:
    company_id: str
    occurred_on: date
    participants: str


@dataclass(frozen=True)
class CoverageRow:
    company_id: str
    company_name: str
    lists: str
    commissioner: str
    leader: str
    contacted: bool
    contacts: int
    last_contact: date | None


@dataclass(frozen=True)
class Coverage:
    period: Period
    list_label: str
    on_list: int
    contacted: int
    coverage_pct: Decimal | None
    without_commissioner: int
    #: Not contacted first, then by name.
    rows: tuple[CoverageRow, ...]


def coverage_rows(
    members: dict[str, tuple[str, str]],
    liaisons: Iterable[Liaison],
    contacts: Iterable[Contact],
    start: date,
    end: date,
) -> list[CoverageRow]:
    """`members`: company id → (name, the lists it is on). Pure: tests work it by hand."""
    by_company: dict[str, list[Liaison]] = defaultdict(list)
    for liaison in liaisons:
        by_company[liaison.company_id].append(liaison)
    done: dict[str, list[date]] = defaultdict(list)
    for c in contacts:
        if not start <= c.occurred_on <= end:
            continue
        for liaison in by_company.get(c.company_id, ()):
            name = liaison.commissioner
            if name and liaison.covers(c.occurred_on) and name in c.participants:
                done[c.company_id].append(c.occurred_on)
                break
    rows = []
    for company_id, (name, lists) in members.items():
        current = _current(by_company.get(company_id, []), end)
        days = done.get(company_id, [])
        rows.append(
            CoverageRow(
                company_id=company_id,
                company_name=name,
                lists=lists,
                commissioner=current.commissioner if current else "",
                leader=current.leader if current else "",
                contacted=bool(days),
                contacts=len(days),
                last_contact=max(days) if days else None,
            )
        )
    rows.sort(key=lambda r: (r.contacted, r.company_name))
    return rows


def _current(liaisons: Sequence[Liaison], day: date) -> Liaison | None:
    """The assignment holding on `day`, else the latest one before it."""
    started = [x for x in liaisons if x.start_on <= day]
    holding = [x for x in started if x.covers(day)]
    pool = holding or started
    return max(pool, key=lambda x: x.start_on) if pool else None


def key_enterprise_coverage(
    session: Session, period: Period, *, list_code: str | None = None
) -> Coverage:
    members = _members(session, period, list_code)
    ids = list(members)
    rows = (
        coverage_rows(
            members,
            _liaisons(session, ids, period),
            _contacts(session, ids, period),
            period.start,
            period.report_end,
        )
        if ids
        else []
    )
    contacted = sum(r.contacted for r in rows)
    label = (
        session.scalar(select(TAG_KIND.c.name_zh).where(TAG_KIND.c.code == list_code))
        if list_code
        else "本单位重点企业名单"
    )
    return Coverage(
        period=period,
        list_label=str(label or list_code),
        on_list=len(rows),
        contacted=contacted,
        coverage_pct=percent(contacted, len(rows)),
        without_commissioner=sum(not r.commissioner for r in rows),
        rows=tuple(rows),
    )


def _members(session: Session, period: Period, list_code: str | None) -> dict[str, tuple[str, str]]:
    which = TAG_KIND.c.code == list_code if list_code else TAG_KIND.c.is_bureau.is_(True)
    found: dict[str, tuple[str, list[str]]] = {}
    for cid, name, list_name in session.execute(
        select(COMPANY.c.id, COMPANY.c.name, TAG_KIND.c.name_zh)
        .select_from(
            COMPANY_TAG.join(TAG_KIND, TAG_KIND.c.code == COMPANY_TAG.c.tag).join(
                COMPANY, COMPANY.c.id == COMPANY_TAG.c.company_id
            )
        )
        .where(
            which, COMPANY.c.deleted_at.is_(None), membership_counts(COMPANY_TAG, TAG_KIND, period)
        )
    ):
        entry = found.setdefault(cid, (name, []))
        if list_name not in entry[1]:
            entry[1].append(list_name)
    return {cid: (name, "、".join(lists)) for cid, (name, lists) in found.items()}


def _liaisons(session: Session, ids: list[str], period: Period) -> list[Liaison]:
    L = EnterpriseLiaison
    rows = session.execute(
        select(L.company_id, L.commissioner, L.leader, L.start_on, L.end_on).where(
            L.deleted_at.is_(None),
            in_ids(session.connection(), L.company_id, ids),
            L.start_on <= period.report_end,
        )
    )
    return [Liaison(*r) for r in rows]


def _contacts(session: Session, ids: list[str], period: Period) -> list[Contact]:
    A, conn = Activity, session.connection()
    rows = session.execute(
        select(
            Project.company_id.label("project_company"), A.company_id, A.occurred_on, A.participants
        )
        .select_from(A)
        .outerjoin(Project, Project.id == A.project_id)
        .where(
            A.deleted_at.is_(None),
            A.occurred_on >= period.start,
            A.occurred_on <= period.report_end,
            access.visible_project_ids(session, A.project_id),
            or_(in_ids(conn, A.company_id, ids), in_ids(conn, Project.company_id, ids)),
        )
    )
    wanted = set(ids)
    found = []
    for project_company, company_id, day, participants in rows:
        for cid in {project_company, company_id} & wanted:
            found.append(Contact(cid, day, participants or ""))
    return found
