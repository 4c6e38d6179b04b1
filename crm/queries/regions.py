"""Places to choose from: the bureau's own region in the first-start dialog and Settings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, aliased

from crm.models import County, Region
from crm.places import county_label


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


def county_names(session: Session, codes: Iterable[str] | None = None) -> dict[str, str]:
    """code → a county's or district's name as lists show it (crm.places.county_label), for
    the codes among `codes` that are counties; every county when `codes` is None."""
    city = aliased(Region)
    query = select(County.code, County.name, city.name).join(city, city.code == County.parent_code)
    if codes is not None:
        wanted = sorted({c for c in codes if c})
        if not wanted:
            return {}
        query = query.where(County.code.in_(wanted))
    return {code: county_label(city_name, name) for code, name, city_name in session.execute(query)}


def county_label_column(county: Any, city: Any) -> ColumnElement[str]:
    """crm.places.county_label in SQL, for a query that reads many rows at once."""
    return city.name.concat(county.name)
