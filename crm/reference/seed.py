"""Load the shipped reference lists into a new database (idempotent: fills empty tables only)."""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from crm.models import (
    Country,
    County,
    Industry,
    IndustryChain,
    Region,
    RegionGroup,
    RegionGroupMember,
    TagKindRef,
)
from crm.reference import loader

#: Region groups a brief reports together as "key regions" by default.
KEY_REGION_GROUPS = frozenset({"gba", "yrd", "jjj"})


def _empty(session: Session, model: type) -> bool:
    return not session.scalar(select(func.count()).select_from(model))


def ensure_reference_data(session: Session) -> None:
    """Fill each reference table that is still empty (new databases, or older partial ones)."""
    loaders = (
        (Region, lambda: [asdict(r) for r in loader.load_regions()]),
        (County, loader.load_counties),  # after regions: its rows name their city
        (Country, lambda: [asdict(c) for c in loader.load_countries()]),
        (Industry, lambda: [asdict(i) for i in loader.load_industries()]),
        (TagKindRef, lambda: [asdict(t) for t in loader.load_tag_kinds()]),
        (
            IndustryChain,
            lambda: [
                {**asdict(c), "sort_order": n} for n, c in enumerate(loader.load_industry_chains())
            ],
        ),
    )
    for model, rows in loaders:
        if _empty(session, model):
            session.execute(insert(model), rows())
    _insert_region_groups(session)


def _insert_region_groups(session: Session) -> None:
    """Shipped groups the database lacks (by code): a new database gets them all, an older one
    the groups shipped since (the urban agglomerations); groups a bureau edited stay as they
    are, and one it deleted by code comes back only if its code is free."""
    have = set(session.scalars(select(RegionGroup.code)))
    groups = [g for g in loader.load_region_groups() if g.code not in have]
    if not groups:
        return
    session.execute(
        insert(RegionGroup),
        [
            {
                "code": g.code,
                "name_zh": g.name_zh,
                "name_en": g.name_en,
                "is_key": g.code in KEY_REGION_GROUPS,
            }
            for g in groups
        ],
    )
    session.execute(
        insert(RegionGroupMember),
        [{"group_code": g.code, "region_code": m} for g in groups for m in g.members],
    )
