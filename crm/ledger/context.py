"""What planning and applying share: options, lookups, and the indexes of companies and projects
that the file and the database hold."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.ledger.fields import RECORD_ID
from crm.ledger.parse import INVALID, Item
from crm.ledger.problems import Problem, problem
from crm.ledger.refs import Missing, References
from crm.models import Company, Project, Team
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
    #: Rows the user matched by hand (ambiguous or similar projects): (sheet, Excel row) →
    #: project code or 系统编号 of the existing project, or NEW_PROJECT. Sheet None: any sheet.
    same_projects: dict[tuple[str | None, int], str] = field(default_factory=dict)
    #: The file comes from another database: a 系统编号 unknown here is not an error; the row
    #: is matched by code and name as if it had none.
    ignore_unknown_ids: bool = False
    #: The day a dispatch sheet's completion figures refer to (else read from the sheet).
    as_of: date | None = None
    #: A file this program exported: write its values even over fields changed on record
    #: since the export (else those keep the newer value: crm.ledger.plan_stale).
    overwrite_newer: bool = False

    def project_choice(self, sheet: str, row: int) -> str | None:
        return self.same_projects.get((sheet, row)) or self.same_projects.get((None, row))


#: What a user chooses for a row that is not any existing project.
NEW_PROJECT = "new"


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
    new_tags: list[Any] = field(default_factory=list)  # of `tags`, those the plan adds
    parent_name: str | None = None
    new_id: str | None = None
    first_seen: tuple[str, int] = ("", 0)
    merged: bool = False  # the user said a name of the file is this existing company

    @property
    def id(self) -> str | None:
        return self.existing_id or self.new_id

    @property
    def is_new(self) -> bool:
        return self.existing_id is None


class CompanyRegistry:
    """Companies by USCC, else by normalised name, across the file and the database."""

    def __init__(self, session: Session, merges: dict[str, str] | None = None) -> None:
        self.entries: list[CompanyEntry] = []
        #: Names the user confirmed are existing companies (normalised name → id).
        self._merges = {normalize_company_name(k): v for k, v in (merges or {}).items()}
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
    def live_ids(self) -> dict[str, dict[str, Any]]:
        return self._db_by_id

    def register_name(self, name: str, entry: CompanyEntry) -> None:
        """The file's name for a company found by its 系统编号 (it may be a new name)."""
        key = normalize_company_name(name)
        if key:
            self._by_name.setdefault(key, entry)

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
        merged = record is None and key in self._merges and self._merges[key] in self._db_by_id
        if merged:
            record = self._db_by_id[self._merges[key]]
        if record is None and key in self._db_name:
            candidate = self._db_name[key]
            if not (uscc and candidate["uscc"] and candidate["uscc"] != uscc):
                record = candidate
        if record is None:
            return None
        entry = CompanyEntry(record["name"], record["uscc"], record["id"], record, merged=merged)
        if merged:
            self._by_name.setdefault(key, entry)  # the file's name finds it again
        return self._add(entry)

    def get(self, name: str, uscc: str | None, where: tuple[str, int]) -> CompanyEntry:
        entry = self.find(name, uscc)
        if entry is None:
            entry = self._add(CompanyEntry(name, uscc, first_seen=where))
        elif uscc and not entry.uscc:
            entry.uscc = uscc
            self._by_uscc[uscc] = entry
        return entry

    def add_distinct(self, name: str, uscc: str | None, item: Any) -> CompanyEntry:
        """A new firm sharing its name with another of the file (found by credit code)."""
        entry = CompanyEntry(name, uscc, first_seen=(item.sheet, item.row))
        self.entries.append(entry)
        if uscc:
            self._by_uscc.setdefault(uscc, entry)
        return entry

    def entry_for(self, company_id: str) -> CompanyEntry | None:
        """The entry of one existing company, by id (its name may be another company's too)."""
        for entry in self.entries:
            if entry.existing_id == company_id:
                return entry
        record = self._db_by_id.get(company_id)
        if record is None:
            return None
        return self._add(CompanyEntry(record["name"], record["uscc"], company_id, record))

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
    """Existing projects by id, by code, by (company, normalised name) and by name.

    Names are not unique: the same investor may have two projects of one name, so every name
    lookup gives a list, and a row that fits more than one is ambiguous, never a guess.
    """

    by_code: dict[str, str] = field(default_factory=dict)
    deleted_codes: dict[str, str] = field(default_factory=dict)
    deleted_ids: dict[str, str] = field(default_factory=dict)  # id → name
    by_company_name: dict[tuple[str | None, str], list[str]] = field(
        default_factory=lambda: defaultdict(list)
    )
    by_name: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    code_of: dict[str, str | None] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    company_of: dict[str, str | None] = field(default_factory=dict)
    stage_of: dict[str, str] = field(default_factory=dict)
    _by_company: dict[str | None, list[str]] | None = None

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
                Project.stage,
                Project.deleted_at,
            )
        )
        for pid, code, company_id, name, normalized, stage, deleted in rows:
            if deleted is not None:
                if code:
                    keys.deleted_codes[code] = name
                keys.deleted_ids[pid] = name
                continue
            if code:
                keys.by_code[code] = pid
            keys.by_company_name[(company_id, normalized)].append(pid)
            keys.by_name[normalized].append(pid)
            keys.code_of[pid] = code
            keys.names[pid] = name
            keys.company_of[pid] = company_id
            keys.stage_of[pid] = stage
        return keys

    def of_company(self, company_id: str | None) -> list[str]:
        """The projects of one investor (built once, on first use: the fuzzy check's lookup)."""
        if self._by_company is None:
            found: dict[str | None, list[str]] = defaultdict(list)
            for pid, cid in self.company_of.items():
                found[cid].append(pid)
            self._by_company = found
        return self._by_company.get(company_id, [])

    def candidate(self, pid: str, companies: CompanyRegistry, score: float = 100.0) -> Candidate:
        company = companies.existing(self.company_of.get(pid) or "")
        return Candidate(
            pid,
            self.code_of.get(pid) or "",
            self.names[pid],
            company["name"] if company else "",
            self.stage_of.get(pid, ""),
            score,
        )

    def find(self, text: str) -> str | None:
        """An existing project named by its code or its 系统编号 (a user's choice)."""
        text = text.strip()
        if text in self.names:
            return text
        return self.by_code.get(text) or self.by_code.get(text.upper())


ProjectRef = Item | str  # a project new in this file, or an existing project's id


@dataclass(frozen=True)
class Candidate:
    """An existing project a row may stand for, as the user is shown it."""

    id: str
    code: str
    name: str
    company: str
    stage: str  # Stage code
    score: float = 100.0  # 100: the same normalised name
    team: str = ""
    planned: Decimal | None = None  # 万元

    def text(self, language: str = "zh") -> str:
        from crm.codes import Stage
        from crm.money import wan_text

        english = language.startswith("en")
        stage = Stage(self.stage).label(language) if self.stage else ""
        code = self.code or ("no code" if english else "无编号")
        amount = wan_text(self.planned) if self.planned else ""
        parts = [code, self.name, self.company, self.team, amount, stage]
        if self.score < 100:
            parts.append(f"{'similarity' if english else '相似度'} {self.score:.0f}")
        return " · ".join(p for p in parts if p)


@dataclass
class ProjectChoice:
    """A row the user must match by hand: ambiguous (several fit) or similar (one may fit)."""

    sheet: str
    row: int
    name: str
    company: str
    candidates: list[Candidate]
    ambiguous: bool  # True: nothing is written until the user chooses

    def detail(self) -> tuple[str, str]:
        return (
            "；".join(c.text("zh") for c in self.candidates),
            "; ".join(c.text("en") for c in self.candidates),
        )


@dataclass
class FileProjects:
    """Projects of the file's projects sheet, for the sheets that refer to them."""

    by_code: dict[str, Item] = field(default_factory=dict)
    by_id: dict[str, Item] = field(default_factory=dict)  # 系统编号 written in the file
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
    #: Invalid rows of the funds sheet, by the project they name (when it can be told).
    invalid_funds: dict[Any, list[Item]] = field(default_factory=lambda: defaultdict(list))
    has_funds_sheet: bool = False
    #: Equal immutable values (stage steps and moves) kept once: 100k rows repeat them.
    shared: dict[Any, Any] = field(default_factory=dict)
    #: Rows the user is asked to match by hand (ambiguous, or similar to an existing project).
    choices: list[ProjectChoice] = field(default_factory=list)
    #: Table name → ids of its deleted records (a 系统编号 naming one is a row error).
    deleted: dict[str, set[str]] = field(default_factory=dict)

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

    def row_company(self, item: Item) -> CompanyEntry | None:
        """The company a row names (企业名称, with its 统一社会信用代码 if given); an unknown one
        is reported on the row."""
        v = item.values
        entry = self.companies.find(v["company"], v.get("uscc"))
        if entry is None:
            self.report(item, "company", v["company"], "unknown_company", v["company"])
        return entry

    def ask_choice(
        self, item: Item, field_name: str, pids: list[str], *, ambiguous: bool, scores: Any = None
    ) -> ProjectChoice:
        """List the row for the user to match by hand; an ambiguous row is not imported."""
        scores = scores or {}
        # What tells two projects of one name apart: their team and amount (a few rows only,
        # so read here rather than kept for every project of the database).
        told = {
            pid: (team or "", planned)
            for pid, team, planned in self.session.execute(
                select(Project.id, Team.name, Project.planned_investment)
                .outerjoin(Team, Team.id == Project.team_id)
                .where(Project.id.in_(pids))
            )
        }
        candidates = [
            replace(
                self.project_keys.candidate(pid, self.companies, scores.get(pid, 100.0)),
                team=told.get(pid, ("", None))[0],
                planned=told.get(pid, ("", None))[1],
            )
            for pid in pids
        ]
        values = item.values
        choice = ProjectChoice(
            item.sheet,
            item.row,
            values.get("name") or values.get("project") or "",
            values.get("company") or "",
            candidates,
            ambiguous,
        )
        self.choices.append(choice)
        code = "ambiguous_match" if ambiguous else "similar_project"
        self.report(
            item,
            field_name,
            choice.name,
            code,
            choice.detail(),
            severity="error" if ambiguous else "warning",
        )
        return choice

    def live_rows(self, model: Any, *columns: Any) -> Iterator[dict[str, Any]]:
        """The columns of every live (not soft-deleted) row of a table, as dicts."""
        for row in self.session.execute(select(*columns).where(model.deleted_at.is_(None))):
            yield dict(row._mapping)

    def by_record_id(self, item: Item, model: Any, live: Container[str]) -> tuple[bool, str | None]:
        """The row's 系统编号 against one table: (True, id) for a live record; (True, None) when
        the id is deleted or unknown (reported: never a silent new record); (False, None) when
        the row has no id, or it is unknown and the file comes from another database."""
        record_id = item.values.get(RECORD_ID)
        if not record_id:
            return False, None
        if record_id in live:
            return True, record_id
        if record_id in self._deleted_ids(model):
            self.report(item, RECORD_ID, record_id, "record_deleted", item.values.get("name", ""))
            return True, None
        if self.options.ignore_unknown_ids:
            return False, None
        self.report(item, RECORD_ID, record_id, "unknown_record_id")
        return True, None

    def rows_to_plan(
        self, items: list[Item], model: Any, live: Container[str]
    ) -> Iterator[tuple[Item, str | None]]:
        """The valid rows with the live record their 系统编号 names (None: matched otherwise);
        rows whose id names a deleted or unknown record are reported and skipped."""
        for item in items:
            if item.status == INVALID:
                continue
            keyed, record_id = self.by_record_id(item, model, live)
            if not keyed or record_id is not None:
                yield item, record_id

    def _deleted_ids(self, model: Any) -> set[str]:
        """The ids of a table's deleted records, read once (soft deletes are few)."""
        name = model.__tablename__
        if name not in self.deleted:
            query = select(model.id).where(model.deleted_at.is_not(None))
            self.deleted[name] = set(self.session.scalars(query))
        return self.deleted[name]

    def invalid_funds_rows(self, project: Item) -> tuple[str, str] | None:
        """Where a project's funded date should have come from, when those rows are invalid:
        (Chinese, English) text naming the first such row and why it is invalid."""
        rows = self.invalid_funds.get(project) or (
            self.invalid_funds.get(project.target_id) if project.target_id else None
        )
        if not rows:
            return None
        first = rows[0]
        reason = next(
            (
                p
                for p in self.problems
                if p.sheet == first.sheet and p.row == first.row and p.severity == "error"
            ),
            None,
        )
        why_zh, why_en = (reason.message_zh, reason.message_en) if reason else ("", "")
        return (
            f"“{first.sheet}”表第{first.row}行，但该行无效：{why_zh}",
            f"row {first.row} of sheet '{first.sheet}', but that row is invalid: {why_en}",
        )

    def note_missing(self, item: Item, field_name: str, ref: Missing) -> None:
        places = self.missing[ref.kind].setdefault(ref.name, [])
        places.append((item.sheet, item.row, item.where(field_name)))
        deleted = {"team": self.refs.deleted_teams, "park": self.refs.deleted_parks}
        if self.options.create_missing and ref.name in deleted.get(ref.kind, ()):
            label = {"team": "工作队 / team", "park": "园区 / park"}[ref.kind]
            self.report(item, field_name, ref.name, "ref_deleted", label)

    def resolve_project(
        self,
        code: str | None,
        name: str | None,
        company: str | None,
        project_id: str | None = None,
        choice: str | None = None,
    ) -> tuple[ProjectRef | None, str, list[str]]:
        """The project a funds, activity or problem row names: by the user's choice, its
        系统编号, its code, or its name (and investor). (None, reason, candidate ids) when
        there is none, or more than one."""
        keys, files = self.project_keys, self.file_projects
        if choice:
            pid = keys.find(choice)
            return (pid, "", []) if pid else (None, "unknown_choice", [])
        if project_id:
            if project_id in files.by_id:
                return files.by_id[project_id], "", []
            if project_id in keys.names:
                return project_id, "", []
            if project_id in keys.deleted_ids:
                return None, "record_deleted", []
            if not self.options.ignore_unknown_ids:
                return None, "unknown_record_id", []
        if code:
            if code in files.by_code:
                return files.by_code[code], "", []
            if code in keys.by_code:
                return keys.by_code[code], "", []
            if not name:
                return None, "unknown_project", []
        if not name:
            return None, "unknown_project", []
        key = normalize_project_name(name)
        if company:
            entry = self.companies.find(company, None)
            if entry is not None:
                found = files.by_company_name.get((id(entry), key))
                if found is not None:
                    return found, "", []
                in_db = keys.by_company_name.get((entry.existing_id, key), [])
                if entry.existing_id and in_db:
                    return _one(in_db)
        in_file = files.by_name.get(key, [])
        matched = {item.target_id for item in in_file}
        others = [pid for pid in keys.by_name.get(key, []) if pid not in matched]
        if len(in_file) + len(others) == 1:
            return (in_file or others)[0], "", []
        if not in_file and not others:
            return None, "unknown_project", []
        ids = [i.target_id for i in in_file if i.target_id] + others
        return None, "ambiguous_match", ids


def _one(pids: list[str]) -> tuple[str | None, str, list[str]]:
    return (pids[0], "", []) if len(pids) == 1 else (None, "ambiguous_match", list(pids))


def report_repeats(ctx: PlanContext, items: list[Item], field_name: str, code: str) -> None:
    """A code or 系统编号 given on two rows of the file: both rows are errors."""
    rows: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        if item.status != INVALID and item.values.get(field_name):
            rows[item.values[field_name]].append(item)
    for value, same in rows.items():
        if len(same) > 1:
            where = ", ".join(str(i.row) for i in same)
            for item in same:
                ctx.report(item, field_name, value, code, where)
