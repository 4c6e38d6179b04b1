"""User test 3's ledger findings, each worked out by hand: a dispatch sheet that starts
existing projects says so in its preview, refusals that fit the file, the blank-cell rule for
every row matched to a record, and amounts in a 亿元 column read with their unit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook

from crm.ledger import ImportOptions, apply_plan, build_plan, export_ledger
from crm.ledger.fields import FIELDS, Sheet
from crm.ledger.parse import _limit
from crm.ledger.problems import MESSAGES
from crm.ledger.values import CellError
from crm.models import CompletionEntry, Project
from crm.services import companies
from crm.services.projects import create_project
from crm.services.stages import move_stage
from tests.core.test_ledger_support import write_xlsx

DISPATCH_HEADER = ["项目名称", "项目业主", "2026年计划投资", "1-11月下旬累计完成投资",
                   "本旬完成投资", "形象进度", "实际开工时间"]  # fmt: skip


def _book(path: Path, title: str, header: list[str], rows: list[list]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "调度"
    sheet.append([title])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _signed_and_funded(s) -> tuple[str, str]:
    """博凤 signed on 2026-06-01; 江南 signed on 2026-03-01, funded on 2026-05-10."""
    signed = create_project(s, name="博凤电子信息产业园项目", planned_investment=Decimal(80000)).id
    move_stage(s, signed, to_stage="signed", on=date(2026, 6, 1), agreement_type="formal",
               skipped={"negotiating": None}, today=date(2026, 12, 4))  # fmt: skip
    funded = create_project(s, name="江南物流园项目", planned_investment=Decimal(30000)).id
    move_stage(s, funded, to_stage="funded", on=date(2026, 5, 10), agreement_type="formal",
               skipped={"negotiating": None, "signed": date(2026, 3, 1)},
               today=date(2026, 12, 4))  # fmt: skip
    return signed, funded


def test_dispatch_start_of_existing_projects_is_an_update_that_says_the_stage_move(
    db, tmp_path: Path
) -> None:
    with db.session() as s:
        signed, funded = _signed_and_funded(s)
    rows = [
        ["博凤电子信息产业园项目", "博凤公司", 5000, 300, 300, "场平", date(2026, 11, 28)],
        ["江南物流园项目", "江南公司", 2000, 150, 150, "", date(2026, 11, 25)],
    ]
    path = _book(tmp_path / "d.xlsx", "2026年南宁市重大项目调度表（11月下旬）", DISPATCH_HEADER,
                 rows)  # fmt: skip
    plan = build_plan(db, path, ImportOptions())
    (sheet,) = plan.sheets
    assert (sheet.new, sheet.updated, sheet.invalid) == (0, 2, 0)
    lines = {c.row: c.line() for c in plan.planned}
    # title on row 1, header on row 2: the projects are on rows 3 and 4
    assert lines[3].startswith("调度 第3行 更新 博凤电子信息产业园项目 — ")
    assert "项目阶段: 签约 → 开工（2026-11-28）" in lines[3]
    assert "本期完成投资: （空） → 300万元" in lines[3]  # the 下旬's entry is new
    assert "项目阶段: 资金到位 → 开工（2026-11-25）" in lines[4]
    assert "形象进度" not in lines[4]  # a blank cell writes nothing to show
    apply_plan(db, plan)
    with db.session() as s:
        assert s.get(Project, signed).stage == "started"
        assert s.get(Project, funded).started_on == date(2026, 11, 25)
        entry = s.query(CompletionEntry).filter_by(project_id=signed).one()
        assert (entry.period_end, entry.amount, entry.year_to_date) == (
            date(2026, 11, 30), Decimal(300), Decimal(300))  # fmt: skip
    again = build_plan(db, path, ImportOptions())
    assert (again.sheets[0].new, again.sheets[0].updated) == (0, 0)


def _stage_refusals(db, path: Path) -> list[str]:
    plan = build_plan(db, path, ImportOptions(today=date(2026, 12, 4)))
    return [p.line() for p in plan.problems if p.code == "stage_date_missing"]


def test_a_stage_without_its_date_says_fill_in_the_column_the_file_has(db, tmp_path: Path) -> None:
    header = ["项目名称", "投资方", "总投资（万元）", "项目阶段", "洽谈时间", "签约时间"]
    path = write_xlsx(tmp_path / "has.xlsx", {"项目": [
        header,
        ["甲项目", "甲公司", 3000, "在谈", None, None],
        ["乙项目", "乙公司", 5000, "签约", date(2026, 3, 1), None],
    ]})  # fmt: skip
    assert _stage_refusals(db, path) == [
        "项目 / 第2行 / 洽谈时间 [E]: 「在谈」项目需要填写“洽谈时间”",
        "项目 / 第3行 / 签约时间 [F]: 「签约」项目需要填写“签约时间”",
    ]


def test_a_stage_without_its_date_column_says_to_add_the_column(db, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "lacks.xlsx", {"项目": [
        ["项目名称", "投资方", "总投资（万元）", "项目阶段"],
        ["甲项目", "甲公司", 3000, "在谈"],
    ]})  # fmt: skip
    assert _stage_refusals(db, path) == [
        "项目 / 第2行 / 项目阶段 [D]: 「在谈」项目需要“洽谈时间”：文件中没有此列，"
        "请添加“洽谈时间”列并填写日期"
    ]


def _exported_with_blanks(db, path: Path, blanks: list[str], edits: dict[str, object]) -> int:
    """The projects sheet exported, then the named cells of its one project's row cleared or
    set as a clerk would in Excel; that row's number."""
    with db.session() as s:
        export_ledger(s, path, sheets=(Sheet.PROJECTS,))
    book = openpyxl.load_workbook(path)
    sheet = book["项目"]
    headers = [c.value for c in sheet[2]]
    for header in blanks:
        sheet.cell(3, headers.index(header) + 1).value = None
    for header, value in edits.items():
        sheet.cell(3, headers.index(header) + 1).value = value
    book.save(path)
    return 3


def test_blank_cells_of_a_row_matched_by_its_id_keep_every_value_on_record(
    db, tmp_path: Path
) -> None:
    """项目名称 is required of a new row only: a row found by its 系统编号 keeps the name on
    record, and every blank cell over a value on record (投资方 too) is pointed out."""
    with db.session() as s:
        cid = companies.create_company(s, name="博凤电子有限公司").id
        pid = create_project(s, name="博凤电子信息产业园项目", company_id=cid,
                             planned_investment=Decimal(5000), notes="园区配套").id  # fmt: skip
    path = tmp_path / "p.xlsx"
    row = _exported_with_blanks(db, path, ["项目名称", "投资方", "备注"], {"总投资（万元）": 6000})
    plan = build_plan(db, path, ImportOptions())
    assert not plan.has_errors, [p.line() for p in plan.problems]
    kept = {p.column.split(" [")[0]: (p.row, p.message_zh) for p in plan.problems
            if p.code == "blank_kept"}  # fmt: skip
    said = "单元格为空，原有内容“{}”保留（空白单元格不清除内容，要改请填写新值）"
    assert kept == {
        "项目名称": (row, said.format("博凤电子信息产业园项目")),
        "投资方": (row, said.format("博凤电子有限公司")),
        "备注": (row, said.format("园区配套")),
    }
    (change,) = plan.planned
    assert change.line() == (
        "项目 第3行 更新 博凤电子信息产业园项目（ZS2026-00001） — 总投资: 5000万元 → 6000万元"
    )
    apply_plan(db, plan)
    with db.session() as s:
        project = s.get(Project, pid)
        assert (project.name, project.company_id, project.notes) == (
            "博凤电子信息产业园项目", cid, "园区配套")  # fmt: skip
        assert project.planned_investment == Decimal(6000)


def test_a_blank_name_is_still_required_of_a_new_row(db, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "new.xlsx", {"项目": [
        ["系统编号", "项目名称", "投资方", "总投资（万元）"],
        ["", None, "某公司", 3000],
    ]})  # fmt: skip
    plan = build_plan(db, path, ImportOptions())
    assert [p.line() for p in plan.problems if p.severity == "error"] == [
        "项目 / 第2行 / 项目名称 [B]: 缺少必填项：项目名称"
    ]


def test_an_amount_in_a_yi_column_is_read_and_refused_in_the_unit_it_was_read_in(
    db, tmp_path: Path
) -> None:
    """总投资（亿元）: 4200 (4200亿元 = 42,000,000万元) and 1000 are taken with a
    warning asking whether 万元 was meant; 999亿元 (9,990,000万元) is plausible and taken
    silently; 50000亿元 = 500,000,000万元 is over the bound of 100,000,000万元 and refused
    naming the unit; a cell that writes its unit itself (4200亿元) was meant so."""
    path = write_xlsx(tmp_path / "yi.xlsx", {"项目": [
        ["项目名称", "投资方", "总投资（亿元）"],
        ["甲项目", "甲公司", 4200],
        ["乙项目", "乙公司", 1000],
        ["丙项目", "丙公司", 999],
        ["丁项目", "丁公司", 50000],
        ["戊项目", "戊公司", "4200亿元"],
    ]})  # fmt: skip
    plan = build_plan(db, path, ImportOptions())
    assert [p.line() for p in plan.problems] == [
        "项目 / 第2行 / 总投资（亿元） [C]: 「4200」按亿元计为42,000,000万元，作为一个项目的金额"
        "过大：是否应为万元？（如无误，仍按亿元导入）",
        "项目 / 第3行 / 总投资（亿元） [C]: 「1000」按亿元计为10,000,000万元，作为一个项目的金额"
        "过大：是否应为万元？（如无误，仍按亿元导入）",
        "项目 / 第5行 / 总投资（亿元） [C]: 「50000」按亿元计为500,000,000万元，超过上限"
        "100,000,000万元：是否应为万元？",
    ]
    assert [p.severity for p in plan.problems] == ["warning", "warning", "error"]
    assert (
        plan.problems[2]
        .line("en")
        .endswith(
            "「50000」read in 亿元 as 500,000,000 万元, over the bound of 100,000,000万元: "
            "was 万元 meant?"
        )
    )
    assert (plan.sheets[0].new, plan.sheets[0].invalid) == (4, 1)
    apply_plan(db, plan)
    with db.session() as s:
        amounts = dict(s.query(Project.name, Project.planned_investment))
    assert amounts == {"甲项目": Decimal(42_000_000), "乙项目": Decimal(10_000_000),
                       "丙项目": Decimal(9_990_000), "戊项目": Decimal(42_000_000)}  # fmt: skip


def test_a_cell_cut_at_excels_limit_is_said_to_be_at_least_that_long() -> None:
    """User test 3: a 40,000-character 备注 came back from Excel as 32,767 characters and was
    refused as 「内容过长：32767 > 20000」 — as if 32,767 were its length. A cell at Excel's
    limit may have been cut: it reads ≥ 32,767; a shorter one its exact length."""
    (notes,) = [f for f in FIELDS[Sheet.PROJECTS] if f.name == "notes"]
    assert notes.max_length == 20_000
    for length, said in ((32_767, "≥ 32,767 > 20,000"), (25_000, "25,000 > 20,000")):
        with pytest.raises(CellError) as refused:
            _limit("备" * length, notes)
        assert refused.value.code == "too_long"
        assert MESSAGES["too_long"][0].format(detail=refused.value.detail) == (
            f"内容过长：{said} 个字符"
        )
