"""The blank-cell rule of the projects sheet (README: a blank cell changes nothing): a row
found by its 系统编号 keeps the record's values in its blank cells, required ones included,
and the preview says so cell by cell (原有内容保留) for every value on record (user test 3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from crm.ledger.context import PlanContext
from crm.ledger.field_names import field_label
from crm.ledger.fields import RECORD_ID, Sheet
from crm.ledger.parse import Item

#: The projects sheet's fields written as they are read (plan_projects.project_fields).
PLAIN = ("name", "code", "planned_investment", "foreign_investment", "responsible_unit",
         "responsible_person", "is_major", "confidential", "expected_jobs",
         "expected_annual_output", "expected_signing_on", "expected_start_on",
         "expected_operation_on", "notes")  # fmt: skip


def keep_required(ctx: PlanContext, item: Item) -> bool:
    """A row found by its 系统编号 keeps the record's values in its blank required cells (a
    blank cell changes nothing; note_blank_cells says so); a row of no record needs them."""
    blank = item.extra.get("blank_required")
    if not blank:
        return True
    name = ctx.project_keys.names.get(item.values.get(RECORD_ID) or "")
    if name is not None and blank == ["name"]:
        item.values["name"] = name
        return True
    labels = "、".join(field_label(Sheet.PROJECTS, n) for n in blank)
    ctx.report(item, blank[0], "", "missing_required", labels)
    return False


#: Fields whose blank cell over a value on record is pointed out (the stage's dates have
#: their own rules, in plan_stages); a code the file leaves out is not a cleared cell.
_KEPT_WHEN_BLANK = frozenset(PLAIN) - {"code"}


def note_blank_cells(ctx: PlanContext, item: Item, existing: dict[str, Any]) -> None:
    """A blank cell changes nothing (a ledger rarely fills every column): where it stands over a
    value on record the preview says so, cell by cell, so that a value cleared in Excel is not
    believed gone — an investor, a park or a place as much as a figure (user test 3)."""
    for name in item.extra.get("blank", ()):
        kept = existing.get(name) if name in _KEPT_WHEN_BLANK else _kept_ref(ctx, name, existing)
        if kept not in (None, "", False):
            ctx.report(item, name, "", "blank_kept", _shown(kept), severity="warning")


def _kept_ref(ctx: PlanContext, name: str, existing: dict[str, Any]) -> str | None:
    """The name on record of a blank cell's investor, code, park, team or place."""
    refs = ctx.refs
    if name == "company":
        company = ctx.companies.existing(existing.get("company_id") or "")
        return company["name"] if company else None
    if name == "source":
        return refs.place_label(existing.get("source_region_code"),
                                existing.get("source_country_code"))  # fmt: skip
    if name == "landing_region":
        return refs.landing_label(existing.get("landing_region_code"))
    named = {"industry": ("industry_code", refs.industry_names),
             "chain": ("chain_code", refs.chain_names), "park": ("park_id", refs.park_names),
             "team": ("team_id", refs.team_names)}.get(name)  # fmt: skip
    if named is None or not existing.get(named[0]):
        return None
    return named[1].get(existing[named[0]], existing[named[0]])


def _shown(value: Any) -> str:
    """A value on record as the ledger writes it (5000, not 5000.000000; 是 for a flag)."""
    if value is True:
        return "是"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
