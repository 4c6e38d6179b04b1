"""Helpers for the ledger tests: valid credit codes, workbooks built in the test, and a snapshot
of the database's domain data without ids (to compare two databases)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import select

from crm.db import Database
from crm.models import (
    Activity,
    Company,
    CompanyTag,
    Contact,
    FundsEntry,
    InvestmentIncrease,
    Park,
    Problem,
    Project,
    StageEvent,
    Team,
    TeamMember,
    TeamTarget,
)
from crm.validation import uscc_check_char


def make_uscc(n: int, region: str = "440300") -> str:
    """A valid unified social credit code, different for each n."""
    body = f"91{region}{n:09d}"
    return body + uscc_check_char(body)


def write_xlsx(
    path: Path, sheets: dict[str, list[list[Any]]], merges: dict[str, list[str]] | None = None
) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
        for ref in (merges or {}).get(name, []):
            ws.merge_cells(ref)
    book.save(path)
    return path


def snapshot(db: Database) -> dict[str, Counter[tuple[Any, ...]]]:
    """Every live domain row as a tuple of its values, references replaced by names."""
    with db.session() as s:
        companies = {c.id: c.name for c in s.scalars(select(Company))}
        projects = {p.id: (p.code, p.name) for p in s.scalars(select(Project))}
        teams = {t.id: t.name for t in s.scalars(select(Team))}
        parks = {p.id: p.name for p in s.scalars(select(Park))}
        live = lambda model: s.scalars(select(model).where(model.deleted_at.is_(None)))  # noqa: E731
        data = {
            "company": Counter(
                (
                    c.name,
                    c.uscc,
                    c.former_names,
                    c.english_name,
                    c.hq_region_code,
                    c.hq_country_code,
                    c.ownership,
                    c.industry_code,
                    c.chain_code,
                    companies.get(c.parent_id),
                    c.website,
                    c.notes,
                )
                for c in live(Company)
            ),
            "company_tag": Counter(
                (companies[t.company_id], t.tag, t.edition_year, t.rank, t.valid_until)
                for t in live(CompanyTag)
            ),
            "contact": Counter(
                (companies[c.company_id], c.name, c.title, c.phone, c.email, c.wechat, c.notes)
                for c in live(Contact)
            ),
            "park": Counter((p.name, p.region_code) for p in live(Park)),
            "project": Counter(
                (
                    p.code,
                    p.name,
                    companies.get(p.company_id),
                    p.industry_code,
                    p.chain_code,
                    p.planned_investment,
                    p.foreign_investment,
                    p.source_region_code,
                    p.source_country_code,
                    p.source_class,
                    p.landing_region_code,
                    parks.get(p.park_id),
                    p.responsible_unit,
                    p.responsible_person,
                    teams.get(p.team_id),
                    p.is_major,
                    p.expected_jobs,
                    p.expected_annual_output,
                    p.expected_signing_on,
                    p.expected_start_on,
                    p.expected_operation_on,
                    p.notes,
                    p.stage,
                    p.stage_on,
                    p.signed_on,
                    p.first_signed_on,
                    p.agreement_type,
                    p.funded_on,
                    p.started_on,
                    p.operating_on,
                    p.dropped_on,
                    p.drop_reason,
                )
                for p in live(Project)
            ),
            "funds": Counter(
                (
                    projects[f.project_id],
                    f.received_on,
                    f.amount,
                    f.fixed_asset_amount,
                    f.source,
                    f.note,
                )
                for f in live(FundsEntry)
            ),
            "increase": Counter(
                (projects[i.project_id], i.increased_on, i.amount, i.note)
                for i in live(InvestmentIncrease)
            ),
            "team": Counter(
                (
                    t.name,
                    t.home_unit,
                    t.station_region_code,
                    t.region_group_code,
                    t.leader_name,
                    t.active_from,
                    t.active_to,
                    t.notes,
                )
                for t in live(Team)
            ),
            "member": Counter(
                (teams[m.team_id], m.person_name, m.role, m.phone, m.from_on, m.to_on)
                for m in live(TeamMember)
            ),
            "target": Counter(
                (
                    teams[t.team_id],
                    t.year,
                    t.signed_investment,
                    t.signed_projects,
                    t.funds_in_place,
                    t.projects_over_100m,
                )
                for t in live(TeamTarget)
            ),
            "activity": Counter(
                (
                    a.occurred_on,
                    a.kind,
                    projects.get(a.project_id),
                    companies.get(a.company_id),
                    teams.get(a.team_id),
                    a.participants,
                    a.summary,
                    a.next_step,
                    a.next_step_due,
                )
                for a in live(Activity)
            ),
            "problem": Counter(
                (
                    projects[p.project_id],
                    p.category,
                    p.description,
                    p.responsible_unit,
                    p.raised_on,
                    p.due_on,
                    p.status,
                    p.resolution,
                    p.resolved_on,
                )
                for p in live(Problem)
            ),
            "stage_event": Counter(
                (projects[e.project_id], e.stage, e.occurred_on, e.not_applicable)
                for e in live(StageEvent)
                if not e.not_applicable
            ),
        }
    return data


def diff_snapshots(a: dict[str, Counter[Any]], b: dict[str, Counter[Any]]) -> dict[str, Any]:
    """Tables whose rows differ, with a few examples from each side."""
    out = {}
    for table in a:
        only_a, only_b = a[table] - b[table], b[table] - a[table]
        if only_a or only_b:
            out[table] = {
                "only_first": list(only_a)[:3],
                "only_second": list(only_b)[:3],
                "counts": (sum(only_a.values()), sum(only_b.values())),
            }
    return out


def test_make_uscc_is_valid() -> None:
    from crm.validation import is_valid_uscc

    assert all(is_valid_uscc(make_uscc(n)) for n in range(50))
