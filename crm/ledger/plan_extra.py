"""Parks (with their 所属县区) and contacts: the two small sheets that make an exported ledger
complete."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from crm.errors import ValidationError
from crm.ledger.context import PlanContext, report_repeats
from crm.ledger.fields import RECORD_ID
from crm.ledger.parse import INVALID, NEW, UNCHANGED, UPDATED, Item
from crm.ledger.plan_targets import county_of
from crm.ledger.refs import key_of
from crm.models import Contact, Park
from crm.services.companies import clean_contact
from crm.services.dispatch import set_park_county
from crm.services.projects import create_park

if TYPE_CHECKING:
    from crm.ledger.apply import _Writer

CONTACT_VALUES = ("title", "phone", "email", "wechat", "notes")


# --- parks --------------------------------------------------------------------------------------


def plan_parks(ctx: PlanContext, items: list[Item]) -> None:
    """New parks are created before the projects that land in them; existing ones are kept,
    their county set when the row gives another one."""
    counties = _park_counties(ctx) if any(i.values.get("county") for i in items) else None
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
        keyed, park_id = ctx.by_record_id(item, Park, ctx.refs.park_names)
        if keyed and park_id is None:
            continue
        existing = park_id or ctx.refs.parks.get(key)
        if existing is None and name in ctx.refs.deleted_parks:
            ctx.report(item, "name", name, "ref_deleted", "园区 / park")
            continue
        county = _county(ctx, item)
        if item.status == INVALID:
            continue
        if existing is None:
            item.status, item.extra["region_code"] = NEW, region
            item.extra["county_code"] = county
            continue
        # A park's name and region are matched, never changed (no service edits them); its
        # 所属县区 is set through set_park_county, a blank cell keeping the county on record.
        item.target_id = existing
        before = counties.get(existing) if counties is not None else None
        if county is not None and county != before:
            item.status, item.changes = UPDATED, {"county": county}
            item.keep_before({"county": before})
        else:
            item.status = UNCHANGED


def _park_counties(ctx: PlanContext) -> dict[str, str | None]:
    return dict(ctx.session.execute(select(Park.id, Park.county_code)).all())


def _county(ctx: PlanContext, item: Item) -> str | None:
    """The row's 所属县区 (a code or a name) as set_park_county takes it; None: blank."""
    text = item.values.get("county")
    return county_of(ctx, item, "county", text) if text else None


def write_parks(writer: _Writer, items: list[Item]) -> None:
    """New parks through create_park, then their county (and a changed one of a park on
    record) through set_park_county."""
    for item in items:
        writer.tick("parks")
        if item.status == NEW:
            writer.guarded(item, lambda item=item: _new_park(writer, item))
        elif item.status == UPDATED:
            writer.guarded(
                item,
                lambda item=item: set_park_county(
                    writer.s, park_id=item.target_id, county_code=item.changes["county"]
                ),
            )


def _new_park(writer: _Writer, item: Item) -> None:
    name = item.values["name"]
    region = item.extra.get("region_code")
    item.target_id = create_park(writer.s, name=name, region_code=region).id
    writer.refs.add_park(name, item.target_id)
    if item.extra.get("county_code"):
        set_park_county(writer.s, park_id=item.target_id, county_code=item.extra["county_code"])


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
    report_repeats(ctx, items, RECORD_ID, "duplicate_record_id")
    by_id = _contacts_by_id(ctx, [i.values[RECORD_ID] for i in items if i.values.get(RECORD_ID)])
    seen: set[tuple[int, str]] = set()
    for item, contact_id in ctx.rows_to_plan(items, Contact, by_id):
        v = item.values
        entry = ctx.row_company(item)
        if entry is None:
            continue
        try:
            fields = clean_contact({"name": v["name"], **{k: v.get(k, "") for k in CONTACT_VALUES}})
        except ValidationError as exc:
            ctx.report(item, exc.field, exc.value, "service_rejected", exc.message_zh)
            continue
        key = (id(entry), contact_id or fields["name"])
        if key in seen:
            ctx.report(item, "name", v["name"], "conflict", "联系人 / contact", severity="warning")
            item.status = INVALID
            continue
        seen.add(key)
        item.extra.update(company=entry, contact=fields)
        record = (
            by_id[contact_id] if contact_id else existing.get((entry.existing_id or "", v["name"]))
        )
        if record is None:
            item.status = NEW
            continue
        changes = {k: fields[k] for k in CONTACT_VALUES if k in v and record[k] != fields[k]}
        if record["name"] != fields["name"]:
            changes["name"] = fields["name"]  # found by its 系统编号: a renamed contact
        item.target_id, item.changes = record["id"], changes
        item.keep_before(record)
        item.status = UPDATED if changes else UNCHANGED


def _contacts_by_id(ctx: PlanContext, ids: list[str]) -> dict[str, dict[str, Any]]:
    return {record["id"]: record for record in _live_contacts(ctx, Contact.id, ids)}


def _existing_contacts(ctx: PlanContext) -> dict[tuple[str, str], dict[str, Any]]:
    ids = [e.existing_id for e in ctx.companies.entries if e.existing_id]
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for record in _live_contacts(ctx, Contact.company_id, ids):
        found.setdefault((record["company_id"], record["name"]), record)
    return found


def _live_contacts(ctx: PlanContext, key: Any, values: list[str]) -> Iterator[dict[str, Any]]:
    """The live contacts whose `key` column holds one of `values` (read 500 values at a time),
    with the columns a plan compares."""
    columns = [Contact.id, Contact.company_id, Contact.name] + [
        getattr(Contact, name) for name in CONTACT_VALUES
    ]
    for start in range(0, len(values), 500):
        query = select(*columns).where(
            key.in_(values[start : start + 500]), Contact.deleted_at.is_(None)
        )
        for row in ctx.session.execute(query):
            yield dict(row._mapping)
