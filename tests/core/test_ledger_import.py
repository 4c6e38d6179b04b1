"""Importing ledgers as government offices make them, and everything that can be wrong with one."""

from __future__ import annotations

import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from test_ledger_support import diff_snapshots, make_uscc, snapshot, write_xlsx

from crm.db import Database
from crm.ledger import ImportOptions, LedgerError, apply_plan, build_plan
from crm.ledger.mappings import save_mappings
from crm.ledger.problems import ImportCancelled
from crm.models import (
    ChangeLog,
    Company,
    CompanyTag,
    FundsEntry,
    IndustryChain,
    Park,
    Project,
    StageEvent,
    Team,
)
from crm.services import companies as company_service

TODAY = date(2026, 6, 30)
HEADER = ["序号", "项目名称", "投资方", "统一社会信用代码", "总投资（万元）", "项目阶段",
          "签约时间", "开工时间", "投资来源地", "所属行业", "企业类型"]  # fmt: skip


def options(**kwargs: object) -> ImportOptions:
    return ImportOptions(today=TODAY, **kwargs)  # type: ignore[arg-type]


def run(db: Database, path: Path, **kwargs: object):
    plan = build_plan(db, path, options(**kwargs))
    return plan, apply_plan(db, plan)


def projects(db: Database) -> dict[str, Project]:
    with db.session() as s:
        return {p.name: p for p in s.scalars(select(Project))}


def count(db: Database, model: type) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def codes(plan) -> set[str]:
    return {p.code for p in plan.problems}


def simple_ledger(
    tmp_path: Path, rows: list[list[object]], header: list[str] = HEADER, name: str = "ledger.xlsx"
) -> Path:
    return write_xlsx(tmp_path / name, {"项目": [header, *rows]})


# --- the shape of real ledgers ----------------------------------------------------------------


def test_government_workbook_with_titles_merged_header_totals_and_notes(
    sqlite_db: Database, tmp_path: Path
) -> None:
    rows = [
        ["2026年全市招商引资项目台账"],
        ["填报单位：市投资促进局", None, None, None, None, None, None, "单位：万元"],
        ["序号", "项目名称", "投资方", "投资额（亿元）", None, "项目阶段", "签约时间", "备注"],
        [None, None, None, "总投资", "其中外资", None, None, None],
        ["一、新签约项目"],
        [
            1,
            "  年产10万吨\n铝材项目 ",
            "广东某某铝业有限公司",
            1.2,
            0.2,
            "已签约",
            "2026-03-05",
            "重点",
        ],
        [None],
        [2, "电子信息产业园", "深圳某电子集团有限公司", "0.5", None, "已签约", 46090, None],
        [None, "合计", None, "=SUM(D6:D8)", None],
        ["注：本表数据截至2026年3月底。"],
        [None, "数据来源：各县区上报"],
    ]
    path = write_xlsx(
        tmp_path / "ledger.xlsx",
        {"Sheet1": rows},
        {"Sheet1": ["A1:H1", "D3:E3", "A3:A4", "B3:B4", "C3:C4", "F3:F4", "G3:G4", "H3:H4"]},
    )
    plan, result = run(sqlite_db, path)
    summary = plan.sheets[0]
    assert (summary.kind, summary.header_row, summary.new, summary.invalid) == ("projects", 4, 2, 0)
    assert "totals_row" in codes(plan)
    found = projects(sqlite_db)
    assert set(found) == {"年产10万吨铝材项目", "电子信息产业园"}
    aluminium = found["年产10万吨铝材项目"]
    assert aluminium.planned_investment == Decimal("12000")
    assert aluminium.foreign_investment == Decimal("2000")
    assert (aluminium.stage, aluminium.signed_on) == ("signed", date(2026, 3, 5))
    assert aluminium.notes == "重点"
    assert found["电子信息产业园"].signed_on == date(2026, 3, 9)
    assert count(sqlite_db, Company) == 2
    # The database held no records yet: a backup of it would be pointless, and is skipped.
    assert result.written and result.backup is None and "no backup" in result.backup_note
    again = apply_plan(sqlite_db, build_plan(sqlite_db, path, options()))
    assert again.backup is not None and again.backup.exists()


def test_every_date_form(sqlite_db: Database, tmp_path: Path) -> None:
    forms = [46086, "2026-03-05", "2026/3/5", "2026.3.5", "2026年3月5日", "20260305"]
    rows = [
        [n, f"项目{n}", f"企业{n}有限公司", None, 100, "已签约", form, None, None, None, None]
        for n, form in enumerate(forms)
    ]
    rows.append(
        [9, "项目月", "企业月有限公司", None, 100, "已签约", "2026年3月", None, None, None, None]
    )
    run(sqlite_db, simple_ledger(tmp_path, rows))
    found = projects(sqlite_db)
    assert {found[f"项目{n}"].signed_on for n in range(len(forms))} == {date(2026, 3, 5)}
    assert found["项目月"].signed_on == date(2026, 3, 1)


def test_a_date_without_its_day_is_taken_as_the_first_and_said(
    sqlite_db: Database, tmp_path: Path
) -> None:
    """User test 2, finding F7: 签约时间 written 2026.03 became 2026-03-01 without a word, so
    the project counted in 3月上旬 and in the week of 1 March whatever day it was signed."""
    rows = [
        [1, "项目月", "企业月有限公司", None, 100, "已签约", "2026.03", None, None, None, None],
        [2, "项目日", "企业日有限公司", None, 100, "已签约", "2026.3.5", None, None, None, None],
    ]
    plan, _ = run(sqlite_db, simple_ledger(tmp_path, rows))
    said = [(p.row, p.value, p.message_zh, p.severity) for p in plan.problems
            if p.code == "date_month_only"]  # fmt: skip
    message = "只写了年月，按2026-03-01计（日期影响旬报、周报的统计，请补上日）"
    assert said == [(2, "2026.03", message, "warning")]
    assert projects(sqlite_db)["项目月"].signed_on == date(2026, 3, 1)


def test_amount_forms_units_and_dollars(sqlite_db: Database, tmp_path: Path) -> None:
    header = ["项目名称", "投资方", "总投资（万元）", "其中外资（万美元）"]
    rows = [
        ["甲", "甲公司", "12,000", 100],
        ["乙", "乙公司", "1.2亿", None],
        ["丙", "丙公司", "3000万", None],
        ["丁", "丁公司", 2500.5, None],
    ]
    plan, _ = run(sqlite_db, simple_ledger(tmp_path, rows, header), usd_rate=Decimal("7"))
    found = projects(sqlite_db)
    assert found["甲"].planned_investment == Decimal("12000")
    assert found["甲"].foreign_investment == Decimal("700")
    assert found["乙"].planned_investment == Decimal("12000")
    assert found["丙"].planned_investment == Decimal("3000")
    assert found["丁"].planned_investment == Decimal("2500.5")
    assert plan.invalid_count == 0


def test_a_subtotal_row_is_named_as_skipped(sqlite_db: Database, tmp_path: Path) -> None:
    """User test 2, finding F21: 跳过 2 with only the 合计 row named; the 小计 row above it
    was skipped without a line."""
    header = ["序号", "项目名称", "投资方", "总投资（万元）"]
    rows = [[1, "甲项目", "甲公司", 100], [None, "小计", None, 100], ["合计", None, None, 100]]
    plan = build_plan(sqlite_db, simple_ledger(tmp_path, rows, header), ImportOptions(today=TODAY))
    said = [(p.row, p.value, p.message_zh) for p in plan.problems if p.severity == "info"]
    assert said == [(3, "小计", "小计行，已跳过"), (4, "合计", "合计行，已跳过")]
    assert plan.sheets[0].skipped == 2


def test_a_dollar_amount_in_a_yuan_column_says_the_rate(
    sqlite_db: Database, tmp_path: Path
) -> None:
    """User test 2, finding F8: 100万美元 in a 总投资（万元） cell became 710万元 at the default
    rate without a note (a 万美元 column gets one)."""
    header = ["项目名称", "投资方", "总投资（万元）"]
    path = simple_ledger(tmp_path, [["甲", "甲公司", "100万美元"]], header)
    plan = build_plan(sqlite_db, path, ImportOptions(today=TODAY))
    notes = [(p.column, p.message_zh) for p in plan.problems if p.code == "usd_rate_used"]
    assert notes == [("总投资（万元） [C]", "美元金额按汇率 7.1 折算为万元")]


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_csv_in_chinese_excel_encodings(sqlite_db: Database, tmp_path: Path, encoding: str) -> None:
    text = (
        "2026年项目台账,,,\n项目名称,投资方,总投资（万元）,签约时间\n"
        '年产5万吨铝型材项目,南宁铝业有限公司,"1,500",2026/3/5\n合计,,1500,\n'
    )
    path = tmp_path / "ledger.csv"
    path.write_bytes(text.encode(encoding))
    plan, _ = run(sqlite_db, path)
    project = projects(sqlite_db)["年产5万吨铝型材项目"]
    assert project.planned_investment == Decimal("1500")
    assert project.signed_on == date(2026, 3, 5) and project.stage == "signed"
    assert plan.sheets[0].new == 1


def test_places_industries_and_tags_resolve(sqlite_db: Database, tmp_path: Path) -> None:
    rows = [
        [
            1,
            "甲项目",
            "甲公司",
            make_uscc(1),
            100,
            None,
            None,
            None,
            "广东省深圳市",
            "汽车制造业",
            "世界500强、上市公司",
        ],
        [
            2,
            "乙项目",
            "乙公司",
            None,
            100,
            None,
            None,
            None,
            "香港",
            "C39",
            "专精特新小巨人（2024）",
        ],
        [3, "丙项目", "丙公司", None, 100, None, None, None, "法国", "36", None],
        [4, "丁项目", "丁公司", None, 100, None, None, None, "深圳", "制造业", "民营企业"],
    ]
    plan, _ = run(sqlite_db, simple_ledger(tmp_path, rows))
    found = projects(sqlite_db)
    assert (found["甲项目"].source_region_code, found["甲项目"].industry_code) == ("440300", "36")
    assert found["甲项目"].source_class == "out_of_province"
    assert (found["乙项目"].source_region_code, found["乙项目"].source_class) == (
        "810000",
        "foreign",
    )
    assert (found["丙项目"].source_country_code, found["丙项目"].industry_code) == ("FR", "36")
    assert found["丁项目"].industry_code == "C"
    with sqlite_db.session() as s:
        tags = set(s.execute(select(CompanyTag.tag, CompanyTag.edition_year)))
    assert tags == {("fortune_global_500", None), ("listed", None), ("little_giant", 2024)}
    assert "unknown_tag" in codes(plan)  # 民营企业 is an ownership, not a list membership


# --- matching and updates ------------------------------------------------------------------


def test_reimport_changes_nothing_and_an_updated_ledger_updates(
    db: Database, tmp_path: Path
) -> None:
    rows = [
        [
            1,
            "铝材项目",
            "某某铝业有限公司",
            make_uscc(7),
            1000,
            "已签约",
            "2026-01-05",
            None,
            "深圳",
            None,
            "上市公司",
        ],
        [
            2,
            "电子项目",
            "某电子有限公司",
            None,
            800,
            "已签约",
            "2026-02-01",
            None,
            None,
            None,
            None,
        ],
    ]
    path = simple_ledger(tmp_path, rows)
    run(db, path)
    logged = count(db, ChangeLog)
    plan, _ = run(db, path)
    assert [(s.new, s.updated, s.unchanged) for s in plan.sheets] == [(0, 0, 2)]
    assert count(db, ChangeLog) == logged
    rows[0][4], rows[0][5], rows[0][7] = 1200, "已开工", "2026-04-01"
    rows[1][2] = "某电子有限公司"  # same investor, same project: still one project
    plan, _ = run(db, simple_ledger(tmp_path, rows, name="v2.xlsx"))
    assert [(s.new, s.updated, s.unchanged) for s in plan.sheets] == [(0, 1, 1)]
    project = projects(db)["铝材项目"]
    assert project.planned_investment == Decimal("1200")
    assert (project.stage, project.started_on, project.funded_on) == (
        "started",
        date(2026, 4, 1),
        None,
    )
    with db.session() as s:
        history = s.execute(
            select(StageEvent.stage, StageEvent.kind, StageEvent.not_applicable)
            .where(StageEvent.project_id == project.id)
            .order_by(StageEvent.sequence)
        ).all()
    assert history[-2:] == [("funded", "skip", True), ("started", "advance", False)]
    assert count(db, Project) == 2 and count(db, Company) == 2


def test_companies_match_by_credit_code_then_name(sqlite_db: Database, tmp_path: Path) -> None:
    code = make_uscc(11)
    with sqlite_db.session() as s:
        company_service.create_company(s, name="广西某某有限公司", uscc=code)
        company_service.create_company(s, name="南宁某某科技有限公司")
    rows = [
        [1, "甲", "广西某某（集团）有限公司", code, 100, None, None, None, None, None, None],
        [2, "乙", "南宁某某科技股份有限公司", None, 100, None, None, None, None, None, None],
    ]
    run(sqlite_db, simple_ledger(tmp_path, rows))
    assert count(sqlite_db, Company) == 2


def test_similar_company_names_are_shown_not_merged(sqlite_db: Database, tmp_path: Path) -> None:
    with sqlite_db.session() as s:
        existing = company_service.create_company(s, name="深圳市华为技术有限公司").id
    rows = [
        [1, "云计算中心", "深圳华为技术有限公司", None, 100, None, None, None, None, None, None]
    ]
    path = simple_ledger(tmp_path, rows)
    plan = build_plan(sqlite_db, path, options())
    assert plan.fuzzy and plan.fuzzy[0].candidates[0][0] == existing
    assert "fuzzy_company" in codes(plan)
    plan = build_plan(sqlite_db, path, options(merge_companies={"深圳华为技术有限公司": existing}))
    apply_plan(sqlite_db, plan)
    assert count(sqlite_db, Company) == 1
    assert projects(sqlite_db)["云计算中心"].company_id == existing


# --- stages -------------------------------------------------------------------------------


def test_stage_without_its_date_is_reported_not_invented(
    sqlite_db: Database, tmp_path: Path
) -> None:
    rows = [
        [1, "缺开工日期", "甲公司", None, 100, "已开工", "2026-01-05", None, None, None, None],
        [
            2,
            "开工早于签约",
            "乙公司",
            None,
            100,
            "已开工",
            "2026-03-05",
            "2026-01-01",
            None,
            None,
            None,
        ],
        [3, "将来签约", "丙公司", None, 100, "已签约", "2027-01-01", None, None, None, None],
        [4, "好项目", "丁公司", None, 100, "已开工", "2026-01-05", "2026-02-01", None, None, None],
    ]
    plan, _ = run(sqlite_db, simple_ledger(tmp_path, rows))
    assert plan.sheets[0].invalid == 3
    found = {(p.row, p.code) for p in plan.problems}
    assert {(2, "stage_date_missing"), (3, "stage_rule"), (4, "stage_rule")} <= found
    assert set(projects(sqlite_db)) == {"好项目"}
    project = projects(sqlite_db)["好项目"]
    assert (project.stage, project.funded_on) == ("started", None)


def test_funded_date_comes_from_the_funds_sheet(sqlite_db: Database, tmp_path: Path) -> None:
    book = {
        "项目": [
            [
                "项目编号",
                "项目名称",
                "投资方",
                "总投资（万元）",
                "项目阶段",
                "签约时间",
                "开工时间",
            ],
            ["P1", "已开工有资金", "甲公司", 1000, "已开工", "2026-01-05", "2026-03-01"],
            ["P2", "已签约有资金", "乙公司", 1000, "已签约", "2026-01-05", None],
            ["P3", "已开工无资金", "丙公司", 1000, "已开工", "2026-01-05", "2026-03-01"],
        ],
        "到位资金": [
            ["项目编号", "项目名称", "到位日期", "到位金额（万元）", "资金来源"],
            ["P1", None, "2026-02-10", 300, "省外境内"],
            ["P1", None, "2026-02-01", 200, None],
            [None, "已签约有资金", "2026-04-01", 50, None],
        ],
    }
    plan, _ = run(sqlite_db, write_xlsx(tmp_path / "book.xlsx", book))
    assert [(s.kind, s.new) for s in plan.sheets] == [("projects", 3), ("funds", 3)]
    found = projects(sqlite_db)
    assert found["已开工有资金"].funded_on == date(2026, 2, 1)
    assert (found["已签约有资金"].stage, found["已签约有资金"].funded_on) == (
        "funded",
        date(2026, 4, 1),
    )
    assert found["已开工无资金"].funded_on is None
    with sqlite_db.session() as s:
        total = s.scalar(select(func.sum(FundsEntry.amount)))
    assert total == Decimal("550")


def test_dropped_project_needs_date_and_reason(sqlite_db: Database, tmp_path: Path) -> None:
    header = ["项目名称", "投资方", "项目阶段", "签约时间", "终止时间", "终止原因"]
    rows = [
        ["甲", "甲公司", "终止", "2026-01-05", "2026-05-01", "企业战略调整"],
        ["乙", "乙公司", "已终止", "2026-01-05", "2026-05-01", None],
    ]
    plan, _ = run(sqlite_db, simple_ledger(tmp_path, rows, header))
    assert "drop_reason_missing" in codes(plan)
    project = projects(sqlite_db)["甲"]
    assert (project.stage, project.signed_on, project.dropped_on) == (
        "dropped",
        date(2026, 1, 5),
        date(2026, 5, 1),
    )


# --- references --------------------------------------------------------------------------------


def test_unknown_teams_parks_and_chains_need_consent(sqlite_db: Database, tmp_path: Path) -> None:
    header = ["项目名称", "投资方", "驻点工作队", "落地园区", "产业链"]
    rows = [["甲", "甲公司", "南宁市驻深圳招商工作队", "南宁高新区", "氢能产业链"]]
    path = simple_ledger(tmp_path, rows, header)
    plan, _ = run(sqlite_db, path)
    assert set(plan.missing) == {"team", "park", "chain"}
    assert count(sqlite_db, Team) == 0 and count(sqlite_db, Park) == 0
    assert projects(sqlite_db)["甲"].team_id is None
    plan, result = run(sqlite_db, path, create_missing=True)
    assert result.created_refs == {
        "team": ["南宁市驻深圳招商工作队"],
        "park": ["南宁高新区"],
        "chain": ["氢能产业链"],
    }
    project = projects(sqlite_db)["甲"]
    assert project.team_id and project.park_id and project.chain_code
    with sqlite_db.session() as s:
        assert s.get(IndustryChain, project.chain_code).name_zh == "氢能产业链"
    plan, _ = run(sqlite_db, path)
    assert not plan.missing and plan.sheets[0].unchanged == 1


# --- several sheets -------------------------------------------------------------------------------


def test_workbook_with_every_kind_of_sheet(sqlite_db: Database, tmp_path: Path) -> None:
    book = {
        "Sheet1": [
            [
                "工作队名称",
                "派出单位",
                "驻点城市",
                "覆盖区域",
                "队长",
                "队员",
                "目标年度",
                "签约投资目标（亿元）",
                "签约项目数目标",
            ],
            [
                "驻深圳工作队",
                "市投促局",
                "深圳",
                "粤港澳大湾区",
                "张三",
                "张三（队长）、李四（副队长，13800138000）、王五",
                2026,
                50,
                20,
            ],
        ],
        "Sheet2": [
            ["企业名称", "统一社会信用代码", "总部所在地", "企业性质", "企业标签", "所属集团"],
            ["某某集团有限公司", make_uscc(21), "北京", "国有", "世界500强（2025，第120位）", None],
            [
                "某某新能源有限公司",
                make_uscc(22),
                "广东深圳",
                "国企",
                "上市公司",
                "某某集团有限公司",
            ],
        ],
        "Sheet3": [
            [
                "项目编号",
                "项目名称",
                "投资方",
                "总投资（万元）",
                "项目阶段",
                "签约时间",
                "驻点工作队",
            ],
            [
                "X1",
                "储能电池项目",
                "某某新能源有限公司",
                50000,
                "已签约",
                "2026-02-01",
                "驻深圳工作队",
            ],
        ],
        "Sheet4": [["项目编号", "到位日期", "到位金额（万元）"], ["X1", "2026-03-01", 5000]],
        "Sheet5": [
            ["日期", "方式", "项目名称", "内容", "下一步", "下一步期限"],
            ["2026-03-02", "实地考察", "储能电池项目", "考察选址", "报送用地申请", "2026-04-01"],
        ],
        "Sheet6": [
            [
                "项目编号",
                "问题类别",
                "问题描述",
                "责任单位",
                "提出日期",
                "办理状态",
                "办理结果",
                "销号日期",
            ],
            [
                "X1",
                "用地",
                "需协调用地指标",
                "自然资源局",
                "2026-03-05",
                "已办结",
                "已协调",
                "2026-04-10",
            ],
        ],
    }
    plan, _result = run(sqlite_db, write_xlsx(tmp_path / "book.xlsx", book))
    assert [(s.kind, s.new, s.invalid) for s in plan.sheets] == [
        ("teams", 1, 0),
        ("companies", 2, 0),
        ("projects", 1, 0),
        ("funds", 1, 0),
        ("activities", 1, 0),
        ("problems", 1, 0),
    ]
    project = projects(sqlite_db)["储能电池项目"]
    assert (project.stage, project.funded_on, project.source_region_code) == (
        "funded",
        date(2026, 3, 1),
        "440300",
    )
    with sqlite_db.session() as s:
        team = s.scalar(select(Team))
        assert team is not None and project.team_id == team.id
        assert team.region_group_code == "gba" and team.station_region_code == "440300"
        child = s.scalar(select(Company).where(Company.name == "某某新能源有限公司"))
        parent = s.scalar(select(Company).where(Company.name == "某某集团有限公司"))
        assert child is not None and parent is not None and child.parent_id == parent.id
        assert child.ownership == "state"
    plan, _ = run(sqlite_db, write_xlsx(tmp_path / "book.xlsx", book))
    assert all(s.new == 0 and s.updated == 0 for s in plan.sheets), plan.sheets


# --- bad input --------------------------------------------------------------------------------


def _fake_encrypted(path: Path) -> Path:
    # What Excel writes for a password-protected workbook: an OLE container with this stream.
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 504
        + "EncryptedPackage".encode("utf-16-le")
        + b"\x00" * 1024
    )
    return path


def _corrupt(path: Path, tmp_path: Path) -> Path:
    good = simple_ledger(tmp_path, [[1, "甲", "甲公司"]], name="good.xlsx")
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


@pytest.mark.parametrize(
    ("name", "make", "code"),
    [
        ("empty.xlsx", lambda p, t: (p.write_bytes(b"") and p) or p, "empty_file"),
        ("empty.csv", lambda p, t: p.write_text("\n\n", encoding="utf-8"), "empty_file"),
        (
            "report.xlsx",
            lambda p, t: (p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\n1 0 obj") and p) or p,
            "not_excel",
        ),
        (
            "image.csv",
            lambda p, t: (p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00") and p) or p,
            "not_spreadsheet",
        ),
        ("locked.xlsx", lambda p, t: _fake_encrypted(p), "password"),
        ("broken.xlsx", _corrupt, "corrupt"),
        (
            "words.csv",
            lambda p, t: (p.write_text("随便写的一段话\n没有表头\n", encoding="utf-8") and p) or p,
            "no_header",
        ),
    ],
)
def test_unusable_files_get_a_clear_message(
    sqlite_db: Database, tmp_path: Path, name: str, make, code: str
) -> None:
    path = tmp_path / name
    make(path, tmp_path)
    before = snapshot(sqlite_db)
    with pytest.raises(LedgerError) as info:
        build_plan(sqlite_db, path, options())
    assert info.value.code == code
    assert name in info.value.message_zh and info.value.message_en
    assert diff_snapshots(before, snapshot(sqlite_db)) == {}


def test_docx_is_not_a_spreadsheet(sqlite_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "notice.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(LedgerError) as info:
        build_plan(sqlite_db, path, options())
    assert info.value.code == "not_spreadsheet"


def test_bad_cells_are_reported_with_sheet_row_and_column(
    sqlite_db: Database, tmp_path: Path
) -> None:
    long_name = "超长" * 200
    rows = [
        [1, "负数项目", "甲公司", None, -100, None, None, None, None, None, None],
        [2, "文字金额", "乙公司", None, "约三千万", None, None, None, None, None, None],
        [3, "错日期", "丙公司", None, 100, "已签约", "2026-02-30", None, None, None, None],
        [4, "错代码", "丁公司", make_uscc(3)[:-1] + "X", 100, None, None, None, None, None, None],
        [5, long_name, "戊公司", None, 100, None, None, None, None, None, None],
        [6, "  \n好项目\n ", " 己公司 ", None, " 100 ", None, None, None, None, None, None],
    ]
    plan, _ = run(sqlite_db, simple_ledger(tmp_path, rows))
    by_row = {p.row: p for p in plan.problems if p.severity == "error"}
    assert (by_row[2].code, by_row[2].column, by_row[2].value) == (
        "negative",
        "总投资（万元） [E]",
        "-100",
    )
    assert by_row[3].code == "bad_amount" and by_row[3].value == "约三千万"
    assert by_row[4].code == "no_such_date" and by_row[4].column.startswith("签约时间")
    assert by_row[5].code == "bad_uscc" and "校验位" in by_row[5].message_zh
    assert by_row[6].code == "too_long" and len(by_row[6].value) <= 80
    assert all(p.sheet == "项目" for p in by_row.values())
    assert set(projects(sqlite_db)) == {"好项目"}
    with sqlite_db.session() as s:
        assert s.scalar(select(Company.name)) == "己公司"


def test_duplicate_codes_and_repeated_headers(sqlite_db: Database, tmp_path: Path) -> None:
    header = ["项目编号", "项目名称", "投资方", "项目名称", "总投资（万元）"]
    rows = [
        ["A1", "甲", "甲公司", "甲副本", 1],
        ["A1", "乙", "乙公司", "乙副本", 2],
        ["A2", "丙", "丙公司", "丙副本", 3],
    ]
    plan, _ = run(sqlite_db, simple_ledger(tmp_path, rows, header))
    assert "repeated_header" in codes(plan)
    duplicates = [p for p in plan.problems if p.code == "duplicate_code"]
    assert {p.row for p in duplicates} == {2, 3}
    assert set(projects(sqlite_db)) == {"丙"}


def test_formulas_use_cached_values_and_report_missing_ones(
    sqlite_db: Database, tmp_path: Path
) -> None:
    rows = [
        [1, "有公式", "甲公司", None, "=1000*2", None, None, None, None, None, None],
        [2, "有缓存值", "乙公司", None, "=100*3", None, None, None, None, None, None],
    ]
    path = simple_ledger(tmp_path, rows)
    _give_cached_value(path, "E3", "300")
    plan, _ = run(sqlite_db, path)
    missing = [p for p in plan.problems if p.code == "formula_no_value"]
    assert [(p.row, p.column) for p in missing] == [(2, "总投资（万元） [E]")]
    assert projects(sqlite_db)["有缓存值"].planned_investment == Decimal("300")
    assert "有公式" not in projects(sqlite_db)


def _give_cached_value(path: Path, cell: str, value: str) -> None:
    """Write the value Excel would have cached for a formula cell (openpyxl writes none)."""
    with zipfile.ZipFile(path) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    text = files[sheet].decode()
    start = text.index(f'<c r="{cell}"')
    end = text.index("</c>", start)
    cell_xml = text[start:end].replace("<v />", "").replace("<v/>", "") + f"<v>{value}</v>"
    files[sheet] = (text[:start] + cell_xml + text[end:]).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)


def test_strict_mode_writes_all_or_nothing(db: Database, tmp_path: Path) -> None:
    rows = [
        [1, "好项目", "甲公司", None, 100, None, None, None, None, None, None],
        [2, "坏项目", "乙公司", None, -1, None, None, None, None, None, None],
    ]
    path = simple_ledger(tmp_path, rows)
    plan = build_plan(db, path, options(strict=True))
    with pytest.raises(LedgerError) as info:
        apply_plan(db, plan)
    assert info.value.code == "strict_blocked"
    assert count(db, Project) == 0 and count(db, Company) == 0
    _, result = run(db, path)
    assert set(projects(db)) == {"好项目"}
    if db.path is None:
        assert result.backup is None and "PostgreSQL" in result.backup_note


def test_cancelled_import_leaves_the_database_as_it_was(
    sqlite_db: Database, tmp_path: Path
) -> None:
    rows = [
        [
            n,
            f"项目{n}",
            f"企业{n}有限公司",
            None,
            100,
            "已签约",
            "2026-01-05",
            None,
            None,
            None,
            None,
        ]
        for n in range(1200)
    ]
    path = simple_ledger(tmp_path, rows)
    plan = build_plan(sqlite_db, path, options())
    before = snapshot(sqlite_db)
    calls = {"n": 0}

    def cancel_midway() -> bool:
        calls["n"] += 1
        return calls["n"] > 1

    with pytest.raises(ImportCancelled):
        apply_plan(sqlite_db, plan, should_cancel=cancel_midway)
    assert diff_snapshots(before, snapshot(sqlite_db)) == {}
    assert count(sqlite_db, ChangeLog) == 0 or count(sqlite_db, Project) == 0


def test_user_mapping_and_saved_mapping(sqlite_db: Database, tmp_path: Path) -> None:
    header = ["招商项目", "合作方", "总投资（万元）", "联络员"]
    path = simple_ledger(tmp_path, [["甲", "甲公司", 100, "张三"]], header)
    plan = build_plan(sqlite_db, path, options(mapping={"招商项目": "name", "合作方": "company"}))
    assert {c.header for c in plan.layouts["项目"].unmatched} == {"联络员"}
    save_mappings({"招商项目": "name", "合作方": "projects.company", "联络员": "-"})
    plan, _ = run(sqlite_db, path)
    assert plan.sheets[0].new == 1 and not plan.layouts["项目"].unmatched
    with sqlite_db.session() as s:
        assert s.scalar(select(Company.name)) == "甲公司"


def test_bulk_path_writes_what_the_services_write(tmp_path: Path, sqlite_template: Path) -> None:
    import shutil

    from crm.db import open_database

    book = {
        "项目": [
            [
                "项目编号",
                "项目名称",
                "投资方",
                "统一社会信用代码",
                "总投资（万元）",
                "项目阶段",
                "签约时间",
                "开工时间",
                "投产时间",
                "资金到位时间",
                "投资来源地",
                "企业类型",
            ]
        ]
        + [
            [
                f"B{n}",
                f"项目{n}",
                f"企业{n % 7}有限公司",
                make_uscc(100 + n % 7),
                100 + n,
                ["已签约", "已开工", "已投产", "在谈"][n % 4],
                "2025-01-05",
                "2025-03-01" if n % 4 in (1, 2) else None,
                "2025-09-01" if n % 4 == 2 else None,
                "不适用" if n % 4 == 2 else None,
                "深圳",
                "上市公司" if n % 2 else None,
            ]
            for n in range(40)
        ],
        "到位资金": [["项目编号", "到位日期", "到位金额（万元）"]]
        + [[f"B{n}", "2025-02-01", 10] for n in range(0, 40, 4)],
    }
    book["项目"][1 + 3][5] = "已签约"  # a few dated negotiating projects would need 洽谈时间
    path = write_xlsx(tmp_path / "book.xlsx", book)
    results = []
    for threshold in (0, 10**9):
        target = tmp_path / f"db{threshold}.sqlite"
        shutil.copy(sqlite_template, target)
        database = open_database(target)
        plan = build_plan(database, path, options(bulk_threshold=threshold))
        result = apply_plan(database, plan)
        assert result.bulk is (threshold == 0)
        results.append((snapshot(database), [(s.new, s.invalid) for s in plan.sheets]))
        database.close()
    assert results[0][1] == results[1][1]
    assert diff_snapshots(results[0][0], results[1][0]) == {}


@pytest.mark.parametrize("threshold", [0, 10**9])
def test_tags_reach_existing_companies_on_both_paths(
    sqlite_db: Database, tmp_path: Path, threshold: int
) -> None:
    with sqlite_db.session() as s:
        company_service.create_company(s, name="广西某某有限公司", uscc=make_uscc(31))
    rows = [[1, "甲", "广西某某有限公司", None, 100, None, None, None, None, None, "上市公司"],
            [2, "乙", "新公司", None, 100, None, None, None, None, None, "独角兽"]]  # fmt: skip
    run(sqlite_db, simple_ledger(tmp_path, rows), bulk_threshold=threshold)
    with sqlite_db.session() as s:
        tags = set(s.execute(select(Company.name, CompanyTag.tag).join(CompanyTag)).all())
    assert tags == {("广西某某有限公司", "listed"), ("新公司", "unicorn")}
