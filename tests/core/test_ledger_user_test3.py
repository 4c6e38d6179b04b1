"""User test 3's ledger findings, each worked out by hand: a dispatch sheet that starts
existing projects says so in its preview, refusals that fit the file, the blank-cell rule for
every row matched to a record, and amounts in a 亿元 column read with their unit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from crm.ledger import ImportOptions, apply_plan, build_plan
from crm.models import CompletionEntry, Project
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
