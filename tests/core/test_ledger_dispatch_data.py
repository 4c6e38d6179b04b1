"""单位年度目标, 清单项目 (and, as it comes, 完成投资) go through the ledger's export and
import: into an empty database they come back equal, and the notices that read them give the
same figures.

The world is tests/core/dispatch_seed.py (2026年11月中旬, 序时进度 324 / 365 = 88.77%) with
its counties (seed_counties) and three more targets:
- 全局 签约项目数 10; 兴宁区 450102 签约额 100000, 青秀区 450103 50000, 江南区 450105 40000;
- 园区 东盟经开区 开工项目数 2; 全局 签约额 250000.5 (an amount with a fraction).
Signed in 2026 as of 2026-11-20: 甲 60000 (兴宁区), 乙 40000 (青秀区), 丙 20000 (江南区) —
three projects, 120000; P1 (东盟经开区) was signed in 2025 and started 2026-03-15.
So: 全局 签约项目数 3 of 10 = 30%; 签约额 120000 of 250000.5 = 47.9999…%; 兴宁区 60%,
青秀区 80%, 江南区 50%; the park's started projects 1 of 2 = 50%.
Lists of 2026: ZS-1 自治区/省级 20000; ZS-2 市级 (双百双新) 30000; ZS-3 县级 5000; ZS-4 县级 0
— the dispatch notice's lists: 省级 1 project 20000, 市级（双百双新） 1 30000, 县级 2 5000;
in all 4 projects, 55000.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from crm.db import Database, open_database
from crm.ledger import ImportOptions, apply_plan, build_plan, export_ledger
from crm.ledger.export import left_out
from crm.ledger.problems import LedgerError
from crm.models import ListEntry, Park, Programme, Project, Target
from crm.periods import parse_period
from crm.services import dispatch as svc
from crm.stats.dispatch import dispatch_figures
from crm.stats.targets import target_figures
from tests.core.dispatch_seed import TODAY, seed_counties, seed_dispatch

D = Decimal
XUN = parse_period("2026-11-2")
TARGETS = "单位年度目标"
LISTS = "清单项目"


@pytest.fixture
def source(sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "source.sqlite"
    shutil.copy(sqlite_template, path)
    database = open_database(path)
    with database.session() as s:
        ids = seed_dispatch(s)
        seed_counties(s)
        svc.set_target(s, year=2026, scope="park", park_id=ids["park"],
                       measure="started_projects", value=2)  # fmt: skip
        svc.set_target(s, year=2026, scope="bureau", measure="signed_investment",
                       value=D("250000.5"))  # fmt: skip
    yield database
    database.close()


def _targets(db: Database) -> list[tuple[Any, ...]]:
    with db.session() as s:
        rows = s.execute(
            select(Target.year, Target.scope, Target.region_code, Park.name, Target.measure,
                   Target.value)
            .outerjoin(Park, Park.id == Target.park_id)
            .where(Target.deleted_at.is_(None))
        ).all()  # fmt: skip
    return sorted(tuple(r) for r in rows)


def _target_figures(db: Database) -> dict[tuple[str, str, str], tuple[Decimal, Decimal, Any]]:
    with db.session() as s:
        rows = target_figures(s, XUN).rows
    return {(r.scope, r.name, r.measure): (r.target, r.actual, r.rate_pct) for r in rows}


EXPECTED_TARGETS = [
    (2026, "bureau", None, None, "signed_investment", D("250000.5")),
    (2026, "bureau", None, None, "signed_projects", D(10)),
    (2026, "county", "450102", None, "signed_investment", D(100000)),
    (2026, "county", "450103", None, "signed_investment", D(50000)),
    (2026, "county", "450105", None, "signed_investment", D(40000)),
    (2026, "park", None, "东盟经开区", "started_projects", D(2)),
]
EXPECTED_TARGET_FIGURES = {
    ("bureau", "全局", "signed_investment"): (D("250000.5"), D(120000),
                                              D(120000) * 100 / D("250000.5")),
    ("bureau", "全局", "signed_projects"): (D(10), D(3), D(30)),
    ("county", "兴宁区", "signed_investment"): (D(100000), D(60000), D(60)),
    ("county", "青秀区", "signed_investment"): (D(50000), D(40000), D(80)),
    ("county", "江南区", "signed_investment"): (D(40000), D(20000), D(50)),
    ("park", "东盟经开区", "started_projects"): (D(2), D(1), D(50)),
}  # fmt: skip


def _export(db: Database, path: Path) -> Path:
    with db.session() as s:
        export_ledger(s, path)
    return path


def _sheet(path: Path, name: str) -> tuple[Any, Any, dict[str, int]]:
    """The workbook, one sheet and the column number of each header (row 2)."""
    book = openpyxl.load_workbook(path)
    sheet = book[name]
    return book, sheet, {cell.value: cell.column for cell in sheet[2] if cell.value}


def _summary(plan: Any, name: str) -> tuple[int, int, int, int]:
    s = next(s for s in plan.sheets if s.sheet == name)
    return (s.new, s.updated, s.unchanged, s.invalid)


def _errors(plan: Any, name: str) -> list[tuple[int | None, str, str]]:
    return sorted(
        (p.row, p.column, p.message_zh)
        for p in plan.problems
        if p.severity == "error" and p.sheet == name
    )


def _letter(column: int) -> str:
    return openpyxl.utils.get_column_letter(column)


def test_round_trip_into_an_empty_database_keeps_targets_and_their_figures(
    source: Database, db: Database, tmp_path: Path
) -> None:
    assert _targets(source) == EXPECTED_TARGETS
    assert _target_figures(source) == EXPECTED_TARGET_FIGURES
    path = _export(source, tmp_path / "ledger.xlsx")
    _book, sheet, columns = _sheet(path, TARGETS)
    assert list(columns) == ["序号", "年度", "范围", "县区代码", "县区名称", "园区", "指标",
                             "目标值", "系统编号"]  # fmt: skip
    assert sheet.column_dimensions[_letter(columns["系统编号"])].hidden
    with source.session() as s:
        assert "target" not in left_out(s)

    plan = build_plan(db, path, ImportOptions(today=TODAY, ignore_unknown_ids=True))
    assert not [p.line() for p in plan.problems if p.severity == "error"]
    assert _summary(plan, TARGETS) == (6, 0, 0, 0)
    apply_plan(db, plan)

    assert _targets(db) == EXPECTED_TARGETS
    assert _target_figures(db) == EXPECTED_TARGET_FIGURES
    again = build_plan(db, path, ImportOptions(today=TODAY, ignore_unknown_ids=True))
    assert _summary(again, TARGETS) == (0, 0, 6, 0)


def test_a_target_without_its_record_id_matches_by_year_scope_place_and_measure(
    source: Database, tmp_path: Path
) -> None:
    """One value edited in "Excel", the 系统编号 column cleared: 1 updated, nothing added."""
    path = _export(source, tmp_path / "ledger.xlsx")
    book, sheet, columns = _sheet(path, TARGETS)
    row = next(r for r in range(3, sheet.max_row + 1)
               if sheet.cell(r, columns["县区名称"]).value == "青秀区")  # fmt: skip
    sheet.cell(row, columns["目标值"]).value = 45000.25
    for r in range(3, sheet.max_row + 1):
        sheet.cell(r, columns["系统编号"]).value = None
    book.save(path)

    plan = build_plan(source, path, ImportOptions(today=TODAY))
    assert not _errors(plan, TARGETS)
    assert _summary(plan, TARGETS) == (0, 1, 5, 0)
    [change] = [c for c in plan.planned if c.sheet == TARGETS]
    assert (change.row, change.status) == (row, "updated")
    assert [(f.old, f.new) for f in change.fields] == [(D(50000), D("45000.25"))]
    apply_plan(source, plan)
    expected = [t if t[2] != "450103" else (*t[:5], D("45000.25")) for t in EXPECTED_TARGETS]
    assert _targets(source) == expected
    # 青秀区: 40000 of 45000.25
    assert _target_figures(source)[("county", "青秀区", "signed_investment")] == (
        D("45000.25"), D(40000), D(40000) * 100 / D("45000.25"),
    )  # fmt: skip


def test_bad_target_rows_are_refused_naming_sheet_row_and_column(
    source: Database, tmp_path: Path
) -> None:
    path = _export(source, tmp_path / "ledger.xlsx")
    book, sheet, columns = _sheet(path, TARGETS)
    first = sheet.max_row + 1
    rows = [
        ("全国", None, None, None, "签约额", 1),  # first: unknown scope
        ("全局", None, None, None, "招商引资额", 1),  # +1: unknown measure
        ("县（市、区）", "450199", None, None, "签约额", 1),  # +2: no such county code
        ("县（市、区）", None, "不存在区", None, "签约额", 1),  # +3: no such county name
        ("园区", None, None, "不存在园区", "开工项目数", 1),  # +4: no such park
        ("全局", None, None, None, "竣工项目数", -3),  # +5: negative
        ("全局", None, None, None, "开工项目数", 2.5),  # +6: a count not whole
    ]
    for offset, (scope, code, county, park, measure, value) in enumerate(rows):
        r = first + offset
        for header, cell in (("年度", 2027), ("范围", scope), ("县区代码", code),
                             ("县区名称", county), ("园区", park), ("指标", measure),
                             ("目标值", value)):  # fmt: skip
            sheet.cell(r, columns[header]).value = cell
    book.save(path)

    def col(header: str) -> str:
        return f"{header} [{_letter(columns[header])}]"

    plan = build_plan(source, path, ImportOptions(today=TODAY, strict=True))
    errors = _errors(plan, TARGETS)
    assert [(row, column) for row, column, _message in errors] == [
        (first, col("范围")),
        (first + 1, col("指标")),
        (first + 2, col("县区代码")),
        (first + 3, col("县区名称")),
        (first + 4, col("园区")),
        (first + 5, col("目标值")),
        (first + 6, col("目标值")),
    ]
    messages = [message for _row, _column, message in errors]
    assert messages[0] == "未知的取值（全局、县（市、区）、园区）"
    assert messages[1].startswith("未知的取值（签约项目数、签约额、到位资金")
    assert messages[2] == "没有这个县（市、区）：450199（请填写6位行政区划代码或县区名称）"
    assert messages[3] == "没有这个县（市、区）：不存在区（请填写6位行政区划代码或县区名称）"
    assert messages[4].startswith("没有这个园区：不存在园区")
    assert messages[5] == "不能为负数"
    assert messages[6] == "开工项目数是个数，目标值应为整数"
    assert _summary(plan, TARGETS) == (0, 0, 6, 7)
    with pytest.raises(LedgerError):
        apply_plan(source, plan)
    assert _targets(source) == EXPECTED_TARGETS


def test_two_rows_of_one_target_and_a_record_id_moved_to_another_target_are_refused(
    source: Database, tmp_path: Path
) -> None:
    path = _export(source, tmp_path / "ledger.xlsx")
    book, sheet, columns = _sheet(path, TARGETS)
    by_county = {sheet.cell(r, columns["县区名称"]).value: r for r in range(3, sheet.max_row + 1)}
    # 江南区's row now says 西乡塘区 (by code and name): its 系统编号 is 江南区's target
    sheet.cell(by_county["江南区"], columns["县区代码"]).value = "450107"
    sheet.cell(by_county["江南区"], columns["县区名称"]).value = "西乡塘区"
    # a copy of 青秀区's row without its 系统编号: the same target twice
    copy = sheet.max_row + 1
    for c in range(1, sheet.max_column + 1):
        sheet.cell(copy, c).value = sheet.cell(by_county["青秀区"], c).value
    sheet.cell(copy, columns["系统编号"]).value = None
    book.save(path)
    plan = build_plan(source, path, ImportOptions(today=TODAY))
    errors = {(row, message) for row, _column, message in _errors(plan, TARGETS)}
    assert errors == {
        (by_county["江南区"], "该系统编号的记录是2026年县（市、区）（江南区）签约额：年度、范围、"
         "地点、指标、项目、日期等不能在表中改动（请清空系统编号另起一行）"),
        (by_county["青秀区"], f"与第 {by_county['青秀区']}, {copy} 行是同一条记录（年度、范围、"
         "地点和指标等相同），请只保留一行"),
        (copy, f"与第 {by_county['青秀区']}, {copy} 行是同一条记录（年度、范围、地点和指标等"
         "相同），请只保留一行"),
    }  # fmt: skip
    apply_plan(source, plan)
    assert _targets(source) == EXPECTED_TARGETS


# --- 清单项目 -----------------------------------------------------------------------------------


def _lists(db: Database) -> list[tuple[Any, ...]]:
    with db.session() as s:
        rows = s.execute(
            select(Project.code, ListEntry.year, ListEntry.level, Programme.name,
                   ListEntry.year_plan)
            .join(Project, Project.id == ListEntry.project_id)
            .outerjoin(Programme, Programme.id == ListEntry.programme_id)
            .where(ListEntry.deleted_at.is_(None))
        ).all()  # fmt: skip
    return sorted(tuple(r) for r in rows)


EXPECTED_LISTS = [
    ("ZS-1", 2026, "province", None, D(20000)),
    ("ZS-2", 2026, "city", "双百双新", D(30000)),
    ("ZS-3", 2026, "county", None, D(5000)),
    ("ZS-4", 2026, "county", None, D(0)),
]


def _list_figures(db: Database) -> tuple[dict[str, tuple[int, Decimal]], tuple[int, Decimal]]:
    with db.session() as s:
        f = dispatch_figures(s, XUN, as_of=TODAY)
    lists = {t.label: (t.projects, t.year_plan) for t in f.lists}
    return lists, (f.total.projects, f.total.year_plan)


EXPECTED_LIST_FIGURES = (
    {
        "自治区/省级重点项目": (1, D(20000)),
        "市级重点项目（双百双新）": (1, D(30000)),
        "县级重点项目": (2, D(5000)),
    },
    (4, D(55000)),
)


def test_round_trip_into_an_empty_database_keeps_list_entries_and_the_lists_figures(
    source: Database, db: Database, tmp_path: Path
) -> None:
    assert _lists(source) == EXPECTED_LISTS
    assert _list_figures(source) == EXPECTED_LIST_FIGURES
    path = _export(source, tmp_path / "ledger.xlsx")
    _book, sheet, columns = _sheet(path, LISTS)
    assert list(columns) == ["序号", "年度", "项目编号", "项目名称", "清单级别", "专项",
                             "年度计划投资（万元）", "项目系统编号", "系统编号"]  # fmt: skip
    assert [c.value for c in sheet[4]][1:7] == [2026, "ZS-2", "新能源电池项目", "市级",
                                                "双百双新", 30000]  # fmt: skip
    with source.session() as s:
        assert "project_list_entry" not in left_out(s)

    plan = build_plan(db, path, ImportOptions(today=TODAY, ignore_unknown_ids=True))
    assert not [p.line() for p in plan.problems if p.severity == "error"]
    assert _summary(plan, LISTS) == (4, 0, 0, 0)
    apply_plan(db, plan)

    assert _lists(db) == EXPECTED_LISTS
    assert _list_figures(db) == EXPECTED_LIST_FIGURES
    again = build_plan(db, path, ImportOptions(today=TODAY, ignore_unknown_ids=True))
    assert _summary(again, LISTS) == (0, 0, 4, 0)


def test_a_year_plan_edited_in_excel_updates_that_entry_only(
    source: Database, tmp_path: Path
) -> None:
    path = _export(source, tmp_path / "ledger.xlsx")
    book, sheet, columns = _sheet(path, LISTS)
    row = next(r for r in range(3, sheet.max_row + 1)
               if sheet.cell(r, columns["项目编号"]).value == "ZS-3")  # fmt: skip
    sheet.cell(row, columns["年度计划投资（万元）"]).value = 7500.5
    book.save(path)

    plan = build_plan(source, path, ImportOptions(today=TODAY))
    assert not _errors(plan, LISTS)
    assert _summary(plan, LISTS) == (0, 1, 3, 0)
    [change] = [c for c in plan.planned if c.sheet == LISTS]
    assert (change.row, change.status) == (row, "updated")
    assert [(f.old, f.new) for f in change.fields] == [(D(5000), D("7500.5"))]
    apply_plan(source, plan)
    assert _lists(source) == [
        e if e[0] != "ZS-3" else (*e[:4], D("7500.5")) for e in EXPECTED_LISTS
    ]
    # 县级: ZS-3 7500.5 + ZS-4 0; in all 55000 - 5000 + 7500.5 = 57500.5
    lists, total = _list_figures(source)
    assert lists["县级重点项目"] == (2, D("7500.5"))
    assert total == (4, D("57500.5"))


def test_bad_list_rows_are_refused_naming_sheet_row_and_column(
    source: Database, tmp_path: Path
) -> None:
    path = _export(source, tmp_path / "ledger.xlsx")
    book, sheet, columns = _sheet(path, LISTS)
    zs1 = next(r for r in range(3, sheet.max_row + 1)
               if sheet.cell(r, columns["项目编号"]).value == "ZS-1")  # fmt: skip
    sheet.cell(zs1, columns["清单级别"]).value = "市级"  # its 系统编号 is the 省级 entry's
    first = sheet.max_row + 1
    rows = [
        ("ZS-5", "老厂技改项目", "国家级", 100),  # first: unknown level
        (None, "不存在的项目", "市级", 100),  # +1: unknown project
        ("ZS-5", "老厂技改项目", "县级", -1),  # +2: negative plan
    ]
    for offset, (code, name, level, plan_) in enumerate(rows):
        for header, cell in (("年度", 2026), ("项目编号", code), ("项目名称", name),
                             ("清单级别", level), ("年度计划投资（万元）", plan_)):  # fmt: skip
            sheet.cell(first + offset, columns[header]).value = cell
    book.save(path)

    def col(header: str) -> str:
        return f"{header} [{_letter(columns[header])}]"

    plan = build_plan(source, path, ImportOptions(today=TODAY, strict=True))
    errors = _errors(plan, LISTS)
    assert [(row, column) for row, column, _message in errors] == [
        (zs1, col("系统编号")),
        (first, col("清单级别")),
        (first + 1, col("项目名称")),
        (first + 2, col("年度计划投资（万元）")),
    ]
    messages = [message for _row, _column, message in errors]
    assert messages[0].startswith("该系统编号的记录是2026年自治区/省级清单的 ZS-1 铝材深加工项目：")
    assert messages[1] == "未知的取值（自治区/省级、市级、县级）"
    assert messages[2] == "找不到对应项目：不存在的项目"
    assert messages[3] == "不能为负数"
    with pytest.raises(LedgerError):
        apply_plan(source, plan)
    assert _lists(source) == EXPECTED_LISTS
