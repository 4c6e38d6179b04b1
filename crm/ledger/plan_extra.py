"""Parks and contacts: the two small sheets that make an exported ledger complete."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from crm.errors import ValidationError
from crm.ledger.context import PlanContext
from crm.ledger.parse import INVALID, NEW, UNCHANGED, UPDATED, Item
from crm.ledger.refs import key_of
from crm.models import Contact
from crm.services.companies import clean_contact

CONTACT_VALUES = ("title", "phone", "email", "wechat", "notes")


# --- parks --------------------------------------------------------------------------------------


def plan_parks(ctx: PlanContext, items: list[Item]) -> None:
    """New parks are created before the projects that land in them; existing ones are kept."""
    for item in items:
        if item.status == INVALID:
            continue
        name = item.values["name"]
        key = key_of(name)
        if key in ctx.file_parks:
            ctx.report(item, "name", name, "duplicate_row", ctx.file_parks[key].row)
            continue
        ctx.file_parks[key] = item
        region = _region(ctx, item)
        existing = ctx.refs.parks.get(key)
        if existing is None:
            item.status, item.extra["region_code"] = NEW, region
        else:
            # There is no service to edit a park: an existing one is matched, never changed.
            item.status, item.target_id = UNCHANGED, existing


def _region(ctx: PlanContext, item: Item) -> str | None:
    if "region" not in item.values:
        return None
    region, _country = item.values["region"]
    if region is None:
        ctx.report(item, "region", "", "unknown_place")
    return region


# --- contacts -----------------------------------------------------------------------------------


def plan_contacts(ctx: PlanContext, items: list[Item]) -> None:
    """A contact is the same person when the company and the name match; else it is new."""
    existing = _existing_contacts(ctx)
    seen: set[tuple[int, str]] = set()
    for item in items:
        if item.status == INVALID:
            continue
        v = item.values
        entry = ctx.companies.find(v["company"], v.get("uscc"))
        if entry is None:
            ctx.report(item, "company", v["company"], "unknown_company", v["company"])
            continue
        try:
            fields = clean_contact({"name": v["name"], **{k: v.get(k, "") for k in CONTACT_VALUES}})
        except ValidationError as exc:
            ctx.report(item, exc.field, exc.value, "service_rejected", exc.message_zh)
            continue
        key = (id(entry), fields["name"])
        if key in seen:
            ctx.report(item, "name", v["name"], "conflict", "联系人 / contact", severity="warning")
            item.status = INVALID
            continue
        seen.add(key)
        item.extra.update(company=entry, contact=fields)
        record = existing.get((entry.existing_id or "", fields["name"]))
        if record is None:
            item.status = NEW
            continue
        changes = {k: fields[k] for k in CONTACT_VALUES if k in v and record[k] != fields[k]}
        item.target_id, item.changes = record["id"], changes
        item.status = UPDATED if changes else UNCHANGED


def _existing_contacts(ctx: PlanContext) -> dict[tuple[str, str], dict[str, Any]]:
    ids = [e.existing_id for e in ctx.companies.entries if e.existing_id]
    found: dict[tuple[str, str], dict[str, Any]] = {}
    columns = [Contact.id, Contact.company_id, Contact.name] + [
        getattr(Contact, name) for name in CONTACT_VALUES
    ]
    for start in range(0, len(ids), 500):
        query = select(*columns).where(
            Contact.company_id.in_(ids[start : start + 500]), Contact.deleted_at.is_(None)
        )
        for row in ctx.session.execute(query):
            record = dict(row._mapping)
            found.setdefault((record["company_id"], record["name"]), record)
    return found
