"""Writing a dispatch sheet's planned rows through the services (crm.services.dispatch),
inside the import's one transaction: a new project first when --create-missing planned one,
then the programme, the list entry, the profile and the completion entry."""

from __future__ import annotations

from typing import Any

from crm.ledger.bulk_writer import _Rows as BulkRows
from crm.ledger.indexes import deferred_for
from crm.ledger.parse import NEW, UPDATED, Item
from crm.ledger.plan_dispatch import adds_only
from crm.ledger.plan_first_signing import write_move
from crm.ledger.plan_others import project_id_of
from crm.models import CompletionEntry, DispatchProfile, ListEntry
from crm.services import dispatch, projects
from crm.sync.keyed_ids import profile_id


def write_dispatch(writer: Any, items: list[Item]) -> None:
    programmes: dict[str, str] = {}
    if writer.bulk:
        _write_bulk(writer, items)
    todo = [i for i in items if i.status in (NEW, UPDATED) and not i.extra.get("bulk_done")]
    todo.sort(key=lambda i: i.extra["as_of"])  # earlier days first: their cumulatives come first
    for item in todo:
        writer.tick("dispatch")
        writer.guarded(
            item, lambda item=item: _write(writer.s, item, programmes, writer.plan.today)
        )


def _write(s: Any, item: Item, programmes: dict[str, str], today: Any) -> None:
    new = item.extra.get("new_project")
    pid = project_id_of(item.extra.get("project"))
    if new is not None:
        pid = projects.create_project(s, **{k: v for k, v in new.items() if v is not None}).id
        item.extra["project"] = pid
    assert pid is not None
    entry = item.extra.get("list_entry")
    if entry:
        programme_id = programme_named(s, entry["programme"], programmes)
        dispatch.put_on_list(
            s, project_id=pid, year=entry["year"], level=entry["level"],
            year_plan=entry["year_plan"], programme_id=programme_id,
        )  # fmt: skip
    if item.extra.get("profile"):
        dispatch.set_profile(s, project_id=pid, **item.extra["profile"])
    for move in item.extra.get("moves", []):  # 实际开工时间: through the stage service
        write_move(s, pid, move, today)
    values = item.extra.get("completion")
    if values:
        dispatch.record_completion(
            s, project_id=pid, period_end=item.extra["as_of"],
            period_kind=item.extra["period_kind"], **values,
        )  # fmt: skip


def programme_named(s: Any, name: str | None, known: dict[str, str]) -> str | None:
    """The id of the programme (专项) a row names, created when not on record; `known`: the
    names this import has found or created so far."""
    if not name:
        return None
    if name not in known:
        found = dispatch.programme_named(s, name)
        known[name] = found.id if found else dispatch.create_programme(s, name=name).id
    return known[name]


def _bulk_row(item: Item) -> bool:
    return item.status in (NEW, UPDATED) and adds_only(item)


def _write_bulk(writer: Any, items: list[Item]) -> None:
    """Big imports: new rows with one executemany per table (and their change-log rows),
    like the ledger's bulk path (crm.ledger.bulk)."""
    todo = [i for i in items if _bulk_row(i)]
    if not todo:
        return
    counts = {
        "completion_entry": sum(1 for i in todo if i.extra.get("completion")),
        "project_list_entry": sum(1 for i in todo if i.extra.get("list_entry")),
        "dispatch_profile": sum(1 for i in todo if i.extra.get("profile")),
    }
    with deferred_for(writer.s.connection(), {**counts, "change_log": sum(counts.values())}):
        entries = BulkRows(writer, CompletionEntry)
        lists = BulkRows(writer, ListEntry)
        profiles = BulkRows(writer, DispatchProfile)
        for item in todo:
            pid, extra = item.extra["project"], item.extra
            if extra.get("completion"):
                entries.add(
                    project_id=pid, period_end=extra["as_of"], period_kind=extra["period_kind"],
                    **extra["completion"],
                )  # fmt: skip
            entry = extra.get("list_entry")
            if entry:
                lists.add(
                    project_id=pid, year=entry["year"], level=entry["level"],
                    year_plan=entry["year_plan"], programme_id=entry["programme_id"],
                )  # fmt: skip
            if extra.get("profile"):
                # The id from the project, as the service makes it (crm.sync.keyed_ids).
                profiles.add(id=profile_id(pid), project_id=pid, **extra["profile"])
            extra["bulk_done"] = True
        for rows in (entries, lists, profiles):
            rows.flush()
