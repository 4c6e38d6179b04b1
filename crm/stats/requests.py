"""Enterprise requests (企业诉求) and project problems (问题清单) counted together: received,
办结, 办结率, on-time rate, satisfaction rate and overdue, for the whole and by category and
by handling unit, ranked.

`case_facts` reads one small row per request or problem; everything else is a pure function
of those rows and the period, so tests work the figures out by hand. The rules
(crm/stats/KEYS.md, `requests`):
- received: received (a problem: raised) in the period; 不予受理 ones are received, not
  accepted (受理数 = received − rejected);
- closed (办结): accepted ones received in the period and closed by its end (a problem:
  销号); 办结率 = closed ÷ accepted;
- on time: closed no later than the deadline (no deadline: on time); 按时办结率 = on time ÷
  closed;
- satisfaction: accepted ones received in the period whose latest return visit says 满意 or
  基本满意, over those visited (problems have no return visit);
- open and overdue at the period's end: anything accepted, received by then and not closed
  by then (whenever received); overdue when its deadline is before that day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from crm.codes import ProblemCategory, RequestStatus
from crm.periods import Period
from crm.request_states import SATISFIED_WORDS
from crm.stats.query import COMPANY, PROBLEM, PROJECT, REQUEST, Steps, live_projects
from crm.stats.scope import Scope, ScopeKind, hidden_project_ids, seen_by

OVERDUE_LIST_LIMIT = 15
NO_UNIT = "未填写承办单位"


@dataclass(frozen=True)
class CaseFact:
    """One request or project problem, as the figures need it."""

    id: str
    kind: str  # "request" or "problem"
    subject: str  # the enterprise (a request) or the project (a problem)
    content: str
    category: str
    unit: str
    received_on: date
    due_on: date | None
    closed_on: date | None
    rejected: bool
    satisfaction: str | None
    escalated_on: date | None = None


@dataclass(frozen=True)
class RequestRow:
    key: str
    label: str
    received: int
    rejected: int
    accepted: int
    closed: int
    closed_on_time: int
    visited: int
    satisfied: int
    open_at_end: int
    overdue_at_end: int
    #: 办结率, 按时办结率, 满意率 in % (None when nothing to divide by).
    closed_pct: Decimal | None
    on_time_pct: Decimal | None
    satisfaction_pct: Decimal | None
    #: 1 = best (by 办结率, then 按时办结率); equal figures share a rank. 0 = not ranked.
    rank: int = 0


@dataclass(frozen=True)
class OverdueCase:
    id: str
    kind: str
    subject: str
    content: str
    category: str
    category_label: str
    handling_unit: str
    received_on: date
    due_on: date
    days_overdue: int
    escalated: bool


@dataclass(frozen=True)
class RequestFigures:
    total: RequestRow
    #: The same figures for the enterprises' own requests and for project problems.
    requests: RequestRow
    problems: RequestRow
    #: Most received first.
    by_category: tuple[RequestRow, ...]
    #: Ranked: highest 办结率 first.
    by_unit: tuple[RequestRow, ...]
    #: Longest overdue first, at most OVERDUE_LIST_LIMIT (the count is total.overdue_at_end).
    overdue: tuple[OverdueCase, ...]


def percent(part: int, whole: int) -> Decimal | None:
    return None if whole == 0 else Decimal(part * 100) / Decimal(whole)


def _closed_by(fact: CaseFact, day: date) -> bool:
    return fact.closed_on is not None and fact.closed_on <= day


def tally(facts: Iterable[CaseFact], start: date, end: date, key: str, label: str) -> RequestRow:
    """The figures of a group of cases for the period [start, end]."""
    n = defaultdict(int)
    for f in facts:
        if f.rejected:
            n["rejected"] += start <= f.received_on <= end
            continue
        if f.received_on > end:
            continue
        if start <= f.received_on:
            n["accepted"] += 1
            if _closed_by(f, end):
                n["closed"] += 1
                n["on_time"] += f.due_on is None or f.closed_on <= f.due_on  # type: ignore[operator]
            if f.satisfaction:
                n["visited"] += 1
                n["satisfied"] += f.satisfaction in SATISFIED_WORDS
        if not _closed_by(f, end):
            n["open"] += 1
            n["overdue"] += f.due_on is not None and f.due_on < end
    return RequestRow(
        key=key,
        label=label,
        received=n["accepted"] + n["rejected"],
        rejected=n["rejected"],
        accepted=n["accepted"],
        closed=n["closed"],
        closed_on_time=n["on_time"],
        visited=n["visited"],
        satisfied=n["satisfied"],
        open_at_end=n["open"],
        overdue_at_end=n["overdue"],
        closed_pct=percent(n["closed"], n["accepted"]),
        on_time_pct=percent(n["on_time"], n["closed"]),
        satisfaction_pct=percent(n["satisfied"], n["visited"]),
    )


def _groups(facts: Sequence[CaseFact], key: Callable[[CaseFact], str]) -> dict[str, list[CaseFact]]:
    groups: dict[str, list[CaseFact]] = defaultdict(list)
    for f in facts:
        groups[key(f)].append(f)
    return groups


def rank_units(rows: Iterable[RequestRow]) -> tuple[RequestRow, ...]:
    """Highest 办结率 first, then 按时办结率, then most received; units with nothing
    accepted in the period come last, unranked."""

    def merit(r: RequestRow) -> tuple[Decimal, Decimal]:
        return (r.closed_pct or Decimal(-1), r.on_time_pct or Decimal(-1))

    ordered = sorted(
        rows, key=lambda r: (r.accepted == 0, *(-m for m in merit(r)), -r.received, r.label)
    )
    ranked: list[RequestRow] = []
    for position, row in enumerate(ordered, start=1):
        if row.accepted == 0:
            ranked.append(row)
            continue
        same = ranked and ranked[-1].rank and merit(ranked[-1]) == merit(row)
        ranked.append(replace(row, rank=ranked[-1].rank if same else position))
    return tuple(ranked)


def figures_of(
    facts: Sequence[CaseFact], start: date, end: date, *, limit: int = OVERDUE_LIST_LIMIT
) -> RequestFigures:
    """Every figure of the requests section, from the cases alone."""
    by_category = [
        tally(group, start, end, code, ProblemCategory.label_of(code))
        for code, group in _groups(facts, lambda f: f.category).items()
    ]
    by_category.sort(key=lambda r: (-r.received, -r.open_at_end, _category_order(r.key)))
    units = _groups(facts, lambda f: f.unit or NO_UNIT)
    by_unit = rank_units(tally(group, start, end, name, name) for name, group in units.items())
    kinds = _groups(facts, lambda f: f.kind)
    return RequestFigures(
        total=tally(facts, start, end, "total", "合计"),
        requests=tally(kinds.get("request", []), start, end, "request", "企业诉求"),
        problems=tally(kinds.get("problem", []), start, end, "problem", "项目问题"),
        by_category=tuple(r for r in by_category if r.received or r.open_at_end),
        by_unit=tuple(r for r in by_unit if r.received or r.open_at_end),
        overdue=_overdue(facts, end, limit),
    )


def _overdue(facts: Sequence[CaseFact], end: date, limit: int) -> tuple[OverdueCase, ...]:
    late = [
        f
        for f in facts
        if not f.rejected
        and f.received_on <= end
        and not _closed_by(f, end)
        and f.due_on is not None
        and f.due_on < end
    ]
    late.sort(key=lambda f: (f.due_on, f.received_on, f.id))
    return tuple(
        OverdueCase(
            id=f.id,
            kind=f.kind,
            subject=f.subject,
            content=f.content,
            category=f.category,
            category_label=ProblemCategory.label_of(f.category),
            handling_unit=f.unit,
            received_on=f.received_on,
            due_on=f.due_on,  # type: ignore[arg-type]
            days_overdue=(end - f.due_on).days,  # type: ignore[operator]
            escalated=f.escalated_on is not None and f.escalated_on <= end,
        )
        for f in late[:limit]
    )


def _category_order(code: str) -> int:
    codes = [c.value for c in ProblemCategory]
    return codes.index(code) if code in codes else len(codes)


def case_facts(session: Session, period: Period, scope: Scope) -> list[CaseFact]:
    """Requests and problems that can count in the period: received by its end and either
    received in it or not closed by its end."""
    start, end = period.start, period.report_end
    return [
        *_request_facts(session, start, end, scope),
        *_problem_facts(session, start, end, scope),
    ]


def _relevant(received, closed, start: date, end: date):  # type: ignore[no-untyped-def]
    return and_(received <= end, or_(received >= start, closed.is_(None), closed > end))


def _request_facts(session: Session, start: date, end: date, scope: Scope) -> list[CaseFact]:
    c = REQUEST.c
    joined = REQUEST.join(COMPANY, COMPANY.c.id == c.company_id)
    conditions = [c.deleted_at.is_(None), _relevant(c.received_on, c.closed_on, start, end)]
    if scope.kind is not ScopeKind.BUREAU:
        # Outside the whole bureau a request counts through its project.
        joined = joined.join(PROJECT, PROJECT.c.id == c.project_id)
        conditions += live_projects(scope)
    elif (hidden := hidden_project_ids(scope)) is not None:
        # A request naming a project the reader may not see is as confidential as it.
        conditions.append(or_(c.project_id.is_(None), c.project_id.not_in(hidden)))
    rows = session.execute(
        select(
            c.id, COMPANY.c.name, c.content, c.category, c.handling_unit, c.received_on,
            c.due_on, c.closed_on, c.status, c.satisfaction, c.escalated_on,
        ).select_from(joined).where(*conditions)
    )  # fmt: skip
    return [
        CaseFact(
            id=r[0], kind="request", subject=r[1], content=r[2], category=r[3], unit=r[4],
            received_on=r[5], due_on=r[6], closed_on=r[7],
            rejected=r[8] == RequestStatus.REJECTED.value, satisfaction=r[9], escalated_on=r[10],
        )
        for r in rows
    ]  # fmt: skip


def _problem_facts(session: Session, start: date, end: date, scope: Scope) -> list[CaseFact]:
    c = PROBLEM.c
    rows = session.execute(
        select(
            c.id, PROJECT.c.name, c.description, c.category, c.responsible_unit, c.raised_on,
            c.due_on, c.resolved_on,
        )
        .select_from(PROBLEM.join(PROJECT, PROJECT.c.id == c.project_id))
        .where(
            c.deleted_at.is_(None),
            _relevant(c.raised_on, c.resolved_on, start, end),
            *live_projects(scope),
        )
    )  # fmt: skip
    return [
        CaseFact(
            id=r[0], kind="problem", subject=r[1], content=r[2], category=r[3], unit=r[4],
            received_on=r[5], due_on=r[6], closed_on=r[7], rejected=False, satisfaction=None,
        )
        for r in rows
    ]  # fmt: skip


def request_figures(
    session: Session, period: Period, scope: Scope, *, steps: Steps | None = None
) -> RequestFigures:
    scope = seen_by(session, scope)
    figures = figures_of(case_facts(session, period, scope), period.start, period.report_end)
    if steps is not None:
        steps.step()
    return figures
