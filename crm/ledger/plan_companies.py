"""Companies: rows of a companies sheet and investors named on the projects sheet."""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz, process

from crm.ledger.context import CompanyEntry, PlanContext, report_repeats
from crm.ledger.fields import RECORD_ID
from crm.ledger.parse import INVALID, NEW, UNCHANGED, UPDATED, Item
from crm.ledger.refs import Missing
from crm.models import Company
from crm.names import normalize_company_name

#: Above this many name comparisons the fuzzy search is skipped (it would take minutes).
FUZZY_LIMIT = 50_000_000
FUZZY_SCORE = 88.0


def company_fields(ctx: PlanContext, item: Item, values: dict[str, Any]) -> dict[str, Any]:
    """Service fields (create_company / update_company) from a companies-sheet row."""
    fields: dict[str, Any] = {}
    for name in ("name", "uscc", "former_names", "english_name", "ownership", "website", "notes"):
        if name in values:
            fields[name] = values[name]
    if "hq" in values:
        fields["hq_region_code"], fields["hq_country_code"] = values["hq"]
    if "industry" in values:
        fields["industry_code"] = values["industry"]
    if "chain" in values:
        chain = values["chain"]
        if isinstance(chain, Missing):
            ctx.note_missing(item, "chain", chain)
        fields["chain_code"] = chain
    return fields


def plan_companies(ctx: PlanContext, items: list[Item]) -> None:
    report_repeats(ctx, items, RECORD_ID, "duplicate_record_id")
    for item in items:
        if item.status == INVALID:
            continue
        values = item.values
        entry = _company_of_row(ctx, item)
        if entry is None:
            continue
        if entry.item is not None or (entry.is_new and _other_key(entry, values)):
            if not _other_key(entry, values):
                ctx.report(item, "name", values["name"], "duplicate_company_row", entry.item.row)
                continue
            # Same name, different 系统编号 or credit code: two firms (export → import of
            # a database holding both must give both back).
            entry = ctx.companies.add_distinct(values["name"], values.get("uscc"), item)
        elif entry.uscc and values.get("uscc") and entry.uscc != values["uscc"]:
            ctx.report(item, "uscc", values["uscc"], "conflict", "企业的统一社会信用代码")
            continue
        if entry.is_new and values.get("uscc") in ctx.companies.deleted_uscc:
            ctx.report(
                item,
                "uscc",
                values["uscc"],
                "uscc_taken",
                ctx.companies.deleted_uscc[values["uscc"]],
            )
            continue
        entry.item = item
        entry.values = company_fields(ctx, item, values)
        entry.parent_name = values.get("parent")
        for tag in values.get("tags", []):
            entry.tags.setdefault((tag.tag, tag.edition_year), tag)
        item.extra["company"] = entry


def _other_key(entry: CompanyEntry, values: dict[str, Any]) -> bool:
    """Whether a row names another firm than the entry under the same name: its record id
    or credit code differs from those of the row the entry came from."""
    first = entry.item.values if entry.item is not None else {}
    ids = (first.get(RECORD_ID), values.get(RECORD_ID))
    usccs = (entry.uscc, values.get("uscc"))
    return (all(ids) and ids[0] != ids[1]) or (all(usccs) and usccs[0] != usccs[1])


def _company_of_row(ctx: PlanContext, item: Item) -> CompanyEntry | None:
    """A companies-sheet row's entry: by its 系统编号 (a renamed firm stays itself), else by
    credit code and name."""
    values = item.values
    keyed, company_id = ctx.by_record_id(item, Company, ctx.companies.live_ids)
    if keyed and company_id is None:
        return None
    if keyed:
        entry = ctx.companies.entry_for(company_id)  # type: ignore[arg-type]
        if entry is not None:
            ctx.companies.register_name(values["name"], entry)
        return entry
    return ctx.companies.get(values["name"], values.get("uscc"), (item.sheet, item.row))


def add_project_company(ctx: PlanContext, item: Item) -> CompanyEntry | None:
    """The investor named on a projects-sheet row (created when new)."""
    values = item.values
    name, uscc = values.get("company"), values.get("uscc")
    if not name and not uscc:
        return None
    if not name:
        entry = ctx.companies.find(None, uscc)
        if entry is None:
            ctx.report(item, "company", "", "missing_required", "投资方")
            return None
    else:
        entry = ctx.companies.get(name, uscc, (item.sheet, item.row))
    if entry.is_new and uscc and uscc in ctx.companies.deleted_uscc:
        ctx.report(item, "uscc", uscc, "uscc_taken", ctx.companies.deleted_uscc[uscc])
        return None
    if entry.is_new and not entry.values:
        entry.values = {"name": entry.name, **({"uscc": entry.uscc} if entry.uscc else {})}
    elif entry.is_new and uscc and "uscc" not in entry.values:
        entry.values["uscc"] = uscc
    return entry


def settle_project_company(ctx: PlanContext, item: Item) -> None:
    """A matched project keeps its investor when the row names it (firms may share a name);
    then the row's company tags go to that investor."""
    entry: CompanyEntry | None = item.extra.get("company")
    current = ctx.project_keys.company_of.get(item.target_id or "")
    if entry is not None and current and entry.existing_id not in (None, current):
        mine = ctx.companies.existing(current)
        theirs = entry.existing or {}
        same_name = mine and mine["name_normalized"] == theirs.get("name_normalized")
        uscc = item.values.get("uscc")
        if same_name and (not uscc or uscc == mine["uscc"]):  # type: ignore[index]
            entry = ctx.companies.entry_for(current)
            item.extra["company"] = entry
    if entry is not None:
        for tag in item.values.get("company_tags", []):
            entry.tags.setdefault((tag.tag, tag.edition_year), tag)


def classify_companies(
    ctx: PlanContext, existing_tags: dict[str, set[tuple[str, int | None]]]
) -> None:
    """New / updated / unchanged for every companies-sheet row; tags to add for every company."""
    for entry in ctx.companies.entries:
        entry.values.pop("__tags__", None)
        new_tags = missing_tags(ctx, entry, existing_tags)
        entry.new_tags = new_tags
        entry_changes: dict[str, Any] = {}
        if entry.existing is not None and entry.item is not None:
            entry_changes = _diff(entry.existing, entry.values)
            if entry.merged:
                entry_changes.pop("name", None)  # the same firm: it keeps its name
        item = entry.item
        if item is None:
            continue
        item.extra["new_tags"] = new_tags
        parent = not entry.is_new and _parent_changes(ctx, entry)
        if parent:  # (parent on record, parent named): apply sets it apart from the fields
            item.extra["parent_change"] = (
                (entry.existing or {}).get("parent_id"),
                entry.parent_name,
            )
        if entry.is_new:
            item.status = NEW
        elif entry_changes or new_tags or parent:
            item.status, item.target_id, item.changes = UPDATED, entry.existing_id, entry_changes
            item.keep_before(entry.existing)
        else:
            item.status, item.target_id = UNCHANGED, entry.existing_id


def missing_tags(
    ctx: PlanContext, entry: CompanyEntry, existing: dict[str, set[tuple[str, int | None]]]
) -> list[Any]:
    """The row's list memberships the company does not have yet. One without an edition year
    (世界500强) is had when the company or its group is on that list in any year: the
    screens show the group's memberships on its subsidiaries' rows."""
    have = existing.get(entry.existing_id or "", set())
    parent = (entry.existing or {}).get("parent_id")
    kinds = {tag for tag, _year in have | existing.get(parent or "", set())}
    return [
        value
        for (tag, year), value in entry.tags.items()
        if (tag, year) not in have and not (year is None and tag in kinds)
    ]


def _parent_changes(ctx: PlanContext, entry: CompanyEntry) -> bool:
    if not entry.parent_name or entry.existing is None:
        return False
    parent = ctx.companies.find(entry.parent_name, None)
    return parent is None or parent.existing_id != entry.existing.get("parent_id")


def _diff(existing: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    changes = {}
    for name, value in fields.items():
        if name == "hq_country_code" and value is None:
            value = "CN"
        if isinstance(value, Missing) or existing.get(name) != value:
            changes[name] = value
    return changes


def fuzzy_candidates(ctx: PlanContext) -> list[tuple[CompanyEntry, list[tuple[str, str, float]]]]:
    """New companies whose names are close to existing ones: shown, never merged silently."""
    new = [e for e in ctx.companies.entries if e.is_new]
    choices = ctx.companies.existing_names
    if not new or not choices or len(new) * len(choices) > FUZZY_LIMIT:
        return []
    found = []
    for entry in new:
        key = normalize_company_name(entry.name)
        if not key:
            continue
        matches = process.extract(
            key, choices, scorer=fuzz.WRatio, limit=3, score_cutoff=FUZZY_SCORE
        )
        if matches:
            found.append(
                (
                    entry,
                    [
                        (cid, ctx.companies.existing(cid)["name"], float(score))  # type: ignore[index]
                        for _c, score, cid in matches
                    ],
                )
            )
    return found


def mark_new(entry: CompanyEntry) -> None:
    if entry.item is not None and entry.item.status != INVALID:
        entry.item.status = NEW
