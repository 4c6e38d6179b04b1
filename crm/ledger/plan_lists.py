"""清单项目 sheets: each row a project on a year's key-project list, at a level (自治区/省级,
市级, 县级), optionally in a programme (专项), with the year's planned investment.

An entry is its project, year, level and programme (put_on_list upserts by them): a row
without 系统编号 updates the entry with that key, else adds one. The ledger has no sheet of
programmes: one not on record is created by name, and the preview says so. Projects are
found as funds rows find theirs (a project of the same file too). Written through
put_on_list (write_lists).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from crm.codes import ProjectListLevel
from crm.ledger.apply_dispatch import programme_named
from crm.ledger.context import PlanContext
from crm.ledger.parse import NEW, UPDATED, Item
from crm.ledger.plan_entries import Entries, Key, project_describer
from crm.ledger.plan_others import _project_ref, project_id_of
from crm.models import ListEntry, Programme
from crm.services import dispatch

if TYPE_CHECKING:
    from crm.ledger.apply import _Writer

_NAMES = ("id", "project_id", "year", "level", "programme_id", "year_plan")


def _key(record: dict[str, Any]) -> Key:
    return (record["project_id"], record["year"], record["level"], record["programme_id"])


def plan_lists(ctx: PlanContext, items: list[Item]) -> None:
    """After the projects: an entry may name a project the file creates."""
    if not items:
        return
    entries = Entries(
        ctx,
        ListEntry,
        _NAMES,
        _key,
        ("项目、年度、清单级别和专项", "project, year, level and programme"),
    )
    programmes = {
        name: pid
        for pid, name in ctx.session.execute(
            select(Programme.id, Programme.name).where(Programme.deleted_at.is_(None))
        )
    }
    keyed, ids = [], {}
    for item, record_id in entries.rows(items):
        ref = _project_ref(ctx, item)
        if ref is None:
            continue
        v = item.values
        name = v.get("programme") or None
        programme = programmes.get(name, ("new", name)) if name else None
        item.extra.update(project=ref, programme=name)
        keyed.append((item, (project_id_of(ref) or ref, v["year"], v["level"], programme)))
        ids[id(item)] = record_id
    new_programmes: set[str] = set()
    for item, key in entries.refuse_repeats(keyed, "project"):
        entries.match(item, ids[id(item)], key, ("year_plan",), project_describer(ctx, _what))
        name = item.extra["programme"]
        if item.status == NEW and name and name not in programmes and name not in new_programmes:
            new_programmes.add(name)  # said once, on the first row that names it
            ctx.report(item, "programme", name, "list_new_programme", name, severity="warning")


def _what(record: dict[str, Any]) -> str:
    return f"{record['year']}年{ProjectListLevel.label_of(record['level'])}清单"


def write_lists(writer: _Writer, items: list[Item]) -> None:
    """Through put_on_list, after the projects (new ones have their id by then)."""
    programmes: dict[str, str] = {}
    for item in items:
        writer.tick("lists")
        if item.status not in (NEW, UPDATED):
            continue
        writer.guarded(item, lambda item=item: _write(writer, item, programmes))


def _write(writer: _Writer, item: Item, programmes: dict[str, str]) -> None:
    v = item.values
    programme_id = programme_named(writer.s, item.extra["programme"], programmes)
    dispatch.put_on_list(
        writer.s, project_id=project_id_of(item.extra["project"]), year=v["year"],
        level=v["level"], year_plan=v.get("year_plan", 0), programme_id=programme_id,
    )  # fmt: skip
