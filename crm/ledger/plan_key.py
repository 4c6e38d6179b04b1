"""Key-enterprise list sheets (重点企业名单: 企业名称, 统一社会信用代码, 名单, 级别, 年度, 特派员,
包保领导): plan each row — the enterprise, its membership of the list for the year (new, or
its level / valid-until changed) and who answers for it from the row's day (特派员 and 包保领导
as crm/services/key_enterprises.py keeps them over time) — and write exactly that plan
through the services. A blank cell changes nothing; a list not defined yet is created only
with --create-missing."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import select

from crm.codes import ListLevel, TagKind
from crm.ledger.context import CompanyEntry, PlanContext, report_repeats
from crm.ledger.fields import RECORD_ID
from crm.ledger.headers import fold
from crm.ledger.parse import INVALID, NEW, UNCHANGED, UPDATED, Item
from crm.models import CompanyTag, EnterpriseLiaison, TagKindRef
from crm.services import companies
from crm.services import key_enterprises as key

_LEVEL_WORDS = (("国家", "national"), ("自治区", "province"), ("省", "province"),
                ("市", "city"), ("县", "county"), ("区", "county"))  # fmt: skip


def list_level(text: str) -> str | None:
    """国家级 / 自治区级 / 省级 / 市级 / 县级 (or the codes' labels) → the level's code."""
    member = ListLevel.from_text(text)
    if member is not None:
        return member.value
    return next((code for word, code in _LEVEL_WORDS if word in text), None)


class _Existing:
    """The lists by name, the memberships and the assignments of the companies a sheet
    names, read once."""

    def __init__(self, ctx: PlanContext, company_ids: set[str], tag_ids: list[str]) -> None:
        s = ctx.session
        self.lists: dict[str, str] = {}
        for code, zh, en in s.execute(select(TagKindRef.code, TagKindRef.name_zh,
                                             TagKindRef.name_en)):  # fmt: skip
            for name in (code, zh, en):
                if name:
                    self.lists.setdefault(fold(name), code)
        self.tags: dict[tuple[str, str, int | None], dict[str, Any]] = {}
        self.by_id: dict[str, dict[str, Any]] = {}  # the memberships the sheet's 系统编号 name
        self.liaisons: dict[str, list[dict[str, Any]]] = defaultdict(list)
        t = CompanyTag
        columns = (t.id, t.company_id, t.tag, t.edition_year, t.level, t.valid_until)
        for part in (tag_ids[i : i + 500] for i in range(0, len(tag_ids), 500)):
            for row in s.execute(select(*columns).where(t.deleted_at.is_(None), t.id.in_(part))):
                self.by_id[row.id] = dict(row._mapping)
        if not company_ids:
            return
        query = select(*columns).where(t.deleted_at.is_(None), t.company_id.in_(company_ids))
        for row in s.execute(query):
            self.tags[(row.company_id, row.tag, row.edition_year)] = dict(row._mapping)
        e = EnterpriseLiaison
        for row in s.execute(
            select(e.id, e.company_id, e.commissioner, e.leader, e.start_on, e.end_on).where(
                e.deleted_at.is_(None), e.company_id.in_(company_ids)
            )
        ):
            self.liaisons[row.company_id].append(dict(row._mapping))

    def list_code(self, name: str) -> str | None:
        member = TagKind.from_text(name)
        return member.value if member is not None else self.lists.get(fold(name))

    def liaison_on(self, company_id: str, day: date) -> dict[str, Any] | None:
        """The assignment covering `day` (the latest one), as key.liaison_on tells it."""
        covering = [
            r for r in self.liaisons.get(company_id, [])
            if r["start_on"] <= day and (r["end_on"] is None or r["end_on"] >= day)
        ]  # fmt: skip
        return max(covering, key=lambda r: r["start_on"]) if covering else None


def plan_keylist(ctx: PlanContext, items: list[Item]) -> None:
    if not items:
        return
    found: dict[int, CompanyEntry] = {}
    for item in items:
        if item.status == INVALID:
            continue
        entry = ctx.row_company(item)
        if entry is not None:
            found[id(item)] = entry
    tag_ids = sorted({i.values[RECORD_ID] for i in items if i.values.get(RECORD_ID)})
    existing = _Existing(ctx, {e.existing_id for e in found.values() if e.existing_id}, tag_ids)
    report_repeats(ctx, items, RECORD_ID, "duplicate_record_id")
    day = ctx.options.as_of or ctx.today
    assigned: dict[int, tuple[str, str, int]] = {}  # company entry → (commissioner, leader, row)
    for item in items:
        entry = found.get(id(item))
        if entry is None or item.status == INVALID:
            continue
        keyed, tag_id = ctx.by_record_id(item, CompanyTag, existing.by_id)
        if keyed and tag_id is None:
            continue  # an unknown or deleted 系统编号: reported
        item.extra["company"] = entry
        changed = _plan_membership(ctx, item, entry, existing, tag_id)
        if item.status != INVALID:  # an invalid row assigns nobody: a later row of it may
            changed |= _plan_liaison(ctx, item, entry, existing, day, assigned)
        if item.status != INVALID:
            new = item.extra.get("membership") is not None and "tag_id" not in item.extra
            item.status = NEW if new else UPDATED if changed else UNCHANGED


def _plan_membership(
    ctx: PlanContext, item: Item, entry: CompanyEntry, existing: _Existing, tag_id: str | None
) -> bool:
    """A new membership, or the level / valid-until of the one the row names (by its
    系统编号, else by enterprise, list and year). A list not known here is defined with
    --create-missing, or when the file comes from another database (--from-other-db)."""
    v = item.values
    name = (v.get("list") or "").strip()
    if not name:
        return False
    code = existing.list_code(name)
    options = ctx.options
    if code is None and not (options.create_missing or options.ignore_unknown_ids):
        ctx.report(item, "list", name, "unknown_list", name)
        return False
    level = list_level(v["level"]) if v.get("level") else None
    if v.get("level") and level is None:
        ctx.report(item, "level", v["level"], "keylist_level")
        return False
    year = v.get("year")
    old = existing.by_id.get(tag_id or "") or (
        existing.tags.get((entry.existing_id or "", code or "", year)) if code else None
    )
    values = {
        "level": level or (old["level"] if old else None),
        "valid_until": v.get("valid_until") or (old["valid_until"] if old else None),
    }
    if old is None:
        item.extra["membership"] = {"list": code or name, "new_list": code is None,
                                    "edition_year": year, **values}  # fmt: skip
        return True
    if all(old[k] == x for k, x in values.items()):
        return False
    item.extra["membership"], item.extra["tag_id"] = values, old["id"]
    item.extra["membership_before"] = {k: old[k] for k in values}  # the preview's 旧值
    return True


def _plan_liaison(
    ctx: PlanContext,
    item: Item,
    entry: CompanyEntry,
    existing: _Existing,
    day: date,
    assigned: dict[int, tuple[str, str, int]],
) -> bool:
    v = item.values
    who, boss = (v.get("commissioner") or "").strip(), (v.get("leader") or "").strip()
    if not (who or boss):
        return False
    start: date = v.get("liaison_from") or day
    if start > ctx.today:
        ctx.report(item, "liaison_from", start, "future_date")
        return False
    earlier = assigned.get(id(entry))
    if earlier is not None:  # the same enterprise on several lists: its first row decides
        differs = [c for c, mine, first in (("commissioner", who, earlier[0]),
                   ("leader", boss, earlier[1])) if mine and mine != first]  # fmt: skip
        for column in differs:  # a contradiction is an error; a blank there only a warning
            both = bool(earlier[0] if column == "commissioner" else earlier[1])
            code, severity = ("keylist_liaison_differs", "error") if both else (
                "keylist_liaison_first", "warning")  # fmt: skip
            ctx.report(item, column, v.get(column), code, earlier[2], severity=severity)
        return False
    assigned[id(entry)] = (who, boss, item.row)
    current = existing.liaison_on(entry.existing_id, start) if entry.existing_id else None
    if current is not None:
        who = who or current["commissioner"]
        boss = boss or current["leader"]
        if (current["commissioner"], current["leader"]) == (who, boss):
            return False
    item.extra["liaison"] = {"commissioner": who, "leader": boss, "start_on": start}
    item.extra["liaison_before"] = current or {}  # who is assigned now, for the preview
    return True


def write_keylist(writer: Any, items: list[Item]) -> None:
    """The planned memberships and assignments, through the services, in the sheet's order."""
    lists: dict[str, str] = {}
    for item in items:
        writer.tick("keylist")
        if item.status not in (NEW, UPDATED):
            continue
        writer.guarded(item, lambda item=item: _write(writer.s, item, lists))


def _write(s: Any, item: Item, lists: dict[str, str]) -> None:
    company_id = item.extra["company"].id
    membership = item.extra.get("membership")
    if membership and "tag_id" in item.extra:
        key.update_membership(s, item.extra["tag_id"], **membership)
    elif membership:
        values = dict(membership)
        name = values.pop("list")
        if values.pop("new_list"):
            name = lists.get(name) or key.define_company_list(s, name_zh=name).id
            lists[membership["list"]] = name
        companies.add_company_tag(s, company_id=company_id, tag=name, **values)
    liaison = item.extra.get("liaison")
    if liaison:
        key.assign_liaison(s, company_id=company_id, **liaison)
