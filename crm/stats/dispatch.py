"""The figures of a 旬/月 dispatch notice (重大项目调度通报): each listed project's completion
this year against its year plan and 序时进度, the lists' totals, 四张清单, and the
technical-upgrade pool (技改项目库) by size ranges.

Rules (written out in crm/stats/KEYS.md):
- the year's lists are the live list entries of the period's year, of live projects in the
  scope; a project on several lists is one project whose year plan is the largest of them;
- 年度完成 = the year_to_date of the project's latest completion entry dated from 1 January to
  the period's end; 本期完成 = the amounts of entries dated in the period;
- 年度完成率 = 年度完成 ÷ year plan; a project is behind when its rate is below 序时进度;
- 新开工: planned to start in the year (expected_start_on); started = those started by the
  period's end; 开工率 = started ÷ planned. 竣工 likewise with expected_completion_on /
  completed_on. 在建: started by the end and not completed by it. 储备: not started by the end
  and not planned to start this year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from crm.codes import ConstructionNature, ProjectListLevel, Stage
from crm.periods import Period
from crm.stats.model import share_pct
from crm.stats.query import (
    COMPLETION,
    LIST,
    PROFILE,
    PROGRAMME,
    PROJECT,
    ZERO,
    CancelFn,
    ProgressFn,
    Steps,
    live_projects,
    money_sum,
    within,
)
from crm.stats.scope import BUREAU, Scope, seen_by

#: Size ranges of the upgrade pool in 万元: lower ≤ planned < upper (None: no upper bound).
UPGRADE_BANDS: tuple[tuple[Decimal, Decimal | None], ...] = (
    (Decimal(10000), Decimal(50000)),
    (Decimal(50000), Decimal(100000)),
    (Decimal(100000), None),
)


@dataclass(frozen=True)
class DispatchRow:
    project_id: str
    code: str
    name: str
    lists: str
    nature: str
    leader: str
    year_plan: Decimal
    completed_ytd: Decimal
    completed_in_period: Decimal
    rate_pct: Decimal | None
    behind: bool
    image_progress: str
    issues: str
    started_on: date | None
    completed_on: date | None


@dataclass(frozen=True)
class ListTotal:
    key: str
    label: str
    projects: int
    year_plan: Decimal
    completed_ytd: Decimal
    rate_pct: Decimal | None
    behind: int


@dataclass(frozen=True)
class FourList:
    """One of 四张清单: planned and done (None where the list has no plan), the names."""

    key: str
    label: str
    planned: int | None
    done: int
    rate_pct: Decimal | None
    names: tuple[str, ...]


@dataclass(frozen=True)
class Band:
    lower: Decimal
    upper: Decimal | None
    label: str
    projects: int
    investment: Decimal


@dataclass(frozen=True)
class UpgradePool:
    pooled: int
    pooled_in_year: int
    investment: Decimal
    bands: tuple[Band, ...]


@dataclass(frozen=True)
class DispatchFigures:
    period: Period
    scope: Scope
    year: int
    elapsed_pct: Decimal
    rows: tuple[DispatchRow, ...]
    lists: tuple[ListTotal, ...]
    total: ListTotal
    four_lists: tuple[FourList, ...]
    upgrade_pool: UpgradePool

    @property
    def behind(self) -> tuple[DispatchRow, ...]:
        return tuple(r for r in self.rows if r.behind)


@dataclass
class _Project:
    id: str
    code: str
    name: str
    stage: str
    expected_start_on: date | None
    started_on: date | None
    planned: Decimal
    nature: str | None = None
    expected_completion_on: date | None = None
    completed_on: date | None = None
    leader: str = ""
    plan: Decimal = ZERO
    lists: tuple[str, ...] = ()


def dispatch_figures(
    session: Session,
    period: Period,
    scope: Scope = BUREAU,
    *,
    as_of: date | None = None,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
    language: str = "zh",
) -> DispatchFigures:
    """Every figure of the dispatch notice for the period (cut at as_of, default today); the
    lists' names in `language` (the notice's are Chinese, the window passes its own)."""
    period = period.cut_at(as_of or date.today())
    scope = seen_by(session, scope)
    steps = Steps(4, progress, should_cancel)
    year_start = date(period.year, 1, 1)
    projects, per_list = _listed(session, period.year, scope, language)
    steps.step()
    latest = latest_completion(session, year_start, period.report_end)
    in_period = _amounts_in(session, period)
    steps.step()
    elapsed = period.elapsed_share_of_year()
    rows = tuple(
        _row(p, latest.get(p.id), in_period.get(p.id, ZERO), elapsed, language)
        for p in projects.values()
    )
    rows = tuple(sorted(rows, key=lambda r: (r.code or "~", r.name)))
    by_id = {r.project_id: r for r in rows}
    lists = tuple(
        _total(key, label, [by_id[i] for i in ids], per_list_plan)
        for (key, label), (ids, per_list_plan) in per_list.items()
    )
    total = _total("total", "合计", list(rows), {r.project_id: r.year_plan for r in rows})
    steps.step()
    four = four_lists(list(projects.values()), period.year, period.report_end)
    pool = upgrade_pool(session, period, scope)
    steps.step()
    return DispatchFigures(
        period=period,
        scope=scope,
        year=period.year,
        elapsed_pct=elapsed,
        rows=rows,
        lists=lists,
        total=total,
        four_lists=four,
        upgrade_pool=pool,
    )


def _listed(
    session: Session, year: int, scope: Scope, language: str = "zh"
) -> tuple[dict[str, _Project], dict[tuple[str, str], tuple[list[str], dict[str, Decimal]]]]:
    """The year's listed projects, and per list (level, programme) its projects and plans."""
    query = (
        select(
            PROJECT.c.id,
            PROJECT.c.code,
            PROJECT.c.name,
            PROJECT.c.stage,
            PROJECT.c.expected_start_on,
            PROJECT.c.started_on,
            PROJECT.c.planned_investment,
            PROFILE.c.construction_nature,
            PROFILE.c.expected_completion_on,
            PROFILE.c.completed_on,
            PROFILE.c.leader_name,
            LIST.c.level,
            LIST.c.year_plan,
            PROGRAMME.c.name.label("programme"),
        )
        .select_from(
            LIST.join(PROJECT, PROJECT.c.id == LIST.c.project_id)
            .outerjoin(
                PROFILE, and_(PROFILE.c.project_id == PROJECT.c.id, PROFILE.c.deleted_at.is_(None))
            )
            .outerjoin(
                PROGRAMME,
                and_(PROGRAMME.c.id == LIST.c.programme_id, PROGRAMME.c.deleted_at.is_(None)),
            )
        )
        .where(LIST.c.year == year, LIST.c.deleted_at.is_(None), *live_projects(scope))
    )
    projects: dict[str, _Project] = {}
    per_list: dict[tuple[str, str], tuple[list[str], dict[str, Decimal]]] = {}
    for r in session.execute(query):
        p = projects.get(r.id)
        if p is None:
            p = projects[r.id] = _Project(
                r.id, r.code or "", r.name, r.stage, r.expected_start_on, r.started_on,
                r.planned_investment or ZERO, r.construction_nature, r.expected_completion_on,
                r.completed_on, r.leader_name or "",
            )  # fmt: skip
        label = list_label(r.level, r.programme, language)
        p.plan = max(p.plan, r.year_plan or ZERO)
        if label not in p.lists:
            p.lists = (*p.lists, label)
        ids, plans = per_list.setdefault((f"{r.level}:{r.programme or ''}", label), ([], {}))
        if r.id not in plans:
            ids.append(r.id)
        plans[r.id] = max(plans.get(r.id, ZERO), r.year_plan or ZERO)
    return projects, dict(sorted(per_list.items(), key=lambda kv: _list_order(kv[0][0])))


def list_label(level: str, programme: str | None, language: str = "zh") -> str:
    """`市级重点项目（双百双新）`, in English `City key projects (双百双新)`: the level in
    `language`, the programme (a bureau's own name) as typed."""
    member = ProjectListLevel.from_text(level)
    if language.startswith("en"):
        name = f"{member.en} key projects" if member else level
        return f"{name} ({programme})" if programme else name
    name = f"{member.zh}重点项目" if member else level
    return f"{name}（{programme}）" if programme else name


def _list_order(key: str) -> tuple[int, str]:
    level, _, programme = key.partition(":")
    order = [m.value for m in ProjectListLevel]
    return (order.index(level) if level in order else len(order), programme)


@dataclass(frozen=True)
class Latest:
    period_end: date
    year_to_date: Decimal
    image_progress: str
    issues: str


def latest_completion(session: Session, start: date, end: date) -> dict[str, Latest]:
    """Per project, its latest live completion entry dated in [start, end]."""
    live = and_(COMPLETION.c.deleted_at.is_(None), COMPLETION.c.period_end.between(start, end))
    last = (
        select(COMPLETION.c.project_id, func.max(COMPLETION.c.period_end).label("last"))
        .where(live)
        .group_by(COMPLETION.c.project_id)
        .subquery()
    )
    query = select(
        COMPLETION.c.project_id, COMPLETION.c.period_end, COMPLETION.c.year_to_date,
        COMPLETION.c.image_progress, COMPLETION.c.issues,
    ).join(
        last, and_(last.c.project_id == COMPLETION.c.project_id,
                   last.c.last == COMPLETION.c.period_end),
    ).where(COMPLETION.c.deleted_at.is_(None))  # fmt: skip
    return {r[0]: Latest(r[1], r[2], r[3] or "", r[4] or "") for r in session.execute(query)}


def completed_in(period: Period) -> list[ColumnElement[bool]]:
    """完成投资 of a period: the live entries whose 旬 or month ends in it (the analysis
    counts by the same rule)."""
    return [COMPLETION.c.deleted_at.is_(None), within(COMPLETION.c.period_end, period)]


def _amounts_in(session: Session, period: Period) -> dict[str, Decimal]:
    query = (
        select(COMPLETION.c.project_id, money_sum(COMPLETION.c.amount))
        .where(*completed_in(period))
        .group_by(COMPLETION.c.project_id)
    )
    return {r[0]: r[1] for r in session.execute(query)}


def completion_rate(done: Decimal, plan: Decimal) -> Decimal | None:
    """年度完成率 in %, None without a plan."""
    return share_pct(done, plan) if plan else None


def _row(
    p: _Project, latest: Latest | None, in_period: Decimal, elapsed: Decimal, language: str = "zh"
) -> DispatchRow:
    done = latest.year_to_date if latest else ZERO
    rate = completion_rate(done, p.plan)
    nature = ConstructionNature.from_text(p.nature) if p.nature else None
    return DispatchRow(
        project_id=p.id,
        code=p.code,
        name=p.name,
        lists=(", " if language.startswith("en") else "、").join(p.lists),
        nature=nature.zh if nature else "",
        leader=p.leader,
        year_plan=p.plan,
        completed_ytd=done,
        completed_in_period=in_period,
        rate_pct=rate,
        behind=rate is not None and rate < elapsed,
        image_progress=latest.image_progress if latest else "",
        issues=latest.issues if latest else "",
        started_on=p.started_on,
        completed_on=p.completed_on,
    )


def _total(
    key: str, label: str, rows: Sequence[DispatchRow], plans: dict[str, Decimal]
) -> ListTotal:
    plan = sum(plans.values(), ZERO)
    done = sum((r.completed_ytd for r in rows), ZERO)
    return ListTotal(
        key, label, len(rows), plan, done, completion_rate(done, plan), sum(r.behind for r in rows)
    )


def _on_or_before(day: date | None, end: date) -> bool:
    return day is not None and day <= end


def _in_year(day: date | None, year: int) -> bool:
    return day is not None and day.year == year


def four_lists(projects: Sequence[_Project], year: int, end: date) -> tuple[FourList, ...]:
    """四张清单 of the year's listed projects as of `end` (rules in the module docstring)."""
    live = [p for p in projects if p.stage != Stage.DROPPED]
    planned_start = [p for p in live if _in_year(p.expected_start_on, year)]
    started = [p for p in planned_start if _on_or_before(p.started_on, end)]
    building = [
        p for p in live
        if _on_or_before(p.started_on, end) and not _on_or_before(p.completed_on, end)
    ]  # fmt: skip
    planned_done = [p for p in live if _in_year(p.expected_completion_on, year)]
    done = [p for p in planned_done if _on_or_before(p.completed_on, end)]
    reserve = [
        p for p in live
        if not _on_or_before(p.started_on, end) and not _in_year(p.expected_start_on, year)
    ]  # fmt: skip

    def names(items: Sequence[_Project]) -> tuple[str, ...]:
        return tuple(sorted(p.name for p in items))

    return (
        FourList("new_start", "新开工", len(planned_start), len(started),
                 share_pct(len(started), len(planned_start)) if planned_start else None,
                 names(planned_start)),
        FourList("building", "在建", None, len(building), None, names(building)),
        FourList("completion", "竣工", len(planned_done), len(done),
                 share_pct(len(done), len(planned_done)) if planned_done else None,
                 names(planned_done)),
        FourList("reserve", "储备", None, len(reserve), None, names(reserve)),
    )  # fmt: skip


def band_label(lower: Decimal, upper: Decimal | None) -> str:
    """'1—5亿元' for a range (lower included, upper not), '10亿元以上' for an open one."""
    low = f"{lower / 10000:g}"
    return f"{low}亿元以上" if upper is None else f"{low}—{upper / 10000:g}亿元"


def upgrade_pool(
    session: Session,
    period: Period,
    scope: Scope,
    bands: Sequence[tuple[Decimal, Decimal | None]] = UPGRADE_BANDS,
) -> UpgradePool:
    """技改 projects in the statistics pool (入库/纳统) by the period's end, by planned total."""
    query = (
        select(PROFILE.c.pooled_on, PROJECT.c.planned_investment)
        .select_from(PROFILE.join(PROJECT, PROJECT.c.id == PROFILE.c.project_id))
        .where(
            PROFILE.c.deleted_at.is_(None),
            PROFILE.c.construction_nature == ConstructionNature.UPGRADE.value,
            PROFILE.c.pooled_on <= period.report_end,
            *live_projects(scope),
        )
    )
    rows = session.execute(query).all()
    counted = []
    for lower, upper in bands:
        inside = [
            r.planned_investment for r in rows if _in_band(r.planned_investment, lower, upper)
        ]
        counted.append(Band(lower, upper, band_label(lower, upper), len(inside), sum(inside, ZERO)))
    return UpgradePool(
        pooled=len(rows),
        pooled_in_year=sum(1 for r in rows if r.pooled_on.year == period.year),
        investment=sum((r.planned_investment for r in rows), ZERO),
        bands=tuple(counted),
    )


def _in_band(amount: Decimal, lower: Decimal, upper: Decimal | None) -> bool:
    return amount >= lower and (upper is None or amount < upper)
