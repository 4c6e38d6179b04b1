"""What planning and applying share: options, lookups, and the indexes of companies and projects
that the file and the database hold."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.ledger.parse import Item
from crm.ledger.problems import Problem, problem
from crm.ledger.refs import Missing, References
from crm.models import Company, Project
from crm.names import normalize_company_name, normalize_project_name

COMPANY_COLUMNS = ("name", "uscc", "former_names", "english_name", "hq_region_code",
                   "hq_country_code", "ownership", "industry_code", "chain_code", "parent_id",
                   "website", "notes")  # fmt: skip


@dataclass
class ImportOptions:
    """Choices the user makes (command-line flags, wizard pages)."""

    sheets: list[str] | None = None  # only these sheets (None: every recognised sheet)
    mapping: dict[str, str] = field(default_factory=dict)  # header → field / kind.field / "-"
    strict: bool = False
    create_missing: bool = False
    usd_rate: Decimal | None = None
    #: Company name in the file → id of the existing company the user confirmed it is.
    merge_companies: dict[str, str] = field(default_factory=dict)
    merge_fuzzy: bool = False  # take the best fuzzy candidate for every company (CLI)
    today: date | None = None
    #: New rows above this count go in with bulk inserts instead of one service call each.
    bulk_threshold: int = 2000
    actor: str | None = None
    #: Wizard overrides: sheet name → {column index → field or None}.
    column_overrides: dict[str, dict[int, str | None]] = field(default_factory=dict)


@dataclass(eq=False)
class CompanyEntry:
    """One company the import touches: an existing one, or one to create."""

    name: str
    uscc: str | None = None
    existing_id: str | None = None
    existing: dict[str, Any] | None = None
    item: Item | None = None  # its row in the companies sheet, if any
    values: dict[str, Any] = field(default_factory=dict)  # service fields to create with
    tags: dict[tuple[str, int | None], Any] = field(default_factory=dict)
    parent_name: str | None = None
    new_id: str | None = None
    first_seen: tuple[str, int] = ("", 0)

    @property
    def id(self) -> str | None:
        return self.existing_id or self.new_id

    @property
    def is_new(self) -> bool:
        return self.existing_id is None


class CompanyRegistry:
    """Companies by USCC, else by normalised name, across the file and the database."""

    def __init__(self, session: Session) -> None:
        self.entries: list[CompanyEntry] = []
        self._by_uscc: dict[str, CompanyEntry] = {}
        self._by_name: dict[str, CompanyEntry] = {}
        self._db_uscc: dict[str, dict[str, Any]] = {}
        self._db_name: dict[str, dict[str, Any]] = {}
        self.deleted_uscc: dict[str, str] = {}
        self._db_by_id: dict[str, dict[str, Any]] = {}
        cols = [Company.id, Company.name_normalized, Company.deleted_at] + [
            getattr(Company, c) for c in COMPANY_COLUMNS
        ]
        for row in session.execute(select(*cols)):
            record = dict(row._mapping)
            if record.pop("deleted_at") is not None:
                if record["uscc"]:
                    self.deleted_uscc[record["uscc"]] = record["name"]
                continue
            self._db_by_id[record["id"]] = record
            if record["uscc"]:
                self._db_uscc[record["uscc"]] = record
            self._db_name.setdefault(record["name_normalized"], record)

    @property
    def existing_names(self) -> dict[str, str]:
        return {cid: r["name_normalized"] for cid, r in self._db_by_id.items()}

    def existing(self, company_id: str) -> dict[str, Any] | None:
        return self._db_by_id.get(company_id)

    def find(self, name: str | None, uscc: str | None) -> CompanyEntry | None:
        """The entry for this company if the file or the database already has it."""
        if uscc and uscc in self._by_uscc:
            return self._by_uscc[uscc]  # before normalising the name: most repeats end here
        key = normalize_company_name(name) if name else ""
        if key and key in self._by_name:
            entry = self._by_name[key]
            if not (uscc and entry.uscc and entry.uscc != uscc):
                return entry
        record = self._db_uscc.get(uscc) if uscc else None
        if record is None and key in self._db_name:
            candidate = self._db_name[key]
            if not (uscc and candidate["uscc"] and candidate["uscc"] != uscc):
                record = candidate
        if record is None:
            return None
        return self._add(CompanyEntry(record["name"], record["uscc"], record["id"], record))

    def get(self, name: str, uscc: str | None, where: tuple[str, int]) -> CompanyEntry:
        entry = self.find(name, uscc)
        if entry is None:
            entry = self._add(CompanyEntry(name, uscc, first_seen=where))
        elif uscc and not entry.uscc:
            entry.uscc = uscc
            self._by_uscc[uscc] = entry
        return entry

    def merge_into(self, entry: CompanyEntry, company_id: str) -> None:
        """The user confirmed the new company is this existing one."""
        record = self._db_by_id[company_id]
        entry.existing_id, entry.existing = company_id, record
        entry.name = entry.name or record["name"]

    def _add(self, entry: CompanyEntry) -> CompanyEntry:
        self.entries.append(entry)
        if entry.uscc:
            self._by_uscc.setdefault(entry.uscc, entry)
        key = normalize_company_name(entry.name)
        if key:
            self._by_name.setdefault(key, entry)
        return entry


@dataclass
class ProjectKeys:
    """Existing projects by code and by (company, normalised name)."""

    by_code: dict[str, str] = field(default_factory=dict)
    deleted_codes: dict[str, str] = field(default_factory=dict)
    by_company_name: dict[tuple[str | None, str], str] = field(default_factory=dict)
    by_name: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    code_of: dict[str, str | None] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    company_of: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> ProjectKeys:
        keys = cls()
        rows = session.execute(
            select(
                Project.id,
                Project.code,
                Project.company_id,
                Project.name,
                Project.name_normalized,
                Project.deleted_at,
            )
        )
        for pid, code, company_id, name, normalized, deleted in rows:
            if deleted is not None:
                if code:
                    keys.deleted_codes[code] = name
                continue
            if code:
                keys.by_code[code] = pid
            keys.by_company_name.setdefault((company_id, normalized), pid)
            keys.by_name[normalized].append(pid)
            keys.code_of[pid] = code
            keys.names[pid] = name
            keys.company_of[pid] = company_id
        return keys


ProjectRef = Item | str  # a project new in this file, or an existing project's id


@dataclass
class FileProjects:
    """Projects of the file's projects sheet, for the sheets that refer to them."""

    by_code: dict[str, Item] = field(default_factory=dict)
    by_company_name: dict[tuple[int, str], Item] = field(default_factory=dict)
    by_name: dict[str, list[Item]] = field(default_factory=lambda: defaultdict(list))


@dataclass
class PlanContext:
    session: Session
    refs: References
    options: ImportOptions
    today: date
    bureau_region_code: str
    companies: CompanyRegistry
    project_keys: ProjectKeys
    file_projects: FileProjects = field(default_factory=FileProjects)
    problems: list[Problem] = field(default_factory=list)
    #: kind (team/park/chain) → name → where it was named.
    missing: dict[str, dict[str, list[tuple[str, int, str]]]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    file_teams: dict[str, Item] = field(default_factory=dict)  # folded name → teams-sheet item
    file_parks: dict[str, Item] = field(default_factory=dict)  # folded name → parks-sheet item
    funds_by_project: dict[Any, list[Item]] = field(default_factory=lambda: defaultdict(list))
    has_funds_sheet: bool = False
    #: Equal immutable values (stage steps and moves) kept once: 100k rows repeat them.
    shared: dict[Any, Any] = field(default_factory=dict)

    def share(self, value: Any) -> Any:
        return self.shared.setdefault(value, value)

    def report(
        self,
        item: Item,
        field_name: str,
        value: Any,
        code: str,
        detail: Any = "",
        severity: str = "error",
    ) -> None:
        self.problems.append(
            problem(item.sheet, item.row, item.where(field_name), value, code, detail, severity)
        )
        if severity == "error":
            from crm.ledger.parse import INVALID

            item.status = INVALID

    def note_missing(self, item: Item, field_name: str, ref: Missing) -> None:
        places = self.missing[ref.kind].setdefault(ref.name, [])
        places.append((item.sheet, item.row, item.where(field_name)))

    def resolve_project(
        self, code: str | None, name: str | None, company: str | None
    ) -> tuple[ProjectRef | None, str]:
        """A project named by code, or by name (and investor); ('', reason) when not found."""
        if code:
            if code in self.file_projects.by_code:
                return self.file_projects.by_code[code], ""
            if code in self.project_keys.by_code:
                return self.project_keys.by_code[code], ""
            if not name:
                return None, "unknown_project"
        if not name:
            return None, "unknown_project"
        key = normalize_project_name(name)
        if company:
            entry = self.companies.find(company, None)
            if entry is not None:
                found = self.file_projects.by_company_name.get((id(entry), key))
                if found is not None:
                    return found, ""
                if (
                    entry.existing_id
                    and (entry.existing_id, key) in self.project_keys.by_company_name
                ):
                    return self.project_keys.by_company_name[(entry.existing_id, key)], ""
        in_file = self.file_projects.by_name.get(key, [])
        matched = {item.target_id for item in in_file}
        in_db = [pid for pid in self.project_keys.by_name.get(key, []) if pid not in matched]
        candidates: list[ProjectRef] = [*in_file, *in_db]
        if len(candidates) == 1:
            return candidates[0], ""
        return None, "ambiguous_project" if candidates else "unknown_project"
