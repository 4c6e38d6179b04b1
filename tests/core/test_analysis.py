"""Analysis (分析): totals equal the brief's, breakdowns worked out by hand on the small
world of test_stats_data (amounts in 万元; as of 2026-11-23).

2026-Q1 newly signed: P1 50000 (C, Shenzhen, 深圳队, 500强 via its group), P2 120000 (I,
Shanghai, 上海队, 小巨人 + 瞪羚), P7 5000 (E, Liuzhou, 深圳队, no list) → 3, 175000.
2025-Q1: P5 20000 (Guangzhou, 深圳队), P8 10000 (Japan, no team) → 2, 30000.
Funds 2026-Q1: P1 1000 (Jan) + 2000 (Mar), P2 500 (Mar) → 3500; 2025-Q1: P5 500 + P8 300.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pandas as pd
import pytest
from sqlalchemy.orm import Session
from test_stats_data import TODAY, build_small_world

from crm.analysis import TOTAL, AnalysisSpec, parse_filters, run_analysis
from crm.db import Database
from crm.errors import ValidationError
from crm.periods import parse_period
from crm.stats import brief_figures, parse_scope

D = Decimal
Q1 = parse_period("2026-Q1")


@pytest.fixture
def world(db: Database) -> Iterator[Session]:
    with db.session() as session:
        build_small_world(session)
        yield session


def analyse(session: Session, measure: str, by: str, period: str = "2026-Q1", **kw) -> pd.DataFrame:
    spec = AnalysisSpec(measure, tuple(by.split(",")), parse_period(period), **kw)
    return run_analysis(session, spec, as_of=TODAY)


def column(table: pd.DataFrame, name: str) -> dict[str, object]:
    return {str(k): v for k, v in table[name].items()}


def test_totals_equal_the_briefs_figures(world: Session) -> None:
    brief = brief_figures(world, Q1, parse_scope(world, ""), as_of=TODAY)
    count = analyse(world, "signed_count", "industry")
    amount = analyse(world, "signed_investment", "source_province")
    funds = analyse(world, "funds", "team")
    assert count.loc[TOTAL, "本期"] == brief.signed.total.count.current == 3
    assert count.loc[TOTAL, "上年同期"] == brief.signed.total.count.previous == 2
    assert amount.loc[TOTAL, "本期"] == brief.signed.total.investment.current == D(175000)
    assert funds.loc[TOTAL, "本期"] == brief.funds.total.current == D(3500)
    assert funds.loc[TOTAL, "上年同期"] == brief.funds.total.previous == D(800)
    # Every row of a breakdown sums to the total (industry sections do not overlap).
    assert sum(count["本期"].iloc[:-1]) == 3


def test_one_dimension_with_last_year_change_and_shares(world: Session) -> None:
    table = analyse(world, "signed_investment", "team")
    assert list(table.index) == [
        "南宁市驻上海招商工作队",
        "南宁市驻深圳招商工作队",
        "未落实工作队",
        TOTAL,
    ]
    assert column(table, "本期") == {
        "南宁市驻上海招商工作队": D(120000),
        "南宁市驻深圳招商工作队": D(55000),
        "未落实工作队": 0,
        TOTAL: D(175000),
    }
    assert column(table, "上年同期")["南宁市驻深圳招商工作队"] == D(20000)
    # 55000 against 20000: +175.0%; against a zero base: no change figure.
    assert column(table, "同比(%)")["南宁市驻深圳招商工作队"] == D("175.0")
    assert column(table, "同比(%)")["南宁市驻上海招商工作队"] is None
    assert column(table, "占比(%)")["南宁市驻上海招商工作队"] == D("68.6")  # 120000/175000
    assert table.attrs["row_keys"][-1] is None


def test_source_province_keys_domestic_and_foreign(world: Session) -> None:
    table = analyse(world, "signed_investment", "source_province")
    assert column(table, "本期") == {"上海": D(120000), "广东": D(50000), "广西": D(5000),
                                   "日本": 0, TOTAL: D(175000)}  # fmt: skip
    assert column(table, "上年同期")["日本"] == D(10000)


def test_months_meet_last_years_same_month(world: Session) -> None:
    table = analyse(world, "funds", "month")
    assert list(table.index) == ["2026-01", "2026-03", TOTAL]
    assert column(table, "本期") == {"2026-01": D(1000), "2026-03": D(2500), TOTAL: D(3500)}
    assert column(table, "上年同期")["2026-03"] == D(800)


def test_company_lists_overlap_but_the_total_counts_each_project_once(world: Session) -> None:
    table = analyse(world, "signed_investment", "tag")
    values = column(table, "本期")
    assert values["世界500强"] == values["中国500强"] == D(50000)
    assert values["专精特新小巨人"] == D(120000)
    assert values["无标签"] == D(5000)
    assert values[TOTAL] == D(175000)
    assert any("合计中每个项目只计一次" in n for n in table.attrs["notes"])


def test_two_dimensions_pivot_with_totals_both_ways(world: Session) -> None:
    table = analyse(world, "signed_count", "team,industry")
    sz = table.loc["南宁市驻深圳招商工作队"]
    # 深圳队: P1 manufacturing (C), P7 construction (E); 上海队: P2 (I).
    assert (sz["制造业"], sz["建筑业"], sz[TOTAL]) == (1, 1, 2)
    assert table.loc["南宁市驻上海招商工作队", "信息传输、软件和信息技术服务业"] == 1
    assert table.loc[TOTAL, "制造业"] == 1
    assert table.loc[TOTAL, TOTAL] == 3
    assert table.loc["南宁市驻深圳招商工作队", "上年同期"] == 1  # P5


def test_filters_by_key_or_label(world: Session) -> None:
    by_label = analyse(world, "signed_investment", "industry",
                       filters={"team": ("南宁市驻深圳招商工作队",)})  # fmt: skip
    assert by_label.loc[TOTAL, "本期"] == D(55000)
    by_list = analyse(world, "signed_count", "team", filters={"tag": ("世界500强", "china_500")})
    assert by_list.loc[TOTAL, "本期"] == 1  # P1 once, though its group is on both lists
    groups = analyse(world, "signed_investment", "team", filters={"source_group": ("gba",)})
    assert groups.loc[TOTAL, "本期"] == D(50000)  # P1 Shenzhen


def test_bad_specs_say_what_is_wrong() -> None:
    with pytest.raises(ValidationError, match="未知的指标"):
        AnalysisSpec("profit", ("team",), Q1)
    with pytest.raises(ValidationError, match="一个或两个"):
        AnalysisSpec("funds", ("team", "team"), Q1)
    with pytest.raises(ValidationError, match="维度=值"):
        parse_filters(["colour=red"])
    assert parse_filters(["industry=C，I", "team=甲"]) == {"industry": ("C", "I"), "team": ("甲",)}


def test_spec_round_trips_as_json() -> None:
    spec = AnalysisSpec("funds", ("chain", "month"), parse_period("2025-H2"),
                        filters={"stage": ("signed",)})  # fmt: skip
    assert AnalysisSpec.from_json(spec.to_json()) == spec


def test_english_names_of_industries_regions_and_countries(world: Session) -> None:
    spec = AnalysisSpec("signed_investment", ("source_province",), Q1)
    table = run_analysis(world, spec, as_of=TODAY, language="en")
    assert list(table.index) == ["Shanghai", "Guangdong", "Guangxi", "Japan", TOTAL]
    assert table.index.name == "Source province"
    sections = run_analysis(world, AnalysisSpec("signed_count", ("industry",), Q1),
                            as_of=TODAY, language="en")  # fmt: skip
    assert list(sections.index)[:3] == [
        "Manufacturing",
        "Construction",
        "Information Transmission, Software and Information Technology Services",
    ]
    from crm.queries.project_choices import project_choices

    choices = project_choices(world, "en")
    assert ("C", "C Manufacturing") in choices.industries
    assert ("450100", "Nanning") in choices.cities
    assert ("450000", "Guangxi Zhuang Autonomous Region") in choices.provinces


def test_completed_investment_by_the_entries_ending_in_the_period(world: Session) -> None:
    """完成投资 as reported: P1 600 (1月上旬) + 900 (3月下旬), P7 300 (2月中旬); an entry
    ending 2026-04-10 is Q2's. 2025-Q1: P5 200. Own-area rules do not apply to dispatch."""
    from sqlalchemy import select

    from crm.models import Project
    from crm.services.dispatch import record_completion

    ids = dict(world.execute(select(Project.name, Project.id)).all())
    entries = [
        ("P1 新能源电池项目", date(2026, 1, 10), "600"),
        ("P1 新能源电池项目", date(2026, 3, 31), "900"),
        ("P7 柳州建筑项目", date(2026, 2, 20), "300"),
        ("P7 柳州建筑项目", date(2026, 4, 10), "999"),
        ("P5 去年项目", date(2025, 3, 20), "200"),
    ]
    for name, end, amount in entries:
        record_completion(world, project_id=ids[name], period_end=end, amount=D(amount))
    table = analyse(world, "completed_investment", "month")
    assert column(table, "本期") == {"2026-01": D(600), "2026-02": D(300), "2026-03": D(900),
                                   TOTAL: D(1800)}  # fmt: skip
    assert column(table, "上年同期")["2026-03"] == D(200)
    teams = analyse(world, "completed_investment", "team")
    assert column(teams, "本期")["南宁市驻深圳招商工作队"] == D(1800)


def test_region_groups_overlap_but_the_total_counts_each_project_once(world: Session) -> None:
    """Shenzhen is both 粤港澳大湾区 and 东部地区: P1 sits in two rows, and still counts once
    in the 合计 (3 projects, 175000万元, as the brief), in shares, and in a second
    dimension's totals (深圳队: P1 and P7; 上海队: P2)."""
    count = analyse(world, "signed_count", "source_group")
    amount = analyse(world, "signed_investment", "source_group")
    assert count.loc[TOTAL, "本期"] == 3 and count.loc[TOTAL, "上年同期"] == 2
    assert amount.loc[TOTAL, "本期"] == D(175000)
    assert sum(count["本期"].iloc[:-1]) > 3  # the rows overlap
    gba = count.loc["粤港澳大湾区"]
    assert gba["本期"] == 1 and gba["占比(%)"] == D("33.3")  # 1 of 3, not of the rows' sum
    both = analyse(world, "signed_count", "source_group,team")
    assert column(both, "南宁市驻深圳招商工作队")[TOTAL] == 2
    assert column(both, "南宁市驻上海招商工作队")[TOTAL] == 1
    assert both.loc[TOTAL, "合计"] == 3
