"""Read side of companies (投资方): the filtered list, detail, contacts, tags, projects.

Every query hides soft-deleted rows. The list is split the way the paged table wants it:
`company_ids` filters and sorts in SQL and returns ids only; `company_rows` fetches a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import astuple, dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from crm.models import Company, CompanyTag, Contact, Country, Industry, Project, Region, TagKindRef
from crm.names import normalize_company_name
from crm.places import region_prefix
from crm.queries import field_position, live_record, ordering
from crm.queries.conditions import in_industry
from crm.reference.display import display_name, name_column
from crm.search import company_filter


@dataclass(frozen=True)
class CompanyFilter:
    """What the companies screen filters by. Empty values mean "any"."""

    text: str = ""
    tags: frozenset[str] = frozenset()
    #: A GB/T 4754 section letter (matches its divisions too) or a division code.
    industry_code: str = ""
    #: A GB/T 2260 province or city code of the headquarters.
    region_code: str = ""
    country_code: str = ""
    ownership: str = ""
    #: Ids found by the pinyin search index, matched in addition to the name text.
    extra_ids: frozenset[str] | None = None


@dataclass(frozen=True)
class CompanyRow:
    id: str
    name: str
    uscc: str
    industry: str
    place: str
    ownership: str
    tags: str
    project_count: int
    planned_investment: Decimal


@dataclass(frozen=True)
class CompanyDetail:
    id: str
    name: str
    uscc: str | None
    former_names: str
    english_name: str
    hq_region_code: str | None
    hq_country_code: str
    ownership: str | None
    industry_code: str | None
    chain_code: str | None
    parent_id: str | None
    parent_name: str
    website: str
    notes: str


@dataclass(frozen=True)
class ContactRow:
    id: str
    name: str
    title: str
    phone: str
    email: str
    wechat: str
    notes: str


@dataclass(frozen=True)
class TagRow:
    id: str
    tag: str
    tag_name: str
    edition_year: int | None
    rank: int | None
    valid_until: date | None


@dataclass(frozen=True)
class CompanyProjectRow:
    id: str
    name: str
    stage: str
    planned_investment: Decimal
    signed_on: date | None


@dataclass(frozen=True)
class Option:
    """A choice for a filter combo: a code and its label."""

    code: str
    label: str
    extra: dict[str, str] = field(default_factory=dict)


def _live_projects() -> Select:
    return (
        select(
            Project.company_id.label("company_id"),
            func.count(Project.id).label("n"),
            func.sum(Project.planned_investment).label("planned"),
        )
        .where(Project.deleted_at.is_(None))
        .group_by(Project.company_id)
    )


SORT_KEYS = (
    "name",
    "uscc",
    "industry",
    "place",
    "ownership",
    "project_count",
    "planned_investment",
)


def _sort_column(key: str, projects) -> ColumnElement:
    columns: dict[str, ColumnElement] = {
        "name": Company.name_normalized,
        "uscc": Company.uscc,
        "industry": Company.industry_code,
        "place": Company.hq_region_code,
        "ownership": Company.ownership,
        "project_count": func.coalesce(projects.c.n, 0),
        "planned_investment": func.coalesce(projects.c.planned, 0),
    }
    return columns.get(key, Company.name_normalized)


def _conditions(session: Session, flt: CompanyFilter) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [Company.deleted_at.is_(None)]
    if flt.text.strip():
        conds.append(_text_condition(session, flt.text.strip(), flt.extra_ids))
    if flt.tags:
        conds.append(
            exists().where(
                CompanyTag.company_id == Company.id,
                CompanyTag.deleted_at.is_(None),
                CompanyTag.tag.in_(flt.tags),
            )
        )
    if flt.industry_code:
        conds.append(in_industry(Company.industry_code, flt.industry_code))
    if flt.region_code:
        conds.append(Company.hq_region_code.like(region_prefix(flt.region_code) + "%"))
    if flt.country_code:
        conds.append(Company.hq_country_code == flt.country_code)
    if flt.ownership:
        conds.append(Company.ownership == flt.ownership)
    return conds


def _text_condition(
    session: Session, text: str, extra_ids: frozenset[str] | None
) -> ColumnElement[bool]:
    """Names by substring, USCC, and the pinyin / initials index of crm.search."""
    pattern = f"%{text}%"
    key = normalize_company_name(text)
    alternatives: list[ColumnElement[bool]] = [
        Company.name.like(pattern),
        Company.former_names.like(pattern),
        Company.english_name.ilike(pattern),
        Company.uscc.like(f"%{text.upper()}%"),
    ]
    if key:
        alternatives.append(Company.name_normalized.like(f"%{key}%"))
    if extra_ids:
        alternatives.append(Company.id.in_(extra_ids))
    alternatives.append(company_filter(session, text))
    return or_(*alternatives)


def company_ids(
    session: Session, flt: CompanyFilter, *, sort: str = "name", descending: bool = False
) -> list[str]:
    """Ids of live companies matching the filter, in the requested order."""
    projects = _live_projects().subquery()
    query = select(Company.id).where(*_conditions(session, flt))
    if sort == "name":  # pinyin order (crm.queries.ordering)
        query, order = ordering.by_name(
            session, query, "company", Company.id, descending=descending
        )
    else:
        column = _sort_column(sort, projects)
        order = [column.desc() if descending else column.asc(), Company.id]
    query = query.order_by(*order)
    if sort in ("project_count", "planned_investment"):
        query = query.outerjoin(projects, projects.c.company_id == Company.id)
    return list(session.scalars(query))


def count_companies(session: Session, flt: CompanyFilter) -> int:
    return session.scalar(select(func.count(Company.id)).where(*_conditions(session, flt))) or 0


def company_rows(session: Session, ids: Sequence[str], language: str = "zh") -> list[CompanyRow]:
    """The rows for a page of ids, in the order of `ids` (missing ids are left out); names of
    industries, regions, countries and lists in `language` (crm.reference.display)."""
    if not ids:
        return []
    projects = _live_projects().where(Project.company_id.in_(ids)).subquery()
    region = aliased(Region)
    query = (
        select(
            Company.id,
            Company.name,
            Company.uscc,
            Industry.name,
            region.name,
            Company.hq_country_code,
            Company.industry_code,
            Company.hq_region_code,
            Company.ownership,
            func.coalesce(projects.c.n, 0),
            projects.c.planned,
        )
        .outerjoin(Industry, Industry.code == Company.industry_code)
        .outerjoin(region, region.code == Company.hq_region_code)
        .outerjoin(projects, projects.c.company_id == Company.id)
        .where(Company.id.in_(ids))
    )
    tags = _tag_texts(session, ids, language)
    by_id = {
        r[0]: CompanyRow(
            id=r[0],
            name=r[1],
            uscc=r[2] or "",
            industry=display_name("industry", r[6], r[3], language),
            place=display_name("region", r[7], r[4], language)
            or ("" if r[5] == "CN" else display_name("country", r[5], r[5], language)),
            ownership=r[8] or "",
            tags=tags.get(r[0], ""),
            project_count=int(r[9]),
            planned_investment=r[10] if r[10] is not None else Decimal(0),
        )
        for r in session.execute(query)
    }
    return [by_id[i] for i in ids if i in by_id]


def _tag_texts(session: Session, ids: Sequence[str], language: str = "zh") -> dict[str, str]:
    query = (
        select(CompanyTag.company_id, name_column(TagKindRef, language), CompanyTag.edition_year)
        .join(TagKindRef, TagKindRef.code == CompanyTag.tag)
        .where(CompanyTag.company_id.in_(ids), CompanyTag.deleted_at.is_(None))
        .order_by(CompanyTag.company_id, TagKindRef.name_zh, CompanyTag.edition_year.desc())
    )
    texts: dict[str, list[str]] = {}
    for company_id, name, _year in session.execute(query):
        names = texts.setdefault(company_id, [])
        if name not in names:  # several editions of one list show once
            names.append(name)
    return {k: "、".join(v) for k, v in texts.items()}


def company_detail(session: Session, company_id: str) -> CompanyDetail | None:
    company = live_record(session, Company, company_id)
    if company is None:
        return None
    parent_name = ""
    if company.parent_id:
        parent_name = (
            session.scalar(select(Company.name).where(Company.id == company.parent_id)) or ""
        )
    return CompanyDetail(
        id=company.id,
        name=company.name,
        uscc=company.uscc,
        former_names=company.former_names or "",
        english_name=company.english_name or "",
        hq_region_code=company.hq_region_code,
        hq_country_code=company.hq_country_code or "CN",
        ownership=company.ownership,
        industry_code=company.industry_code,
        chain_code=company.chain_code,
        parent_id=company.parent_id,
        parent_name=parent_name,
        website=company.website or "",
        notes=company.notes or "",
    )


def company_contacts(session: Session, company_id: str) -> list[ContactRow]:
    query = (
        select(Contact)
        .where(Contact.company_id == company_id, Contact.deleted_at.is_(None))
        .order_by(Contact.name, Contact.id)
    )
    return [
        ContactRow(c.id, c.name, c.title, c.phone, c.email, c.wechat, c.notes)
        for c in session.scalars(query)
    ]


def company_tags(session: Session, company_id: str, language: str = "zh") -> list[TagRow]:
    query = (
        select(CompanyTag, name_column(TagKindRef, language))
        .join(TagKindRef, TagKindRef.code == CompanyTag.tag)
        .where(CompanyTag.company_id == company_id, CompanyTag.deleted_at.is_(None))
        .order_by(CompanyTag.tag, CompanyTag.edition_year.desc())
    )
    return [
        TagRow(t.id, t.tag, name, t.edition_year, t.rank, t.valid_until)
        for t, name in session.execute(query)
    ]


def company_projects(session: Session, company_id: str) -> list[CompanyProjectRow]:
    query = (
        select(Project)
        .where(Project.company_id == company_id, Project.deleted_at.is_(None))
        .order_by(Project.signed_on.desc().nulls_last(), Project.name)
    )
    return [
        CompanyProjectRow(p.id, p.name, p.stage, p.planned_investment, p.signed_on)
        for p in session.scalars(query)
    ]


def tag_kind_options(session: Session) -> list[Option]:
    rows = session.execute(
        select(TagKindRef.code, TagKindRef.name_zh, TagKindRef.name_en, TagKindRef.has_rank)
    )
    return [
        Option(code, zh, {"en": en, "has_rank": "1" if has_rank else ""})
        for code, zh, en, has_rank in rows
    ]


def industry_options(session: Session, language: str = "zh") -> list[Option]:
    """Sections and divisions, divisions indented under their section, named in `language`."""
    rows = session.execute(
        select(Industry.code, Industry.name, Industry.level).order_by(Industry.code)
    )
    sections: dict[str, Option] = {}
    divisions: list[tuple[str, Option]] = []
    for code, zh, level in rows:
        name = display_name("industry", code, zh, language)
        if level == "section":
            sections[code] = Option(code, f"{code} {name}")
        else:
            divisions.append((code, Option(code, f"    {code} {name}")))
    section_of = dict(session.execute(select(Industry.code, Industry.section)).all())
    ordered: list[Option] = []
    for section_code, option in sorted(sections.items()):
        ordered.append(option)
        ordered.extend(o for c, o in divisions if section_of.get(c) == section_code)
    return ordered


def province_options(session: Session, language: str = "zh") -> list[Option]:
    rows = session.execute(
        select(Region.code, Region.name).where(Region.level == "province").order_by(Region.code)
    )
    return [Option(code, display_name("region", code, name, language)) for code, name in rows]


def region_options(session: Session, language: str = "zh") -> list[Option]:
    """Provinces with their cities under each, for headquarters places."""
    rows = session.execute(select(Region.code, Region.name, Region.level).order_by(Region.code))
    options = []
    for code, zh, level in rows:
        name = display_name("region", code, zh, language)
        options.append(Option(code, name if level == "province" else f"    {name}"))
    return options


def company_name_options(session: Session, text: str, *, limit: int = 20) -> list[Option]:
    """Companies whose name contains `text`, for pickers (parent group, project investor)."""
    key = normalize_company_name(text)
    conds = [Company.deleted_at.is_(None)]
    if text.strip():
        conds.append(
            or_(Company.name.like(f"%{text.strip()}%"), Company.name_normalized.like(f"%{key}%"))
        )
    query = select(Company.id, Company.name).where(and_(*conds)).order_by(Company.name).limit(limit)
    return [Option(i, n) for i, n in session.execute(query)]


def row_index(name: str) -> int:
    """Position of a CompanyRow field in the tuples `CompanyListQuery.fetch_rows` returns."""
    return field_position(CompanyRow, name)


@dataclass(frozen=True)
class CompanyListQuery:
    """The companies table's query object for the paged table model (crm.queries.ListQuery)."""

    flt: CompanyFilter = CompanyFilter()
    sort_keys: frozenset[str] = frozenset(SORT_KEYS)
    #: Language of the reference names in the rows.
    language: str = "zh"

    def ids(
        self, session: Session, *, sort: str | None = None, descending: bool = False
    ) -> list[str]:
        return company_ids(session, self.flt, sort=sort or "name", descending=descending)

    def fetch_rows(self, session: Session, ids: Sequence[str]) -> list[tuple]:
        return [astuple(r) for r in company_rows(session, ids, self.language)]


def country_options(session: Session, language: str = "zh") -> list[Option]:
    """Countries, China first."""
    name = name_column(Country, language)
    rows = session.execute(select(Country.code, name).order_by(Country.code))
    options = [Option(code, name) for code, name in rows]
    return sorted(options, key=lambda o: o.code != "CN")
