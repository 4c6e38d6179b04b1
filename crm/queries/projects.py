"""Read side of projects (招商项目): the filtered list, the pipeline board, the detail panel.

Every query hides soft-deleted rows. The list is split the way the paged table wants it:
`ProjectQuery.ids` filters and sorts in SQL and returns ids only; `fetch_rows` fetches a page
with a fixed number of queries (no query per row or cell).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    case,
    exists,
    false,
    func,
    or_,
    select,
    true,
)
from sqlalchemy.orm import Session, aliased

from crm import search, stalled
from crm.codes import PIPELINE, ProblemStatus, Stage
from crm.derived import event_step, history_order
from crm.duplicates import SimilarProject, similar_projects
from crm.models import (
    Activity,
    ChangeLog,
    Company,
    CompanyTag,
    Country,
    FundsEntry,
    Industry,
    IndustryChain,
    Park,
    Problem,
    Project,
    Region,
    RegionGroup,
    RegionGroupMember,
    StageEvent,
    TagKindRef,
    Team,
)
from crm.names import normalize_project_name
from crm.queries import id_in, ordering
from crm.stages import StageState, apply_step

#: Stage dates a date-range filter may apply to.
DATE_FIELDS = ("signed_on", "funded_on", "started_on", "operating_on", "dropped_on", "stage_on")

#: Ready-made "stalled" views for dispatch meetings (the rule: crm.stalled).
STALLED_SIGNED_NOT_STARTED = stalled.SIGNED_NOT_STARTED
STALLED_STARTED_NOT_OPERATING = stalled.STARTED_NOT_OPERATING
#: The screen's code of the no-update view (kept: saved views store it).
STALLED_NO_ACTIVITY = "no_activity"
STALLED_ANY = "any"
_STALLED_KINDS = {
    STALLED_SIGNED_NOT_STARTED: stalled.SIGNED_NOT_STARTED,
    STALLED_STARTED_NOT_OPERATING: stalled.STARTED_NOT_OPERATING,
    STALLED_NO_ACTIVITY: stalled.NO_UPDATE,
    stalled.NO_UPDATE: stalled.NO_UPDATE,
}
_DEFAULT_RULES = stalled.StalledRules()


@dataclass(frozen=True)
class StalledRule:
    """Thresholds in days (from crm.services.settings stalled_* keys) and the day to count from."""

    signed_not_started_days: int = _DEFAULT_RULES.signed_not_started
    started_not_operating_days: int = _DEFAULT_RULES.started_not_operating
    no_update_days: int = _DEFAULT_RULES.no_update
    today: date | None = None

    @property
    def rules(self) -> stalled.StalledRules:
        return stalled.StalledRules(
            self.signed_not_started_days, self.started_not_operating_days, self.no_update_days
        )


@dataclass(frozen=True)
class ProjectFilter:
    """What the projects screen filters by. Empty values mean "any"; all given ones combine."""

    text: str = ""
    stages: tuple[str, ...] = ()
    #: A GB/T 4754 section letter (matches its divisions too) or a division code.
    industry_code: str = ""
    chain_code: str = ""
    #: Source region group code (粤港澳大湾区 …) and/or province code (6 digits or 2).
    region_group: str = ""
    source_province: str = ""
    team_id: str = ""
    #: Company list memberships (any of them; the group's lists count for its subsidiaries).
    tags: tuple[str, ...] = ()
    landing_region_code: str = ""
    park_id: str = ""
    date_field: str = ""
    date_from: date | None = None
    date_to: date | None = None
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    overdue_problems: bool = False
    is_major: bool = False
    stalled: str = ""
    stalled_rule: StalledRule = field(default_factory=StalledRule)
    #: The projects behind a figure of the dashboard, a brief or an analysis (crm.queries.drill).
    figure: str = ""

    def with_(self, **changes: Any) -> ProjectFilter:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form for saved views."""
        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if name == "stalled_rule":
                continue
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, Decimal):
                value = str(value)
            elif isinstance(value, tuple):
                value = list(value)
            out[name] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ProjectFilter:
        kwargs: dict[str, Any] = {}
        for name, value in data.items():
            if name not in cls.__dataclass_fields__ or name == "stalled_rule":
                continue
            if name in ("date_from", "date_to") and value:
                value = date.fromisoformat(value)
            elif name in ("amount_min", "amount_max") and value not in (None, ""):
                value = Decimal(str(value))
            elif name in ("stages", "tags"):
                value = tuple(value or ())
            kwargs[name] = value
        return cls(**kwargs)


# -- the list ----------------------------------------------------------------------------------
#: Positions in the tuples `fetch_rows` returns; the UI's column specs index by these.
COL = {
    name: i
    for i, name in enumerate(
        (
            "id",
            "name",
            "company",
            "tags",
            "industry",
            "chain",
            "source_place",
            "team",
            "stage",
            "planned_investment",
            "funds_in_place",
            "signed_on",
            "started_on",
            "operating_on",
            "stage_on",
            "responsible_person",
            "open_problems",
            "funded_on",
            "landing",
            "is_major",
            "code",
            "days_in_stage",
            "responsible_unit",
            "company_id",
        )
    )
}

_STAGE_ORDER = case(
    {stage.value: i for i, stage in enumerate((*PIPELINE, Stage.DROPPED))},
    value=Project.stage,
    else_=99,
)


def _sort_columns() -> dict[str, Any]:
    return {
        "code": Project.code,
        "stage": _STAGE_ORDER,
        "planned_investment": Project.planned_investment,
        "signed_on": Project.signed_on,
        "funded_on": Project.funded_on,
        "started_on": Project.started_on,
        "operating_on": Project.operating_on,
        "stage_on": Project.stage_on,
        "responsible_person": Project.responsible_person,
        "industry": Project.industry_code,
        "chain": Project.chain_code,
        "updated_at": Project.updated_at,
        "source_place": Project.source_region_code,
    }


#: Sorted by pinyin (crm.queries.ordering), not by a plain column.
_NAME_SORTS = frozenset({"name", "company", "team"})


def _ordered(
    session: Session, stmt: Select[Any], sort: str, descending: bool
) -> tuple[Select[Any], list[Any]]:
    """The statement (joined as the order needs) and what to order by (ties by id)."""
    if sort in ("name", "company"):
        own = sort == "name"
        table, column = ("project", Project.id) if own else ("company", Project.company_id)
        stmt, order = ordering.by_name(session, stmt, table, column, descending=descending)
        return stmt, order if own else [*order, Project.id]
    if sort == "team":
        column = ordering.team_rank(session, Project.team_id)
    else:
        column = _sort_columns().get(sort, Project.updated_at)
    return stmt, [column.desc() if descending else column.asc(), Project.id]


SORT_KEYS = frozenset(_sort_columns()) | _NAME_SORTS
#: Sort keys backed by an index that starts with the sort column.
INDEXED_SORTS = frozenset({"updated_at", "signed_on", "code"})


@dataclass(frozen=True)
class ProjectQuery:
    """The projects list for a filter (a `crm.queries.ListQuery`)."""

    filter: ProjectFilter = field(default_factory=ProjectFilter)
    today: date | None = None
    #: Language of reference names that have both (company list names).
    language: str = "zh"
    sort_keys: frozenset[str] = SORT_KEYS
    #: `ids(..., limit=n)` gives the first n in the same order (for a fast first screenful).
    supports_limit: bool = True

    def ids(
        self,
        session: Session,
        *,
        sort: str | None = None,
        descending: bool = False,
        limit: int | None = None,
    ) -> list[str]:
        walk = limit is not None and (sort or "updated_at") in INDEXED_SORTS
        stmt = select(Project.id).where(*where_clauses(session, self.filter, walk_index=walk))
        if sort is None:
            descending = True  # newest first by default
        stmt, order = _ordered(session, stmt, sort or "updated_at", descending)
        stmt = stmt.order_by(*order)
        if limit is not None:
            stmt = stmt.limit(limit)
        return list(session.scalars(stmt))

    def count(self, session: Session) -> int:
        stmt = select(func.count()).select_from(Project).where(*where_clauses(session, self.filter))
        return int(session.scalar(stmt) or 0)

    def fetch_rows(self, session: Session, ids: Sequence[str]) -> list[tuple[Any, ...]]:
        return fetch_project_rows(session, ids, today=self.today, language=self.language)


_SOURCE = aliased(Region, name="source_region")
_LANDING = aliased(Region, name="landing_region")


def fetch_project_rows(
    session: Session, ids: Sequence[str], *, today: date | None = None, language: str = "zh"
) -> list[tuple[Any, ...]]:
    """Rows for the given project ids, each laid out as `COL` says (4 queries per page)."""
    if not ids:
        return []
    today = today or date.today()
    source, landing = _SOURCE, _LANDING
    english = language.startswith("en")
    chain_name = (
        func.coalesce(func.nullif(IndustryChain.name_en, ""), IndustryChain.name_zh)
        if english
        else IndustryChain.name_zh
    )
    stmt = (
        select(
            Project.id,
            Project.name,
            Company.name,
            Project.company_id,
            Company.parent_id,
            Industry.name,
            chain_name,
            source.name,
            Country.name_en if english else Country.name_zh,
            Project.source_country_code,
            Team.name,
            Project.stage,
            Project.planned_investment,
            Project.signed_on,
            Project.started_on,
            Project.operating_on,
            Project.stage_on,
            Project.responsible_person,
            Project.funded_on,
            landing.name,
            Park.name,
            Project.is_major,
            Project.code,
            Project.responsible_unit,
        )
        .outerjoin(Company, Company.id == Project.company_id)
        .outerjoin(Industry, Industry.code == Project.industry_code)
        .outerjoin(IndustryChain, IndustryChain.code == Project.chain_code)
        .outerjoin(source, source.code == Project.source_region_code)
        .outerjoin(Country, Country.code == Project.source_country_code)
        .outerjoin(Team, Team.id == Project.team_id)
        .outerjoin(landing, landing.code == Project.landing_region_code)
        .outerjoin(Park, Park.id == Project.park_id)
        .where(id_in(session, Project.id, ids))
    )
    base = session.execute(stmt).all()
    funds = _funds_by_project(session, ids)
    problems = _open_problems_by_project(session, ids)
    company_ids = {r[3] for r in base if r[3]} | {r[4] for r in base if r[4]}
    tags = _tags_by_company(session, company_ids, language)
    rows: list[tuple[Any, ...]] = []
    for r in base:
        place = r[7] or (r[8] if r[9] and r[9] != "CN" else "")
        tag_names = tags.get(r[3] or "", []) + tags.get(r[4] or "", [])
        days = (today - r[16]).days if r[16] else None
        rows.append(
            (
                r[0],
                r[1],
                r[2] or "",
                "、".join(dict.fromkeys(tag_names)),
                r[5] or "",
                r[6] or "",
                place or "",
                r[10] or "",
                r[11],
                r[12],
                funds.get(r[0], Decimal(0)),
                r[13],
                r[14],
                r[15],
                r[16],
                r[17] or "",
                problems.get(r[0], 0),
                r[18],
                r[20] or r[19] or "",
                bool(r[21]),
                r[22] or "",
                days,
                r[23] or "",
                r[3],
            )
        )
    return rows


def _funds_by_project(session: Session, ids: Sequence[str]) -> dict[str, Decimal]:
    stmt = (
        select(FundsEntry.project_id, func.sum(FundsEntry.amount))
        .where(id_in(session, FundsEntry.project_id, ids), FundsEntry.deleted_at.is_(None))
        .group_by(FundsEntry.project_id)
    )
    return {pid: total or Decimal(0) for pid, total in session.execute(stmt)}


def _open_problems_by_project(session: Session, ids: Sequence[str]) -> dict[str, int]:
    stmt = (
        select(Problem.project_id, func.count())
        .where(
            id_in(session, Problem.project_id, ids),
            Problem.deleted_at.is_(None),
            Problem.status != ProblemStatus.RESOLVED.value,
        )
        .group_by(Problem.project_id)
    )
    return {pid: int(n) for pid, n in session.execute(stmt)}


def _tags_by_company(
    session: Session, company_ids: set[str], language: str = "zh"
) -> dict[str, list[str]]:
    if not company_ids:
        return {}
    out: dict[str, list[str]] = {}
    name = TagKindRef.name_en if language.startswith("en") else TagKindRef.name_zh
    stmt = (
        select(CompanyTag.company_id, name)
        .join(TagKindRef, TagKindRef.code == CompanyTag.tag)
        .where(
            id_in(session, CompanyTag.company_id, sorted(company_ids)),
            CompanyTag.deleted_at.is_(None),
        )
        .order_by(TagKindRef.code)
    )
    for company_id, label in session.execute(stmt):
        out.setdefault(company_id, []).append(label)
    return out


# -- filters -----------------------------------------------------------------------------------
def where_clauses(
    session: Session, f: ProjectFilter, *, walk_index: bool = False
) -> list[ColumnElement[bool]]:
    """WHERE clauses for a filter (deleted rows always hidden). walk_index: see
    crm.search.project_filter."""
    clauses: list[ColumnElement[bool]] = [Project.deleted_at.is_(None)]
    if f.text.strip():
        clauses.append(search.project_filter(session, f.text, walk_index=walk_index))
    if f.stages:
        clauses.append(Project.stage.in_(f.stages))
    if f.industry_code:
        clauses.append(_industry_clause(f.industry_code))
    if f.chain_code:
        clauses.append(Project.chain_code == f.chain_code)
    if f.region_group:
        clauses.append(_region_group_clause(session, f.region_group))
    if f.source_province:
        clauses.append(func.substr(Project.source_region_code, 1, 2) == f.source_province[:2])
    if f.team_id:
        clauses.append(Project.team_id == f.team_id)
    if f.tags:
        clauses.append(_tag_clause(f.tags))
    if f.landing_region_code:
        clauses.append(Project.landing_region_code.startswith(_prefix(f.landing_region_code)))
    if f.park_id:
        clauses.append(Project.park_id == f.park_id)
    clauses.extend(_date_clauses(f))
    if f.amount_min is not None:
        clauses.append(Project.planned_investment >= f.amount_min)
    if f.amount_max is not None:
        clauses.append(Project.planned_investment <= f.amount_max)
    if f.overdue_problems:
        clauses.append(_overdue_clause(f.stalled_rule.today or date.today()))
    if f.is_major:
        clauses.append(Project.is_major.is_(True))
    if f.stalled:
        clauses.append(stalled_clause(f.stalled, f.stalled_rule))
    if f.figure:
        from crm.queries.drill import figure_clause  # the statistics' rules, loaded on use

        clauses.append(figure_clause(session, f.figure))
    return clauses


def _prefix(region_code: str) -> str:
    """Region code → prefix its sub-regions share (450000 → 45, 450100 → 4501)."""
    code = region_code.rstrip("0")
    return code if len(code) % 2 == 0 else code + "0"


def _industry_clause(code: str) -> ColumnElement[bool]:
    if code.isalpha():
        sections = select(Industry.code).where(Industry.section == code)
        return or_(Project.industry_code == code, Project.industry_code.in_(sections))
    return Project.industry_code == code


def _region_group_clause(session: Session, group_code: str) -> ColumnElement[bool]:
    members = session.scalars(
        select(RegionGroupMember.region_code).where(RegionGroupMember.group_code == group_code)
    ).all()
    prefixes = {_prefix(code) for code in members}
    by_length: dict[int, set[str]] = {}
    for prefix in prefixes:
        by_length.setdefault(len(prefix), set()).add(prefix)
    if not by_length:
        return false()
    return or_(
        *(
            func.substr(Project.source_region_code, 1, length).in_(sorted(values))
            for length, values in by_length.items()
        )
    )


def _tag_clause(tags: Sequence[str]) -> ColumnElement[bool]:
    parent = aliased(Company)
    own = exists().where(
        CompanyTag.company_id == Project.company_id,
        CompanyTag.tag.in_(tags),
        CompanyTag.deleted_at.is_(None),
    )
    parent_tag = aliased(CompanyTag)
    group = exists().where(
        parent.id == Project.company_id,
        parent_tag.company_id == parent.parent_id,
        parent_tag.tag.in_(tags),
        parent_tag.deleted_at.is_(None),
    )
    return or_(own, group)


def _date_clauses(f: ProjectFilter) -> list[ColumnElement[bool]]:
    if f.date_field not in DATE_FIELDS or (f.date_from is None and f.date_to is None):
        return []
    column = getattr(Project, f.date_field)
    clauses = []
    if f.date_from is not None:
        clauses.append(column >= f.date_from)
    if f.date_to is not None:
        clauses.append(column <= f.date_to)
    return clauses


def _overdue_clause(today: date) -> ColumnElement[bool]:
    return exists().where(
        Problem.project_id == Project.id,
        Problem.deleted_at.is_(None),
        Problem.status != ProblemStatus.RESOLVED.value,
        Problem.due_on < today,
    )


def stalled_clause(kind: str, rule: StalledRule) -> ColumnElement[bool]:
    """Projects stalled in the way `kind` names (or any of them for STALLED_ANY), by the one
    rule the dashboard and the briefs count with (crm.stalled)."""
    today = rule.today or date.today()
    if kind == STALLED_ANY:
        return stalled.any_stalled(today, rule.rules)
    if kind not in _STALLED_KINDS:
        return true()
    return stalled.stalled_condition(_STALLED_KINDS[kind], today, rule.rules)


def stalled_rule(session: Session, today: date | None = None) -> StalledRule:
    """Thresholds from the settings table."""
    from crm.services.settings import all_settings

    rules = stalled.StalledRules.from_settings(all_settings(session))
    return StalledRule(
        rules.signed_not_started, rules.started_not_operating, rules.no_update, today=today
    )


# -- the board ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class BoardCard:
    id: str
    name: str
    company: str
    planned_investment: Decimal
    stage_on: date | None


@dataclass(frozen=True)
class BoardColumn:
    stage: str
    count: int
    planned_total: Decimal
    cards: tuple[BoardCard, ...]


BOARD_STAGES: tuple[str, ...] = tuple(s.value for s in (*PIPELINE, Stage.DROPPED))


def board(session: Session, f: ProjectFilter, *, per_column: int = 50) -> list[BoardColumn]:
    """One column per stage: count and planned total of the filtered set, the largest cards."""
    clauses = where_clauses(session, f)
    totals = {
        stage: (int(n), total or Decimal(0))
        for stage, n, total in session.execute(
            select(Project.stage, func.count(), func.sum(Project.planned_investment))
            .where(*clauses)
            .group_by(Project.stage)
        )
    }
    columns = []
    for stage in BOARD_STAGES:
        count, total = totals.get(stage, (0, Decimal(0)))
        cards: tuple[BoardCard, ...] = ()
        if count:
            stmt = (
                select(
                    Project.id,
                    Project.name,
                    Company.name,
                    Project.planned_investment,
                    Project.stage_on,
                )
                .outerjoin(Company, Company.id == Project.company_id)
                .where(*clauses, Project.stage == stage)
                .order_by(Project.planned_investment.desc(), Project.id)
                .limit(per_column)
            )
            cards = tuple(
                BoardCard(pid, name, company or "", planned or Decimal(0), on)
                for pid, name, company, planned, on in session.execute(stmt)
            )
        columns.append(BoardColumn(stage, count, total, cards))
    return columns


# -- the detail panel --------------------------------------------------------------------------
@dataclass(frozen=True)
class TimelineEntry:
    stage: str
    occurred_on: date | None
    not_applicable: bool
    kind: str
    agreement_type: str | None
    comment: str
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True)
class FundsLine:
    id: str
    received_on: date
    amount: Decimal
    cumulative: Decimal
    source: str
    note: str
    fixed_asset_amount: Decimal | None = None


@dataclass(frozen=True)
class ActivityLine:
    id: str
    occurred_on: date
    kind: str
    summary: str
    participants: str
    next_step: str


@dataclass(frozen=True)
class ProblemLine:
    id: str
    category: str
    description: str
    status: str
    raised_on: date
    due_on: date | None
    responsible_unit: str


@dataclass(frozen=True)
class HistoryLine:
    changed_at: datetime
    changed_by: str
    op: str
    field: str
    old_value: str | None
    new_value: str | None
    #: The names of the records or reference codes the values are (company, team, region …).
    old_name: str | None = None
    new_name: str | None = None


#: Fields the change history does not show: derived from others or kept for the program's own
#: use (the name's matching key, the stage's date — the milestone dates say it —, the source
#: class — the source place says it).
HISTORY_HIDDEN_FIELDS = frozenset({"name_normalized", "stage_on", "source_class"})


@dataclass(frozen=True)
class ProjectDetail:
    id: str
    row: tuple[Any, ...]
    values: dict[str, Any]
    timeline: tuple[TimelineEntry, ...]
    funds: tuple[FundsLine, ...]
    activities: tuple[ActivityLine, ...]
    problems: tuple[ProblemLine, ...]
    history: tuple[HistoryLine, ...]

    @property
    def funds_total(self) -> Decimal:
        return self.funds[-1].cumulative if self.funds else Decimal(0)


EDITABLE_FIELDS = (
    "name",
    "code",
    "company_id",
    "industry_code",
    "chain_code",
    "planned_investment",
    "foreign_investment",
    "source_region_code",
    "source_country_code",
    "landing_region_code",
    "park_id",
    "responsible_unit",
    "responsible_person",
    "team_id",
    "is_major",
    "expected_jobs",
    "expected_annual_output",
    "expected_signing_on",
    "expected_start_on",
    "expected_operation_on",
    "notes",
)


def project_values(session: Session, project_id: str) -> dict[str, Any] | None:
    """The editable fields of one live project (for the form), plus its stage."""
    project = session.get(Project, project_id)
    if project is None or project.deleted_at is not None:
        return None
    values = {name: getattr(project, name) for name in EDITABLE_FIELDS}
    values.update(stage=project.stage, stage_on=project.stage_on)
    values["company_name"] = (
        session.scalar(select(Company.name).where(Company.id == project.company_id))
        if project.company_id
        else ""
    ) or ""
    return values


def project_detail(
    session: Session,
    project_id: str,
    *,
    history_limit: int = 200,
    today: date | None = None,
    language: str = "zh",
) -> ProjectDetail | None:
    values = project_values(session, project_id)
    if values is None:
        return None
    rows = fetch_project_rows(session, [project_id], today=today, language=language)
    return ProjectDetail(
        id=project_id,
        row=rows[0],
        values=values,
        timeline=_timeline(session, project_id),
        funds=_funds(session, project_id),
        activities=_activities(session, project_id),
        problems=_problems(session, project_id),
        history=_history(session, project_id, history_limit, language),
    )


def _timeline(session: Session, project_id: str) -> tuple[TimelineEntry, ...]:
    stmt = (
        select(StageEvent)
        .where(StageEvent.project_id == project_id, StageEvent.deleted_at.is_(None))
        .order_by(StageEvent.sequence, StageEvent.created_at)
    )
    return tuple(
        TimelineEntry(
            e.stage,
            e.occurred_on,
            e.not_applicable,
            e.kind,
            e.agreement_type,
            e.comment,
            e.created_by,
            e.created_at,
        )
        for e in session.scalars(stmt)
    )


def _funds(session: Session, project_id: str) -> tuple[FundsLine, ...]:
    stmt = (
        select(FundsEntry)
        .where(FundsEntry.project_id == project_id, FundsEntry.deleted_at.is_(None))
        .order_by(FundsEntry.received_on, FundsEntry.created_at)
    )
    running = Decimal(0)
    lines = []
    for entry in session.scalars(stmt):
        running += entry.amount
        lines.append(
            FundsLine(
                entry.id,
                entry.received_on,
                entry.amount,
                running,
                entry.source,
                entry.note,
                entry.fixed_asset_amount,
            )
        )
    return tuple(lines)


def funds_entry_values(session: Session, entry_id: str) -> dict[str, Any] | None:
    """One live funds entry's fields (for the correction form)."""
    entry = session.get(FundsEntry, entry_id)
    if entry is None or entry.deleted_at is not None:
        return None
    return {
        "project_id": entry.project_id,
        "received_on": entry.received_on,
        "amount": entry.amount,
        "fixed_asset_amount": entry.fixed_asset_amount,
        "source": entry.source,
        "note": entry.note,
    }


def _activities(session: Session, project_id: str) -> tuple[ActivityLine, ...]:
    stmt = (
        select(Activity)
        .where(Activity.project_id == project_id, Activity.deleted_at.is_(None))
        .order_by(Activity.occurred_on.desc())
        .limit(100)
    )
    return tuple(
        ActivityLine(a.id, a.occurred_on, a.kind, a.summary, a.participants, a.next_step)
        for a in session.scalars(stmt)
    )


def _problems(session: Session, project_id: str) -> tuple[ProblemLine, ...]:
    stmt = (
        select(Problem)
        .where(Problem.project_id == project_id, Problem.deleted_at.is_(None))
        .order_by(Problem.raised_on.desc())
    )
    return tuple(
        ProblemLine(
            p.id, p.category, p.description, p.status, p.raised_on, p.due_on, p.responsible_unit
        )
        for p in session.scalars(stmt)
    )


def _history(
    session: Session, project_id: str, limit: int, language: str = "zh"
) -> tuple[HistoryLine, ...]:
    stmt = (
        select(ChangeLog)
        .where(
            ChangeLog.table_name == "project",
            ChangeLog.record_id == project_id,
            ChangeLog.field.not_in(HISTORY_HIDDEN_FIELDS),
        )
        .order_by(ChangeLog.changed_at.desc(), ChangeLog.hlc.desc())
        .limit(limit)
    )
    rows = session.scalars(stmt).all()
    names = _reference_names(session, rows, language)
    lines = [
        HistoryLine(
            c.changed_at,
            c.changed_by,
            c.op,
            c.field,
            c.old_value,
            c.new_value,
            names.get((c.field, c.old_value)),
            names.get((c.field, c.new_value)),
        )
        for c in rows
    ]
    lines.extend(_stage_lines(session, project_id))
    lines.sort(key=lambda line: line.changed_at, reverse=True)
    return tuple(lines[:limit])


def _stage_lines(session: Session, project_id: str) -> list[HistoryLine]:
    """The stage as the history moved it. The stage is derived from the stage history (not a
    logged field, see crm.derived), so its changes are read from there — the same on every
    site, whichever site recorded the move."""
    events = session.scalars(
        select(StageEvent)
        .where(StageEvent.project_id == project_id, StageEvent.deleted_at.is_(None))
        .order_by(*history_order(StageEvent.__table__))
    ).all()
    state = StageState(dates={})
    lines = []
    for event in events:
        before = state.stage
        apply_step(state, event_step(event))
        if state.stage is not before:
            lines.append(
                HistoryLine(
                    event.created_at,
                    event.created_by,
                    "stage",
                    "stage",
                    before.value,
                    state.stage.value,
                )
            )
    return lines


def _reference_fields(language: str) -> dict[str, tuple[Any, Any]]:
    """Field → (key column, name column) of the table its values refer to."""
    english = language.startswith("en")
    chain = func.coalesce(func.nullif(IndustryChain.name_en, ""), IndustryChain.name_zh)
    return {
        "company_id": (Company.id, Company.name),
        "team_id": (Team.id, Team.name),
        "park_id": (Park.id, Park.name),
        "merged_into_id": (Project.id, Project.name),
        "industry_code": (Industry.code, Industry.name),
        "chain_code": (IndustryChain.code, chain if english else IndustryChain.name_zh),
        "source_region_code": (Region.code, Region.name),
        "landing_region_code": (Region.code, Region.name),
        "source_country_code": (Country.code, Country.name_en if english else Country.name_zh),
    }


def _reference_names(
    session: Session, rows: Sequence[ChangeLog], language: str
) -> dict[tuple[str, str | None], str]:
    """(field, logged value) → the name it stands for, one query per field that occurs."""
    wanted: dict[str, set[str]] = {}
    for row in rows:
        for value in (row.old_value, row.new_value):
            if value:
                wanted.setdefault(row.field, set()).add(value)
    names: dict[tuple[str, str | None], str] = {}
    for field_name, (key, name) in _reference_fields(language).items():
        values = wanted.get(field_name)
        if not values:
            continue
        for code, label in session.execute(select(key, name).where(key.in_(sorted(values)))):
            names[(field_name, code)] = label
    return names


# -- choices for filters and forms -------------------------------------------------------------
@dataclass(frozen=True)
class ProjectChoices:
    """(code, label) lists for the filter bar and the form."""

    industries: list[tuple[str, str]]
    chains: list[tuple[str, str]]
    teams: list[tuple[str, str]]
    region_groups: list[tuple[str, str]]
    provinces: list[tuple[str, str]]
    cities: list[tuple[str, str]]
    tags: list[tuple[str, str]]
    parks: list[tuple[str, str]]
    countries: list[tuple[str, str]]


def project_choices(session: Session, language: str = "zh") -> ProjectChoices:
    from crm.reference.english import industry_names_en, region_names_en

    english = language.startswith("en")

    def label(zh: str, en: str | None) -> str:
        return (en or zh) if english else zh

    # English mode: the shipped English names (crm.reference.english), codes unchanged.
    industries_en = industry_names_en() if english else {}
    regions_en = region_names_en() if english else {}
    industries = [
        (code, f"{code} {industries_en.get(code, name)}")
        for code, name in session.execute(
            select(Industry.code, Industry.name).order_by(Industry.code)
        )
    ]
    regions = [
        (code, regions_en.get(code, name), level)
        for code, name, level in session.execute(
            select(Region.code, Region.name, Region.level).order_by(Region.code)
        )
    ]
    return ProjectChoices(
        industries=industries,
        chains=[
            (c, label(zh, en))
            for c, zh, en in session.execute(
                select(IndustryChain.code, IndustryChain.name_zh, IndustryChain.name_en).order_by(
                    IndustryChain.sort_order, IndustryChain.code
                )
            )
        ],
        teams=[
            (tid, name)
            for tid, name in session.execute(
                select(Team.id, Team.name).where(Team.deleted_at.is_(None)).order_by(Team.name)
            )
        ],
        region_groups=[
            (c, label(zh, en))
            for c, zh, en in session.execute(
                select(RegionGroup.code, RegionGroup.name_zh, RegionGroup.name_en).order_by(
                    RegionGroup.code
                )
            )
        ],
        provinces=[(c, n) for c, n, level in regions if level == "province"],
        cities=[(c, n) for c, n, level in regions if level != "province"],
        tags=[
            (c, label(zh, en))
            for c, zh, en in session.execute(
                select(TagKindRef.code, TagKindRef.name_zh, TagKindRef.name_en).order_by(
                    TagKindRef.code
                )
            )
        ],
        parks=[
            (pid, name)
            for pid, name in session.execute(
                select(Park.id, Park.name).where(Park.deleted_at.is_(None)).order_by(Park.name)
            )
        ],
        countries=[
            (c, label(zh, en))
            for c, zh, en in session.execute(
                select(Country.code, Country.name_zh, Country.name_en).order_by(Country.code)
            )
        ],
    )


def company_choices(session: Session, text: str, limit: int = 30) -> list[tuple[str, str]]:
    """Companies whose names (or pinyin) match, for the form's investor picker."""
    if not text.strip():
        return []
    ids = search.search_ids(session, "company", text, limit=limit)
    if not ids:
        return []
    names = dict(session.execute(select(Company.id, Company.name).where(Company.id.in_(ids))).all())
    return [(cid, names[cid]) for cid in ids if cid in names]


def duplicate_candidates(
    session: Session, *, name: str, company_id: str | None, exclude_id: str | None = None
) -> list[SimilarProject]:
    """Live projects that may be the one being entered (crm.duplicates: the same investor and
    a close name). Without an investor, only projects without one and the same normalised
    name: a common name such as 年产10万吨铝材项目 says nothing on its own."""
    if not name.strip():
        return []
    stmt = select(Project.id, Project.name).where(Project.deleted_at.is_(None))
    if company_id:
        stmt = stmt.where(Project.company_id == company_id)
    else:
        stmt = stmt.where(
            Project.company_id.is_(None),
            Project.name_normalized == normalize_project_name(name),
        )
    return similar_projects(name, session.execute(stmt).all(), exclude_id=exclude_id)


def project_name(session: Session, project_id: str) -> str:
    return session.scalar(select(Project.name).where(Project.id == project_id)) or ""


def total_count(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count()).select_from(Project).where(Project.deleted_at.is_(None))
        )
        or 0
    )


def stmt_for_ids(session: Session, f: ProjectFilter) -> Select[tuple[str]]:
    """The filtered id SELECT (for other screens that want to reuse the project filter)."""
    return select(Project.id).where(*where_clauses(session, f))
