"""增资 sheets: each row an increase of a signed project's investment (date, 万元, note).

A row with its 系统编号 is that increase (its date, amount and note may be corrected); a row
without one is the increase of its project with the same date and amount, else a new one.
Projects are found as funds rows find theirs; every rule of crm.services.increases is checked
here, so the preview is what apply writes (write_increases, through that service).
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from crm.ledger.context import PlanContext, ProjectRef
from crm.ledger.parse import INVALID, NEW, UNCHANGED, UPDATED, Item
from crm.ledger.plan_others import (
    _by_id,
    _changed,
    _load_keyed,
    _matched,
    _on_invalid_row,
    _project_ref,
    _rows_to_plan,
    project_id_of,
)
from crm.models import InvestmentIncrease, Project
from crm.services import increases
from crm.stages import StageState, apply_step

if TYPE_CHECKING:
    from crm.ledger.apply import _Writer

_NAMES = ("id", "project_id", "increased_on", "amount", "note")


def plan_increases(ctx: PlanContext, items: list[Item]) -> None:
    """After the projects: an increase needs its project signed, by the database or the file."""
    if not items:
        return
    existing = _load_keyed(ctx, InvestmentIncrease, _NAMES, _key)
    by_id = _by_id(existing)
    rows = list(_rows_to_plan(ctx, items, InvestmentIncrease, by_id))
    refs = {id(item): _project_ref(ctx, item) for item, _record_id in rows}
    signed = _first_signings(ctx, [r for r in refs.values() if r is not None])
    for item, record_id in rows:
        ref = refs[id(item)]
        if ref is None or _on_invalid_row(ctx, item, ref):
            item.status = INVALID
            continue
        _check(ctx, item, ref, signed)
        if item.status == INVALID:
            continue
        item.extra["project"] = ref
        pid = project_id_of(ref)
        v = item.values
        record = _matched(
            existing, by_id, record_id, (pid, v["increased_on"], v["amount"]), partial(_changes, v)
        )
        item.extra["fields"] = _fields(v, record)
        if record is None:
            item.status = NEW
            continue
        if record["project_id"] != pid:
            _report_other_project(ctx, item, record)
            continue
        item.target_id = record["id"]
        item.changes = _changes(v, record, keyed=bool(record_id))
        item.status = UPDATED if item.changes else UNCHANGED
        item.keep_before(record)


def _key(record: dict[str, Any]) -> tuple[Any, ...]:
    return (record["project_id"], record["increased_on"], record["amount"])


def _changes(v: dict[str, Any], record: dict[str, Any], *, keyed: bool = False) -> dict[str, Any]:
    """Matched by its 系统编号 (`keyed`), an increase's date and amount may change too;
    matched by those, they are the same by definition."""
    return _changed(v, record, (*(("increased_on", "amount") * keyed), "note"))


def _fields(v: dict[str, Any], record: dict[str, Any] | None) -> dict[str, Any]:
    """What the service writes: a blank 备注 keeps the note on record."""
    note = v.get("note", record["note"] if record else "")
    return {"increased_on": v["increased_on"], "amount": v["amount"], "note": note}


def _check(ctx: PlanContext, item: Item, ref: ProjectRef, signed: dict[str, date]) -> None:
    """The rules record_increase applies: above 0, not in the future, a signed project, on or
    after its first signing."""
    v = item.values
    if v["amount"] <= 0:
        ctx.report(item, "amount", v["amount"], "increase_not_positive")
    day = v["increased_on"]
    if day > ctx.today:
        ctx.report(item, "increased_on", day, "future_date")
    first = _first_signing(ref, signed)
    if first is None:
        name = v.get("project") or v.get("project_code") or v.get("project_id")
        ctx.report(item, "project", name, "increase_not_signed", name)
    elif day < first:
        ctx.report(item, "increased_on", day, "increase_before_signing", first.isoformat())


def _report_other_project(ctx: PlanContext, item: Item, record: dict[str, Any]) -> None:
    code, name = ctx.session.execute(
        select(Project.code, Project.name).where(Project.id == record["project_id"])
    ).one()
    ctx.report(item, "project", item.values.get("project", ""), "increase_other_project",
               f"{code or ''} {name}".strip())  # fmt: skip


def _first_signings(ctx: PlanContext, refs: list[ProjectRef]) -> dict[str, date]:
    """The first signing on record of every project the rows name that has one."""
    ids = sorted({pid for ref in refs if (pid := project_id_of(ref))})
    found: dict[str, date] = {}
    for start in range(0, len(ids), 500):
        query = select(Project.id, Project.first_signed_on).where(
            Project.id.in_(ids[start : start + 500]), Project.first_signed_on.is_not(None)
        )
        found.update({pid: day for pid, day in ctx.session.execute(query)})
    return found


def _first_signing(ref: ProjectRef, signed: dict[str, date]) -> date | None:
    """A project's first signing once the import wrote it: on record, else the one the
    stage history its row plans gives (a new project signed in the same file)."""
    pid = project_id_of(ref)
    if pid and pid in signed:
        return signed[pid]
    if not isinstance(ref, Item):
        return None
    state = StageState(dates={})
    for step in ref.extra.get("steps", ()):
        apply_step(state, step)
    return state.first_signed_on


def write_increases(writer: _Writer, items: list[Item]) -> None:
    """Through the increases service, after the projects (new ones have their id by then)."""
    for item in items:
        writer.tick("increases")
        if item.status == NEW:
            pid = project_id_of(item.extra["project"])
            write = partial(increases.record_increase, writer.s, project_id=pid)
        elif item.status == UPDATED:
            write = partial(increases.update_increase, writer.s, item.target_id)
        else:
            continue
        writer.guarded(item, partial(write, **item.extra["fields"], today=writer.plan.today))
