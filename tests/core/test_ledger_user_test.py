"""Defects a user test found in import and export: huge amounts, a merged investor cell,
districts in 落地区域, and what a differing stage date tells the user to do."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select
from test_ledger_support import write_xlsx

from crm.cli import main
from crm.db import Database
from crm.errors import ValidationError
from crm.ledger import ImportOptions, apply_plan, build_plan, export_ledger
from crm.ledger.fields import Sheet
from crm.ledger.values import CellError, parse_amount
from crm.models import Company, Project
from crm.services import funds, projects

TODAY = date(2026, 6, 30)
HEADER = ["序号", "项目名称", "投资方", "总投资（万元）", "项目阶段", "签约时间", "落地区域"]
TOO_LARGE = "金额过大（最多 100,000,000万元）"


def ledger(tmp_path: Path, rows: list[list[object]], merges: list[str] | None = None) -> Path:
    return write_xlsx(tmp_path / "ledger.xlsx", {"项目": [HEADER, *rows]}, {"项目": merges or []})


def row(n: int, amount: object, place: object = None, investor: object = None) -> list[object]:
    return [n, f"项目{n}", investor or f"企业{n}有限公司", amount, "已签约", "2026-03-01", place]


def count(db: Database, model: type) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


# --- 1. amounts beyond any project ----------------------------------------------------------


def test_huge_amounts_are_listed_as_invalid_rows_and_nothing_is_written(
    sqlite_db: Database, tmp_path: Path
) -> None:
    path = ledger(
        tmp_path,
        [
            row(1, "99999999999999999999999"),  # text: was 「程序内部错误（InvalidOperation）」
            row(2, "1e300"),
            row(3, 10**20),  # numeric cells: previewed as 新增, then the write failed
            row(4, 10**13),
            row(5, "100000000.01"),
            row(6, "nan"),
        ],
    )
    plan = build_plan(sqlite_db, path, ImportOptions(today=TODAY))
    found = [(p.sheet, p.row, p.column, p.value, p.message_zh) for p in plan.problems]
    column = "总投资（万元） [D]"
    assert found == [
        ("项目", 2, column, "99999999999999999999999", TOO_LARGE),
        ("项目", 3, column, "1e300", TOO_LARGE),
        ("项目", 4, column, "1e+20", TOO_LARGE),
        ("项目", 5, column, "10000000000000", TOO_LARGE),
        ("项目", 6, column, "100000000.01", TOO_LARGE),
        ("项目", 7, column, "nan", "不是有效金额"),
    ]
    assert plan.problems[0].message_en == "Amount too large (at most 100,000,000万元)"
    assert (plan.sheets[0].new, plan.sheets[0].invalid) == (0, 6)
    apply_plan(sqlite_db, plan)
    assert count(sqlite_db, Project) == 0 and count(sqlite_db, Company) == 0


def test_the_largest_amount_is_taken_in_every_unit(sqlite_db: Database, tmp_path: Path) -> None:
    path = ledger(tmp_path, [row(1, 100_000_000), row(2, "10000亿元"), row(3, "1E+8")])
    plan = build_plan(sqlite_db, path, ImportOptions(today=TODAY))
    assert plan.problems == [] and plan.sheets[0].new == 3
    apply_plan(sqlite_db, plan)
    with sqlite_db.session() as s:
        amounts = set(s.scalars(select(Project.planned_investment)))
    assert amounts == {Decimal(100_000_000)}
    assert parse_amount("10000", "亿元") == Decimal(100_000_000)
    for value, unit in (("10000.01", "亿元"), (20_000_000, "万美元"), ("1.1e12", "元")):
        with pytest.raises(CellError) as caught:
            parse_amount(value, unit, Decimal("7.1"))
        assert (caught.value.code, caught.value.detail) == ("too_large", "100,000,000万元")
    with pytest.raises(CellError) as caught:
        parse_amount(Decimal("1e999999"), "元")  # beyond Decimal's own range: no crash
    assert caught.value.code == "too_large"


def test_dry_run_from_the_command_line_names_the_cell(
    sqlite_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = tmp_path / "cli.sqlite"
    shutil.copy(sqlite_template, db_path)
    path = ledger(tmp_path, [row(1, "99999999999999999999999")])
    code = main(["--db", str(db_path), "import", str(path), "--dry-run"])
    captured = capsys.readouterr()
    assert code != 0
    where = "项目 / 第2行 / 总投资（万元） [D]"
    assert f"{where}: 「99999999999999999999999」{TOO_LARGE}" in captured.out
    assert "InvalidOperation" not in captured.out + captured.err
    assert "程序内部错误" not in captured.out + captured.err


def test_the_project_form_refuses_an_absurd_amount_naming_the_field(db: Database) -> None:
    with db.session() as s:
        pid = projects.create_project(s, name="铝材项目", planned_investment="100000000").id
    for value in ("999999999999", 1e300, "1e300", Decimal("100000000.000001")):
        with pytest.raises(ValidationError) as caught, db.session() as s:
            projects.create_project(s, name="新项目", planned_investment=value)
        error = caught.value
        assert (error.code, error.field) == ("too_large", "planned_investment")
        assert error.message_zh == f"planned_investment {TOO_LARGE}：{value}"
    for value in ("inf", "nan", float("inf")):
        with pytest.raises(ValidationError) as caught, db.session() as s:
            projects.update_project(s, pid, planned_investment=value)
        assert (caught.value.code, caught.value.field) == ("not_number", "planned_investment")
    with pytest.raises(ValidationError) as caught, db.session() as s:
        projects.update_project(s, pid, expected_annual_output=10**13)
    assert (caught.value.code, caught.value.field) == ("too_large", "expected_annual_output")
    with pytest.raises(ValidationError) as caught, db.session() as s:
        funds.record_funds(s, project_id=pid, amount="200000000", received_on=date(2026, 5, 1))
    assert (caught.value.code, caught.value.field) == ("too_large", "amount")
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Project)) == 1
        assert s.get(Project, pid).planned_investment == Decimal(100_000_000)


# --- 2. a merged data cell -------------------------------------------------------------------


def test_an_investor_merged_over_two_rows_is_the_investor_of_both(
    sqlite_db: Database, tmp_path: Path
) -> None:
    rows = [
        ["2026年招商项目台账"],
        HEADER,
        ["一、新签约项目"],
        row(1, 100, investor="广西某某铝业集团有限公司"),
        row(2, 200, investor=""),
        row(3, 300, investor="深圳某电子有限公司"),
    ]
    path = write_xlsx(
        tmp_path / "ledger.xlsx", {"项目": rows}, {"项目": ["A1:G1", "A3:G3", "C4:C5"]}
    )
    plan = build_plan(sqlite_db, path, ImportOptions(today=TODAY))
    assert [p for p in plan.problems if p.severity != "info"] == []
    assert plan.sheets[0].new == 3
    apply_plan(sqlite_db, plan)
    with sqlite_db.session() as s:
        query = select(Project.name, Company.name).join(Company, Project.company_id == Company.id)
        investors = {project: investor for project, investor in s.execute(query)}
    assert investors == {
        "项目1": "广西某某铝业集团有限公司",
        "项目2": "广西某某铝业集团有限公司",
        "项目3": "深圳某电子有限公司",
    }


# --- 3. districts in 落地区域 ---------------------------------------------------------------


def test_typed_district_names_map_to_their_codes(sqlite_db: Database, tmp_path: Path) -> None:
    places = ["武鸣区", "西乡塘区", "南宁市西乡塘区", "广西南宁市武鸣区", "兴宁", "南宁市"]
    places.append("450110")
    path = ledger(tmp_path, [row(n, 100, place) for n, place in enumerate(places, 1)])
    plan = build_plan(sqlite_db, path, ImportOptions(today=TODAY))
    assert plan.problems == []
    apply_plan(sqlite_db, plan)
    with sqlite_db.session() as s:
        query = select(Project.name, Project.landing_region_code)
        codes = {name: code for name, code in s.execute(query)}
    assert codes == {
        "项目1": "450110",
        "项目2": "450107",
        "项目3": "450107",
        "项目4": "450110",
        "项目5": "450102",  # 兴宁区 of 南宁 (the bureau's city), not 兴宁市 of 梅州
        "项目6": "450100",
        "项目7": "450110",
    }


def test_a_district_is_never_dropped_silently(sqlite_db: Database, tmp_path: Path) -> None:
    path = ledger(tmp_path, [row(1, 100, "南宁市高新区"), row(2, 100, "朝阳区")])
    plan = build_plan(sqlite_db, path, ImportOptions(today=TODAY))
    found = [(p.row, p.severity, p.message_zh) for p in plan.problems]
    assert found == [
        (2, "warning", "“高新区”不是南宁市的县区，落地区域只记到南宁市"),
        (3, "error", "有多个同名的地方：北京市朝阳区、长春市朝阳区，请写明所属城市"),
    ]
    assert (plan.sheets[0].new, plan.sheets[0].invalid) == (1, 1)


def test_export_writes_the_region_name_and_importing_it_back_changes_nothing(
    db: Database, tmp_path: Path
) -> None:
    with db.session() as s:
        for name, code in (("武鸣项目", "450110"), ("南宁项目", "450100"), ("朝阳项目", "110105")):
            projects.create_project(
                s, name=name, planned_investment=Decimal(100), landing_region_code=code
            )
    path = tmp_path / "projects.xlsx"
    with db.session() as s:
        export_ledger(s, path, sheets=(Sheet.PROJECTS,))
    sheet = openpyxl.load_workbook(path)["项目"]
    headers = [c.value for c in sheet[2]]
    written = {
        sheet.cell(r, headers.index("项目名称") + 1).value: sheet.cell(
            r, headers.index("落地区域") + 1
        ).value
        for r in range(3, sheet.max_row + 1)
    }
    assert written == {
        "武鸣项目": "南宁市武鸣区",
        "南宁项目": "广西壮族自治区南宁市",
        "朝阳项目": "北京市朝阳区",
    }
    plan = build_plan(db, path, ImportOptions(today=TODAY))
    assert plan.problems == [] and plan.planned_total == 0
    assert (plan.sheets[0].unchanged, plan.sheets[0].updated) == (3, 0)


def test_a_changed_district_is_previewed_by_name(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        projects.create_project(
            s, name="武鸣项目", planned_investment=Decimal(100), landing_region_code="450110"
        )
    path = tmp_path / "projects.xlsx"
    with db.session() as s:
        export_ledger(s, path, sheets=(Sheet.PROJECTS,))
    book = openpyxl.load_workbook(path)
    sheet = book["项目"]
    headers = [c.value for c in sheet[2]]
    sheet.cell(3, headers.index("落地区域") + 1).value = "西乡塘区"
    book.save(path)
    plan = build_plan(db, path, ImportOptions(today=TODAY))
    [change] = plan.planned
    assert change.line().endswith("落地区域: 南宁市武鸣区 → 南宁市西乡塘区")


# --- 4. a stage date that differs from the one on record --------------------------------------


def test_a_differing_stage_date_says_where_to_correct_it(
    sqlite_db: Database, tmp_path: Path
) -> None:
    path = ledger(tmp_path, [row(1, 100)])
    apply_plan(sqlite_db, build_plan(sqlite_db, path, ImportOptions(today=TODAY)))
    changed = ledger(tmp_path, [[1, "项目1", "企业1有限公司", 100, "已签约", "2026-03-09", None]])
    plan = build_plan(sqlite_db, changed, ImportOptions(today=TODAY))
    [differs] = [p for p in plan.problems if p.code == "date_differs"]
    assert differs.message_zh == (
        "与系统中已记录的日期不同（2026-03-01），未修改：如需更正，请在窗口中选中该项目，"
        "对照其“阶段历程”用“变更阶段”更正"
    )
