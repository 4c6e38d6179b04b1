"""Bulk inserts for big imports: the rows the services would write, built in Python and sent
with one executemany per table, each with its change-log rows (audit.bulk_insert_entries).

Every rule the services apply to a new row was checked while planning (crm.stages for stage
history, the field checks of parse/plan); here the same derived values are computed the same
way: defaults from the investor, source class, milestone dates from the replayed history.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, select

from crm import follow_ups
from crm.codes import Stage
from crm.derived import event_values, fill_from_investor, project_name_key, project_source
from crm.ledger.context import CompanyEntry
from crm.ledger.fields import Sheet
from crm.ledger.indexes import deferred_for
from crm.ledger.parse import INVALID, NEW, Item
from crm.models import (
    Activity,
    Company,
    CompanyTag,
    Contact,
    FundsEntry,
    Project,
    StageEvent,
    utcnow,
)
from crm.models import (
    Problem as ProblemRow,
)
from crm.names import normalize_company_name
from crm.places import funds_source_of
from crm.services.settings import bureau_of
from crm.stages import StageState, StageStep, apply_step, milestones

if TYPE_CHECKING:
    from crm.ledger.apply import _Writer

CHUNK = 5000


def _defaults(table: Table) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in table.columns:
        default = column.default
        values[column.name] = default.arg if default is not None and default.is_scalar else None
    return values


class _Rows:
    """Rows of one table, written in chunks (with their change-log rows) by the bulk writer."""

    def __init__(self, writer: _Writer, model: Any, parent: _Rows | None = None) -> None:
        self.writer, self.table, self.parent = writer, model.__table__, parent
        self.defaults = _defaults(self.table)
        self.rows: list[dict[str, Any]] = []
        self.now, self.actor = utcnow(), writer.s.info.get("actor", "")
        self.bulk = writer.bulk_writer()
        self.new_id = writer.ids

    def add(self, **values: Any) -> dict[str, Any]:
        row = {
            **self.defaults,
            "id": self.new_id(),
            "created_at": self.now,
            "updated_at": self.now,
            "created_by": self.actor,
            "updated_by": self.actor,
            **values,
        }
        self.rows.append(row)
        if len(self.rows) >= CHUNK:
            self.flush()
        return row

    def flush(self) -> None:
        if self.parent is not None:
            self.parent.flush()  # rows refer to the parent's rows: those go in first
        if not self.rows:
            return
        self.bulk.write(self.table, self.rows)
        self.writer.tick(self.table.name, len(self.rows))
        self.rows = []


@contextmanager
def _deferred(writer: _Writer, counts: dict[str, int]) -> Iterator[None]:
    """Indexes of the tables this load fills (and of the change log) built once, after it."""
    with deferred_for(writer.s.connection(), {**counts, "change_log": sum(counts.values())}):
        yield


def write_companies(writer: _Writer, entries: list[CompanyEntry]) -> None:
    tags = sum(len(e.tags) for e in entries)
    with _deferred(writer, {"company": len(entries), "company_tag": tags}):
        _write_companies(writer, entries)


def _write_companies(writer: _Writer, entries: list[CompanyEntry]) -> None:
    rows = _Rows(writer, Company)
    tags = _Rows(writer, CompanyTag, parent=rows)
    for entry in entries:
        v = writer.fields(entry.values)
        row = rows.add(
            name=v.get("name", entry.name),
            name_normalized=normalize_company_name(v.get("name", entry.name)),
            uscc=v.get("uscc"),
            former_names=v.get("former_names", ""),
            english_name=v.get("english_name", ""),
            hq_region_code=v.get("hq_region_code"),
            hq_country_code=v.get("hq_country_code") or "CN",
            ownership=v.get("ownership"),
            industry_code=v.get("industry_code"),
            chain_code=v.get("chain_code"),
            website=v.get("website", ""),
            notes=v.get("notes", ""),
        )
        entry.new_id = row["id"]
        writer.result.companies_created += 1
        for value in entry.tags.values():
            tags.add(
                company_id=row["id"],
                tag=value.tag,
                edition_year=value.edition_year,
                rank=value.rank,
                valid_until=value.valid_until,
            )
    rows.flush()
    tags.flush()


def write_contacts(writer: _Writer, items: list[Item]) -> None:
    """New contacts of a big import (values were cleaned by the service's rules when planned)."""
    with _deferred(writer, {"contact": len(items)}):
        _write_contacts(writer, items)


def _write_contacts(writer: _Writer, items: list[Item]) -> None:
    rows = _Rows(writer, Contact)
    for item in items:
        company_id = item.extra["company"].id
        if company_id is None:
            continue  # the service path reports it
        row = rows.add(company_id=company_id, **item.extra["contact"])
        item.target_id = row["id"]
        item.extra["bulk_done"] = True
    rows.flush()


def write_new(writer: _Writer, items: dict[str, list[Item]]) -> None:
    """New projects (with history), and the funds, activities and problems that hang on them."""
    new_projects = [i for i in items.get(Sheet.PROJECTS, []) if i.status == NEW]
    funds_by_project: dict[int, list[Item]] = {}
    for item in items.get(Sheet.FUNDS, []):
        ref = item.extra.get("project")
        if item.status == NEW and isinstance(ref, Item) and ref.status == NEW:
            funds_by_project.setdefault(id(ref), []).append(item)
    new_funds = [f for group in funds_by_project.values() for f in group]
    new_activities = [i for i in items.get(Sheet.ACTIVITIES, []) if i.status == NEW]
    new_problems = [i for i in items.get(Sheet.PROBLEMS, []) if i.status == NEW]
    counts = {
        "project": len(new_projects),
        "stage_event": sum(len(i.extra.get("steps", ())) + 1 for i in new_projects),
        "funds_entry": len(new_funds),
        "activity": len(new_activities),
        "problem": len(new_problems),
    }
    with _deferred(writer, counts):
        _write_projects(writer, new_projects, funds_by_project)
        _write_funds(writer, new_funds)
        subjects = _write_activities(writer, new_activities)
        _write_problems(writer, new_problems)
    follow_ups.refresh(writer.s.connection(), subjects)  # with the indexes back


def _company_values(writer: _Writer, entry: CompanyEntry | None) -> dict[str, Any]:
    if entry is None:
        return {}
    if entry.existing is not None:
        return entry.existing
    return {"hq_country_code": "CN", **writer.fields(entry.values)}


def _write_projects(
    writer: _Writer, items: list[Item], funds_by_project: dict[int, list[Item]]
) -> None:
    rows = _Rows(writer, Project)
    events = _Rows(writer, StageEvent, parent=rows)
    bureau = bureau_of(writer.s)  # region and level, as the services read them
    companies: dict[int, dict[str, Any]] = {}  # an investor's values, resolved once
    for item in items:
        entry = item.extra.get("company")
        fields = {
            k: v for k, v in writer.fields(item.extra.get("fields", {})).items() if v is not None
        }
        company = companies.get(id(entry))
        if company is None:
            company = companies[id(entry)] = _company_values(writer, entry)
        fill_from_investor(fields, company)
        steps = list(item.extra.get("steps", []))
        state = _final_state(item)
        if funds_by_project.get(id(item)):
            _auto_funded(state, steps, item)
        values = {
            "planned_investment": 0,
            "is_major": False,
            "responsible_unit": "",
            "responsible_person": "",
            "notes": "",
            **fields,
        }
        values.update(
            **project_source(
                fields.get("source_region_code"), fields.get("source_country_code"), bureau
            ),
            name_normalized=project_name_key(fields["name"]),
            company_id=entry.id if entry is not None else None,
            **milestones(state),
        )
        row = rows.add(**values)
        item.target_id = row["id"]
        _written(item, row["source_class"])
        lead = StageStep(Stage.LEAD, "advance", item.values.get("lead_on"))
        for number, step in enumerate([lead, *steps], start=1):
            events.add(project_id=row["id"], **event_values(step, number))
    rows.flush()
    events.flush()


def _written(item: Item, klass: str | None) -> None:
    """Mark a project row as written. Its planned fields, moves and steps are of no more use:
    a smaller extra frees them while the rest of a 100k-row import is written."""
    extra = {"bulk_done": True, "source_class": klass}
    if "company" in item.extra:
        extra["company"] = item.extra["company"]
    item.extra = extra


def _final_state(item: Item) -> StageState:
    """Where the planned steps take a new project: replayed from lead, as the plan simulated."""
    state = StageState(Stage.LEAD, {Stage.LEAD: item.values.get("lead_on")})
    for step in item.extra.get("steps", ()):
        apply_step(state, step)
    return state


def _auto_funded(state: StageState, steps: list[StageStep], item: Item) -> None:
    """record_funds moves a signed project to funded at its first entry: the plan worked out
    that move (plan_others.plan_auto_funded); it is written with the project's history."""
    for step in item.extra.get("funds_steps", ()):
        apply_step(state, step)
        steps.append(step)


def _write_funds(writer: _Writer, items: Iterable[Item]) -> None:
    rows = _Rows(writer, FundsEntry)
    for item in sorted(items, key=lambda i: i.values["received_on"]):
        if item.status != NEW:
            continue
        project: Item = item.extra["project"]
        v = item.values
        source = v.get("source") or funds_source_of(project.extra.get("source_class"))
        rows.add(
            project_id=project.target_id,
            received_on=v["received_on"],
            amount=v["amount"],
            fixed_asset_amount=v.get("fixed_asset_amount"),
            source=source,
            note=v.get("note", ""),
        )
        item.extra["bulk_done"] = True
    rows.flush()


def _project_ready(ref: Any) -> str | None:
    """A project id usable now: existing, or bulk-inserted a moment ago."""
    if isinstance(ref, str):
        return ref
    if isinstance(ref, Item) and ref.target_id and ref.status != INVALID:
        return ref.target_id
    return None


def _write_activities(writer: _Writer, items: list[Item]) -> follow_ups.Subjects:
    """The new activities; returns their subjects, whose open next steps they may close."""
    rows = _Rows(writer, Activity)
    subjects: list[tuple[str | None, str | None]] = []
    todo = [(i, _project_ready(i.extra.get("project"))) for i in items]
    companies_of = _company_of(
        writer, [pid for i, pid in todo if pid and isinstance(i.extra.get("project"), str)]
    )
    for item, pid in todo:
        ref = item.extra.get("project")
        if ref is not None and pid is None:
            continue  # its project is written later, through the services
        v = item.values
        company_id = writer.ref(item.extra.get("company"))
        if pid and not company_id:
            company_id = companies_of.get(pid) if isinstance(ref, str) else _item_company(ref)
        rows.add(
            occurred_on=v["occurred_on"],
            kind=v["kind"],
            project_id=pid,
            company_id=company_id,
            team_id=writer.ref(item.extra.get("team")),
            participants=v.get("participants", ""),
            summary=v.get("summary", ""),
            next_step=v.get("next_step", ""),
            next_step_due=v.get("next_step_due"),
        )
        subjects.append((pid, company_id))
        item.extra["bulk_done"] = True
    rows.flush()
    return follow_ups.Subjects.of(subjects)


def _item_company(item: Item) -> str | None:
    entry = item.extra.get("company")
    return entry.id if entry is not None else None


def _company_of(writer: _Writer, ids: list[str]) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for start in range(0, len(ids), 500):
        query = select(Project.id, Project.company_id).where(
            Project.id.in_(ids[start : start + 500])
        )
        found.update(dict(writer.s.execute(query).all()))
    return found


def _write_problems(writer: _Writer, items: list[Item]) -> None:
    rows = _Rows(writer, ProblemRow)
    for item in items:
        pid = _project_ready(item.extra.get("project"))
        if pid is None:
            continue
        v = item.values
        status = v.get("status", "open")
        resolved = status == "resolved"
        rows.add(
            project_id=pid,
            category=v["category"],
            description=v["description"],
            responsible_unit=v.get("responsible_unit", ""),
            raised_on=v["raised_on"],
            due_on=v.get("due_on"),
            status=status,
            resolution=v.get("resolution", "") if resolved else "",
            resolved_on=v.get("resolved_on") if resolved else None,
        )
        item.extra["bulk_done"] = True
    rows.flush()
