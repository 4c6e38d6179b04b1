"""The whole ledger to .xlsx in the layout the importer reads: export, then import into an
empty database, gives the same data."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from crm import access
from crm.codes import (
    PIPELINE,
    ActivityKind,
    AgreementType,
    FundsSource,
    Ownership,
    ProblemCategory,
    ProblemStatus,
    Stage,
    TeamRole,
)
from crm.ledger.export_dispatch_data import county_cell, dispatch_data_sheets
from crm.ledger.export_increases import INCREASE_EXPORT, has_increases, increase_rows
from crm.ledger.export_key import bureau_lists_sql, company_sheets
from crm.ledger.export_stamp import stamp_now
from crm.ledger.fields import FIELDS, KIND_LABELS, Sheet
from crm.ledger.fields_dispatch_data import COMPLETIONS, LISTS, PROFILES, TARGETS
from crm.ledger.fields_key import KEYLIST
from crm.ledger.refs import References, TagValue
from crm.ledger.refs_load import load_references
from crm.ledger.xlsx import SheetSpec, write_workbook
from crm.models import (
    Activity,
    Company,
    CompanyTag,
    Contact,
    FundsEntry,
    Park,
    Problem,
    Project,
    StageEvent,
    Team,
    TeamMember,
    TeamTarget,
)
from crm.progress import Progress
from crm.services.settings import get_setting

NA_TEXT = "不适用"
_KIND_OF = {
    "money": "money",
    "date": "date",
    "date_na": "date",
    "int": "int",
    "year": "int",
    "figure": "number",
}

PROJECT_EXPORT = ("seq", "code", "name", "company", "uscc", "source", "industry", "chain",
                  "planned_investment", "foreign_investment", "funds_total", "stage", "lead_on",
                  "negotiating_on", "signed_on", "first_signed_on", "agreement_type", "funded_on",
                  "started_on", "operating_on", "dropped_on", "drop_reason", "landing_region",
                  "park", "responsible_unit", "responsible_person", "team", "is_major",
                  "confidential", "expected_jobs",
                  "expected_annual_output", "expected_signing_on", "expected_start_on",
                  "expected_operation_on", "notes", "record_id")  # fmt: skip
COMPANY_EXPORT = ("seq", "name", "uscc", "former_names", "english_name", "hq", "ownership",
                  "industry", "chain", "parent", "tags", "website", "notes",
                  "record_id")  # fmt: skip
FUNDS_EXPORT = ("seq", "project_code", "project", "company", "received_on", "amount",
                "fixed_asset_amount", "source", "note", "project_id", "record_id")  # fmt: skip
TEAM_EXPORT = ("seq", "name", "home_unit", "station", "region_group", "leader", "members",
               "active_from", "active_to", "target_year", "target_signed_investment",
               "target_signed_projects", "target_funds_in_place", "target_projects_over_100m",
               "notes", "record_id")  # fmt: skip
ACTIVITY_EXPORT = ("seq", "occurred_on", "kind", "project_code", "project", "company", "team",
                   "participants", "summary", "next_step", "next_step_due", "project_id",
                   "record_id")  # fmt: skip
PARK_EXPORT = ("seq", "name", "region", "county", "record_id")
CONTACT_EXPORT = ("seq", "company", "uscc", "name", "title", "phone", "email", "wechat",
                  "notes", "record_id")  # fmt: skip
#: What the export summary counts: the teams sheet has one row per yearly target.
TEAM_TARGETS = "team_targets"
COUNT_LABELS = {**KIND_LABELS, TEAM_TARGETS: ("年度目标", "Yearly targets")}
PROBLEM_EXPORT = ("seq", "project_code", "project", "category", "description",
                  "responsible_unit", "raised_on", "due_on", "status", "resolution",
                  "resolved_on", "project_id", "record_id")  # fmt: skip
#: Columns every sheet carries for the importer, hidden: a clerk edits around them.
HIDDEN_KEYS = frozenset({"record_id", "project_id"})


@dataclass
class LedgerFilters:
    """Which projects to export (the other sheets follow the projects)."""

    stages: list[str] = field(default_factory=list)
    team: str | None = None  # team name
    signed_from: date | None = None
    signed_to: date | None = None
    source_class: str | None = None

    @property
    def active(self) -> bool:
        return bool(
            self.stages or self.team or self.signed_from or self.signed_to or self.source_class
        )


@dataclass
class ExportResult:
    path: Path
    #: Records per kind (teams as teams, their yearly targets apart: TEAM_TARGETS).
    counts: dict[str, int]
    #: Rows per sheet as written (the teams sheet has a row per team and target year).
    sheet_rows: dict[str, int] = field(default_factory=dict)


#: The tables the export's sheets write (a sheet may write several: 驻点工作队 its teams and
#: their yearly targets, 企业 and 重点企业名单 list memberships, 清单项目 its programmes).
CARRIED = frozenset({"project", "company", "company_tag", "contact", "funds_entry",
                     "investment_increase", "team", "team_target", "park", "activity", "problem",
                     "enterprise_request", "target", "project_list_entry", "programme",
                     "completion_entry", "dispatch_profile"})  # fmt: skip


def left_out(session: Session) -> dict[str, int]:
    """Live records of the tables the figures count (crm.stats.query.RECORD_TABLES) that no
    sheet carries, by table: none today; a table the statistics come to read without a sheet
    is said after a whole-ledger export (台账不含…), since the figures would differ elsewhere."""
    from crm.stats.query import RECORD_TABLES

    found = {}
    for table in RECORD_TABLES:
        if table.name in CARRIED:
            continue
        live = select(func.count()).select_from(table).where(table.c.deleted_at.is_(None))
        found[table.name] = session.scalar(live) or 0
    return {name: n for name, n in found.items() if n}


ALL_SHEETS = (Sheet.PROJECTS, Sheet.COMPANIES, Sheet.CONTACTS, Sheet.FUNDS, Sheet.INCREASES,
              Sheet.TEAMS, Sheet.PARKS, Sheet.ACTIVITIES, Sheet.PROBLEMS, Sheet.REQUESTS,
              KEYLIST, TARGETS, LISTS, PROFILES, COMPLETIONS)  # fmt: skip


def export_ledger(
    session: Session,
    path: str | Path,
    filters: LedgerFilters | None = None,
    *,
    sheets: tuple[str, ...] = ALL_SHEETS,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the ledger; `sheets` picks which kinds (projects always come first)."""
    access.require_in(session, "export_ledger")
    filters = filters or LedgerFilters()
    refs = load_references(session)
    bureau = str(get_setting(session, "bureau_name"))
    taken = stamp_now(session)  # before anything is read: the import knows what is newer
    stamp = date.today().isoformat()
    ids = _project_ids(session, filters)
    context = _Context(session, refs, ids if filters.active else None)
    counts: dict[str, int] = {}
    specs = []
    for kind, columns, rows in (
        (Sheet.PROJECTS, PROJECT_EXPORT, context.projects()),
        (Sheet.COMPANIES, COMPANY_EXPORT, context.companies()),
        (Sheet.CONTACTS, CONTACT_EXPORT, context.contacts()),
        (Sheet.FUNDS, FUNDS_EXPORT, context.funds()),
        *(
            [(Sheet.INCREASES, INCREASE_EXPORT, increase_rows(session, context.project_keys))]
            if has_increases(session)
            else []
        ),
        (Sheet.TEAMS, TEAM_EXPORT, context.teams()),
        (Sheet.PARKS, PARK_EXPORT, context.parks_rows()),
        (Sheet.ACTIVITIES, ACTIVITY_EXPORT, context.activities()),
        (Sheet.PROBLEMS, PROBLEM_EXPORT, context.problems()),
        *company_sheets(session, whole_ledger=not filters.active),
        *dispatch_data_sheets(session, context.project_keys, whole_ledger=not filters.active),
    ):
        if kind not in sheets:
            if kind == Sheet.PROJECTS:
                for _row in rows:  # later sheets name projects by code and name
                    pass
            continue
        specs.append(
            _spec(
                kind,
                columns,
                _counted(rows, counts, kind, progress),
                f"{bureau}招商引资{KIND_LABELS[kind][0]}台账（{stamp}导出）",
            )
        )
    write_workbook(path, specs, taken.properties())
    return ExportResult(Path(path), _team_counts(counts, context), dict(counts))


def _team_counts(counts: dict[str, int], context: _Context) -> dict[str, int]:
    """Teams counted as teams, and their yearly targets apart (not the sheet's rows)."""
    if Sheet.TEAMS not in counts:
        return counts
    result: dict[str, int] = {}
    for kind, n in counts.items():
        if kind == Sheet.TEAMS:
            result[Sheet.TEAMS], result[TEAM_TARGETS] = context.team_count, context.target_count
        else:
            result[kind] = n
    return result


def _counted(
    rows: Iterator[list[Any]],
    counts: dict[str, int],
    kind: str,
    progress: Progress | None,
) -> Iterator[list[Any]]:
    n = 0
    for n, row in enumerate(rows, start=1):
        row[0] = n
        if progress and n % 5000 == 0:
            progress(n, 0, kind)
        yield row
    counts[kind] = n


def _spec(kind: str, columns: tuple[str, ...], rows: Iterator[list[Any]], title: str) -> SheetSpec:
    specs = {f.name: f for f in FIELDS[kind]}
    headers = [specs[c].header() for c in columns]
    kinds = [_KIND_OF.get(specs[c].kind, "text") for c in columns]
    hidden = [n for n, c in enumerate(columns) if c in HIDDEN_KEYS]
    return SheetSpec(KIND_LABELS[kind][0], headers, kinds, rows, title, hidden)


def _project_ids(session: Session, filters: LedgerFilters) -> set[str] | None:
    if not filters.active:
        return None
    query: Select[Any] = select(Project.id).where(Project.deleted_at.is_(None))
    if filters.stages:
        query = query.where(Project.stage.in_(filters.stages))
    if filters.team:
        query = query.join(Team, Team.id == Project.team_id).where(Team.name == filters.team)
    if filters.signed_from:
        query = query.where(Project.signed_on >= filters.signed_from)
    if filters.signed_to:
        query = query.where(Project.signed_on <= filters.signed_to)
    if filters.source_class:
        query = query.where(Project.source_class == filters.source_class)
    return set(session.scalars(query))


def _label(codes: Any, value: str | None) -> str | None:
    # An empty cell, not an empty string, where nothing is stored.
    return codes.label_of(value) if value else None


def _na(value: date | None, passed: bool) -> Any:
    """A milestone the project passed without a date was marked not applicable."""
    if value is not None:
        return value
    return NA_TEXT if passed else None


class _Context:
    def __init__(self, session: Session, refs: References, ids: set[str] | None) -> None:
        self.s, self.refs, self.ids = session, refs, ids
        self.company_names: dict[str, tuple[str, str | None]] = {
            cid: (name, uscc)
            for cid, name, uscc in session.execute(select(Company.id, Company.name, Company.uscc))
        }
        self.project_keys: dict[str, tuple[str | None, str, str | None]] = {}
        self.parks = dict(session.execute(select(Park.id, Park.name)).all())
        self.team_names = dict(session.execute(select(Team.id, Team.name)).all())
        self.team_count = self.target_count = 0

    def _live(self, model: Any, *order: Any, per: int = 5000) -> Iterator[Any]:
        """The live (not soft-deleted) records of a table in `order`, read `per` at a time."""
        query = select(model).where(model.deleted_at.is_(None)).order_by(*order)
        return iter(self.s.scalars(query).yield_per(per))

    def _wanted_companies(self) -> set[str] | None:
        if self.ids is None:
            return None
        if not self.ids:
            return set()
        query = select(Project.company_id).where(Project.id.in_(self.ids))
        return {cid for cid in self.s.scalars(query) if cid}

    def _wanted(self, project_id: str) -> bool:
        return self.ids is None or project_id in self.ids

    # --- projects ---------------------------------------------------------------------------

    def projects(self) -> Iterator[list[Any]]:
        funds_totals = dict(
            self.s.execute(
                select(FundsEntry.project_id, func.sum(FundsEntry.amount))
                .where(FundsEntry.deleted_at.is_(None))
                .group_by(FundsEntry.project_id)
            ).all()
        )
        early = self._early_dates()
        order = (Project.signed_on.is_(None), Project.signed_on, Project.code, Project.name)
        for project in self._live(Project, *order, per=2000):
            if not self._wanted(project.id):
                continue
            company, uscc = self.company_names.get(project.company_id or "", (None, None))
            self.project_keys[project.id] = (project.code, project.name, company)
            yield self._project_row(
                project, company, uscc, funds_totals.get(project.id), early.get(project.id, {})
            )

    def _early_dates(self) -> dict[str, dict[str, date | None]]:
        """Lead and negotiating dates live only in the stage history."""
        found: dict[str, dict[str, date | None]] = defaultdict(dict)
        query = (
            select(StageEvent.project_id, StageEvent.stage, StageEvent.occurred_on)
            .where(
                StageEvent.deleted_at.is_(None),
                StageEvent.stage.in_([Stage.LEAD.value, Stage.NEGOTIATING.value]),
                StageEvent.kind.in_(["advance", "skip", "reopen", "correction"]),
            )
            .order_by(StageEvent.project_id, StageEvent.sequence)
        )
        for pid, stage, day in self.s.execute(query):
            found[pid][stage] = day
        return found

    def _project_row(
        self,
        p: Project,
        company: str | None,
        uscc: str | None,
        funds_total: Decimal | None,
        early: dict[str, date | None],
    ) -> list[Any]:
        stage = Stage(p.stage)
        reached = stage if stage is not Stage.DROPPED else _reached(p)
        if reached is Stage.LEAD and stage is Stage.DROPPED and early.get(Stage.NEGOTIATING.value):
            reached = Stage.NEGOTIATING
        passed = {st: st.order <= reached.order for st in PIPELINE}
        refs = self.refs
        return [
            0,
            p.code,
            p.name,
            company,
            uscc,
            refs.place_label(p.source_region_code, p.source_country_code) or None,
            refs.industry_names.get(p.industry_code or "") if p.industry_code else None,
            refs.chain_names.get(p.chain_code or "") if p.chain_code else None,
            p.planned_investment,
            p.foreign_investment,
            funds_total,
            stage.zh,
            early.get(Stage.LEAD.value),
            early.get(Stage.NEGOTIATING.value) if passed[Stage.NEGOTIATING] else None,
            _na(p.signed_on, passed[Stage.SIGNED] and reached is not Stage.SIGNED),
            p.first_signed_on if p.first_signed_on != p.signed_on else None,  # a reopened one's
            _label(AgreementType, p.agreement_type),
            _na(p.funded_on, passed[Stage.FUNDED] and reached is not Stage.FUNDED),
            _na(p.started_on, passed[Stage.STARTED] and reached is not Stage.STARTED),
            p.operating_on,
            p.dropped_on,
            p.drop_reason or None,
            refs.landing_label(p.landing_region_code) or None,
            self.parks.get(p.park_id or ""),
            p.responsible_unit or None,
            p.responsible_person or None,
            self.team_names.get(p.team_id or ""),
            "是" if p.is_major else "否",
            "是" if p.confidential else "否",
            p.expected_jobs,
            p.expected_annual_output,
            p.expected_signing_on,
            p.expected_start_on,
            p.expected_operation_on,
            p.notes or None,
            p.id,
        ]

    # --- companies --------------------------------------------------------------------------

    def companies(self) -> Iterator[list[Any]]:
        wanted = self._wanted_companies()
        tags: dict[str, list[TagValue]] = defaultdict(list)
        tag_query = (
            select(
                CompanyTag.company_id,
                CompanyTag.tag,
                CompanyTag.edition_year,
                CompanyTag.rank,
                CompanyTag.valid_until,
            )
            .where(CompanyTag.deleted_at.is_(None), CompanyTag.tag.not_in(bureau_lists_sql()))
            .order_by(CompanyTag.company_id, CompanyTag.tag, CompanyTag.edition_year)
        )
        for cid, tag, year, rank, until in self.s.execute(tag_query):
            tags[cid].append(TagValue(tag, year, rank, until))
        for c in self._live(Company, Company.name, per=2000):
            if wanted is not None and c.id not in wanted:
                continue
            yield [
                0,
                c.name,
                c.uscc,
                c.former_names or None,
                c.english_name or None,
                self.refs.place_label(c.hq_region_code, c.hq_country_code) or None,
                _label(Ownership, c.ownership),
                self.refs.industry_names.get(c.industry_code or "") if c.industry_code else None,
                self.refs.chain_names.get(c.chain_code or "") if c.chain_code else None,
                self.company_names.get(c.parent_id or "", (None, None))[0],
                "、".join(self.refs.tag_label(t) for t in tags.get(c.id, [])) or None,
                c.website or None,
                c.notes or None,
                c.id,
            ]

    def contacts(self) -> Iterator[list[Any]]:
        wanted = self._wanted_companies()
        query = (
            select(Contact)
            .join(Company, Company.id == Contact.company_id)
            .where(Contact.deleted_at.is_(None), Company.deleted_at.is_(None))
            .order_by(Company.name, Contact.name, Contact.id)
        )
        for c in self.s.scalars(query).yield_per(5000):
            if wanted is not None and c.company_id not in wanted:
                continue
            company, uscc = self.company_names.get(c.company_id, (None, None))
            yield [
                0,
                company,
                uscc,
                c.name,
                c.title or None,
                c.phone or None,
                c.email or None,
                c.wechat or None,
                c.notes or None,
                c.id,
            ]

    # --- parks ------------------------------------------------------------------------------

    def parks_rows(self) -> Iterator[list[Any]]:
        """Every park (a filtered export: the parks of its projects), so an import needs no
        --create-missing for them."""
        wanted = None
        if self.ids is not None:
            query = select(Project.park_id).where(Project.id.in_(self.ids)) if self.ids else None
            wanted = {pid for pid in self.s.scalars(query) if pid} if query is not None else set()
        for park in self._live(Park, Park.name):
            if wanted is not None and park.id not in wanted:
                continue
            region = self.refs.place_label(park.region_code, None) or None
            yield [0, park.name, region, county_cell(self.s, park.county_code), park.id]

    # --- funds, activities, problems ----------------------------------------------------------

    def _project_cells(self, project_id: str | None) -> list[Any]:
        code, name, company = self.project_keys.get(project_id or "", (None, None, None))
        return [code, name, company]

    def funds(self) -> Iterator[list[Any]]:
        for f in self._live(FundsEntry, FundsEntry.received_on, FundsEntry.project_id):
            if f.project_id not in self.project_keys:
                continue
            yield [
                0,
                *self._project_cells(f.project_id),
                f.received_on,
                f.amount,
                f.fixed_asset_amount,
                _label(FundsSource, f.source),
                f.note or None,
                f.project_id,
                f.id,
            ]

    def activities(self) -> Iterator[list[Any]]:
        for a in self._live(Activity, Activity.occurred_on, Activity.id):
            if a.project_id and a.project_id not in self.project_keys:
                continue
            if self.ids is not None and not a.project_id:
                continue
            code, name, _company = self._project_cells(a.project_id)
            company = self.company_names.get(a.company_id or "", (None, None))[0]
            yield [
                0,
                a.occurred_on,
                _label(ActivityKind, a.kind),
                code,
                name,
                company,
                self.team_names.get(a.team_id or ""),
                a.participants or None,
                a.summary or None,
                a.next_step or None,
                a.next_step_due,
                a.project_id,
                a.id,
            ]

    def problems(self) -> Iterator[list[Any]]:
        for p in self._live(Problem, Problem.raised_on, Problem.id):
            if p.project_id not in self.project_keys:
                continue
            code, name, _company = self._project_cells(p.project_id)
            yield [
                0,
                code,
                name,
                _label(ProblemCategory, p.category),
                p.description,
                p.responsible_unit or None,
                p.raised_on,
                p.due_on,
                _label(ProblemStatus, p.status),
                p.resolution or None,
                p.resolved_on,
                p.project_id,
                p.id,
            ]

    # --- teams ------------------------------------------------------------------------------

    def teams(self) -> Iterator[list[Any]]:
        members: dict[str, list[str]] = defaultdict(list)
        order = (TeamMember.team_id, TeamMember.from_on, TeamMember.person_name)
        for m in self._live(TeamMember, *order):
            members[m.team_id].append(_member_text(m))
        targets: dict[str, list[TeamTarget]] = defaultdict(list)
        for t in self._live(TeamTarget, TeamTarget.team_id, TeamTarget.year):
            targets[t.team_id].append(t)
        for team in self._live(Team, Team.name):
            self.team_count += 1
            self.target_count += len(targets.get(team.id, []))
            first = [
                team.name,
                team.home_unit or None,
                self.refs.place_label(team.station_region_code, None) or None,
                self.refs.group_names.get(team.region_group_code or "")
                if team.region_group_code
                else None,
                team.leader_name or None,
                "、".join(members.get(team.id, [])) or None,
                team.active_from,
                team.active_to,
            ]
            rows = targets.get(team.id) or [None]
            for number, target in enumerate(rows):
                head = first if number == 0 else [team.name] + [None] * (len(first) - 1)
                goal = (
                    [
                        target.year,
                        target.signed_investment,
                        target.signed_projects,
                        target.funds_in_place,
                        target.projects_over_100m,
                    ]
                    if target
                    else [None] * 5
                )
                notes = (team.notes or None) if number == 0 else None
                yield [0, *head, *goal, notes, team.id]


def _reached(p: Project) -> Stage:
    for st, day in (
        (Stage.OPERATING, p.operating_on),
        (Stage.STARTED, p.started_on),
        (Stage.FUNDED, p.funded_on),
        (Stage.SIGNED, p.signed_on),
    ):
        if day is not None:
            return st
    return Stage.LEAD


def _member_text(m: TeamMember) -> str:
    """张三（队长，13800000000，2026-01-01至2026-06-30）: what the importer reads back."""
    details = []
    if m.role != TeamRole.MEMBER.value:
        details.append(TeamRole(m.role).zh)
    if m.phone:
        details.append(m.phone)
    if m.from_on or m.to_on:
        details.append(f"{m.from_on or ''}至{m.to_on or ''}")
    return f"{m.person_name}（{'，'.join(details)}）" if details else m.person_name
