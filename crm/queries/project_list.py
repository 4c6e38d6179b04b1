"""The projects list as the paged table wants it: `ProjectQuery.ids` filters and sorts in SQL
and returns ids only; `fetch_project_rows` fetches a page of named rows (`ProjectRow`) with
a fixed number of queries (no query per row or cell)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import (
    Select,
    case,
    func,
    select,
)
from sqlalchemy.orm import Session, aliased

from crm import access
from crm.codes import ProblemStatus
from crm.models import (
    Company,
    CompanyTag,
    Country,
    County,
    FundsEntry,
    Industry,
    IndustryChain,
    Park,
    Problem,
    Project,
    Region,
    TagKindRef,
    Team,
)
from crm.queries import ID_LIST, id_in_param, id_list_value, ordering
from crm.queries.project_filter import ProjectFilter, where_clauses
from crm.queries.regions import county_label_column
from crm.reference.display import display_name, name_column
from crm.stages import STAGE_ORDER


class ProjectRow(NamedTuple):
    """One row of the projects list, as the table, the detail panel and exports show it.
    A named tuple: built as fast as a plain one for a page of rows, read by name."""

    id: str
    name: str
    company: str
    tags: str  # list memberships of the investor and its group, 、-joined
    industry: str
    chain: str
    source_place: str  # region name, or the country abroad
    team: str
    stage: str
    planned_investment: Decimal
    funds_in_place: Decimal
    signed_on: date | None
    started_on: date | None
    operating_on: date | None
    stage_on: date | None
    responsible_person: str
    open_problems: int
    funded_on: date | None
    landing: str  # the park, else the landing region
    is_major: bool
    code: str
    days_in_stage: int | None
    responsible_unit: str
    company_id: str | None


#: Field positions of `ProjectRow`, for the generic table columns that read rows by position.
COL = {name: i for i, name in enumerate(ProjectRow._fields)}

_STAGE_ORDER = case(
    {stage.value: i for i, stage in enumerate(STAGE_ORDER)},
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
        key = sort or "updated_at"
        walk = key if limit is not None and key in INDEXED_SORTS else None
        stmt = select(Project.id).where(*where_clauses(session, self.filter, walk_index=walk))
        if sort is None:
            descending = True  # newest first by default
        stmt, order = _ordered(session, stmt, key, descending)
        stmt = stmt.order_by(*order)
        if limit is not None:
            stmt = stmt.limit(limit)
        return list(session.scalars(stmt))

    def count(self, session: Session) -> int:
        clauses = where_clauses(session, self.filter, visibility=False)

        def counted(*more: Any) -> Any:
            return select(func.count()).select_from(Project).where(*clauses, *more)

        parts = access.visible_parts(session)
        if parts is None:  # sees every project
            return int(session.scalar(counted()) or 0)
        if session.get_bind().dialect.name == "postgresql":
            # Part by part: row-level security then tests no row of the large part.
            counts = [counted(part).scalar_subquery() for part in parts]
            return int(session.scalar(select(sum(counts[1:], counts[0]))) or 0)
        # SQLite: what everyone sees less what this member may not, two index ranges (it reads
        # the large part's range key by key, a third slower).
        hidden = counted(access.hidden_projects(session)).scalar_subquery()
        return int(session.scalar(select(counted().scalar_subquery() - hidden)) or 0)

    def fetch_rows(self, session: Session, ids: Sequence[str]) -> list[ProjectRow]:
        return fetch_project_rows(session, ids, today=self.today, language=self.language)


_SOURCE = aliased(Region, name="source_region")
_LANDING = aliased(Region, name="landing_region")
_COUNTY = aliased(County, name="landing_county")
_COUNTY_CITY = aliased(Region, name="landing_county_city")


@lru_cache(maxsize=8)
def _rows_statement(dialect: str, english: bool) -> Select[Any]:
    """The page query, built once per dialect and language (building and caching a statement
    of eight joins costs more than running it): the ids come as one parameter, `id_list`,
    in the form `id_in` sends them. Funds in place and open problems are correlated
    subqueries, answered from their project indexes, so a page is one query (tags aside)."""
    source, landing = _SOURCE, _LANDING
    language = "en" if english else "zh"
    funds = (
        select(func.sum(FundsEntry.amount))
        .where(FundsEntry.project_id == Project.id, FundsEntry.deleted_at.is_(None))
        .scalar_subquery()
    )
    problems = (
        select(func.count())
        .where(
            Problem.project_id == Project.id,
            Problem.deleted_at.is_(None),
            Problem.status != ProblemStatus.RESOLVED.value,
        )
        .scalar_subquery()
    )
    return (
        select(
            Project.id,
            Project.name,
            Company.name,
            Project.company_id,
            Company.parent_id,
            Project.industry_code,
            Industry.name,
            name_column(IndustryChain, language),
            Project.source_region_code,
            source.name,
            name_column(Country, language),
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
            Project.landing_region_code,
            # A county is not in the region list: named with its city (南宁市武鸣区).
            func.coalesce(landing.name, county_label_column(_COUNTY, _COUNTY_CITY)),
            Park.name,
            Project.is_major,
            Project.code,
            Project.responsible_unit,
            funds,
            problems,
        )
        .outerjoin(Company, Company.id == Project.company_id)
        .outerjoin(Industry, Industry.code == Project.industry_code)
        .outerjoin(IndustryChain, IndustryChain.code == Project.chain_code)
        .outerjoin(source, source.code == Project.source_region_code)
        .outerjoin(Country, Country.code == Project.source_country_code)
        .outerjoin(Team, Team.id == Project.team_id)
        .outerjoin(landing, landing.code == Project.landing_region_code)
        .outerjoin(_COUNTY, _COUNTY.code == Project.landing_region_code)
        .outerjoin(_COUNTY_CITY, _COUNTY_CITY.code == _COUNTY.parent_code)
        .outerjoin(Park, Park.id == Project.park_id)
        .where(id_in_param(dialect, Project.id))
    )


def fetch_project_rows(
    session: Session, ids: Sequence[str], *, today: date | None = None, language: str = "zh"
) -> list[ProjectRow]:
    """Rows for the given project ids (2 queries per page)."""
    if not ids:
        return []
    today = today or date.today()
    dialect = session.get_bind().dialect.name
    stmt = _rows_statement(dialect, language.startswith("en"))
    base = session.execute(stmt, {ID_LIST: id_list_value(dialect, ids)}).all()
    company_ids = {r[3] for r in base if r[3]} | {r[4] for r in base if r[4]}
    tags = _tags_by_company(session, company_ids, language)
    zero = Decimal(0)
    rows: list[ProjectRow] = []
    for (pid, name, company, company_id, parent_id, industry_code, industry, chain, region_code,
         region, country, country_code, team, stage, planned, signed_on, started_on,
         operating_on, stage_on, person, funded_on, landing_code, landing_region, park, is_major,
         code, unit, funds, problems) in base:  # fmt: skip
        abroad = country if country_code and country_code != "CN" else ""
        industry = display_name("industry", industry_code, industry, language)
        region = display_name("region", region_code, region, language)
        landing_region = display_name("region", landing_code, landing_region, language)
        tag_names = tags.get(company_id or "", []) + tags.get(parent_id or "", [])
        rows.append(
            ProjectRow(
                pid,
                name,
                company or "",
                "、".join(dict.fromkeys(tag_names)),
                industry or "",
                chain or "",
                region or abroad or "",
                team or "",
                stage,
                planned,
                funds or zero,
                signed_on,
                started_on,
                operating_on,
                stage_on,
                person or "",
                problems or 0,
                funded_on,
                park or landing_region or "",
                bool(is_major),
                code or "",
                (today - stage_on).days if stage_on else None,
                unit or "",
                company_id,
            )
        )
    return rows


def _tags_by_company(
    session: Session, company_ids: set[str], language: str = "zh"
) -> dict[str, list[str]]:
    if not company_ids:
        return {}
    out: dict[str, list[str]] = {}
    dialect = session.get_bind().dialect.name
    stmt = _tags_statement(dialect, language.startswith("en"))
    for company_id, label in session.execute(
        stmt, {ID_LIST: id_list_value(dialect, sorted(company_ids))}
    ):
        out.setdefault(company_id, []).append(label)
    return out


@lru_cache(maxsize=8)
def _tags_statement(dialect: str, english: bool) -> Select[Any]:
    return (
        select(CompanyTag.company_id, name_column(TagKindRef, "en" if english else "zh"))
        .join(TagKindRef, TagKindRef.code == CompanyTag.tag)
        .where(id_in_param(dialect, CompanyTag.company_id), CompanyTag.deleted_at.is_(None))
        .order_by(TagKindRef.code)
    )


def total_count(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count()).select_from(Project).where(Project.deleted_at.is_(None))
        )
        or 0
    )
