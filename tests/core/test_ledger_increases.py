"""增资 and a reopened project's first signing go through the ledger's export and import
(user test finding F11): the round trip keeps the headline figures.

The world (amounts in 万元), as of 2026-06-30:
- 甲 增资项目: signed 2025-05-01 for 50000; 增资 20000.5 on 2026-02-10 (二期增资) and
  3000.25 on 2026-04-01 (no note).
- 乙 重启项目: signed 2025-03-10 for 10000, dropped 2025-06-01, reopened to 在谈 on
  2026-01-05 and signed again 2026-02-01: its first signing stays 2025-03-10.
- 丙 新项目: signed 2026-03-01 for 8000.
Newly signed investment of 2026: 丙's 8000 + the increases 20000.5 + 3000.25 = 31000.75, one
project (乙 is no new project of 2026). Of 2025: 甲 50000 + 乙 10000 = 60000, two projects.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select
from test_stats_data import Builder

from crm.db import Database, open_database
from crm.ledger import ImportOptions, apply_plan, build_plan, export_ledger
from crm.ledger.problems import LedgerError
from crm.models import InvestmentIncrease, Project
from crm.periods import parse_period
from crm.services import increases, stages
from crm.stats import brief_figures, parse_scope

D = Decimal
TODAY = date(2026, 6, 30)
SHEET = "增资"


@pytest.fixture
def source(sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "source.sqlite"
    shutil.copy(sqlite_template, path)
    database = open_database(path)
    with database.session() as session:
        _world(Builder(session, today=TODAY))
    yield database
    database.close()


def _world(b: Builder) -> None:
    b.project("甲 增资项目", investment="50000", signed=date(2025, 5, 1))
    for day, amount, note in ((date(2026, 2, 10), "20000.5", "二期增资"),
                              (date(2026, 4, 1), "3000.25", "")):  # fmt: skip
        increases.record_increase(
            b.session, project_id=b.ids["甲 增资项目"], increased_on=day, amount=D(amount),
            note=note, today=TODAY,
        )  # fmt: skip
    b.project("乙 重启项目", investment="10000", signed=date(2025, 3, 10))
    b.move("乙 重启项目", "dropped", date(2025, 6, 1), reason="投资方暂缓")
    stages.reopen_project(
        b.session, b.ids["乙 重启项目"], to_stage="negotiating", on=date(2026, 1, 5), today=TODAY
    )
    b.move("乙 重启项目", "signed", date(2026, 2, 1))
    b.project("丙 新项目", investment="8000", signed=date(2026, 3, 1))


def _increases(db: Database) -> list[tuple[str, date, Decimal, str]]:
    with db.session() as s:
        rows = s.execute(
            select(Project.name, InvestmentIncrease.increased_on, InvestmentIncrease.amount,
                   InvestmentIncrease.note)
            .join(Project, Project.id == InvestmentIncrease.project_id)
            .where(InvestmentIncrease.deleted_at.is_(None))
        ).all()  # fmt: skip
    return sorted((name, day, amount, note) for name, day, amount, note in rows)


def _signings(db: Database) -> dict[str, tuple[date | None, date | None]]:
    with db.session() as s:
        rows = s.execute(select(Project.name, Project.first_signed_on, Project.signed_on)).all()
    return {name: (first, signed) for name, first, signed in rows}


def _signed(db: Database, period: str) -> tuple[int, Decimal]:
    with db.session() as s:
        figures = brief_figures(s, parse_period(period), parse_scope(s, ""), as_of=TODAY)
    total = figures.signed.total
    return total.count.current, total.investment.current


def _export(db: Database, path: Path) -> Path:
    with db.session() as s:
        export_ledger(s, path)
    return path


def _sheet(path: Path) -> tuple[Any, Any, dict[str, int]]:
    """The workbook, its 增资 sheet and the column number of each header (row 2)."""
    book = openpyxl.load_workbook(path)
    sheet = book[SHEET]
    return book, sheet, {cell.value: cell.column for cell in sheet[2] if cell.value}


def _errors(plan: Any) -> list[tuple[int | None, str, str]]:
    return sorted(
        (p.row, p.column, p.message_zh)
        for p in plan.problems
        if p.severity == "error" and p.sheet == SHEET
    )


def test_round_trip_keeps_increases_first_signings_and_the_signed_figures(
    source: Database, db: Database, tmp_path: Path
) -> None:
    expected = [
        ("甲 增资项目", date(2026, 2, 10), D("20000.5"), "二期增资"),
        ("甲 增资项目", date(2026, 4, 1), D("3000.25"), ""),
    ]
    assert _increases(source) == expected
    assert _signed(source, "2026") == (1, D("31000.75"))
    assert _signed(source, "2025") == (2, D(60000))
    path = _export(source, tmp_path / "ledger.xlsx")
    columns = _sheet(path)[2]
    assert list(columns)[:7] == [
        "序号", "项目编号", "项目名称", "投资方", "增资日期", "增资金额（万元）", "备注",
    ]  # fmt: skip

    plan = build_plan(db, path, ImportOptions(today=TODAY, ignore_unknown_ids=True))
    assert not [p.line() for p in plan.problems if p.severity == "error"]
    summary = next(s for s in plan.sheets if s.sheet == SHEET)
    assert (summary.new, summary.invalid) == (2, 0)
    assert not apply_plan(db, plan).bulk

    assert _increases(db) == expected
    assert _signings(db) == _signings(source)
    assert _signings(db)["乙 重启项目"] == (date(2025, 3, 10), date(2026, 2, 1))
    assert _signed(db, "2026") == (1, D("31000.75"))
    assert _signed(db, "2025") == (2, D(60000))
    # Imported again, the file changes nothing.
    again = build_plan(db, path, ImportOptions(today=TODAY, ignore_unknown_ids=True))
    assert all(s.new == s.updated == s.invalid == 0 for s in again.sheets), again.sheets


def test_round_trip_through_the_bulk_writer(source: Database, db: Database, tmp_path: Path) -> None:
    """A big import writes new projects in bulk: their increases and first signings too."""
    path = _export(source, tmp_path / "ledger.xlsx")
    options = ImportOptions(today=TODAY, ignore_unknown_ids=True, bulk_threshold=0)
    plan = build_plan(db, path, options)
    assert not [p.line() for p in plan.problems if p.severity == "error"]
    assert apply_plan(db, plan).bulk
    assert _increases(db) == _increases(source)
    assert _signings(db) == _signings(source)
    assert _signed(db, "2026") == (1, D("31000.75"))
    assert _signed(db, "2025") == (2, D(60000))


def test_an_increase_edited_in_excel_updates_and_a_new_row_inserts(
    source: Database, tmp_path: Path
) -> None:
    path = _export(source, tmp_path / "ledger.xlsx")
    book, sheet, columns = _sheet(path)
    amount, day = columns["增资金额（万元）"], columns["增资日期"]
    row = next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, amount).value == 3000.25)
    sheet.cell(row, amount).value = 3500.4
    new = sheet.max_row + 1
    for header, value in (("项目编号", _code(source, "丙 新项目")), ("项目名称", "丙 新项目"),
                          ("增资日期", date(2026, 5, 20)), ("增资金额（万元）", 1200.5),
                          ("备注", "追加投资")):  # fmt: skip
        sheet.cell(new, columns[header]).value = value
    book.save(path)

    plan = build_plan(source, path, ImportOptions(today=TODAY))
    summary = next(s for s in plan.sheets if s.sheet == SHEET)
    assert (summary.new, summary.updated, summary.unchanged, summary.invalid) == (1, 1, 1, 0)
    assert not _errors(plan)
    assert sheet.cell(row, day).value is not None
    apply_plan(source, plan)
    assert _increases(source) == [
        ("丙 新项目", date(2026, 5, 20), D("1200.5"), "追加投资"),
        ("甲 增资项目", date(2026, 2, 10), D("20000.5"), "二期增资"),
        ("甲 增资项目", date(2026, 4, 1), D("3500.4"), ""),
    ]
    # 2026: 丙 8000 + 20000.5 + 3500.4 + 1200.5 = 32701.4
    assert _signed(source, "2026") == (1, D("32701.4"))


def _code(db: Database, name: str) -> str:
    with db.session() as s:
        return s.scalar(select(Project.code).where(Project.name == name))


def test_bad_increase_rows_are_refused_with_row_and_column_and_nothing_is_written(
    source: Database, tmp_path: Path
) -> None:
    path = _export(source, tmp_path / "ledger.xlsx")
    book, sheet, columns = _sheet(path)
    first = sheet.max_row + 1
    code = _code(source, "甲 增资项目")
    rows = [
        ("甲 增资项目", date(2026, 5, 1), 0),  # first: amount 0
        ("甲 增资项目", date(2026, 5, 2), -5),  # first + 1: negative
        ("甲 增资项目", None, 100),  # first + 2: no date
        ("不存在的项目", date(2026, 5, 3), 100),  # first + 3: unknown project
        ("甲 增资项目", date(2025, 1, 1), 100),  # first + 4: before its first signing
    ]
    for offset, (name, day, amount) in enumerate(rows):
        r = first + offset
        if name != "不存在的项目":
            sheet.cell(r, columns["项目编号"]).value = code
        sheet.cell(r, columns["项目名称"]).value = name
        sheet.cell(r, columns["增资日期"]).value = day
        sheet.cell(r, columns["增资金额（万元）"]).value = amount
    book.save(path)
    amount_col = f"增资金额（万元） [{_letter(columns['增资金额（万元）'])}]"
    date_col = f"增资日期 [{_letter(columns['增资日期'])}]"
    name_col = f"项目名称 [{_letter(columns['项目名称'])}]"

    plan = build_plan(source, path, ImportOptions(today=TODAY, strict=True))
    errors = _errors(plan)
    assert [(row, column) for row, column, _message in errors] == [
        (first, amount_col),
        (first + 1, amount_col),
        (first + 2, date_col),
        (first + 3, name_col),
        (first + 4, date_col),
    ]
    messages = [message for _row, _column, message in errors]
    assert "增资金额应大于0" in messages[0]
    assert "负数" in messages[1]
    assert "增资日期" in messages[2]
    assert "不存在的项目" in messages[3]
    assert "首次签约日期（2025-05-01）" in messages[4]
    summary = next(s for s in plan.sheets if s.sheet == SHEET)
    assert (summary.invalid, summary.unchanged, summary.new) == (5, 2, 0)

    before = _increases(source)
    with pytest.raises(LedgerError):
        apply_plan(source, plan)
    assert _increases(source) == before
    # Not strict: the good rows are written (none here is new), the bad ones never.
    apply_plan(source, build_plan(source, path, ImportOptions(today=TODAY)))
    assert _increases(source) == before


def _letter(column: int) -> str:
    return openpyxl.utils.get_column_letter(column)


def test_an_increase_of_a_project_not_signed_is_refused(source: Database, tmp_path: Path) -> None:
    with source.session() as s:
        b = Builder(s, today=TODAY)
        b.project("丁 在谈项目", investment="5000")
    path = _export(source, tmp_path / "ledger.xlsx")
    book, sheet, columns = _sheet(path)
    r = sheet.max_row + 1
    sheet.cell(r, columns["项目编号"]).value = _code(source, "丁 在谈项目")
    sheet.cell(r, columns["项目名称"]).value = "丁 在谈项目"
    sheet.cell(r, columns["增资日期"]).value = date(2026, 5, 1)
    sheet.cell(r, columns["增资金额（万元）"]).value = 100
    book.save(path)
    plan = build_plan(source, path, ImportOptions(today=TODAY))
    assert [(row, message[:9]) for row, _column, message in _errors(plan)] == [
        (r, "项目尚未签约，不能"),
    ]


def test_a_first_signing_later_than_the_signing_is_refused(
    source: Database, db: Database, tmp_path: Path
) -> None:
    path = _export(source, tmp_path / "ledger.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["项目"]
    columns = {cell.value: cell.column for cell in sheet[2] if cell.value}
    row = next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, 3).value == "乙 重启项目")
    sheet.cell(row, columns["首次签约日期"]).value = date(2026, 3, 1)  # after 2026-02-01
    book.save(path)
    plan = build_plan(db, path, ImportOptions(today=TODAY, ignore_unknown_ids=True))
    errors = [(p.row, p.message_zh) for p in plan.problems if p.severity == "error"]
    assert len(errors) >= 1
    assert errors[0][0] == row
    assert "首次签约日期晚于签约时间（2026-02-01）" in errors[0][1]


def test_a_ledger_without_the_first_signing_column_still_imports(
    source: Database, db: Database, tmp_path: Path
) -> None:
    """An older export (no 首次签约日期 column): 乙 is imported signed 2026-02-01, its first
    signing then that date (nothing tells otherwise)."""
    path = _export(source, tmp_path / "ledger.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["项目"]
    columns = {cell.value: cell.column for cell in sheet[2] if cell.value}
    sheet.delete_cols(columns["首次签约日期"])
    book.save(path)
    plan = build_plan(db, path, ImportOptions(today=TODAY, ignore_unknown_ids=True))
    assert not [p.line() for p in plan.problems if p.severity == "error"]
    apply_plan(db, plan)
    assert _signings(db)["乙 重启项目"] == (date(2026, 2, 1), date(2026, 2, 1))


def _edit_first_signing(path: Path, name: str, value: date | None) -> int:
    """Set a project's 首次签约日期 on the projects sheet; returns its row."""
    book = openpyxl.load_workbook(path)
    sheet = book["项目"]
    columns = {cell.value: cell.column for cell in sheet[2] if cell.value}
    row = next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, 3).value == name)
    sheet.cell(row, columns["首次签约日期"]).value = value
    book.save(path)
    return row


def _warnings(plan: Any) -> list[tuple[int | None, str]]:
    return [(p.row, p.message_zh) for p in plan.problems if p.severity == "warning"]


def test_another_first_signing_of_an_existing_project_is_said_and_the_history_kept(
    source: Database, tmp_path: Path
) -> None:
    path = _export(source, tmp_path / "ledger.xlsx")
    row = _edit_first_signing(path, "乙 重启项目", date(2025, 4, 1))
    plan = build_plan(source, path, ImportOptions(today=TODAY))
    assert (
        row,
        "首次签约日期与系统记录（2025-03-10）不同，保留系统记录（首次签约由阶段历史决定）",
    ) in (_warnings(plan))
    apply_plan(source, plan)
    assert _signings(source)["乙 重启项目"] == (date(2025, 3, 10), date(2026, 2, 1))


def test_a_first_signing_the_row_cannot_write_is_said(
    source: Database, db: Database, tmp_path: Path
) -> None:
    """戊 signed 2025-04-01, dropped, reopened back to 线索 on 2026-01-05: the ledger has no
    signing to rebuild its first one from (its 入库时间 is the reopening), and says so."""
    with source.session() as s:
        b = Builder(s, today=TODAY)
        b.project("戊 回到线索项目", investment="2000", signed=date(2025, 4, 1))
        b.move("戊 回到线索项目", "dropped", date(2025, 7, 1), reason="暂缓")
        stages.reopen_project(
            s, b.ids["戊 回到线索项目"], to_stage="lead", on=date(2026, 1, 5), today=TODAY
        )
    path = _export(source, tmp_path / "ledger.xlsx")
    plan = build_plan(db, path, ImportOptions(today=TODAY, ignore_unknown_ids=True))
    assert not [p.line() for p in plan.problems if p.severity == "error"]
    said = [(row, text) for row, text in _warnings(plan) if text.startswith("首次签约日期未导入")]
    assert len(said) == 1


def test_an_increase_moved_to_another_project_is_refused(source: Database, tmp_path: Path) -> None:
    """An increase belongs to its project: a row with its 系统编号 naming another project is
    an error (delete it in the window and record it on the other project)."""
    path = _export(source, tmp_path / "ledger.xlsx")
    book, sheet, columns = _sheet(path)
    with source.session() as s:
        other = s.scalar(select(Project.id).where(Project.name == "丙 新项目"))
    sheet.cell(4, columns["项目编号"]).value = _code(source, "丙 新项目")
    sheet.cell(4, columns["项目名称"]).value = "丙 新项目"
    sheet.cell(4, columns["项目系统编号"]).value = other
    book.save(path)  # row 4: the increase of 2026-04-01, after 丙's signing
    plan = build_plan(source, path, ImportOptions(today=TODAY))
    code = _code(source, "甲 增资项目")
    assert [(row, message) for row, _column, message in _errors(plan)] == [
        (4, f"该系统编号的增资属于另一项目：{code} 甲 增资项目（增资不能改挂到其他项目）"),
    ]
