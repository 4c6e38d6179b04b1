"""Ledgers as bureaus really write them: headers, units, source words relative to the bureau,
and the teams' coverage regions (region groups, the national urban agglomerations)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from test_ledger_support import write_xlsx

from crm.db import Database, open_database
from crm.ledger import ImportOptions, apply_plan, build_plan
from crm.models import FundsEntry, Project, RegionGroup, RegionGroupMember, Team, TeamTarget
from crm.services import companies, projects, stages
from crm.services.settings import set_setting

TODAY = date(2026, 6, 30)


def options(**kwargs: Any) -> ImportOptions:
    return ImportOptions(today=TODAY, **kwargs)


def _fields(plan: Any, sheet: str) -> dict[str, str | None]:
    summary = next(s for s in plan.sheets if s.sheet == sheet)
    return {c.header: c.field for c in summary.columns}


# --- 6. header synonyms ------------------------------------------------------------------------


def test_dispatch_sheet_headers_planned_is_not_actual(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "调度.xlsx",
        {
            "重大项目调度": [
                ["单位：亿元"],
                ["项目名称", "项目业主", "计划总投资", "计划开工时间", "实际开工时间",
                 "竣工投产时间", "形象进度", "包保领导"],
                ["铝精深加工项目", "广西某铝业有限公司", 1.5, "2026-03-01", "2026-04-10",
                 None, "主体完工", "王副市长"],
            ]
        },
    )  # fmt: skip
    plan = build_plan(db, path, options())
    fields = _fields(plan, "重大项目调度")
    assert fields["项目业主"] == "company"
    assert fields["计划开工时间"] == "expected_start_on"
    assert fields["实际开工时间"] == "started_on"
    assert fields["竣工投产时间"] == "operating_on"
    # Columns nobody reads are listed, each with the field it looks most like.
    unmatched = {p.column: p for p in plan.problems if p.code == "unmatched_column"}
    assert set(unmatched) == {"形象进度 [G]", "包保领导 [H]"}
    assert all("--map" not in p.message_zh for p in unmatched.values())
    item = plan.items["projects"][0]
    assert item.values["planned_investment"] == Decimal(15000)  # 单位：亿元 above the table
    assert item.values["expected_start_on"] == date(2026, 3, 1)


def test_an_unknown_column_gets_the_closest_field_as_a_suggestion(
    db: Database, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "l.xlsx",
        {
            "项目": [
                ["项目名称", "投资方", "总投资（万元）", "计划竣工时间"],
                ["甲", "甲公司", 10, "2027-01-01"],
            ]
        },
    )
    plan = build_plan(db, path, options())
    [note] = [p for p in plan.problems if p.code == "unmatched_column"]
    assert "最接近的字段" in note.message_zh and "closest field" in note.message_en


TARGET_HEADER = ["工作队名称", "目标年度", "签约目标（亿元）", "签约项目数目标",
                 "到位资金目标任务（万元）"]  # fmt: skip


def test_team_targets_as_ledgers_write_them(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "t.xlsx",
        {
            "工作队": [
                TARGET_HEADER,
                ["驻深圳工作队", 2026, 20, 8, 50000],
                ["驻上海工作队", 2026, "5亿", 3, None],
            ]
        },
    )  # fmt: skip
    plan = build_plan(db, path, options())
    assert not plan.has_errors, [p.line() for p in plan.problems]
    apply_plan(db, plan)
    with db.session() as s:
        targets = {
            t.signed_investment: (t.signed_projects, t.funds_in_place)
            for t in s.scalars(select(TeamTarget))
        }
    assert targets == {Decimal(200000): (8, Decimal(50000)), Decimal(50000): (3, None)}


def test_amounts_in_us_dollars_in_the_header(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "l.xlsx",
        {"项目": [["项目名称", "投资方", "合同投资额（万美元）"], ["外资项目", "某外企", 100]]},
    )
    plan = build_plan(db, path, options(usd_rate=Decimal("7")))
    assert plan.items["projects"][0].values["planned_investment"] == Decimal(700)


def test_the_english_windows_units_are_read_with_and_without_a_map(
    db: Database, tmp_path: Path
) -> None:
    """×100M CNY is 亿元 and ×10k CNY is 万元 (the English window's unit words), in a
    header the importer knows and in one the user maps with --map: 1.3 is 13000万元, never
    1.3万元; a note “Unit: ×100M CNY” above the table is the sheet's unit."""
    path = write_xlsx(
        tmp_path / "en.xlsx",
        {
            "Projects": [
                ["Project name", "Investor", "Planned (×100M CNY)", "Agreed (x100M CNY)",
                 "Annual output (×10k CNY)"],
                ["Alpha", "Alpha Co.", 1.3, 2, 1500],
            ],
            "Sheet2": [
                ["Unit: ×100M CNY"],
                ["Project name", "Investor", "Planned"],
                ["Beta", "Beta Co.", 0.25],
            ],
        },
    )  # fmt: skip
    mapping = {"Agreed (x100M CNY)": "foreign_investment",
               "Annual output": "expected_annual_output"}  # fmt: skip
    plan = build_plan(db, path, options(mapping=mapping))
    alpha, beta = (i.values for i in plan.items["projects"])
    assert alpha["planned_investment"] == Decimal(13000)
    assert alpha["foreign_investment"] == Decimal(20000)
    assert alpha["expected_annual_output"] == Decimal(1500)
    assert beta["planned_investment"] == Decimal(2500)


def test_english_names_of_industries_places_and_stages_are_read(
    db: Database, tmp_path: Path
) -> None:
    """The names the English window shows read back as their codes; a city name two cities
    share is read as neither (the window writes “Taizhou (Zhejiang)”)."""
    path = write_xlsx(
        tmp_path / "en.xlsx",
        {
            "Projects": [
                ["Project name", "Investor", "Industry", "Source", "Stage", "Signed on"],
                ["A", "A Co.", "Manufacture of Electrical Machinery and Equipment", "Qinzhou",
                 "Signed", "2026-03-01"],
                ["B", "B Co.", "Real Estate", "Taizhou (Zhejiang)", "Lead", None],
                ["C", "C Co.", "Wholesale Trade", "Hebei Province", "Lead", None],
                ["D", "D Co.", "Retail Trade", "Taizhou", "Lead", None],
            ],
        },
    )  # fmt: skip
    plan = build_plan(db, path, options())
    a, b, c, d = plan.items["projects"]
    assert a.values["industry"] == "38" and a.values["source"] == ("450700", "CN")
    assert a.values["stage"] == "signed"
    assert b.values["industry"] == "70" and b.values["source"] == ("331000", "CN")
    assert c.values["industry"] == "51" and c.values["source"] == ("130000", "CN")
    assert "source" not in d.values
    refused = [p.line() for p in plan.problems if p.row == 5]
    assert refused == [
        "Projects / 第5行 / Source [D]: 「Taizhou」有多个同名的城市：Taizhou (Jiangsu)、"
        "Taizhou (Zhejiang)，请按其中一个填写（括号内为所在省份）"
    ]


# --- 7. source words relative to the bureau ---------------------------------------------------


def _signed(db: Database, name: str) -> str:
    with db.session() as s:
        cid = companies.create_company(s, name=f"{name}公司").id
        pid = projects.create_project(s, name=name, company_id=cid).id
        stages.move_stage(
            s, pid, to_stage="signed", on=date(2026, 1, 1), skipped={"negotiating": None}
        )
    return pid


def test_source_words_are_classed_relative_to_an_autonomous_region_city(
    db: Database, tmp_path: Path
) -> None:
    """A 南宁 (广西) city bureau: 区内 = in the province, 区外 = out of it, 市外 says neither."""
    for name in ("甲", "乙", "丙", "丁"):
        _signed(db, name)
    path = write_xlsx(
        tmp_path / "f.xlsx",
        {
            "到位资金": [
                ["项目名称", "到位日期", "到位金额（万元）", "资金来源"],
                ["甲", "2026-02-01", 10, "区内"],
                ["乙", "2026-02-01", 20, "区外境内"],
                ["丙", "2026-02-01", 30, "境外资金"],
                ["丁", "2026-02-01", 40, "市外"],
            ]
        },
    )
    plan = build_plan(db, path, options())
    assert not plan.has_errors
    [note] = [p for p in plan.problems if p.code == "source_undetermined"]
    assert note.row == 5 and note.severity == "warning"
    apply_plan(db, plan)
    with db.session() as s:
        sources = {f.amount: f.source for f in s.scalars(select(FundsEntry))}
    assert sources[Decimal(10)] == "in_province"
    assert sources[Decimal(20)] == "out_of_province"
    assert sources[Decimal(30)] == "foreign"
    assert sources[Decimal(40)] is not None  # from the project's own source class


def test_a_place_column_saying_only_a_class_is_a_warning_not_a_refusal(
    db: Database, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "l.xlsx",
        {"项目": [["项目名称", "投资方", "投资来源地"], ["甲", "甲公司", "区外"]]},
    )
    plan = build_plan(db, path, options())
    assert plan.new_count == 1 and not plan.has_errors
    assert [p.code for p in plan.problems if p.severity == "warning"] == ["place_is_class"]


def test_province_bureau_reads_sheng_nei(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        set_setting(s, "bureau_region_code", "450000")
    _signed(db, "甲")
    path = write_xlsx(
        tmp_path / "f.xlsx",
        {
            "资金": [
                ["项目名称", "到位日期", "到位金额（万元）", "资金来源"],
                ["甲", "2026-02-01", 1, "省内"],
            ]
        },
    )
    apply_plan(db, build_plan(db, path, options()))
    with db.session() as s:
        assert s.scalar(select(FundsEntry.source)) == "in_province"


# --- 8. teams and region groups --------------------------------------------------------------


def test_coverage_regions_match_loosely_and_unknown_ones_never_refuse_the_team(
    db: Database, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "t.xlsx",
        {
            "驻点工作队": [
                ["工作队名称", "覆盖区域"],
                ["驻成都工作队", "成渝地区"],
                ["驻上海工作队", "长江三角洲"],
                ["驻武汉工作队", "长江中游城市群"],
                ["驻北极工作队", "北极圈经济带"],
            ]
        },
    )
    plan = build_plan(db, path, options())
    assert plan.new_count == 4 and not plan.has_errors
    [warning] = [p for p in plan.problems if p.code == "missing_group"]
    assert warning.row == 5
    apply_plan(db, plan)
    with db.session() as s:
        groups = dict(s.execute(select(Team.name, Team.region_group_code)).all())
    assert groups == {
        "驻成都工作队": "chengyu",
        "驻上海工作队": "yrd",
        "驻武汉工作队": "yangtze_middle",
        "驻北极工作队": None,
    }


def test_an_unknown_coverage_region_is_created_with_consent(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "t.xlsx",
        {"驻点工作队": [["工作队名称", "覆盖区域"], ["驻东盟工作队", "东盟国家"]]},
    )
    plan = build_plan(db, path, options(create_missing=True))
    assert list(plan.missing) == ["region_group"]
    result = apply_plan(db, plan)
    assert result.created_refs == {"region_group": ["东盟国家"]}
    with db.session() as s:
        code = s.scalar(select(Team.region_group_code))
        assert s.get(RegionGroup, code).name_zh == "东盟国家"


def test_urban_agglomerations_reach_databases_made_before_them(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    database = open_database(path)
    with database.session() as s:  # a database from before: the four core groups only
        old = ("gba", "yrd", "jjj", "chengyu")
        s.execute(delete(RegionGroupMember).where(RegionGroupMember.group_code.not_in(old)))
        s.execute(delete(RegionGroup).where(RegionGroup.code.not_in(old)))
        s.get(RegionGroup, "gba").name_zh = "大湾区（本局改名）"
    database.close()
    database = open_database(path)
    with database.session() as s:
        codes = set(s.scalars(select(RegionGroup.code)))
        assert {"central_plains", "beibu_gulf", "north_tianshan", "east"} <= codes
        assert s.get(RegionGroup, "gba").name_zh == "大湾区（本局改名）"  # edits are kept
        members = set(
            s.scalars(
                select(RegionGroupMember.region_code).where(
                    RegionGroupMember.group_code == "beibu_gulf"
                )
            )
        )
        assert {"450100", "440800", "460100"} <= members
    database.close()


def test_projects_of_a_team_import_under_the_group_they_name(db: Database, tmp_path: Path) -> None:
    """A whole ledger whose team sheet names an unknown group still brings its projects."""
    path = write_xlsx(
        tmp_path / "l.xlsx",
        {
            "驻点工作队": [["工作队名称", "覆盖区域"], ["驻某地工作队", "某某区域"]],
            "项目": [
                ["项目名称", "投资方", "总投资（万元）", "驻点工作队"],
                ["甲", "甲公司", 10, "驻某地工作队"],
            ],
        },
    )
    apply_plan(db, build_plan(db, path, options()))
    with db.session() as s:
        team = s.scalars(select(Team)).one()
        assert s.scalars(select(Project)).one().team_id == team.id
