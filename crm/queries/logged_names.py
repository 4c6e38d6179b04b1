"""The names behind the values a change log holds: a logged company id, region code or
country code read as the name it stands for (in the reader's language), and the fields of a
record loaded whole (a change of field `*`, its values as JSON). Shared by a project's
history (crm.queries.project_detail) and the change log (crm.queries.audit)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.changes import WHOLE_RECORD
from crm.models import Company, Country, Industry, IndustryChain, Park, Project, Region, Team
from crm.queries.regions import county_names
from crm.reference.display import Kind, display_name, name_column

#: Reference fields whose names have an English form (crm.reference.display).
_NAMED_KINDS: dict[str, Kind] = {
    "industry_code": "industry",
    "source_region_code": "region",
    "landing_region_code": "region",
}


def _reference_fields(language: str) -> dict[str, tuple[Any, Any]]:
    """Field → (key column, name column) of the table its values refer to."""
    return {
        "company_id": (Company.id, Company.name),
        "team_id": (Team.id, Team.name),
        "park_id": (Park.id, Park.name),
        "merged_into_id": (Project.id, Project.name),
        "project_id": (Project.id, Project.name),
        "industry_code": (Industry.code, Industry.name),
        "chain_code": (IndustryChain.code, name_column(IndustryChain, language)),
        "source_region_code": (Region.code, Region.name),
        "landing_region_code": (Region.code, Region.name),
        "source_country_code": (Country.code, name_column(Country, language)),
    }


def record_fields(field: str, value: str | None) -> dict[str, str]:
    """The fields a record loaded whole was given (a change of field `*`: its values as
    JSON), each as logged text; {} for any other change."""
    if field != WHOLE_RECORD or not value:
        return {}
    try:
        decoded = json.loads(value)
    except ValueError:
        return {}
    if not isinstance(decoded, dict):
        return {}
    return {
        key: (str(item).lower() if isinstance(item, bool) else str(item))
        for key, item in decoded.items()
        if item not in (None, "")
    }


def logged_values(rows: Iterable[Any]) -> list[tuple[str, str]]:
    """(field, value) of every value the change-log rows hold, a whole record's fields too."""
    pairs = []
    for row in rows:
        pairs.extend((row.field, v) for v in (row.old_value, row.new_value) if v)
        pairs.extend(record_fields(row.field, row.new_value).items())
    return pairs


def record_names(
    field: str, value: str | None, names: dict[tuple[str, str | None], str]
) -> tuple[tuple[str, str], ...]:
    """(field, name) for a whole record's reference fields whose value `names` knows."""
    found = ((k, names.get((k, v))) for k, v in record_fields(field, value).items())
    return tuple((k, name) for k, name in found if name)


def reference_names(
    session: Session, pairs: Iterable[tuple[str, str]], language: str
) -> dict[tuple[str, str | None], str]:
    """(field, logged value) → the name it stands for, one query per field that occurs."""
    wanted: dict[str, set[str]] = {}
    for field_name, value in pairs:
        wanted.setdefault(field_name, set()).add(value)
    names: dict[tuple[str, str | None], str] = {}
    for field_name, (key, name) in _reference_fields(language).items():
        values = wanted.get(field_name)
        if not values:
            continue
        for code, label in session.execute(select(key, name).where(key.in_(sorted(values)))):
            kind = _NAMED_KINDS.get(field_name)
            names[(field_name, code)] = display_name(kind, code, label, language) if kind else label
    # A county is not in the region list (crm.queries.regions).
    field = "landing_region_code"
    landed = {c for c in wanted.get(field, set()) if (field, c) not in names}
    for code, label in county_names(session, landed).items():
        names[(field, code)] = label
    return names
