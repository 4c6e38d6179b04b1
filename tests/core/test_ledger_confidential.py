"""A confidential lead stays confidential through the ledger (user test 4, finding 2): the
项目 sheet carries 保密线索 (是/否), an export imported into another database keeps the flag,
and a file without the column, or with the cell blank, keeps the flag on record.

The world (2026-Q1, 万元): 甲队公开项目 of team A, 1000, signed 2026-01-10; 乙队保密项目 of
team B, confidential, 4000, signed 2026-02-10. Worked out by hand: an administrator's brief
counts 2 signed projects, 5000; a member of team A's counts 1, 1000 (B's secret left out) —
in the database it was exported from and in the one it was imported into.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select
from test_ledger_support import write_xlsx
from test_stats_data import Builder

from crm.access import Actor
from crm.codes import Role
from crm.db import Database, open_database
from crm.ledger import ImportOptions, apply_plan, build_plan, export_ledger
from crm.models import Project, Team
from crm.periods import parse_period
from crm.services import projects
from crm.stats import BUREAU, brief_figures

TODAY = date(2026, 6, 30)
Q1 = parse_period("2026-Q1")
TEAM_A, TEAM_B = "驻深圳招商工作队", "驻上海招商工作队"


@pytest.fixture
def other_db(sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "other.sqlite"
    shutil.copy(sqlite_template, path)
    database = open_database(path)
    yield database
    database.close()


def _world(db: Database) -> None:
    with db.session() as s:
        b = Builder(s, today=TODAY)
        b.team(TEAM_A)
        b.team(TEAM_B)
        b.project("甲队公开项目", investment="1000", signed=date(2026, 1, 10), team=TEAM_A)
        b.project("乙队保密项目", investment="4000", signed=date(2026, 2, 10), team=TEAM_B)
        projects.update_project(s, b.ids["乙队保密项目"], confidential=True)


def _actor(db: Database, role: Role, team: str | None = None) -> Actor:
    with db.read() as s:
        team_id = s.scalar(select(Team.id).where(Team.name == team)) if team else None
    return Actor(f"u_{role.value}", role.value, frozenset({role}), team_id=team_id)


def _signed(db: Database, actor: Actor) -> tuple[int, Decimal]:
    db.user = actor
    with db.read() as s:
        figures = brief_figures(s, Q1, BUREAU, as_of=TODAY)
        return figures.signed.total.count.current, figures.signed.total.investment.current


def _flags(db: Database) -> dict[str, bool]:
    with db.read() as s:
        return {name: flag for name, flag in s.execute(select(Project.name, Project.confidential))}


@pytest.mark.parametrize("bulk_threshold", [10**9, 0], ids=["services", "bulk"])
def test_a_confidential_lead_stays_confidential_in_the_database_it_is_imported_into(
    db: Database, other_db: Database, tmp_path: Path, bulk_threshold: int
) -> None:
    _world(db)
    admin = _actor(db, Role.ADMIN)
    assert _signed(db, admin) == (2, Decimal("5000"))
    assert _signed(db, _actor(db, Role.MEMBER, TEAM_A)) == (1, Decimal("1000"))
    db.user = admin
    path = tmp_path / "ledger.xlsx"
    with db.session() as s:
        export_ledger(s, path)
    sheet = openpyxl.load_workbook(path)["项目"]
    rows = list(sheet.iter_rows(values_only=True))
    header = next(r for r in rows if r and "保密线索" in r)
    column = header.index("保密线索")
    names = header.index("项目名称")
    shown = {r[names]: r[column] for r in rows if r and r[names] in _flags(db)}
    assert shown == {"甲队公开项目": "否", "乙队保密项目": "是"}

    other_db.user = _actor(other_db, Role.ADMIN)
    options = ImportOptions(today=TODAY, ignore_unknown_ids=True, bulk_threshold=bulk_threshold)
    plan = build_plan(other_db, path, options)
    assert [p.line() for p in plan.problems if p.severity == "error"] == []
    apply_plan(other_db, plan)
    assert _flags(other_db) == {"甲队公开项目": False, "乙队保密项目": True}
    assert _signed(other_db, _actor(other_db, Role.ADMIN)) == (2, Decimal("5000"))
    assert _signed(other_db, _actor(other_db, Role.MEMBER, TEAM_A)) == (1, Decimal("1000"))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("否", False), ("N", False), ("0", False), ("false", False), ("是", True), ("Y", True),
     ("1", True), (None, True)],
)  # fmt: skip
def test_the_column_sets_the_flag_and_a_blank_cell_keeps_it(
    db: Database, tmp_path: Path, cell: str | None, expected: bool
) -> None:
    _world(db)
    with db.read() as s:
        pid = s.scalar(select(Project.id).where(Project.name == "乙队保密项目"))
    path = write_xlsx(tmp_path / "flag.xlsx", {"项目": [
        ["系统编号", "项目名称", "保密线索"], [pid, "乙队保密项目", cell],
    ]})  # fmt: skip
    apply_plan(db, build_plan(db, path, ImportOptions(today=TODAY)))
    assert _flags(db)["乙队保密项目"] is expected


def test_a_file_without_the_column_keeps_the_flag(db: Database, tmp_path: Path) -> None:
    _world(db)
    with db.read() as s:
        pid = s.scalar(select(Project.id).where(Project.name == "乙队保密项目"))
    path = write_xlsx(tmp_path / "no_column.xlsx", {"项目": [
        ["系统编号", "项目名称", "总投资（万元）"], [pid, "乙队保密项目", 4500],
    ]})  # fmt: skip
    plan = build_plan(db, path, ImportOptions(today=TODAY))
    [line] = [c.line() for c in plan.planned]
    assert "保密线索" not in line
    apply_plan(db, plan)
    assert _flags(db)["乙队保密项目"] is True
