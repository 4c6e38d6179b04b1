"""Writing a dispatch sheet's planned rows through the services (crm.services.dispatch),
inside the import's one transaction: a new project first when --create-missing planned one,
then the programme, the list entry, the profile and the completion entry."""

from __future__ import annotations

from typing import Any

from crm.ledger.parse import NEW, UPDATED, Item
from crm.ledger.plan_others import project_id_of
from crm.services import dispatch, projects


def write_dispatch(writer: Any, items: list[Item]) -> None:
    programmes: dict[str, str] = {}
    todo = [i for i in items if i.status in (NEW, UPDATED)]
    todo.sort(key=lambda i: i.extra["as_of"])  # earlier days first: their cumulatives come first
    for item in todo:
        writer.tick("dispatch")
        writer.guarded(item, lambda item=item: _write(writer.s, item, programmes))


def _write(s: Any, item: Item, programmes: dict[str, str]) -> None:
    new = item.extra.get("new_project")
    pid = project_id_of(item.extra.get("project"))
    if new is not None:
        pid = projects.create_project(s, **{k: v for k, v in new.items() if v is not None}).id
        item.extra["project"] = pid
    assert pid is not None
    entry = item.extra.get("list_entry")
    if entry:
        name = entry["programme"]
        programme_id = None
        if name:
            programme_id = programmes.get(name) or _programme(s, name)
            programmes[name] = programme_id
        dispatch.put_on_list(
            s, project_id=pid, year=entry["year"], level=entry["level"],
            year_plan=entry["year_plan"], programme_id=programme_id,
        )  # fmt: skip
    if item.extra.get("profile"):
        dispatch.set_profile(s, project_id=pid, **item.extra["profile"])
    values = item.extra.get("completion")
    if values:
        dispatch.record_completion(
            s, project_id=pid, period_end=item.extra["as_of"],
            period_kind=item.extra["period_kind"], **values,
        )  # fmt: skip


def _programme(s: Any, name: str) -> str:
    found = dispatch.programme_named(s, name)
    return found.id if found else dispatch.create_programme(s, name=name).id
