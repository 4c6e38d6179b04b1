"""Write a plan in one transaction, after a backup of the database file.

Small imports go row by row through the domain services (the same checks as the forms); big
ones insert new rows with bulk Core statements (change-log rows included) and still send
updates through the services.

A preview is a promise: the plan is written exactly as planned — every check a service makes
was made while planning, so nothing is re-decided here. Should a service still refuse a row,
the plan and the database disagree: the whole import is undone and the row named, never
written differently from what the preview showed. Likewise a plan made before the database
changed is refused, and on error in strict mode, on cancel, on any crash nothing is written.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm import access
from crm.backup import create_backup
from crm.bulk_insert import BulkWriter
from crm.db import Database
from crm.errors import CrmError
from crm.ledger import bulk_writer
from crm.ledger.apply_dispatch import write_dispatch
from crm.ledger.context import CompanyEntry
from crm.ledger.fields import Sheet
from crm.ledger.fields_dispatch import DISPATCH
from crm.ledger.fields_dispatch_data import COMPLETIONS, LISTS, PROFILES, TARGETS
from crm.ledger.fields_key import KEYLIST
from crm.ledger.ids import RandomIds
from crm.ledger.parse import INVALID, NEW, UNCHANGED, UPDATED, Item
from crm.ledger.plan import ImportPlan, database_fingerprint
from crm.ledger.plan_completions import write_completions
from crm.ledger.plan_extra import write_parks
from crm.ledger.plan_first_signing import write_move
from crm.ledger.plan_increases import write_increases
from crm.ledger.plan_key import write_keylist
from crm.ledger.plan_lists import write_lists
from crm.ledger.plan_others import project_id_of
from crm.ledger.plan_profiles import write_profiles
from crm.ledger.plan_requests import write_request
from crm.ledger.plan_targets import write_targets
from crm.ledger.plan_teams import TeamEntry
from crm.ledger.problems import ImportCancelled, LedgerError, Problem, problem
from crm.ledger.refs import Missing, References, key_of
from crm.ledger.refs_load import load_references
from crm.models import (
    Activity,
    Company,
    Contact,
    IndustryChain,
    Park,
    Project,
    RegionGroup,
    Team,
)
from crm.progress import Progress, ShouldCancel
from crm.reference.user_rows import add_reference_in_session, new_reference_code
from crm.services import activities, companies, funds, problems, projects, teams

log = logging.getLogger(__name__)


@dataclass
class ApplyResult:
    written: bool
    backup: Path | None = None
    backup_note: str = ""
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # sheet → status → n
    problems: list[Problem] = field(default_factory=list)
    created_refs: dict[str, list[str]] = field(default_factory=dict)
    companies_created: int = 0
    bulk: bool = False


def apply_plan(
    db: Database,
    plan: ImportPlan,
    *,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ApplyResult:
    if plan.options.strict and plan.has_errors:
        raise LedgerError("strict_blocked")
    if plan.mostly_invalid:
        raise LedgerError("mostly_invalid_blocked", where=plan.mostly_invalid[0].sheet)
    result = ApplyResult(written=False)
    if plan.fingerprint is not None:
        with db.session() as session:  # before the backup: a stale plan is refused at once
            if database_fingerprint(session) != plan.fingerprint:
                raise LedgerError("database_changed")
    if db.path is not None and not has_domain_rows(db):
        result.backup_note = EMPTY_NO_BACKUP
    elif db.path is not None:
        result.backup = create_backup(db.path, label="import")
    else:
        result.backup_note = problem("", None, "", "", "postgres_no_backup").message_zh
    with db.session(plan.options.actor) as session:
        access.require_in(session, "import_ledger")
        if plan.fingerprint is not None and database_fingerprint(session) != plan.fingerprint:
            raise LedgerError("database_changed")
        writer = _Writer(session, plan, result, progress, should_cancel)
        writer.run()
        if should_cancel and should_cancel():
            raise ImportCancelled
    result.written = True
    result.counts = _counts(plan)
    return result


def plan_mismatch(item: Item | None, exc: CrmError) -> LedgerError:
    """What the user reads when a service refused a planned row (a defect of the plan)."""
    zh = f"“{item.sheet}”表第{item.row}行" if item else "导入"
    en = f"row {item.row} of sheet '{item.sheet}'" if item else "the import"
    log.error("import plan and services disagree at %s: %s", en, exc.message_en)
    return LedgerError("plan_mismatch", (f"{zh}（{exc.message_zh}）", f"{en} ({exc.message_en})"))


EMPTY_NO_BACKUP = (
    "数据库中还没有数据，未做导入前备份 / the database holds no data yet; no backup was made"
)
_DOMAIN_TABLES = (Company, Project, Team, Park, Contact, Activity)


def has_domain_rows(db: Database) -> bool:
    """Whether the database holds any record (deleted ones too): an empty one needs no backup."""
    with db.session() as session:
        return any(
            session.scalar(select(model.id).limit(1)) is not None for model in _DOMAIN_TABLES
        )


def _counts(plan: ImportPlan) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {
        s.sheet: {NEW: 0, UPDATED: 0, UNCHANGED: 0, INVALID: 0} for s in plan.sheets
    }
    for items in plan.items.values():
        for item in items:
            counts[item.sheet][item.status] += 1
    return counts


#: Field value types that are never a reference to resolve.
_PLAIN = frozenset({str, bool, int, Decimal, date})


class _Writer:
    def __init__(
        self,
        session: Session,
        plan: ImportPlan,
        result: ApplyResult,
        progress: Progress | None,
        should_cancel: ShouldCancel | None,
    ) -> None:
        self.s, self.plan, self.result = session, plan, result
        self.options = plan.options
        self.progress, self.should_cancel = progress, should_cancel
        self.refs: References = load_references(session)
        self.total = sum(len(v) for v in plan.items.values()) or 1
        self.done = 0
        self.bulk = plan.new_count > self.options.bulk_threshold
        self._bulk_writer: BulkWriter | None = None
        #: Ids of bulk-inserted records and their change-log rows (version-7 UUIDs, made in
        #: batches: crm.ledger.ids).
        self.ids = RandomIds()
        result.bulk = self.bulk

    # --- plumbing ---------------------------------------------------------------------------

    def bulk_writer(self) -> BulkWriter:
        """The demo loader's bulk path: compiled executemany plus one change-log row per record."""
        if self._bulk_writer is None:
            self._bulk_writer = BulkWriter(
                self.s.connection(),
                actor=self.s.info.get("actor", ""),
                site_id=self.s.info.get("site_id", ""),
            )
            self._bulk_writer.log_ids = self.ids
        return self._bulk_writer

    def tick(self, text: str, n: int = 1) -> None:
        self.done += n
        if self.done % 500 == 0 or n > 1:
            if self.should_cancel and self.should_cancel():
                raise ImportCancelled
            if self.progress:
                self.progress(min(self.done, self.total), self.total, text)

    def guarded(self, item: Item | None, work: Callable[[], Any]) -> bool:
        """One row's service calls. The plan checked everything the services check: a refusal
        here means the plan was wrong, and the whole import is undone with the row named."""
        try:
            work()
            return True
        except CrmError as exc:
            if isinstance(exc, ImportCancelled):
                raise
            raise plan_mismatch(item, exc) from exc

    def write_each(
        self,
        items: list[Item],
        text: str,
        write: Callable[[Item], None],
        wanted: Callable[[Item], bool] = lambda item: item.status in (NEW, UPDATED),
    ) -> None:
        """Progress for every row; `write` (guarded) for each row `wanted` says to write."""
        for item in items:
            self.tick(text)
            if wanted(item):
                self.guarded(item, partial(write, item))

    def ref(self, value: Any) -> Any:
        """An id for a reference that may have been created during this import."""
        if value is None or type(value) in _PLAIN:
            return value  # most field values: one check instead of three isinstance calls
        if isinstance(value, Missing):
            table = {
                "team": self.refs.teams,
                "park": self.refs.parks,
                "chain": self.refs.chains,
                "region_group": self.refs.region_groups,
            }
            return table[value.kind].get(key_of(value.name))
        if isinstance(value, CompanyEntry):
            return value.id
        if isinstance(value, TeamEntry):
            return value.id
        return value

    def fields(self, fields: dict[str, Any]) -> dict[str, Any]:
        return {k: self.ref(v) for k, v in fields.items()}

    # --- the run ----------------------------------------------------------------------------

    def run(self) -> None:
        # No big page cache for bulk loads (crm.bulk_insert.bulk_cache): the tables a big
        # import fills have their plain indexes built once after the load (crm.ledger.indexes),
        # and the cache would add up to 256 MB to the peak memory of a 100k-row import.
        self._run()

    def _run(self) -> None:
        items = self.plan.items
        self.create_missing()
        self.write_teams(items.get(Sheet.TEAMS, []))
        write_parks(self, items.get(Sheet.PARKS, []))
        write_targets(self, items.get(TARGETS, []))
        self.write_companies()
        self.write_contacts(items.get(Sheet.CONTACTS, []))
        if self.bulk:
            bulk_writer.write_new(self, items)
        self.write_projects(items.get(Sheet.PROJECTS, []))
        self.write_funds(items.get(Sheet.FUNDS, []))
        write_increases(self, items.get(Sheet.INCREASES, []))
        write_lists(self, items.get(LISTS, []))
        write_profiles(self, items.get(PROFILES, []))
        write_completions(self, items.get(COMPLETIONS, []))
        write_dispatch(self, items.get(DISPATCH, []))
        self.write_activities(items.get(Sheet.ACTIVITIES, []))
        self.write_problems(items.get(Sheet.PROBLEMS, []))
        self.write_requests(items.get(Sheet.REQUESTS, []))
        write_keylist(self, items.get(KEYLIST, []))

    def create_missing(self) -> None:
        if not self.options.create_missing:
            return
        created: dict[str, list[str]] = defaultdict(list)
        for kind, names in self.plan.missing.items():
            for name in names:
                if self.ref(Missing(kind, name)):
                    continue
                if kind == "team" and key_of(name) in {
                    key_of(i.values["name"]) for i in self.plan.items.get(Sheet.TEAMS, [])
                }:
                    continue
                self._create_ref(kind, name)
                created[kind].append(name)
        self.result.created_refs = dict(created)

    def _create_ref(self, kind: str, name: str) -> None:
        if kind == "team":
            self.refs.add_team(name, teams.create_team(self.s, name=name).id)
        elif kind == "park":
            self.refs.add_park(name, projects.create_park(self.s, name=name).id)
        elif kind == "region_group":
            code = self._new_code(name, RegionGroup.code, "group")
            self._add_reference(RegionGroup, {"code": code, "name_zh": name, "name_en": ""})
            self.refs.add_group(name, code)
        else:
            code = self._new_code(name, IndustryChain.code, "chain")
            order = len(self.refs.chain_names) + 1
            self._add_reference(
                IndustryChain, {"code": code, "name_zh": name, "name_en": "", "sort_order": order}
            )
            self.refs.add_chain(name, code)

    def _add_reference(self, model: Any, values: dict[str, Any]) -> None:
        add_reference_in_session(self.s, model, values)

    def _new_code(self, name: str, column: Any, fallback: str) -> str:
        return new_reference_code(self.s, name, column, fallback)

    # --- teams ------------------------------------------------------------------------------

    def write_teams(self, items: list[Item]) -> None:
        self.write_each(items, "teams", self._team)

    def _team(self, item: Item) -> None:
        entry: TeamEntry = item.extra["team"]
        if entry.id is None:
            entry.new_id = teams.create_team(self.s, **self.fields(entry.fields)).id
            self.refs.add_team(entry.name, entry.new_id)
        elif item.changes:
            teams.update_team(self.s, entry.id, **self.fields(item.changes))
        for m in item.extra.get("new_members", []):
            teams.add_member(
                self.s,
                team_id=entry.id,
                person_name=m.name,
                role=m.role,
                phone=m.phone,
                from_on=m.from_on,
                to_on=m.to_on,
            )
        target = item.extra.get("target")
        if target:
            teams.set_target(self.s, team_id=entry.id, **target)

    # --- parks and contacts ------------------------------------------------------------------

    def write_contacts(self, items: list[Item]) -> None:
        todo = [i for i in items if i.status in (NEW, UPDATED)]
        if self.bulk:
            bulk_writer.write_contacts(self, [i for i in todo if i.status == NEW])
        for item in todo:
            self.tick("contacts")
            if not item.extra.get("bulk_done"):
                self.guarded(item, lambda item=item: self._contact(item))

    def _contact(self, item: Item) -> None:
        if item.status == UPDATED:
            companies.update_contact(self.s, item.target_id, **item.changes)
            return
        entry: CompanyEntry = item.extra["company"]
        fields = dict(item.extra["contact"])
        item.target_id = companies.add_contact(
            self.s, company_id=entry.id, name=fields.pop("name"), **fields
        ).id

    # --- companies --------------------------------------------------------------------------

    def write_companies(self) -> None:
        entries = self.plan.written_companies()
        if self.bulk:
            bulk_writer.write_companies(self, [e for e in entries if e.is_new])
        for entry in entries:
            self.tick("companies")
            if entry.is_new and entry.new_id is None:
                self.guarded(entry.item, lambda e=entry: self._create_company(e))
        for entry in entries:
            item = entry.item
            if not entry.is_new and item is not None and item.status == UPDATED and item.changes:
                self.guarded(
                    item,
                    lambda e=entry, i=item: companies.update_company(
                        self.s, e.existing_id, **self.fields(i.changes)
                    ),
                )
        self._write_parents(entries)
        # In bulk mode the new companies' tags went in with them; existing ones still need theirs.
        self._write_tags([e for e in entries if not (self.bulk and e.is_new)])

    def _create_company(self, entry: CompanyEntry) -> None:
        values = dict(self.fields(entry.values))
        name = values.pop("name", entry.name)
        entry.new_id = companies.create_company(self.s, name=name, **values).id
        self.result.companies_created += 1

    def _write_parents(self, entries: list[CompanyEntry]) -> None:
        for entry in entries:
            if not entry.parent_name or entry.id is None:
                continue
            parent = next(
                (
                    p
                    for p in self.plan.companies
                    if key_of(p.name) == key_of(entry.parent_name) and p.id
                ),
                None,
            )
            parent_id = self._find_company(entry.parent_name) if parent is None else parent.id
            if parent_id is None:
                continue  # the preview said so (unknown_parent)
            existing = entry.existing or {}
            if existing.get("parent_id") != parent_id:
                self.guarded(
                    entry.item,
                    lambda e=entry, p=parent_id: companies.update_company(
                        self.s, e.id, parent_id=p
                    ),
                )

    def _find_company(self, name: str) -> str | None:
        from crm.models import Company
        from crm.names import normalize_company_name

        return self.s.scalar(
            select(Company.id).where(
                Company.name_normalized == normalize_company_name(name),
                Company.deleted_at.is_(None),
            )
        )

    def _write_tags(self, entries: list[CompanyEntry]) -> None:
        """The list memberships the plan found missing (crm.ledger.plan_companies)."""
        for entry in entries:
            if entry.id is None:
                continue
            for value in entry.new_tags:
                self.guarded(
                    entry.item,
                    lambda e=entry, v=value: companies.add_company_tag(
                        self.s,
                        company_id=e.id,
                        tag=v.tag,
                        edition_year=v.edition_year,
                        rank=v.rank,
                        valid_until=v.valid_until,
                    ),
                )

    # --- projects ---------------------------------------------------------------------------

    def write_projects(self, items: list[Item]) -> None:
        self.write_each(items, "projects", self._project, _not_bulk_written)

    def _project(self, item: Item) -> None:
        entry = item.extra.get("company")
        fields = self.fields(item.extra.get("fields", {}))
        fields = {k: v for k, v in fields.items() if v is not None or k in item.changes}
        if item.status == NEW:
            if entry is not None:
                fields["company_id"] = entry.id
            name = fields.pop("name")
            item.target_id = projects.create_project(
                self.s, name=name, lead_on=item.values.get("lead_on"), **fields
            ).id
        else:
            changes = self.fields(item.changes)
            if changes:
                projects.update_project(self.s, item.target_id, **changes)
        for move in item.extra.get("moves", []):
            write_move(self.s, item.target_id, move, self.plan.today)

    # --- funds ------------------------------------------------------------------------------

    def write_funds(self, items: list[Item]) -> None:
        todo = [i for i in items if i.status == NEW and not i.extra.get("bulk_done")]
        todo.sort(key=lambda i: i.values["received_on"])
        for item in todo:
            self.tick("funds")
            pid = project_id_of(item.extra["project"])
            v = item.values
            self.guarded(
                item,
                lambda pid=pid, v=v: funds.record_funds(
                    self.s,
                    project_id=pid,
                    received_on=v["received_on"],
                    amount=v["amount"],
                    source=v.get("source"),
                    fixed_asset_amount=v.get("fixed_asset_amount"),
                    note=v.get("note", ""),
                    today=self.plan.today,
                ),
            )

    # --- activities and problems --------------------------------------------------------------

    def write_activities(self, items: list[Item]) -> None:
        self.write_each(items, "activities", self._activity, _not_bulk_written)

    def _activity(self, item: Item) -> None:
        if item.status == UPDATED:
            activities.update_activity(self.s, item.target_id, **item.changes)
            return
        v = item.values
        item.target_id = activities.log_activity(
            self.s,
            occurred_on=v["occurred_on"],
            kind=v["kind"],
            project_id=project_id_of(item.extra["project"]),
            company_id=self.ref(item.extra["company"]),
            team_id=self.ref(item.extra["team"]),
            participants=v.get("participants", ""),
            summary=v.get("summary", ""),
            next_step=v.get("next_step", ""),
            next_step_due=v.get("next_step_due"),
        ).id

    def write_problems(self, items: list[Item]) -> None:
        self.write_each(items, "problems", self._problem, _not_bulk_written)

    def _problem(self, item: Item) -> None:
        v = item.values
        if item.status == NEW:
            pid = project_id_of(item.extra["project"])
            item.target_id = problems.raise_problem(
                self.s,
                project_id=pid,
                category=v["category"],
                description=v["description"],
                raised_on=v["raised_on"],
                responsible_unit=v.get("responsible_unit", ""),
                due_on=v.get("due_on"),
                today=self.plan.today,
            ).id
            status = "open"
        else:
            if item.changes:
                problems.update_problem(self.s, item.target_id, **item.changes)
            status = item.extra.get("from_status", "open")
        self._problem_status(item, status)

    def write_requests(self, items: list[Item]) -> None:
        for item in items:
            self.tick("requests")
            if item.status in (NEW, UPDATED):
                company = self.ref(item.extra["company"])
                today = self.plan.today
                self.guarded(
                    item, partial(write_request, self.s, item, company_id=company, today=today)
                )

    def _problem_status(self, item: Item, status: str) -> None:
        wanted = item.values.get("status")
        if wanted is None or wanted == status:
            return
        pid = item.target_id
        if status == "resolved":
            problems.reopen_problem(self.s, pid)
            status = "open"
        if wanted == "in_progress":
            problems.start_problem(self.s, pid)
        elif wanted == "resolved":
            problems.close_problem(
                self.s,
                pid,
                resolution=item.values["resolution"],
                resolved_on=item.values["resolved_on"],
                today=self.plan.today,
            )


def _not_bulk_written(item: Item) -> bool:
    """A new or changed row that the bulk writer has not written already."""
    return item.status in (NEW, UPDATED) and not item.extra.get("bulk_done")
