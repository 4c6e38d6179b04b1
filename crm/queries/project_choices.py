"""Choices for the projects filter bar and form: reference lists, the investor picker, and
projects that may already be the one being entered."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    select,
)
from sqlalchemy.orm import Session

from crm import search
from crm.duplicates import SimilarProject, similar_projects
from crm.models import (
    Company,
    Country,
    Industry,
    IndustryChain,
    Park,
    Project,
    Region,
    RegionGroup,
    TagKindRef,
    Team,
)
from crm.names import normalize_project_name
from crm.queries import ordering


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

    def coded(model: Any, *order: Any) -> list[tuple[str, str]]:
        """(code, label) of a bilingual reference list."""
        rows = session.execute(select(model.code, model.name_zh, model.name_en).order_by(*order))
        return [(code, label(zh, en)) for code, zh, en in rows]

    def live(model: Any) -> list[tuple[str, str]]:
        """(id, name) of the live rows of a table, in pinyin order of the names."""
        rows = session.execute(select(model.id, model.name).where(model.deleted_at.is_(None)))
        return ordering.by_pinyin((row_id, name) for row_id, name in rows)

    return ProjectChoices(
        industries=industries,
        chains=coded(IndustryChain, IndustryChain.sort_order, IndustryChain.code),
        teams=live(Team),
        region_groups=coded(RegionGroup, RegionGroup.code),
        provinces=[(c, n) for c, n, level in regions if level == "province"],
        cities=[(c, n) for c, n, level in regions if level != "province"],
        tags=coded(TagKindRef, TagKindRef.code),
        parks=live(Park),
        countries=coded(Country, Country.code),
    )


def county_choices(session: Session) -> list[tuple[str, str]]:
    """Every county and district as (code, 南宁市武鸣区), in code order: with the cities, where
    a project may land (the form's 落地地区; a county kept on record is among them, so saving
    the form keeps it)."""
    from crm.queries.regions import county_names

    return sorted(county_names(session).items())


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
