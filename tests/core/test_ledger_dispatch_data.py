"""单位年度目标, 清单项目 and 完成投资 go through the ledger's export and import: into an empty
database they come back equal, and the notices that read them give the same figures.

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
完成投资 (万元): ZS-1 to October 15000 (month), 11月上旬 1000 → 16000, 11月中旬 2000 → 18000
(主体结构封顶, 用电增容待批); ZS-2 11月中旬 6000 cumulative only → 6000 in the period;
ZS-3 to September 5000 (month). So as of 11月中旬: ZS-1 18000 of 20000 = 90%, 2000 in the
period; ZS-2 6000 of 30000 = 20% (behind 88.77%); ZS-3 5000 of 5000 = 100%, 0 in the
period; ZS-4 no plan. In all 29000 of 55000 = 52.73%.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from crm.db import Database, open_database
from crm.ledger import ImportOptions, LedgerFilters, apply_plan, build_plan, export_ledger
from crm.ledger.export import left_out
from crm.ledger.problems import LedgerError
from crm.models import CompletionEntry, ListEntry, Park, Programme, Project, Target
from crm.periods import parse_period
from crm.services import dispatch as svc
from crm.stats.dispatch import dispatch_figures
from crm.stats.targets import target_figures
from tests.core.dispatch_seed import TODAY, seed_counties, seed_dispatch

D = Decimal
XUN = parse_period("2026-11-2")
TARGETS = "单位年度目标"
LISTS = "清单项目"
COMPLETIONS = "完成投资"


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
    assert change.line() == (
        f"单位年度目标 第{row}行 更新 2026年县（市、区）（青秀区）签约额 — 目标值: 50000 → 45000.25"
    )
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
        ("县（市、区）", "450102", "青秀区", None, "签约额", 1),  # +7: code and name disagree
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
        (first + 7, col("县区名称")),
    ]
    messages = [message for _row, _column, message in errors]
    assert messages[0] == "未知的取值（全局、县（市、区）、园区）"
    assert messages[1].startswith("未知的取值（签约项目数、签约额、到位资金")
    assert messages[2] == "没有这个县（市、区）：450199（请填写6位行政区划代码或县区名称）"
    assert messages[3] == "没有这个县（市、区）：不存在区（请填写6位行政区划代码或县区名称）"
    assert messages[4].startswith("没有这个园区：不存在园区")
    assert messages[5] == "不能为负数"
    assert messages[6] == "开工项目数是个数，目标值应为整数"
    assert messages[7] == "县区名称与县区代码不符（450102是兴宁区），请改正其一"
    assert _summary(plan, TARGETS) == (0, 0, 6, 8)
    with pytest.raises(LedgerError):
        apply_plan(source, plan)
    assert _targets(source) == EXPECTED_TARGETS


def test_a_place_the_scope_does_not_read_is_said_and_the_target_written(
    source: Database, tmp_path: Path
) -> None:
    path = _export(source, tmp_path / "ledger.xlsx")
    book, sheet, columns = _sheet(path, TARGETS)
    r = sheet.max_row + 1
    for header, cell in (("年度", 2027), ("范围", "全局"), ("县区名称", "青秀区"),
                         ("指标", "到位资金"), ("目标值", 80000)):  # fmt: skip
        sheet.cell(r, columns[header]).value = cell
    book.save(path)
    plan = build_plan(source, path, ImportOptions(today=TODAY))
    assert [(p.row, p.column, p.severity, p.message_zh) for p in plan.problems
            if p.sheet == TARGETS] == [
        (r, f"县区名称 [{_letter(columns['县区名称'])}]", "warning",
         "范围为“全局”的目标不按此列区分，已忽略此列"),
    ]  # fmt: skip
    apply_plan(source, plan)
    assert (2027, "bureau", None, None, "funds_in_place", D(80000)) in _targets(source)


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
    repeated = (
        f"与第 {by_county['青秀区']}, {copy} 行是同一条记录（年度、范围、地点和指标相同），"
        "请只保留一行"
    )
    assert errors == {
        (by_county["江南区"], "该系统编号的记录是2026年县（市、区）（江南区）签约额，其年度、范围、"
         "地点和指标不能在表中改动（请清空系统编号另起一行）"),
        (by_county["青秀区"], repeated),
        (copy, repeated),
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
    # the ledger has no programmes sheet: the preview says 双百双新 will be made (ZS-2's row)
    assert [(p.row, p.message_zh) for p in plan.problems if p.sheet == LISTS] == [
        (4, "专项尚无记录，导入时将按此名称新建：双百双新"),
    ]
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
    assert messages[0] == (
        "该系统编号的记录是2026年自治区/省级清单的 ZS-1 铝材深加工项目，其项目、年度、清单级别和"
        "专项不能在表中改动（请清空系统编号另起一行）"
    )
    assert messages[1] == "未知的取值（自治区/省级、市级、县级）"
    assert messages[2] == "找不到对应项目：不存在的项目"
    assert messages[3] == "不能为负数"
    with pytest.raises(LedgerError):
        apply_plan(source, plan)
    assert _lists(source) == EXPECTED_LISTS


# --- 完成投资 -----------------------------------------------------------------------------------


def _completions(db: Database) -> list[tuple[Any, ...]]:
    with db.session() as s:
        rows = s.execute(
            select(Project.code, CompletionEntry.period_end, CompletionEntry.period_kind,
                   CompletionEntry.amount, CompletionEntry.year_to_date,
                   CompletionEntry.cumulative, CompletionEntry.image_progress,
                   CompletionEntry.progress_note, CompletionEntry.issues)
            .join(Project, Project.id == CompletionEntry.project_id)
            .where(CompletionEntry.deleted_at.is_(None))
        ).all()  # fmt: skip
    return sorted(tuple(r) for r in rows)


EXPECTED_COMPLETIONS = [
    ("ZS-1", date(2026, 10, 31), "month", D(15000), D(15000), None, "", "", ""),
    ("ZS-1", date(2026, 11, 10), "xun", D(1000), D(16000), None, "", "", ""),
    ("ZS-1", date(2026, 11, 20), "xun", D(2000), D(18000), None, "主体结构封顶", "",
     "用电增容待批"),
    ("ZS-2", date(2026, 11, 20), "xun", D(6000), D(6000), None, "", "", ""),
    ("ZS-3", date(2026, 9, 30), "month", D(5000), D(5000), None, "", "", ""),
]  # fmt: skip


def _dispatch(db: Database) -> dict[str, Any]:
    """The dispatch notice's figures that read list entries and completion entries."""
    with db.session() as s:
        f = dispatch_figures(s, XUN, as_of=TODAY)
    rows = {r.code: (r.completed_ytd, r.completed_in_period, r.rate_pct, r.behind,
                     r.image_progress) for r in f.rows}  # fmt: skip
    lists = {t.label: (t.projects, t.year_plan, t.completed_ytd, t.rate_pct) for t in f.lists}
    total = (f.total.projects, f.total.year_plan, f.total.completed_ytd,
             round(f.total.rate_pct, 2), f.total.behind)  # fmt: skip
    return {"rows": rows, "lists": lists, "total": total}


EXPECTED_DISPATCH = {
    "rows": {
        "ZS-1": (D(18000), D(2000), D(90), False, "主体结构封顶"),
        "ZS-2": (D(6000), D(6000), D(20), True, ""),
        "ZS-3": (D(5000), D(0), D(100), False, ""),
        "ZS-4": (D(0), D(0), None, False, ""),
    },
    "lists": {
        "自治区/省级重点项目": (1, D(20000), D(18000), D(90)),
        "市级重点项目（双百双新）": (1, D(30000), D(6000), D(20)),
        "县级重点项目": (2, D(5000), D(5000), D(100)),
    },
    "total": (4, D(55000), D(29000), D("52.73"), 1),
}


def test_round_trip_into_an_empty_database_keeps_completion_entries_and_the_notice(
    source: Database, db: Database, tmp_path: Path
) -> None:
    assert _completions(source) == EXPECTED_COMPLETIONS
    assert _dispatch(source) == EXPECTED_DISPATCH
    path = _export(source, tmp_path / "ledger.xlsx")
    _book, sheet, columns = _sheet(path, COMPLETIONS)
    assert list(columns) == ["序号", "项目编号", "项目名称", "期末日期", "期间",
                             "本期完成（万元）", "年度累计（万元）", "开工以来累计（万元）",
                             "形象进度", "本期进展", "存在问题", "项目系统编号",
                             "系统编号"]  # fmt: skip
    assert [c.value for c in sheet[3]][1:7] == ["ZS-3", "物流园项目", datetime(2026, 9, 30),
                                                "月", 5000, 5000]  # fmt: skip
    with source.session() as s:
        assert not {"target", "project_list_entry", "completion_entry"} & set(left_out(s))

    plan = build_plan(db, path, ImportOptions(today=TODAY, ignore_unknown_ids=True))
    assert not [p.line() for p in plan.problems if p.severity == "error"]
    assert _summary(plan, COMPLETIONS) == (5, 0, 0, 0)
    apply_plan(db, plan)

    assert _completions(db) == EXPECTED_COMPLETIONS
    assert _dispatch(db) == EXPECTED_DISPATCH
    assert _target_figures(db) == EXPECTED_TARGET_FIGURES
    again = build_plan(db, path, ImportOptions(today=TODAY, ignore_unknown_ids=True))
    assert all(s.new == s.updated == s.invalid == 0 for s in again.sheets), again.sheets


def _row_of(sheet: Any, columns: dict[str, int], code: str, day: date) -> int:
    return next(
        r for r in range(3, sheet.max_row + 1)
        if sheet.cell(r, columns["项目编号"]).value == code
        and sheet.cell(r, columns["期末日期"]).value == datetime(day.year, day.month, day.day)
    )  # fmt: skip


def test_a_cumulative_edited_in_excel_updates_that_entry_and_its_period_amount(
    source: Database, tmp_path: Path
) -> None:
    """ZS-2's 11月中旬 cumulative 6000 → 7500 with 本期完成 cleared: the service's rule gives
    7500 - 0 (no earlier entry this year) = 7500 in the period."""
    path = _export(source, tmp_path / "ledger.xlsx")
    book, sheet, columns = _sheet(path, COMPLETIONS)
    row = _row_of(sheet, columns, "ZS-2", date(2026, 11, 20))
    sheet.cell(row, columns["年度累计（万元）"]).value = 7500
    sheet.cell(row, columns["本期完成（万元）"]).value = None
    book.save(path)

    plan = build_plan(source, path, ImportOptions(today=TODAY))
    assert not _errors(plan, COMPLETIONS)
    assert _summary(plan, COMPLETIONS) == (0, 1, 4, 0)
    [change] = [c for c in plan.planned if c.sheet == COMPLETIONS]
    assert (change.row, change.status) == (row, "updated")
    assert sorted((f.field, f.old, f.new) for f in change.fields) == [
        ("amount", D(6000), D(7500)), ("year_to_date", D(6000), D(7500)),
    ]  # fmt: skip
    apply_plan(source, plan)
    assert _completions(source) == [
        e if e[0] != "ZS-2" else (*e[:3], D(7500), D(7500), *e[5:]) for e in EXPECTED_COMPLETIONS
    ]
    # ZS-2: 7500 of 30000 = 25%; 市级 likewise; in all 18000 + 7500 + 5000 = 30500
    figures = _dispatch(source)
    assert figures["rows"]["ZS-2"] == (D(7500), D(7500), D(25), True, "")
    assert figures["total"][2] == D(30500)


def test_a_new_entry_with_one_figure_follows_the_previous_cumulative(
    source: Database, tmp_path: Path
) -> None:
    """A 11月下旬 row of ZS-1 giving 本期完成 500 only: 18000 + 500 = 18500 to date; its
    形象进度 is written, its blank 存在问题 is empty."""
    path = _export(source, tmp_path / "ledger.xlsx")
    book, sheet, columns = _sheet(path, COMPLETIONS)
    new = sheet.max_row + 1
    for header, value in (("项目编号", "ZS-1"), ("项目名称", "铝材深加工项目"),
                          ("期末日期", date(2026, 11, 30)), ("期间", "旬"),
                          ("本期完成（万元）", 500), ("形象进度", "设备安装")):  # fmt: skip
        sheet.cell(new, columns[header]).value = value
    book.save(path)
    plan = build_plan(source, path, ImportOptions(today=date(2026, 12, 1)))
    assert not _errors(plan, COMPLETIONS)
    assert _summary(plan, COMPLETIONS) == (1, 0, 5, 0)
    apply_plan(source, plan)
    assert ("ZS-1", date(2026, 11, 30), "xun", D(500), D(18500), None, "设备安装", "", "") in (
        _completions(source)
    )


def test_bad_completion_rows_are_refused_naming_sheet_row_and_column(
    source: Database, tmp_path: Path
) -> None:
    path = _export(source, tmp_path / "ledger.xlsx")
    book, sheet, columns = _sheet(path, COMPLETIONS)
    first = sheet.max_row + 1
    rows = [
        ("ZS-1", date(2026, 11, 15), "旬", 100, None),  # first: no 旬 ends on the 15th
        ("ZS-1", date(2026, 11, 20), "月", 100, None),  # +1: no month ends on the 20th
        ("ZS-1", date(2026, 12, 10), "季", 100, None),  # +2: unknown period
        ("ZS-1", date(2026, 12, 20), "旬", None, None),  # +3: neither figure
        ("ZS-1", date(2026, 11, 30), "旬", None, 17000),  # +4: cumulative below 18000
        ("ZS-2", date(2026, 11, 30), "旬", -5, None),  # +5: negative
        ("不存在", date(2026, 11, 30), "旬", 100, None),  # +6: unknown project
    ]
    for offset, (code, day, period, amount, ytd) in enumerate(rows):
        for header, value in (("项目编号", code), ("项目名称", code), ("期末日期", day),
                              ("期间", period), ("本期完成（万元）", amount),
                              ("年度累计（万元）", ytd)):  # fmt: skip
            sheet.cell(first + offset, columns[header]).value = value
    book.save(path)

    def col(header: str) -> str:
        return f"{header} [{_letter(columns[header])}]"

    plan = build_plan(source, path, ImportOptions(today=date(2026, 12, 31), strict=True))
    errors = _errors(plan, COMPLETIONS)
    assert [(row, column) for row, column, _message in errors] == [
        (first, col("期末日期")),
        (first + 1, col("期末日期")),
        (first + 2, col("期间")),
        (first + 3, col("本期完成（万元）")),
        (first + 4, col("年度累计（万元）")),
        (first + 5, col("本期完成（万元）")),
        (first + 6, col("项目名称")),
    ]
    messages = [message for _row, _column, message in errors]
    assert messages[0] == "完成投资的截止日期应为旬末（10日、20日或月末）：2026-11-15"
    assert messages[1] == "完成投资的截止日期应为月末：2026-11-20"
    assert messages[2] == "未知的取值（旬、月）"
    assert messages[3] == "请填写本期完成投资或年度累计完成投资"
    # (the service writes its amounts with the column's six decimals: 17000.000000万元)
    assert messages[4].startswith("累计完成投资（17000") and "小于上期累计（18000" in messages[4]
    assert messages[5] == "不能为负数"
    assert messages[6] == "找不到对应项目：不存在"
    assert _summary(plan, COMPLETIONS) == (0, 0, 5, 7)
    with pytest.raises(LedgerError):
        apply_plan(source, plan)
    assert _completions(source) == EXPECTED_COMPLETIONS


def test_two_rows_of_one_entry_are_refused(source: Database, tmp_path: Path) -> None:
    path = _export(source, tmp_path / "ledger.xlsx")
    book, sheet, columns = _sheet(path, COMPLETIONS)
    row = _row_of(sheet, columns, "ZS-2", date(2026, 11, 20))
    copy = sheet.max_row + 1
    for c in range(1, sheet.max_column + 1):
        sheet.cell(copy, c).value = sheet.cell(row, c).value
    sheet.cell(copy, columns["系统编号"]).value = None
    sheet.cell(copy, columns["年度累计（万元）"]).value = 9000
    book.save(path)
    plan = build_plan(source, path, ImportOptions(today=TODAY))
    said = f"与第 {row}, {copy} 行是同一条记录（项目和期末日期相同），请只保留一行"
    assert [(r, m) for r, _c, m in _errors(plan, COMPLETIONS)] == [(row, said), (copy, said)]


def test_round_trip_through_the_bulk_writer(source: Database, db: Database, tmp_path: Path) -> None:
    """A big import writes new projects in bulk: their list and completion entries follow."""
    path = _export(source, tmp_path / "ledger.xlsx")
    options = ImportOptions(today=TODAY, ignore_unknown_ids=True, bulk_threshold=0)
    plan = build_plan(db, path, options)
    assert not [p.line() for p in plan.problems if p.severity == "error"]
    assert apply_plan(db, plan).bulk
    assert _targets(db) == EXPECTED_TARGETS
    assert _lists(db) == EXPECTED_LISTS
    assert _completions(db) == EXPECTED_COMPLETIONS
    assert _dispatch(db) == EXPECTED_DISPATCH


def test_a_filtered_export_keeps_the_lists_and_completions_of_its_projects_only(
    source: Database, tmp_path: Path
) -> None:
    """Started projects only (ZS-1 and ZS-3): their entries; no targets (the bureau's, not
    the projects')."""
    path = tmp_path / "started.xlsx"
    with source.session() as s:
        export_ledger(s, path, LedgerFilters(stages=["started"]))
    book = openpyxl.load_workbook(path)
    assert TARGETS not in book.sheetnames
    codes = {
        name: sorted(row[1 if name == COMPLETIONS else 2]
                     for row in book[name].iter_rows(min_row=3, values_only=True))
        for name in (LISTS, COMPLETIONS)
    }  # fmt: skip
    assert codes == {LISTS: ["ZS-1", "ZS-3"], COMPLETIONS: ["ZS-1", "ZS-1", "ZS-1", "ZS-3"]}


def test_a_sheet_without_the_period_column_keeps_the_periods_on_record(
    source: Database, tmp_path: Path
) -> None:
    """ZS-1's October and ZS-3's September entries are monthly: a sheet without 期间 read
    back changes nothing (a new row of such a sheet would be a 旬's)."""
    path = _export(source, tmp_path / "ledger.xlsx")
    book, sheet, columns = _sheet(path, COMPLETIONS)
    sheet.delete_cols(columns["期间"])
    book.save(path)
    plan = build_plan(source, path, ImportOptions(today=TODAY))
    assert not _errors(plan, COMPLETIONS)
    assert _summary(plan, COMPLETIONS) == (0, 0, 5, 0)
