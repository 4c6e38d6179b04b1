"""Plan an import: read → find headers → parse → check → match. Nothing is written here.

The plan is what the preview shows: per sheet how many rows are new, updated, unchanged or
invalid, and every problem with sheet, row, column, value and reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from crm import access
from crm.db import Database
from crm.ledger import plan_companies as companies
from crm.ledger import plan_extra as extra
from crm.ledger import plan_others as others
from crm.ledger import plan_projects as projects
from crm.ledger import plan_teams
from crm.ledger.context import (
    CompanyEntry,
    CompanyRegistry,
    ImportOptions,
    PlanContext,
    ProjectChoice,
    ProjectKeys,
)
from crm.ledger.dispatch_dates import sheet_as_of
from crm.ledger.fields import SHEET_KINDS, Sheet
from crm.ledger.fields_dispatch import DISPATCH
from crm.ledger.fields_dispatch_data import COMPLETIONS, LISTS, PROFILES, TARGETS
from crm.ledger.fields_key import KEYLIST
from crm.ledger.layout import Column, SheetLayout, detect_layout, record_ids, remap
from crm.ledger.mappings import check_columns, check_fields, load_mappings
from crm.ledger.parse import INVALID, NEW, UNCHANGED, UPDATED, Item, ParseContext, parse_sheet
from crm.ledger.plan_blanks import note_blank_cells
from crm.ledger.plan_changes import PlannedChange, planned_changes
from crm.ledger.plan_completions import plan_completions
from crm.ledger.plan_dispatch import plan_dispatch
from crm.ledger.plan_first_signing import check_first_signing
from crm.ledger.plan_increases import plan_increases
from crm.ledger.plan_key import plan_keylist
from crm.ledger.plan_lists import plan_lists
from crm.ledger.plan_profiles import plan_profiles
from crm.ledger.plan_requests import plan_requests
from crm.ledger.plan_stale import StaleCounts, keep_newer
from crm.ledger.plan_targets import plan_targets
from crm.ledger.problems import ERROR, INFO, WARNING, ImportCancelled, LedgerError, Problem, problem
from crm.ledger.reader import Workbook, read_workbook
from crm.ledger.refs_load import load_references
from crm.ledger.sources import bureau_level
from crm.models import (
    Activity,
    ChangeLog,
    Company,
    CompanyTag,
    CompletionEntry,
    Contact,
    EnterpriseRequest,
    FundsEntry,
    InvestmentIncrease,
    ListEntry,
    Park,
    Project,
    Target,
    Team,
)
from crm.models import Problem as ProblemRow
from crm.money import wan_text
from crm.progress import Progress, ShouldCancel
from crm.services.settings import get_setting
from crm.stages import StageState


@dataclass
class SheetSummary:
    sheet: str
    kind: str | None
    header_row: int | None  # Excel row number of the (last) header row
    columns: list[Column] = field(default_factory=list)
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    invalid: int = 0
    skipped: int = 0

    @property
    def rows(self) -> int:
        return self.new + self.updated + self.unchanged + self.invalid


@dataclass
class FuzzyMatch:
    """A new company whose name is close to existing ones: the user decides."""

    name: str
    sheet: str
    row: int
    candidates: list[tuple[str, str, float]]  # (company id, name, score)


#: A sheet with at least this many invalid rows, more than its valid ones, is not a ledger.
MOSTLY_INVALID_MIN = 100


@dataclass
class ImportPlan:
    path: Path
    sheets: list[SheetSummary]
    problems: list[Problem]
    options: ImportOptions
    items: dict[str, list[Item]] = field(default_factory=dict)
    layouts: dict[str, SheetLayout] = field(default_factory=dict)
    missing: dict[str, dict[str, list[tuple[str, int, str]]]] = field(default_factory=dict)
    fuzzy: list[FuzzyMatch] = field(default_factory=list)
    companies: list[CompanyEntry] = field(default_factory=list)
    usd_rate: Decimal | None = None
    today: date = field(default_factory=date.today)
    bureau_region_code: str = ""
    #: Rows the user is asked to match by hand (ambiguous ones are not imported until then).
    choices: list[ProjectChoice] = field(default_factory=list)
    #: The database's state when planned (the newest change-log stamp): apply_plan refuses
    #: to write a plan made before someone else changed the data.
    fingerprint: str | None = None
    #: The first records the import writes, each changed field with its value on record and
    #: the value written (crm.ledger.plan_changes), and how many records it writes in all.
    planned: list[PlannedChange] = field(default_factory=list)
    planned_total: int = 0
    #: Cells of an older export left as the newer values on record have them (plan_stale).
    stale: StaleCounts = field(default_factory=StaleCounts)

    @property
    def ambiguous(self) -> list[ProjectChoice]:
        return [c for c in self.choices if c.ambiguous]

    @property
    def invalid_count(self) -> int:
        return sum(s.invalid for s in self.sheets)

    @property
    def mostly_invalid(self) -> list[SheetSummary]:
        """Sheets where invalid rows outnumber the valid ones (a junk file behind a ledger's
        header): nothing of such a plan is written."""
        # Rows of a file from another database (unknown 系统编号) have their own message.
        foreign = {p.sheet for p in self.problems if p.code == "unknown_record_id"}
        return [
            s
            for s in self.sheets
            if s.invalid >= MOSTLY_INVALID_MIN
            and s.invalid > s.rows - s.invalid
            and s.sheet not in foreign
        ]

    @property
    def has_errors(self) -> bool:
        return self.invalid_count > 0 or any(p.severity == ERROR for p in self.problems)

    @property
    def new_count(self) -> int:
        """Records the import adds: new rows, and the new completion entries of dispatch rows
        whose project is on record (those rows are counted 更新)."""
        added = sum(1 for i in self.items.get(DISPATCH, []) if i.status == UPDATED
                    and i.extra.get("completion_new"))  # fmt: skip
        return sum(s.new for s in self.sheets) + added

    def written_companies(self) -> list[CompanyEntry]:
        """The companies apply writes: those a row that is written names (a company named only
        by invalid rows is not made). The preview counts these, apply writes these."""
        used = set()
        for kind in (Sheet.PROJECTS, Sheet.ACTIVITIES, Sheet.COMPANIES, Sheet.CONTACTS):
            for item in self.items.get(kind, []):
                entry = item.extra.get("company")
                if entry is not None and item.status != INVALID:
                    used.add(id(entry))
        return [e for e in self.companies if id(e) in used]

    @property
    def new_companies(self) -> list[CompanyEntry]:
        return [e for e in self.written_companies() if e.is_new]

    @property
    def change_count(self) -> int:
        implied = sum(1 for e in self.new_companies if e.item is None)
        return sum(s.new + s.updated for s in self.sheets) + implied


def build_plan(
    db: Database,
    source: str | Path | Workbook,
    options: ImportOptions | None = None,
    *,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ImportPlan:
    options = options or ImportOptions()
    # Who may not import is told so before their file is read or previewed (the window's
    # wizard as the command line); apply_plan checks the same right again when it writes.
    access.require(db.access_actor(), "import_ledger")
    book = (
        source
        if isinstance(source, Workbook)
        else read_workbook(source, progress=progress, should_cancel=should_cancel)
    )
    # A workbook we read ourselves is nobody else's: its rows go once they are parsed (but a
    # plan made twice, for --merge-fuzzy, reads them again).
    owned = not isinstance(source, Workbook) and not options.merge_fuzzy
    with db.session() as session:
        plan = _plan(session, book, options, progress, should_cancel, release_rows=owned)
        if options.merge_fuzzy and plan.fuzzy:
            # Every close company name taken as its best candidate: planned again with those
            # choices, so projects match against the firm they now belong to.
            merges = {f.name: f.candidates[0][0] for f in plan.fuzzy}
            chosen = replace(
                options, merge_companies={**merges, **options.merge_companies}, merge_fuzzy=False
            )
            plan = _plan(session, book, chosen, progress, should_cancel)
        plan.fingerprint = database_fingerprint(session)
        session.rollback()
    for sheet in plan.mostly_invalid:  # the preview says first what apply_plan will refuse
        valid = sheet.rows - sheet.invalid
        plan.problems.insert(0, problem(sheet.sheet, None, "", "", "mostly_invalid", (
            f"无效行 {sheet.invalid} 行多于有效行 {valid} 行",
            f"{sheet.invalid} invalid rows outnumber the {valid} valid ones",
        )))  # fmt: skip
    return plan


def database_fingerprint(session: Any) -> str:
    """The newest change-log stamp: every write through the services or the bulk path adds
    change-log rows, so a different stamp means the data changed."""
    return session.scalar(select(func.max(ChangeLog.hlc))) or ""


def detect_layouts(
    book: Workbook, options: ImportOptions, session: Any = None
) -> tuple[dict[str, SheetLayout], list[Problem]]:
    """Header and kind of each sheet, with saved mappings and the user's --map applied.
    With a `session`, a sheet whose headers say too little (a one-column view exported from a
    screen) is known by the records its 系统编号 column names."""
    mapping = {**load_mappings(), **options.mapping}
    layouts, found = {}, []
    names = options.sheets or [s.name for s in book.sheets]
    check_columns(book, names, options.mapping)
    for name in names:
        sheet = book.sheet(name)
        if not any(any(c not in (None, "") for c in row) for row in sheet.rows):
            if options.sheets:
                found.append(problem(name, None, "", "", "no_data"))
            continue
        layout = detect_layout(sheet, mapping)
        if layout is None and session is not None:
            kind = kind_of_records(session, record_ids(sheet))
            layout = detect_layout(sheet, mapping, kind, min_score=0.1) if kind else None
        if layout is None:
            severity = ERROR if options.sheets or len(book.sheets) == 1 else WARNING
            found.append(problem(name, None, "", "", "no_header", severity=severity))
            continue
        if name in options.column_overrides:
            layout = remap(layout, options.column_overrides[name])
        layouts[name] = layout
    check_fields(options.mapping, layouts)
    if not layouts:
        raise LedgerError("no_header", where=book.path.name)
    return layouts, found


_RECORD_TABLES = (
    (Sheet.PROJECTS, Project), (Sheet.COMPANIES, Company), (Sheet.ACTIVITIES, Activity),
    (Sheet.PROBLEMS, ProblemRow), (Sheet.TEAMS, Team), (Sheet.FUNDS, FundsEntry),
    (Sheet.CONTACTS, Contact), (Sheet.PARKS, Park), (Sheet.REQUESTS, EnterpriseRequest),
    (Sheet.INCREASES, InvestmentIncrease), (TARGETS, Target),
    (LISTS, ListEntry), (COMPLETIONS, CompletionEntry),
)  # fmt: skip


def kind_of_records(session: Any, ids: list[str]) -> str | None:
    """Which kind of record these 系统编号 are (the first table holding any of them)."""
    if not ids:
        return None
    for kind, model in _RECORD_TABLES:
        if session.scalar(select(model.id).where(model.id.in_(ids)).limit(1)) is not None:
            return kind
    return None


def _plan(
    session: Any,
    book: Workbook,
    options: ImportOptions,
    progress: Progress | None,
    should_cancel: ShouldCancel | None,
    *,
    release_rows: bool = False,
) -> ImportPlan:
    today = options.today or date.today()
    layouts, found = detect_layouts(book, options, session)
    settings_rate = Decimal(str(get_setting(session, "usd_rate")))
    rate = options.usd_rate or settings_rate
    level = bureau_level(
        str(get_setting(session, "bureau_level")), str(get_setting(session, "bureau_region_code"))
    )
    parse_ctx = ParseContext(
        load_references(session), rate, options.usd_rate is not None, bureau_level=level
    )
    ctx = PlanContext(
        session,
        parse_ctx.refs,
        options,
        today,
        str(get_setting(session, "bureau_region_code")),
        CompanyRegistry(session, options.merge_companies),
        ProjectKeys.load(session),
        problems=found,
    )
    sheets, by_kind = [], {k: [] for k in SHEET_KINDS}
    # Progress: reading each sheet's rows is the first half of the work, matching the second.
    total = sum(len(book.sheet(name).rows) for name in layouts) or 1
    done = 0

    def sheet_progress(index: int, _rows: int, sheet: str) -> None:
        if progress:
            progress(done + index, total * 2, sheet)

    for name, layout in layouts.items():
        _check_cancel(should_cancel)
        rows = len(book.sheet(name).rows)
        if layout.kind == DISPATCH:  # from the title rows, before they are released
            as_of = sheet_as_of(book.sheet(name), layout, options.as_of)
        parsed = parse_sheet(
            book.sheet(name),
            layout,
            parse_ctx,
            should_cancel,
            release_rows=release_rows,
            progress=sheet_progress,
        )
        done += rows
        if release_rows:
            book.sheet(name).rows = []
        ctx.problems.extend(parsed.problems)
        if layout.kind == DISPATCH:
            for item in parsed.items:
                item.extra["as_of"], item.extra["period_kind"] = as_of
        summary = SheetSummary(
            name, layout.kind, layout.header_last + 1, layout.columns, skipped=parsed.skipped
        )
        sheets.append(summary)
        by_kind[layout.kind or ""].extend(parsed.items)
        if not parsed.items:
            ctx.problems.append(problem(name, None, "", "", "no_data", severity=WARNING))
    parse_ctx.memo.clear()  # parsed texts are not looked up again: free them for the plan
    for label in sorted(parse_ctx.notes):
        ctx.problems.append(problem("", None, label, "", "usd_rate_used", rate, severity=INFO))
    _check_cancel(should_cancel)
    _plan_items(ctx, by_kind, _StepProgress(progress, total, should_cancel))
    stale = keep_newer(ctx, by_kind, book.stamp)
    plan = ImportPlan(
        book.path,
        sheets,
        ctx.problems,
        options,
        by_kind,
        layouts,
        {k: dict(v) for k, v in ctx.missing.items()},
        [],
        ctx.companies.entries,
        rate,
        today,
        ctx.bureau_region_code,
        ctx.choices,
    )
    plan.stale = stale
    _list_fuzzy(ctx, plan)
    _count(plan)
    plan.planned, plan.planned_total = planned_changes(session, by_kind, parse_ctx.refs)
    return plan


def _check_cancel(should_cancel: ShouldCancel | None) -> None:
    if should_cancel and should_cancel():
        raise ImportCancelled


class _StepProgress:
    """The matching half of planning, reported step by step (after the rows were read)."""

    STEPS = 8

    def __init__(self, progress: Progress | None, total: int, cancel: ShouldCancel | None) -> None:
        self.progress, self.total, self.cancel, self.step = progress, total, cancel, 0

    def __call__(self, kind: str) -> None:
        _check_cancel(self.cancel)
        self.step += 1
        if self.progress:
            done = self.total + self.total * self.step // self.STEPS
            self.progress(min(done, 2 * self.total), 2 * self.total, kind)


def _plan_items(
    ctx: PlanContext, by_kind: dict[str, list[Item]], step: _StepProgress | None = None
) -> None:
    step = step or _StepProgress(None, 1, None)
    step(Sheet.TEAMS)
    plan_teams.index_teams(ctx, by_kind[Sheet.TEAMS])
    plan_teams.plan_teams(ctx, by_kind[Sheet.TEAMS])
    extra.plan_parks(ctx, by_kind[Sheet.PARKS])
    step(Sheet.COMPANIES)
    companies.plan_companies(ctx, by_kind[Sheet.COMPANIES])
    project_items = by_kind[Sheet.PROJECTS]
    step(Sheet.PROJECTS)
    projects.index_projects(ctx, project_items)
    step(Sheet.FUNDS)
    if by_kind[Sheet.FUNDS]:
        others.index_funds(ctx, by_kind[Sheet.FUNDS])
    existing_ids = [i.target_id for i in project_items if i.target_id]
    existing_rows = projects.load_existing(ctx, existing_ids)
    refs_in_funds = [others.project_id_of(r) for r in ctx.funds_by_project]
    touched = sorted({*existing_ids, *(r for r in refs_in_funds if r)})
    funds = others.load_funds(ctx, touched)
    states = projects.load_states(ctx, touched)
    step(Sheet.PROJECTS)
    for item in project_items:
        if item.status == INVALID:
            continue
        row = existing_rows.get(item.target_id or "")
        _finish_project(ctx, item, row, funds, states.get(item.target_id or ""))
    projects.number_new_projects(ctx, project_items)
    step(Sheet.COMPANIES)
    existing_tags = _existing_tags(ctx)
    companies.classify_companies(ctx, existing_tags)
    _company_tag_updates(ctx, project_items, existing_tags)
    others.classify_funds(ctx, by_kind[Sheet.FUNDS], funds)
    others.plan_auto_funded(ctx, by_kind[Sheet.FUNDS], states)
    plan_increases(ctx, by_kind[Sheet.INCREASES])
    plan_lists(ctx, by_kind[LISTS])
    plan_profiles(ctx, by_kind[PROFILES])
    plan_completions(ctx, by_kind[COMPLETIONS])
    step(Sheet.CONTACTS)
    extra.plan_contacts(ctx, by_kind[Sheet.CONTACTS])
    step(Sheet.ACTIVITIES)
    others.plan_activities(ctx, by_kind[Sheet.ACTIVITIES])
    others.plan_problems(ctx, by_kind[Sheet.PROBLEMS])
    plan_requests(ctx, by_kind[Sheet.REQUESTS])
    plan_dispatch(ctx, by_kind[DISPATCH])
    plan_keylist(ctx, by_kind[KEYLIST])
    plan_targets(ctx, by_kind[TARGETS])


def _finish_project(
    ctx: PlanContext,
    item: Item,
    row: dict[str, Any] | None,
    funds: dict[str, list[tuple[date, Decimal]]],
    current: StageState | None,
) -> None:
    fields = projects.project_fields(ctx, item, row)
    first = others.first_funds_date(ctx, item, funds)
    if item.target_id and first is None:
        first = others.first_funds_date(ctx, item.target_id, funds)
    projects.plan_stages(ctx, item, current, first)
    check_first_signing(ctx, item, current)
    _check_funds_total(ctx, item, funds)
    entry = item.extra.get("company")
    company_ref = (
        entry if entry is not None and entry.is_new else (entry.existing_id if entry else None)
    )
    changes = projects.diff_project(row, fields, company_ref) if row else {}
    if row:
        note_blank_cells(ctx, item, row)
    item.extra["fields"] = fields
    projects.classify_project(item, changes)
    item.keep_before(row)
    if current is not None and item.extra.get("moves"):
        item.before["stage"] = current.stage.value  # where the row's stage moves start


def _check_funds_total(
    ctx: PlanContext, item: Item, funds: dict[str, list[tuple[date, Decimal]]]
) -> None:
    total = item.values.get("funds_total")
    if total is None:
        return
    entries = [i.values["amount"] for i in ctx.funds_by_project.get(item, [])]
    if item.target_id and not ctx.has_funds_sheet:
        entries = [amount for _day, amount in funds.get(item.target_id, [])]
    recorded = sum(entries, Decimal(0))
    if recorded == total:
        return
    if ctx.has_funds_sheet or recorded > total:
        ctx.report(
            item,
            "funds_total",
            wan_text(total),
            "funds_total_differs",
            wan_text(recorded),
            severity=WARNING,
        )
    else:
        ctx.report(
            item,
            "funds_total",
            wan_text(total),
            "funds_without_date",
            wan_text(recorded),
            severity=WARNING,
        )


def _existing_tags(ctx: PlanContext) -> dict[str, set[tuple[str, int | None]]]:
    """List memberships of the companies the file tags, and of their groups."""
    with_tags = [e for e in ctx.companies.entries if e.existing_id and e.tags]
    parents = [(e.existing or {}).get("parent_id") for e in with_tags]
    ids = sorted({*(e.existing_id for e in with_tags), *(p for p in parents if p)})
    found: dict[str, set[tuple[str, int | None]]] = {}
    for start in range(0, len(ids), 500):
        query = select(CompanyTag.company_id, CompanyTag.tag, CompanyTag.edition_year).where(
            CompanyTag.company_id.in_(ids[start : start + 500]), CompanyTag.deleted_at.is_(None)
        )
        for cid, tag, year in ctx.session.execute(query):
            found.setdefault(cid, set()).add((tag, year))
    return found


def _company_tag_updates(
    ctx: PlanContext, items: list[Item], existing_tags: dict[str, set[tuple[str, int | None]]]
) -> None:
    """A projects-sheet row that adds tags to an existing investor updates that row."""
    for item in items:
        entry = item.extra.get("company")
        if item.status != UNCHANGED or entry is None or entry.existing_id is None:
            continue
        tags = {(t.tag, t.edition_year) for t in item.values.get("company_tags", [])}
        adds = companies.missing_tags(ctx, entry, existing_tags)
        if any((t.tag, t.edition_year) in tags for t in adds):
            item.status = UPDATED


def _list_fuzzy(ctx: PlanContext, plan: ImportPlan) -> None:
    """New companies whose names are close to existing ones, for the user to confirm (a
    confirmed one is matched while planning: ImportOptions.merge_companies)."""
    for entry, candidates in companies.fuzzy_candidates(ctx):
        sheet, row = entry.first_seen if entry.item is None else (entry.item.sheet, entry.item.row)
        plan.fuzzy.append(FuzzyMatch(entry.name, sheet, row, candidates))
        detail = "、".join(f"{name}（{score:.0f}）" for _cid, name, score in candidates)
        plan.problems.append(
            problem(sheet, row, "", entry.name, "fuzzy_company", detail, severity=WARNING)
        )


def _count(plan: ImportPlan) -> None:
    by_sheet = {s.sheet: s for s in plan.sheets}
    for items in plan.items.values():
        for item in items:
            summary = by_sheet[item.sheet]
            if item.status == NEW:
                summary.new += 1
            elif item.status == UPDATED:
                summary.updated += 1
            elif item.status == UNCHANGED:
                summary.unchanged += 1
            else:
                summary.invalid += 1
