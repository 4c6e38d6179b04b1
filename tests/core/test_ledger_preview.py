"""The preview lists each change the import writes, from the plan apply_plan writes.

A clerk exports the ledger, edits a cell, imports it back: the preview names the record, the
field and both values, and the change log after applying holds exactly that change.
"""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select
from test_ledger_support import make_uscc, write_xlsx

from crm.cli import main
from crm.db import Database, open_database
from crm.ledger import ImportOptions, apply_plan, build_plan, export_ledger
from crm.ledger.fields import Sheet
from crm.ledger.plan_changes import FieldChange
from crm.models import ChangeLog, Company, Project
from crm.queries.project_detail import project_values
from crm.services import companies, problems, projects, teams

TODAY = date(2026, 6, 30)
NAME = "测试QA新能源电池项目"


def seed(db: Database) -> str:
    """Two projects of one investor; the first is the one the QA engineer edits."""
    with db.session() as s:
        cid = companies.create_company(s, name="测试QA电池有限公司").id
        pid = projects.create_project(
            s, name=NAME, company_id=cid, code="ZS-QA-1", planned_investment=Decimal(5000)
        ).id
        projects.create_project(
            s,
            name="测试QA储能项目",
            company_id=cid,
            code="ZS-QA-2",
            planned_investment=Decimal(800),
        )
    return pid


def export_projects(db: Database, path: Path) -> Path:
    with db.session() as s:
        export_ledger(s, path, sheets=(Sheet.PROJECTS,))
    return path


def edit_cell(path: Path, name: str, header: str, value: Any) -> int:
    """Set the `header` cell of the row naming `name` (as openpyxl would); its row number."""
    book = openpyxl.load_workbook(path)
    sheet = book["项目"]
    headers = [c.value for c in sheet[2]]
    names = headers.index("项目名称") + 1
    row = next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, names).value == name)
    sheet.cell(row, headers.index(header) + 1).value = value
    book.save(path)
    return row


def test_an_edited_export_lists_the_one_change_and_applying_writes_exactly_it(
    db: Database, tmp_path: Path
) -> None:
    pid = seed(db)
    path = export_projects(db, tmp_path / "projects.xlsx")
    row = edit_cell(path, NAME, "总投资（万元）", 6500)

    plan = build_plan(db, path, ImportOptions(today=TODAY))

    assert plan.planned_total == 1
    [change] = plan.planned
    assert (change.sheet, change.row, change.status) == ("项目", row, "updated")
    assert change.fields == (
        FieldChange(
            "planned_investment",
            "总投资",
            "planned investment",
            Decimal(5000),
            Decimal(6500),
            "5000万元",
            "6500万元",
            "5000 ×10k CNY",
            "6500 ×10k CNY",
        ),
    )
    assert change.line() == f"项目 第{row}行 更新 {NAME}（ZS-QA-1） — 总投资: 5000万元 → 6500万元"
    assert change.line("en") == (
        f"项目 row {row} update {NAME}（ZS-QA-1） — "
        "planned investment: 5000 ×10k CNY → 6500 ×10k CNY"
    )
    # What apply writes is the same one change: one change-log row, with the same two values.
    apply_plan(db, plan)
    with db.session() as s:
        query = select(ChangeLog).where(ChangeLog.hlc > (plan.fingerprint or ""))
        logged = [(c.table_name, c.record_id, c.op, c.field) for c in s.scalars(query)]
        values = [(c.old_value, c.new_value) for c in s.scalars(query)]
    assert logged == [("project", pid, "update", "planned_investment")]
    assert [tuple(Decimal(v) for v in pair) for pair in values] == [(Decimal(5000), Decimal(6500))]


def test_new_rows_and_filled_cells_are_listed_with_labels(db: Database, tmp_path: Path) -> None:
    seed(db)
    path = export_projects(db, tmp_path / "projects.xlsx")
    edited = edit_cell(path, "测试QA储能项目", "责任人", "张三")
    edit_cell(path, "测试QA储能项目", "是否重大项目", "是")
    book = openpyxl.load_workbook(path)
    sheet = book["项目"]
    headers = [c.value for c in sheet[2]]
    new_row = sheet.max_row + 1
    sheet.cell(new_row, headers.index("项目名称") + 1).value = "测试QA氢能项目"
    sheet.cell(new_row, headers.index("投资方") + 1).value = "测试QA电池有限公司"
    book.save(path)

    plan = build_plan(db, path, ImportOptions(today=TODAY))

    assert [c.line() for c in plan.planned] == [
        f"项目 第{edited}行 更新 测试QA储能项目（ZS-QA-2） — "
        "责任人: （空） → 张三；是否重大项目: 否 → 是",
        # A new record is listed with what it is written with (its investor is on record)
        # and the code it gets: the first of the year's pattern (the seeded codes are not).
        f"项目 第{new_row}行 新增 测试QA氢能项目（ZS2026-00001） — 投资方: 测试QA电池有限公司",
    ]
    english = plan.planned[0].text("en")
    assert english == "responsible person: (empty) → 张三; is major: no → yes"


def test_a_large_plan_lists_the_first_records_and_counts_them_all(
    db: Database, tmp_path: Path, monkeypatch: Any
) -> None:
    from crm.ledger import plan_changes

    seed(db)
    path = export_projects(db, tmp_path / "projects.xlsx")
    edit_cell(path, NAME, "总投资（万元）", 6500)
    edit_cell(path, "测试QA储能项目", "总投资（万元）", 900)
    monkeypatch.setattr(plan_changes, "CHANGE_LIMIT", 1)

    plan = build_plan(db, path, ImportOptions(today=TODAY))

    assert (len(plan.planned), plan.planned_total) == (1, 2)


def test_the_cli_dry_run_prints_the_same_change(
    sqlite_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cli.sqlite"
    shutil.copy(sqlite_template, path)
    database = open_database(path)
    seed(database)
    ledger = export_projects(database, tmp_path / "projects.xlsx")
    database.close()
    row = edit_cell(ledger, NAME, "总投资（万元）", 6500)

    assert main(["--db", str(path), "import", str(ledger), "--dry-run"]) == 0

    out = capsys.readouterr().out
    assert "将写入 / to be written: 1\n" in out
    assert f"  项目 第{row}行 更新 {NAME}（ZS-QA-1） — 总投资: 5000万元 → 6500万元\n" in out


def test_a_stage_move_a_code_and_a_new_investor_read_as_the_ledger_says_them(
    db: Database, tmp_path: Path
) -> None:
    seed(db)
    path = export_projects(db, tmp_path / "projects.xlsx")
    row = edit_cell(path, NAME, "项目阶段", "签约")
    edit_cell(path, NAME, "签约时间", date(2026, 5, 1))
    edit_cell(path, NAME, "协议类型", "正式合同")
    edit_cell(path, NAME, "所属行业", "汽车制造业")
    edit_cell(path, NAME, "投资方", "测试QA另一家公司")

    plan = build_plan(db, path, ImportOptions(today=TODAY))

    assert [c.line() for c in plan.planned] == [
        f"项目 第{row}行 更新 {NAME}（ZS-QA-1） — 所属行业: （空） → 汽车制造业；"
        "投资方: 测试QA电池有限公司 → 测试QA另一家公司（新建）；"
        "项目阶段: 线索 → 签约（2026-05-01，正式合同）"
    ]
    # In English the program's own words are English; names stay as they are written.
    assert plan.planned[0].text("en") == (
        "industry: (empty) → 汽车制造业; investor: 测试QA电池有限公司 → 测试QA另一家公司 (new); "
        "stage: Lead → Signed (2026-05-01, Formal contract)"
    )


def test_list_memberships_team_members_and_targets_are_listed(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        companies.create_company(s, name="测试QA电池有限公司", uscc=make_uscc(31))
        tid = teams.create_team(s, name="驻深圳工作队", leader_name="张三").id
        teams.add_member(s, team_id=tid, person_name="张三", role="leader")
        teams.set_target(s, team_id=tid, year=2026, signed_investment=Decimal(300000))
    path = write_xlsx(
        tmp_path / "sheets.xlsx",
        {
            "企业": [
                ["企业名称", "统一社会信用代码", "企业标签"],
                ["测试QA电池有限公司", make_uscc(31), "世界500强（2025，第120位）"],
            ],
            "工作队": [
                ["工作队名称", "队长", "队员", "目标年度", "签约投资目标（亿元）"],
                ["驻深圳工作队", "张三", "张三（队长）、李四", 2026, 50],
            ],
        },
    )

    plan = build_plan(db, path, ImportOptions(today=TODAY))

    assert [c.line() for c in plan.planned] == [
        "企业 第2行 更新 测试QA电池有限公司 — 企业标签: （新增） → 世界500强（2025）",
        "工作队 第2行 更新 驻深圳工作队 — 签约投资目标: 300000万元 → 500000万元；"
        "队员: （新增） → 李四",
    ]
    # User test 4, finding 7: in English the amounts read in the window's unit, not 万元.
    assert plan.planned[1].text("en") == (
        "signed investment target: 300000 ×10k CNY → 500000 ×10k CNY; members: (added) → 李四"
    )


def test_a_request_s_reply_is_listed_with_its_status(db: Database, tmp_path: Path) -> None:
    header = ["企业名称", "诉求来源", "受理日期", "诉求类别", "诉求内容", "承办单位",
              "办理状态", "答复内容", "答复日期"]  # fmt: skip
    row = ["测试QA电池有限公司", "走访", "2026-11-05", "融资", "贷款难", "金融办"]
    with db.session() as s:
        companies.create_company(s, name="测试QA电池有限公司")
    today = ImportOptions(today=date(2026, 12, 1))
    first = write_xlsx(tmp_path / "a.xlsx", {"诉求": [header, [*row, "办理中", "", ""]]})
    apply_plan(db, build_plan(db, first, today))
    replied = [*row, "已答复", "已协调银行", "2026-11-20"]
    second = write_xlsx(tmp_path / "b.xlsx", {"诉求": [header, replied]})

    plan = build_plan(db, second, today)

    assert [c.line() for c in plan.planned] == [
        "诉求 第2行 更新 测试QA电池有限公司：贷款难 — 办理状态: 办理中 → 已答复；"
        "答复内容: （空） → 已协调银行；答复日期: （空） → 2026-11-20"
    ]


def test_a_company_s_new_group_is_listed_by_name(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        old = companies.create_company(s, name="测试QA甲集团有限公司").id
        companies.create_company(s, name="测试QA乙集团有限公司")
        companies.create_company(s, name="测试QA电池有限公司", parent_id=old)
    path = write_xlsx(
        tmp_path / "companies.xlsx",
        {"企业": [["企业名称", "所属集团"], ["测试QA电池有限公司", "测试QA乙集团有限公司"]]},
    )

    plan = build_plan(db, path, ImportOptions(today=TODAY))

    assert [c.line() for c in plan.planned] == [
        "企业 第2行 更新 测试QA电池有限公司 — 所属集团: 测试QA甲集团有限公司 → 测试QA乙集团有限公司"
    ]


def test_closing_a_problem_lists_its_status_resolution_and_date(
    db: Database, tmp_path: Path
) -> None:
    pid = seed(db)
    with db.session() as s:
        problems.raise_problem(
            s, project_id=pid, category="land", description="缺用地指标",
            raised_on=date(2026, 3, 1), today=TODAY,
        )  # fmt: skip
        path = tmp_path / "problems.xlsx"
        export_ledger(s, path, sheets=(Sheet.PROBLEMS,))
    book = openpyxl.load_workbook(path)
    sheet = book["问题清单"]
    headers = [c.value for c in sheet[2]]
    for header, value in (("办理状态", "已销号"), ("办理结果", "已调剂指标"),
                          ("销号日期", date(2026, 6, 1))):  # fmt: skip
        sheet.cell(3, headers.index(header) + 1).value = value
    book.save(path)

    plan = build_plan(db, path, ImportOptions(today=TODAY))

    assert [c.line() for c in plan.planned] == [
        "问题清单 第3行 更新 测试QA新能源电池项目 — 办理状态: 待办 → 已销号；"
        "办理结果: （空） → 已调剂指标；销号日期: （空） → 2026-06-01"
    ]


def test_a_company_s_place_and_ownership_read_as_labels(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        companies.create_company(s, name="测试QA电池有限公司", hq_region_code="450100")
    path = write_xlsx(
        tmp_path / "companies.xlsx",
        {"企业": [["企业名称", "总部所在地", "企业性质"], ["测试QA电池有限公司", "深圳", "民企"]]},
    )

    plan = build_plan(db, path, ImportOptions(today=TODAY))

    assert [c.line() for c in plan.planned] == [
        "企业 第2行 更新 测试QA电池有限公司 — 企业性质: （空） → 民营；总部所在地: 南宁市 → 深圳市"
    ]


def test_a_place_is_one_line_as_its_cell_reads(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        projects.create_project(
            s, name="测试QA光伏项目", code="ZS-QA-3", source_region_code="440300"
        )
    path = export_projects(db, tmp_path / "projects.xlsx")
    row = edit_cell(path, "测试QA光伏项目", "投资来源地", "法国")

    plan = build_plan(db, path, ImportOptions(today=TODAY))

    assert [c.line() for c in plan.planned] == [
        f"项目 第{row}行 更新 测试QA光伏项目（ZS-QA-3） — 投资来源地: 深圳市 → 法国"
    ]


def test_a_new_row_is_listed_with_the_fields_it_is_written_with(
    db: Database, tmp_path: Path
) -> None:
    seed(db)
    path = export_projects(db, tmp_path / "projects.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["项目"]
    headers = [c.value for c in sheet[2]]
    row = sheet.max_row + 1
    cells = {"项目名称": "测试QA氢能项目", "投资方": "测试QA氢能科技有限公司",
             "投资来源地": "长沙市", "总投资（万元）": 8000, "项目阶段": "签约",
             "签约时间": date(2026, 5, 1), "落地区域": "南宁市武鸣区"}  # fmt: skip
    for header, value in cells.items():
        sheet.cell(row, headers.index(header) + 1).value = value
    book.save(path)

    [change] = build_plan(db, path, ImportOptions(today=TODAY)).planned

    assert change.line() == (
        f"项目 第{row}行 新增 测试QA氢能项目（ZS2026-00001） — "
        "投资方: 测试QA氢能科技有限公司（新建）；"
        "投资来源地: 湖南省长沙市；总投资: 8000万元；项目阶段: 签约；签约时间: 2026-05-01；"
        "落地区域: 南宁市武鸣区"
    )
    assert change.text("en") == (
        "investor: 测试QA氢能科技有限公司 (new); source place: 湖南省长沙市; "
        "planned investment: 8000 ×10k CNY; stage: Signed; signed on: 2026-05-01; "
        "landing region: 南宁市武鸣区"
    )


def test_an_investor_named_only_by_an_invalid_row_is_neither_counted_nor_made(
    db: Database, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "ledger.xlsx",
        {
            "项目": [
                ["项目名称", "投资方", "总投资（万元）", "项目阶段", "签约时间"],
                ["测试QA甲项目", "测试QA甲公司", 5000, "签约", "2026-03-05"],
                # 在谈 with no date: invalid once the stage is planned, after its investor was
                ["测试QA乙项目", "测试QA乙公司", 3000, "在谈", None],
            ]
        },
    )
    plan = build_plan(db, path, ImportOptions(today=TODAY))
    assert [e.name for e in plan.new_companies if e.item is None] == ["测试QA甲公司"]

    result = apply_plan(db, plan)

    assert result.companies_created == 1
    with db.session() as s:
        names = set(s.scalars(select(Company.name)))
    assert "测试QA甲公司" in names and "测试QA乙公司" not in names


@pytest.mark.parametrize("threshold", [0, 10**9], ids=["bulk", "services"])
def test_new_projects_get_the_codes_the_preview_shows_on_either_write_path(
    db: Database, tmp_path: Path, threshold: int
) -> None:
    """New rows without a 项目编号 are numbered in the file's order after the year's highest
    code, passing over a code the file gives another new row; the preview shows each code and
    the import writes exactly those, whichever path writes the rows."""
    with db.session() as s:
        projects.create_project(s, name="已有项目", code="ZS2026-00007")
    path = write_xlsx(tmp_path / "new.xlsx", {"项目": [
        ["项目编号", "项目名称", "总投资（万元）"],
        [None, "测试QA甲项目", 100],
        ["ZS2026-00009", "测试QA乙项目", 200],
        [None, "测试QA丙项目", 300],
        [None, "测试QA丁项目", 400],
    ]})  # fmt: skip
    plan = build_plan(db, path, ImportOptions(today=TODAY, bulk_threshold=threshold))
    shown = [c.line().split(" — ")[0] for c in plan.planned]
    assert shown == [
        "项目 第2行 新增 测试QA甲项目（ZS2026-00008）",
        "项目 第3行 新增 测试QA乙项目（ZS2026-00009）",
        "项目 第4行 新增 测试QA丙项目（ZS2026-00010）",
        "项目 第5行 新增 测试QA丁项目（ZS2026-00011）",
    ]
    assert apply_plan(db, plan).bulk is (threshold == 0)
    with db.session() as s:
        written = {name: code for name, code in s.execute(select(Project.name, Project.code))}
    assert written == {
        "已有项目": "ZS2026-00007",
        "测试QA甲项目": "ZS2026-00008",
        "测试QA乙项目": "ZS2026-00009",
        "测试QA丙项目": "ZS2026-00010",
        "测试QA丁项目": "ZS2026-00011",
    }
    again = build_plan(db, path, ImportOptions(today=TODAY))
    assert again.change_count == 0  # the numbered rows are found again, by name


def test_a_cell_cleared_in_excel_is_said_to_keep_its_value(db: Database, tmp_path: Path) -> None:
    """A blank cell changes nothing; where it stands over a value on record the preview says
    so for that cell, so a clerk who cleared 总投资 in Excel does not believe it gone."""
    pid = seed(db)
    path = export_projects(db, tmp_path / "projects.xlsx")
    row = edit_cell(path, NAME, "总投资（万元）", None)

    plan = build_plan(db, path, ImportOptions(today=TODAY))

    kept = [p for p in plan.problems if p.code == "blank_kept"]
    assert [(p.sheet, p.row, p.column.split(" [")[0]) for p in kept] == [
        ("项目", row, "总投资（万元）")  # with its column letter: 总投资（万元） [I]
    ]
    assert kept[0].message_zh == (
        "单元格为空，原有内容“5000”保留（空白单元格不清除内容，要改请填写新值）"
    )
    assert plan.change_count == 0 and not plan.has_errors  # a notice, not a change
    apply_plan(db, plan)
    with db.session() as s:
        assert s.get(Project, pid).planned_investment == Decimal(5000)


def test_a_stage_without_its_date_names_the_column_to_fill(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "county.xlsx", {"台账": [
        ["项目名称", "投资方", "总投资（万元）", "项目阶段"],
        ["测试QA在谈项目", "测试QA某公司", 3000, "在谈"],
    ]})  # fmt: skip
    [found] = [p for p in build_plan(db, path, ImportOptions(today=TODAY)).problems
               if p.code == "stage_date_missing"]  # fmt: skip
    assert (found.row, found.value, found.message_zh) == (2, "在谈", (
        "项目需要“洽谈时间”：文件中没有此列，请添加“洽谈时间”列并填写日期"
    ))  # fmt: skip


def test_a_funds_entry_that_moves_its_project_says_so_in_the_preview(
    db: Database, tmp_path: Path
) -> None:
    """The first entry of a signed project moves it to 资金到位 (as the window's funds dialog
    announces); the preview lists that move, and 资金来源 in words, not its code."""
    from crm.services import stages

    with db.session() as s:
        pid = projects.create_project(s, name=NAME, code="ZS-QA-9").id
        stages.move_stage(s, pid, to_stage="signed", on=date(2026, 3, 1),
                          agreement_type="formal", skipped={"negotiating": None},
                          today=TODAY)  # fmt: skip
    path = write_xlsx(tmp_path / "funds.xlsx", {"到位资金": [
        ["项目编号", "到位日期", "到位金额（万元）", "资金来源"],
        ["ZS-QA-9", "2026-06-01", "1.5亿", "境外"],
    ]})  # fmt: skip
    plan = build_plan(db, path, ImportOptions(today=TODAY))
    [line] = [c.line() for c in plan.planned]
    assert "资金来源: 境外" in line and "foreign" not in line
    assert line.endswith("项目阶段: 签约 → 资金到位（2026-06-01）")
    apply_plan(db, plan)
    with db.read() as s:
        assert project_values(s, pid)["stage"] == "funded"


def test_another_databases_codes_do_not_turn_one_project_into_another(
    db: Database, tmp_path: Path
) -> None:
    """Each database numbers its own projects: with --from-other-db a row whose 项目编号 is held
    here by a project of another name is matched by name (here: none, so it is new and gets
    this database's next number), never written over that project; a row naming the holder
    itself still matches it."""
    import uuid

    with db.session() as s:
        mine = projects.create_project(s, name="宇景动力电池项目", code="ZS2026-00001").id
    other = ImportOptions(today=TODAY, ignore_unknown_ids=True)
    header = ["系统编号", "项目编号", "项目名称", "总投资（万元）"]
    path = write_xlsx(tmp_path / "other.xlsx", {"项目": [
        header, [str(uuid.uuid4()), "ZS2026-00001", "富誉电子化学品项目", 52000],
    ]})  # fmt: skip
    plan = build_plan(db, path, other)
    [line] = [c.line() for c in plan.planned]
    assert line.startswith("项目 第2行 新增 富誉电子化学品项目（ZS2026-00002）")
    [notice] = [p for p in plan.problems if p.code == "code_elsewhere"]
    assert (notice.row, notice.severity) == (
        2,
        "warning",
    ) and "宇景动力电池项目" in notice.message_zh
    apply_plan(db, plan)
    with db.read() as s:
        assert project_values(s, mine)["name"] == "宇景动力电池项目"
    same = write_xlsx(tmp_path / "same.xlsx", {"项目": [
        header, [str(uuid.uuid4()), "ZS2026-00001", "宇景动力电池项目", 33000],
    ]})  # fmt: skip
    [line] = [c.line() for c in build_plan(db, same, other).planned]
    assert line == "项目 第2行 更新 宇景动力电池项目（ZS2026-00001） — 总投资: 0万元 → 33000万元"
