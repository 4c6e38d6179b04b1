"""What the import preview says about rows that cannot stand: a funds row whose project is an
invalid row of the same file (signed on a day still to come), and a team posted until before
it was posted."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from test_ledger_support import write_xlsx

from crm.db import Database
from crm.ledger import ImportOptions, build_plan


def test_a_funds_row_of_an_invalid_project_row_names_that_row(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "l.xlsx",
        {
            "项目": [
                ["项目名称", "投资方", "项目阶段", "签约时间", "总投资（万元）"],
                ["新材料项目", "新材料公司", "签约", "2026-09-05", 500],
            ],
            "到位资金": [
                ["项目名称", "投资方", "到位日期", "到位金额（万元）"],
                ["新材料项目", "新材料公司", "2026-02-01", 100],
            ],
        },
    )
    plan = build_plan(db, path, ImportOptions(today=date(2026, 6, 30)))
    [problem] = [p for p in plan.problems if p.sheet == "到位资金" and p.severity == "error"]
    assert problem.code == "unknown_project"
    assert problem.message_zh == "找不到对应项目：项目 第2行无效 / row 2 of 项目 is invalid"


def test_a_team_posted_until_before_its_posting_is_refused(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "l.xlsx",
        {
            "驻点工作队": [
                ["工作队名称", "派出单位", "驻点城市", "派驻开始", "派驻结束"],
                [
                    "南宁市驻深圳招商工作队",
                    "南宁市投资促进局",
                    "深圳市",
                    "2026-05-01",
                    "2026-04-01",
                ],
            ],
        },
    )
    plan = build_plan(db, path, ImportOptions(today=date(2026, 6, 30)))
    [problem] = [p for p in plan.problems if p.severity == "error"]
    assert (problem.column, problem.message_zh) == (
        "派驻结束 [E]",
        "结束日期早于开始日期 / ends before it starts",
    )
