"""Export the whole ledger, import it into an empty database: the same data comes back."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select
from test_ledger_support import diff_snapshots, snapshot

from crm.db import Database, open_database
from crm.demo import generate_demo
from crm.ledger import ImportOptions, LedgerFilters, apply_plan, build_plan, export_ledger
from crm.models import Team, TeamTarget

TODAY = date(2026, 6, 30)


@pytest.fixture
def demo_db(sqlite_template: Path, tmp_path: Path):
    path = tmp_path / "demo.sqlite"
    shutil.copy(sqlite_template, path)
    database = open_database(path)
    generate_demo(database, scale="tiny", seed=3, today=TODAY)
    yield database
    database.close()


@pytest.mark.parametrize("bulk_threshold", [10**9, 0], ids=["services", "bulk"])
def test_export_then_import_into_an_empty_database_gives_the_same_data(
    demo_db: Database, db: Database, tmp_path: Path, bulk_threshold: int
) -> None:
    path = tmp_path / "ledger.xlsx"
    with demo_db.session() as s:
        result = export_ledger(s, path)
        teams = s.scalar(select(func.count()).select_from(Team))
        targets = s.scalar(select(func.count()).select_from(TeamTarget))
    assert result.counts["projects"] == 200
    # Teams and their yearly targets are counted apart (the sheet has a row per target).
    assert (result.counts["teams"], result.counts["team_targets"]) == (teams, targets)
    assert targets > teams
    # The file's 系统编号 belong to the other database: said so, else every row is refused.
    refused = build_plan(db, path, ImportOptions(today=TODAY))
    assert refused.new_count == 0 and refused.invalid_count > 0
    assert {p.code for p in refused.problems if p.severity == "error"} == {"unknown_record_id"}
    # Everything the export names (parks, teams, chains) is in it: no --create-missing needed.
    other = ImportOptions(today=TODAY, bulk_threshold=bulk_threshold, ignore_unknown_ids=True)
    plan = build_plan(db, path, other)
    assert plan.invalid_count == 0, [p.line() for p in plan.problems if p.severity == "error"][:5]
    assert not [p for p in plan.problems if p.severity == "error"]
    assert plan.missing == {}
    applied = apply_plan(db, plan)
    assert applied.created_refs == {}
    before, after = snapshot(demo_db), snapshot(db)
    assert diff_snapshots(before, after) == {}
    # The demo has contacts, expiring list memberships and parks: the round trip keeps them.
    assert sum(before["contact"].values()) > 0
    assert any(row[-1] is not None for row in before["company_tag"])
    assert sum(before["park"].values()) > 0
    assert sum(before["increase"].values()) > 0  # 增资 has its sheet (F11)
    again = build_plan(db, path, ImportOptions(today=TODAY, ignore_unknown_ids=True))
    assert all(s.new == 0 and s.updated == 0 and s.invalid == 0 for s in again.sheets), again.sheets


def test_export_layout_is_what_people_expect(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "ledger.xlsx"
    with demo_db.session() as s:
        export_ledger(s, path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "项目", "企业", "联系人", "到位资金", "增资", "驻点工作队", "园区", "跟进记录", "问题清单",
        "企业诉求", "重点企业名单",  # the demo has requests and key-enterprise lists
        "单位年度目标", "清单项目", "项目调度信息", "完成投资",  # and targets, key-project lists,
        # dispatch profiles and completions
    ]  # fmt: skip
    sheet = book["项目"]
    assert sheet.freeze_panes == "A3"
    headers = [c.value for c in sheet[2]]
    assert headers[:4] == ["序号", "项目编号", "项目名称", "投资方"]
    amount = headers.index("总投资（万元）") + 1
    signed = headers.index("签约时间") + 1
    values = [(row[amount - 1].value, row[signed - 1].value) for row in sheet.iter_rows(min_row=3)]
    assert all(isinstance(a, int | float) for a, _ in values)
    assert any(hasattr(d, "year") for _, d in values)
    assert sheet.column_dimensions["C"].width > 10


def test_filtered_export_keeps_only_matching_projects(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "signed.xlsx"
    with demo_db.session() as s:
        result = export_ledger(s, path, LedgerFilters(stages=["operating"]))
    book = openpyxl.load_workbook(path, read_only=True)
    stages = {row[11] for row in book["项目"].iter_rows(min_row=3, values_only=True)}
    assert stages == {"投产"}
    assert 0 < result.counts["projects"] < 200
    assert result.counts["funds"] <= 180
