"""单位年度目标 sheets: each row the annual target of the bureau, a county or district, or a
park for one measure (万元 for amounts, a count for the rest).

A target is its year, scope, place and measure (set_target upserts by them): a row without
系统编号 updates the target with that key, else adds one. Every rule of set_target is checked
here, so the preview is what apply writes (write_targets, through that service).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select

from crm.codes import TargetMeasure, TargetScope
from crm.errors import ValidationError
from crm.ledger.context import PlanContext
from crm.ledger.parse import INVALID, NEW, UPDATED, Item
from crm.ledger.plan_entries import Entries, Key
from crm.ledger.refs import Missing, key_of
from crm.models import County, Park, Target
from crm.services import dispatch

if TYPE_CHECKING:
    from crm.ledger.apply import _Writer

_NAMES = ("id", "year", "scope", "region_code", "park_id", "measure", "value")


def _key(record: dict[str, Any]) -> Key:
    return (record["year"], record["scope"], record["region_code"], record["park_id"],
            record["measure"])  # fmt: skip


def plan_targets(ctx: PlanContext, items: list[Item]) -> None:
    """After the parks: a park target may name a park the parks sheet creates."""
    if not items:
        return
    entries = Entries(
        ctx, Target, _NAMES, _key, ("年度、范围、地点和指标", "year, scope, place and measure")
    )
    keyed = []
    for item, record_id in entries.rows(items):
        key = _target_key(ctx, item)
        if key is not None:
            keyed.append((item, key, record_id))
    ids = {id(item): record_id for item, _key, record_id in keyed}
    places = _place_names(ctx)
    for item, key in entries.refuse_repeats([(i, k) for i, k, _r in keyed], "measure"):
        entries.match(item, ids[id(item)], key, ("value",), lambda r: _describe(r, places))


def _target_key(ctx: PlanContext, item: Item) -> Key | None:
    """(year, scope, county code, park, measure) as set_target keys it; None: refused."""
    v = item.values
    measure = TargetMeasure(v["measure"])
    if not measure.is_amount and v["value"] != v["value"].to_integral_value():
        ctx.report(item, "value", v["value"], "count_not_whole", measure.zh)
    region = park = None
    if v["scope"] == TargetScope.COUNTY:
        region = _county(ctx, item)
    elif v["scope"] == TargetScope.PARK:
        park = _park(ctx, item)
    _say_ignored(ctx, item)
    if item.status == INVALID:
        return None
    item.extra["place"] = (region, park)
    place = park.name if isinstance(park, Missing) else ctx.refs.park_names.get(park or "")
    record = {"year": v["year"], "scope": v["scope"], "measure": v["measure"],
              "region_code": region, "park_id": None}  # fmt: skip
    item.extra["name"] = _describe(record, {region or "": v.get("county") or place or region or ""})
    return (v["year"], v["scope"], region, park, v["measure"])


#: The place cells a scope reads (the others are left blank, or said to be ignored).
_PLACE_CELLS = {TargetScope.BUREAU: (), TargetScope.COUNTY: ("region_code", "county"),
                TargetScope.PARK: ("park",)}  # fmt: skip


def _say_ignored(ctx: PlanContext, item: Item) -> None:
    """A place cell the row's scope does not read (全局 with a 县区名称): said, not dropped."""
    v = item.values
    for name in ("region_code", "county", "park"):
        if v.get(name) and name not in _PLACE_CELLS[TargetScope(v["scope"])]:
            value = v[name].name if isinstance(v[name], Missing) else v[name]
            value = ctx.refs.park_names.get(value, value) if name == "park" else value
            label = TargetScope.label_of(v["scope"])
            ctx.report(item, name, value, "target_place_ignored", label, severity="warning")


def _county(ctx: PlanContext, item: Item) -> str | None:
    """The county by its code (as check_county_code takes it), else by its name; a code and
    a name of two counties are refused (which one is meant?)."""
    v = item.values
    code, name = v.get("region_code"), v.get("county")
    if code:
        try:
            code = dispatch.check_county_code(ctx.session, code)
        except ValidationError:
            ctx.report(item, "region_code", code, "unknown_county", code)
            return None
        county = ctx.session.get(County, code)
        if name and county is not None and name not in (county.name, county.short_name):
            ctx.report(item, "county", name, "county_mismatch", f"{code}是{county.name}")
            return None
        return code
    if not name:
        ctx.report(item, "county", "", "missing_required", "县区代码或县区名称")
        return None
    return county_of(ctx, item, "county", name)


def county_of(ctx: PlanContext, item: Item, field_name: str, text: str) -> str | None:
    """A county by its six-digit code, else by its name or short name (one county only);
    None: reported on the row's `field_name` cell."""
    if text.isdigit():
        try:
            return dispatch.check_county_code(ctx.session, text)
        except ValidationError:
            ctx.report(item, field_name, text, "unknown_county", text)
            return None
    found = ctx.session.scalars(
        select(County.code).where(or_(County.name == text, County.short_name == text))
    ).all()
    if len(found) != 1:
        reason = "unknown_county" if not found else "ambiguous_county"
        ctx.report(item, field_name, text, reason, text)
        return None
    return found[0]


def _park(ctx: PlanContext, item: Item) -> str | Missing | None:
    """A park on record, one the parks sheet creates, or (--create-missing) one to create."""
    park = item.values.get("park")
    if not park:
        ctx.report(item, "park", "", "missing_required", "园区")
        return None
    if isinstance(park, Missing):
        if key_of(park.name) in ctx.file_parks:
            return park
        if ctx.options.create_missing:
            ctx.note_missing(item, "park", park)
            return park
        ctx.report(item, "park", park.name, "unknown_park", park.name)
        return None
    return park


def _place_names(ctx: PlanContext) -> dict[str, str]:
    """Counties' and parks' names by code and id (naming a target in a refusal)."""
    query = select(County.code, County.name).union_all(select(Park.id, Park.name))
    return dict(ctx.session.execute(query).all())


def _describe(record: dict[str, Any], places: dict[str, str]) -> str:
    place = places.get(record["region_code"] or record["park_id"] or "", "")
    scope = TargetScope.label_of(record["scope"]) + (f"（{place}）" if place else "")
    return f"{record['year']}年{scope}{TargetMeasure.label_of(record['measure'])}"


def write_targets(writer: _Writer, items: list[Item]) -> None:
    """Through set_target, after the parks (a new park has its id by then)."""
    for item in items:
        writer.tick("targets")
        if item.status not in (NEW, UPDATED):
            continue
        v = item.values
        region, park = item.extra["place"]
        writer.guarded(
            item,
            lambda v=v, region=region, park=park: dispatch.set_target(
                writer.s, year=v["year"], scope=v["scope"], measure=v["measure"],
                value=v["value"], region_code=region, park_id=writer.ref(park),
            ),
        )  # fmt: skip
