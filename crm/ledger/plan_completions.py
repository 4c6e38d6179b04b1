"""完成投资 sheets: each row the investment completed on a project in one 旬 or month, as
reported (本期完成, 年度累计, 开工以来累计, 形象进度 …).

An entry is its project and period end (record_completion upserts by them): a row without
系统编号 updates the entry of that project and day, else adds one. A period must end on a 旬's
or a month's last day, and either figure may be left out: it follows from the other and the
project's previous entry of the year (completion_amounts, the services' one rule), worked out
here in date order as apply writes them, so the preview is what record_completion writes.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from crm.codes import CompletionPeriod
from crm.errors import ValidationError
from crm.ledger.context import PlanContext
from crm.ledger.parse import INVALID, NEW, UPDATED, Item
from crm.ledger.plan_entries import Entries, Key, project_describer
from crm.ledger.plan_others import _project_ref, project_id_of
from crm.models import CompletionEntry
from crm.services import dispatch
from crm.services.dispatch import check_period_end, completion_amounts

if TYPE_CHECKING:
    from crm.ledger.apply import _Writer

ZERO = Decimal(0)
XUN = CompletionPeriod.XUN.value
TEXTS = ("image_progress", "progress_note", "issues")
WRITTEN = ("period_kind", "amount", "year_to_date", "cumulative", *TEXTS)
_NAMES = ("id", "project_id", "period_end", *WRITTEN)


def _key(record: dict[str, Any]) -> Key:
    return (record["project_id"], record["period_end"])


def plan_completions(ctx: PlanContext, items: list[Item]) -> None:
    """After the projects: an entry may name a project the file creates."""
    if not items:
        return
    entries = Entries(
        ctx, CompletionEntry, _NAMES, _key, ("项目和期末日期", "project and period end")
    )
    rows = []
    for item, record_id in entries.rows(items):
        ref = _project_ref(ctx, item)
        if ref is not None:
            item.extra["project"] = ref
            rows.append((item, record_id, project_id_of(ref) or ref))
    reported = _reported(entries)
    rows.sort(key=lambda row: row[0].values["period_end"])
    for item, record_id, owner in rows:
        item.values.setdefault("period_kind", _kind_on_record(entries, item, record_id, owner))
        _check(ctx, item, reported[owner])
    keyed = [(item, (owner, item.values["period_end"])) for item, _r, owner in rows
             if item.status != INVALID]  # fmt: skip
    ids = {id(item): record_id for item, record_id, _owner in rows}
    describe = project_describer(ctx, lambda r: f"截至{r['period_end']}的完成投资")
    for item, key in entries.refuse_repeats(keyed, "period_end"):
        entries.match(item, ids[id(item)], key, WRITTEN, describe)
        if item.status != INVALID:
            _keep(item, entries.by_id.get(item.target_id or ""))


def _kind_on_record(entries: Entries, item: Item, record_id: str | None, owner: Any) -> str:
    """A row without 期间: the kind of the entry it stands for, else 旬 (as the service)."""
    record = entries.by_id.get(record_id or "") or next(
        iter(entries.existing.get((owner, item.values["period_end"])) or []), None
    )
    return record["period_kind"] if record else XUN


def _reported(entries: Entries) -> dict[Any, dict[date, Decimal]]:
    """Each project's year-to-date figures on record, by period end."""
    found: dict[Any, dict[date, Decimal]] = defaultdict(dict)
    for record in entries.by_id.values():
        found[record["project_id"]][record["period_end"]] = record["year_to_date"]
    return found


def _check(ctx: PlanContext, item: Item, reported: dict[date, Decimal]) -> None:
    """record_completion's rules; the figures as it works them out go into the row's values."""
    v = item.values
    day = v["period_end"]
    try:
        check_period_end(v["period_kind"], day)
        earlier = [d for d in reported if d < day and d.year == day.year]
        previous = reported[max(earlier)] if earlier else ZERO
        v["amount"], v["year_to_date"] = completion_amounts(
            previous, v.get("amount"), v.get("year_to_date")
        )
    except ValidationError as exc:
        # The service's own sentence (a code no message of the ledger words otherwise).
        ctx.report(item, exc.field, exc.value, "completion_rule",
                   (exc.message_zh, exc.message_en))  # fmt: skip
        return
    reported[day] = v["year_to_date"]


def _keep(item: Item, record: dict[str, Any] | None) -> None:
    """A blank cell keeps what is on record (record_completion writes every field)."""
    item.extra["kept"] = {
        name: (record[name] if record else ("" if name in TEXTS else None))
        for name in ("cumulative", *TEXTS)
        if name not in item.values
    }


def write_completions(writer: _Writer, items: list[Item]) -> None:
    """Through record_completion in date order, after the projects (new ones have their id)."""
    todo = [item for item in items if item.status in (NEW, UPDATED)]
    writer.tick("completions", len(items) - len(todo))
    for item in sorted(todo, key=lambda item: item.values["period_end"]):
        writer.tick("completions")
        writer.guarded(item, lambda item=item: _write(writer, item))


def _write(writer: _Writer, item: Item) -> None:
    v = item.values
    fields = {name: v[name] for name in WRITTEN if name in v}
    dispatch.record_completion(
        writer.s, project_id=project_id_of(item.extra["project"]), period_end=v["period_end"],
        **{**fields, **item.extra["kept"]},
    )  # fmt: skip
