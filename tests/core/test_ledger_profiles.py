"""项目调度信息 (each project's dispatch profile) and a park's 所属县区 go through the ledger's
export and import: into an empty database they come back equal, and the figures that read
them (the dispatch notice's 建设性质/包保领导, 四张清单's 竣工 and 在建, the 技改 pool, a
county's figures through its parks) are the same.

The world is tests/core/dispatch_seed.py (2026年11月中旬, the period ends 2026-11-20) with its
counties (seed_counties), the park 东盟经开区 put in 青秀区 (450103) and a target of 青秀区:
开工项目数 2. Profiles on record:
- ZS-1 铝材深加工项目 (planned 80000, in the park, started 2026-03-15): 改建/技术改造, 计划竣工
  2026-12-31, 入库 2026-04-01, 包保领导 王副市长;
- ZS-3 物流园项目 (planned 20000, started 2025-06-01): 新建, 计划竣工 and 竣工 2026-09-30;
- ZS-5 老厂技改项目 (planned 12000, not listed): 改建/技术改造, 入库 2025-08-01.
So: the 技改 pool as of 2026-11-20 holds ZS-1 and ZS-5 — 2 projects, 92000, 1 of them pooled
in 2026; 竣工: 2 planned this year (ZS-1, ZS-3), 1 done (ZS-3); 在建 (started, not completed):
ZS-1 only; the notice's rows: ZS-1 改建/技术改造 王副市长, ZS-3 新建, ZS-2 and ZS-4 blank.
青秀区's 开工项目数: ZS-1 is started in 2026 in the park (no landing county of its own), so 1 of
2 = 50% — 0 if the park's county were lost.
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
from crm.ledger import ImportOptions, apply_plan, build_plan, export_ledger
from crm.ledger.export import left_out
from crm.ledger.problems import LedgerError
from crm.models import DispatchProfile, Park, Project
from crm.periods import parse_period
from crm.services import dispatch as svc
from crm.stats.dispatch import dispatch_figures
from crm.stats.targets import target_figures
from tests.core.dispatch_seed import TODAY, seed_counties, seed_dispatch

D = Decimal
XUN = parse_period("2026-11-2")
PROFILES = "项目调度信息"
PARKS = "园区"


@pytest.fixture
def source(sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "source.sqlite"
    shutil.copy(sqlite_template, path)
    database = open_database(path)
    with database.session() as s:
        ids = seed_dispatch(s)
        seed_counties(s)
        svc.set_park_county(s, park_id=ids["park"], county_code="450103")
        svc.set_target(s, year=2026, scope="county", region_code="450103",
                       measure="started_projects", value=2)  # fmt: skip
    yield database
    database.close()


def _profiles(db: Database) -> list[tuple[Any, ...]]:
    p = DispatchProfile
    with db.session() as s:
        rows = s.execute(
            select(Project.code, p.construction_nature, p.expected_completion_on,
                   p.completed_on, p.pooled_on, p.leader_name)
            .join(Project, Project.id == p.project_id)
            .where(p.deleted_at.is_(None))
        ).all()  # fmt: skip
    return sorted(tuple(r) for r in rows)


EXPECTED_PROFILES = [
    ("ZS-1", "upgrade", date(2026, 12, 31), None, date(2026, 4, 1), "王副市长"),
    ("ZS-3", "new", date(2026, 9, 30), date(2026, 9, 30), None, ""),
    ("ZS-5", "upgrade", None, None, date(2025, 8, 1), ""),
]


def _park_counties(db: Database) -> list[tuple[str, str | None]]:
    with db.session() as s:
        return sorted(tuple(r) for r in s.execute(select(Park.name, Park.county_code)))


def _figures(db: Database) -> dict[str, Any]:
    """What the notices read of the profiles and of the park's county."""
    with db.session() as s:
        f = dispatch_figures(s, XUN, as_of=TODAY)
        targets = target_figures(s, XUN).rows
    four = {x.key: (x.planned, x.done, x.names) for x in f.four_lists}
    pool = f.upgrade_pool
    wanted = ("county", "青秀区", "started_projects")
    started = [(r.target, r.actual, r.rate_pct) for r in targets
               if (r.scope, r.name, r.measure) == wanted]  # fmt: skip
    return {
        "rows": [(r.code, r.nature, r.leader) for r in f.rows],
        "completion": four["completion"],
        "building": four["building"],
        "pool": (pool.pooled, pool.pooled_in_year, pool.investment),
        "青秀区开工": started,
    }


EXPECTED_FIGURES = {
    "rows": [("ZS-1", "改建/技术改造", "王副市长"), ("ZS-2", "", ""), ("ZS-3", "新建", ""),
             ("ZS-4", "", "")],
    "completion": (2, 1, ("物流园项目", "铝材深加工项目")),
    "building": (None, 1, ("铝材深加工项目",)),
    "pool": (2, 1, D(92000)),
    "青秀区开工": [(D(2), D(1), D(50))],
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


def _rows_by(sheet: Any, column: int) -> dict[Any, int]:
    return {sheet.cell(r, column).value: r for r in range(3, sheet.max_row + 1)}


def _summary(plan: Any, name: str) -> tuple[int, int, int, int]:
    s = next(s for s in plan.sheets if s.sheet == name)
    return (s.new, s.updated, s.unchanged, s.invalid)


def _errors(plan: Any, name: str) -> list[tuple[int | None, str, str]]:
    return sorted(
        (p.row, p.column, p.message_zh)
        for p in plan.problems
        if p.severity == "error" and p.sheet == name
    )


def _col(columns: dict[str, int], header: str) -> str:
    return f"{header} [{openpyxl.utils.get_column_letter(columns[header])}]"


def test_round_trip_into_an_empty_database_keeps_profiles_park_counties_and_figures(
    source: Database, db: Database, tmp_path: Path
) -> None:
    assert _profiles(source) == EXPECTED_PROFILES
    assert _park_counties(source) == [("东盟经开区", "450103")]
    assert _figures(source) == EXPECTED_FIGURES
    path = _export(source, tmp_path / "ledger.xlsx")
    _book, sheet, columns = _sheet(path, PROFILES)
    assert list(columns) == [
        "序号", "项目编号", "项目名称", "建设性质", "计划竣工时间", "实际竣工时间", "入库纳统时间",
        "包保领导", "项目系统编号",
    ]  # fmt: skip
    hidden = openpyxl.utils.get_column_letter(columns["项目系统编号"])
    assert sheet.column_dimensions[hidden].hidden
    row = _rows_by(sheet, columns["项目编号"])["ZS-1"]
    assert [sheet.cell(row, c).value for c in range(2, 9)] == [
        "ZS-1", "铝材深加工项目", "改建/技术改造", datetime(2026, 12, 31), None,
        datetime(2026, 4, 1), "王副市长",
    ]  # fmt: skip
    _book, parks, park_columns = _sheet(path, PARKS)
    assert list(park_columns) == ["序号", "园区名称", "所在地区", "所属县区", "系统编号"]
    assert parks.cell(3, park_columns["所属县区"]).value == "青秀区"
    with source.session() as s:
        assert left_out(s) == {}  # nothing the figures count is left out any more

    plan = build_plan(db, path, ImportOptions(today=TODAY, ignore_unknown_ids=True))
    assert not [p.line() for p in plan.problems if p.severity == "error"]
    assert _summary(plan, PROFILES) == (3, 0, 0, 0)
    apply_plan(db, plan)

    assert _profiles(db) == EXPECTED_PROFILES
    assert _park_counties(db) == [("东盟经开区", "450103")]
    assert _figures(db) == EXPECTED_FIGURES
    again = build_plan(db, path, ImportOptions(today=TODAY, ignore_unknown_ids=True))
    assert _summary(again, PROFILES) == (0, 0, 3, 0)
    assert _summary(again, PARKS) == (0, 0, 1, 0)


def test_one_profile_cell_edited_in_excel_updates_that_profile_only(
    source: Database, tmp_path: Path
) -> None:
    """ZS-5 becomes 扩建: it leaves the 技改 pool (1 project, 80000, pooled in 2026). ZS-1's
    包保领导 cleared in Excel keeps the leader on record."""
    path = _export(source, tmp_path / "ledger.xlsx")
    book, sheet, columns = _sheet(path, PROFILES)
    rows = _rows_by(sheet, columns["项目编号"])
    sheet.cell(rows["ZS-5"], columns["建设性质"]).value = "扩建"
    sheet.cell(rows["ZS-1"], columns["包保领导"]).value = None
    book.save(path)

    plan = build_plan(source, path, ImportOptions(today=TODAY))
    assert not _errors(plan, PROFILES)
    assert _summary(plan, PROFILES) == (0, 1, 2, 0)
    [change] = [c for c in plan.planned if c.sheet == PROFILES]
    assert (change.row, change.status) == (rows["ZS-5"], "updated")
    assert [(f.old, f.new) for f in change.fields] == [("upgrade", "expansion")]
    assert (
        change.line()
        == f"项目调度信息 第{rows['ZS-5']}行 更新 老厂技改项目 — 建设性质: 改建/技术改造 → 扩建"
    )
    apply_plan(source, plan)

    expected = [p if p[0] != "ZS-5" else ("ZS-5", "expansion", *p[2:])
                for p in EXPECTED_PROFILES]  # fmt: skip
    assert _profiles(source) == expected
    assert _figures(source)["pool"] == (1, 1, D(80000))
    assert _figures(source)["rows"] == EXPECTED_FIGURES["rows"]


def test_a_park_county_edited_in_excel_is_set_and_a_sheet_without_the_column_keeps_it(
    source: Database, tmp_path: Path
) -> None:
    """The park moved to 兴宁区 (by its code): 青秀区's started project leaves with it (0 of
    2); a parks sheet without 所属县区 changes nothing."""
    path = _export(source, tmp_path / "ledger.xlsx")
    book, sheet, columns = _sheet(path, PARKS)
    sheet.cell(3, columns["所属县区"]).value = "450102"
    book.save(path)
    plan = build_plan(source, path, ImportOptions(today=TODAY))
    assert not _errors(plan, PARKS)
    assert _summary(plan, PARKS) == (0, 1, 0, 0)
    [change] = [c for c in plan.planned if c.sheet == PARKS]
    assert [(f.old, f.new) for f in change.fields] == [("450103", "450102")]
    assert change.line() == "园区 第3行 更新 东盟经开区 — 所属县区: 南宁市青秀区 → 南宁市兴宁区"
    apply_plan(source, plan)
    assert _park_counties(source) == [("东盟经开区", "450102")]
    assert _figures(source)["青秀区开工"] == [(D(2), D(0), D(0))]

    book, sheet, columns = _sheet(path, PARKS)
    sheet.delete_cols(columns["所属县区"])
    book.save(path)
    plan = build_plan(source, path, ImportOptions(today=TODAY))
    assert not _errors(plan, PARKS)
    assert _summary(plan, PARKS) == (0, 0, 1, 0)
    apply_plan(source, plan)
    assert _park_counties(source) == [("东盟经开区", "450102")]


def test_bad_rows_are_refused_naming_sheet_row_and_column_and_strict_writes_nothing(
    source: Database, tmp_path: Path
) -> None:
    path = _export(source, tmp_path / "ledger.xlsx")
    book, sheet, columns = _sheet(path, PROFILES)
    rows = _rows_by(sheet, columns["项目编号"])
    sheet.cell(rows["ZS-1"], columns["建设性质"]).value = "翻建"
    sheet.cell(rows["ZS-3"], columns["实际竣工时间"]).value = "2026-13-45"
    unknown = sheet.max_row + 1
    for header, value in (("项目编号", "ZS-99"), ("项目名称", "不存在项目"), ("包保领导", "张三")):
        sheet.cell(unknown, columns[header]).value = value
    parks = book[PARKS]
    park_columns = {cell.value: cell.column for cell in parks[2] if cell.value}
    parks.cell(3, park_columns["所属县区"]).value = "不存在区"
    book.save(path)

    plan = build_plan(source, path, ImportOptions(today=TODAY, strict=True))
    errors = _errors(plan, PROFILES)
    assert [(row, column) for row, column, _message in errors] == sorted([
        (rows["ZS-1"], _col(columns, "建设性质")),
        (rows["ZS-3"], _col(columns, "实际竣工时间")),
        (unknown, _col(columns, "项目名称")),
    ])  # fmt: skip
    messages = {row: message for row, _column, message in errors}
    assert messages[rows["ZS-1"]] == "建设性质应为新建、扩建、改建/技术改造或迁建"
    assert messages[rows["ZS-3"]] == "不是有效日期"
    assert messages[unknown] == "找不到对应项目：不存在项目"
    assert _errors(plan, PARKS) == [
        (3, _col(park_columns, "所属县区"),
         "没有这个县（市、区）：不存在区（请填写6位行政区划代码或县区名称）"),
    ]  # fmt: skip
    assert _summary(plan, PROFILES) == (0, 0, 1, 3)
    with pytest.raises(LedgerError):
        apply_plan(source, plan)
    assert _profiles(source) == EXPECTED_PROFILES
    assert _park_counties(source) == [("东盟经开区", "450103")]


def test_two_rows_of_one_project_are_refused(source: Database, tmp_path: Path) -> None:
    """A project has one profile: which of two rows would be kept? Both are refused."""
    path = _export(source, tmp_path / "ledger.xlsx")
    book, sheet, columns = _sheet(path, PROFILES)
    first = _rows_by(sheet, columns["项目编号"])["ZS-1"]
    copy = sheet.max_row + 1
    for c in range(1, sheet.max_column + 1):
        sheet.cell(copy, c).value = sheet.cell(first, c).value
    sheet.cell(copy, columns["包保领导"]).value = "李局长"
    book.save(path)
    plan = build_plan(source, path, ImportOptions(today=TODAY))
    repeated = f"与第 {first}, {copy} 行是同一条记录（项目相同），请只保留一行"
    assert {(row, message) for row, _column, message in _errors(plan, PROFILES)} == {
        (first, repeated),
        (copy, repeated),
    }
    apply_plan(source, plan)
    assert _profiles(source) == EXPECTED_PROFILES


@pytest.mark.parametrize(
    ("headers", "kind"),
    [
        # A clerk's projects ledger with a 建设性质 or 包保领导 column stays a projects sheet
        # (its 投资方 and 总投资 are read); the dispatch sheet keeps its completion columns.
        (["项目名称", "投资方", "总投资（万元）", "建设性质", "包保领导"], "projects"),
        (["项目名称", "项目阶段", "签约时间", "计划竣工时间"], "projects"),
        (["项目名称", "建设性质", "包保领导", "本旬完成投资"], "dispatch"),
        (["项目编号", "项目名称", "建设性质", "包保领导"], "profiles"),
    ],
)
def test_which_headers_make_a_profiles_sheet(headers: list[str], kind: str) -> None:
    from crm.ledger.layout import detect_layout
    from crm.ledger.reader import RawSheet

    layout = detect_layout(RawSheet("Sheet1", [headers, ["x"] * len(headers)]))
    assert layout is not None and layout.kind == kind
