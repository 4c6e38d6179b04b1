"""Places to choose from: the bureau's own region in the first-start dialog and Settings."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from crm.models import County, Region


def region_level(code: str) -> str:
    """province / city / county of a GB/T 2260 code (450000, 450100, 450102)."""
    if code.endswith("0000"):
        return "province"
    return "city" if code.endswith("00") else "county"


def region_choices(session: Session) -> list[tuple[str, str]]:
    """(code, label) of every province and city, cities named with their province
    (南宁市（广西壮族自治区）), in code order so each province heads its cities."""
    rows = session.execute(select(Region.code, Region.name).order_by(Region.code)).all()
    provinces = {code[:2]: name for code, name in rows if region_level(code) == "province"}
    return [
        (
            code,
            name
            if region_level(code) == "province"
            else f"{name}（{provinces.get(code[:2], '')}）",
        )
        for code, name in rows
    ]


def county_names(session: Session, codes: Iterable[str]) -> dict[str, str]:
    """code → a county's or district's name with its city's (南宁市武鸣区; 北京市朝阳区 under a
    municipality), for the codes among `codes` that are counties (the region list holds
    provinces and cities only)."""
    wanted = sorted({c for c in codes if c})
    if not wanted:
        return {}
    city = aliased(Region)
    rows = session.execute(
        select(County.code, County.name, city.name)
        .join(city, city.code == County.parent_code)
        .where(County.code.in_(wanted))
    )
    return {code: f"{city_name}{name}" for code, name, city_name in rows}
