"""Figures a bureau chief read wrong (QA on the Q3 printouts), each worked out by hand.

The tests' bureau is 南宁市投资促进局, 450100 (a city of Guangxi), as of 2026-11-23.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from test_stats_data import TODAY, Builder

from crm.db import Database
from crm.models import Park, Project
from crm.periods import parse_period
from crm.services import dispatch as svc
from crm.services.settings import set_setting
from crm.stats import brief_figures, parse_scope
from crm.stats.targets import park_choices, ranking, target_figures

D = Decimal
Q1 = parse_period("2026-Q1")


@pytest.fixture
def b(db: Database) -> Iterator[Builder]:
    with db.session() as session:
        yield Builder(session)


# --- 1. targets count as the brief does: the bureau's own area left out ------------------


def _own_area_targets(b: Builder) -> None:
    """I from Nanning itself (市内, 30000, funds 1000, started), K from Shenzhen (区外境内,
    10000, funds 500, started): both signed in January, landing in 兴宁区 (450102), in park
    东盟经开区. Targets: the bureau 10 projects / 100000 / 5000 funds / 4 started; 兴宁区 and
    the park 100000 each."""
    park = Park(name="东盟经开区")
    b.session.add(park)
    b.session.flush()
    for name, region, amount, funds in (
        ("I 市内项目", "450100", "30000", "1000"),
        ("K 深圳项目", "440300", "10000", "500"),
    ):
        b.project(name, investment=amount, signed=date(2026, 1, 5), region=region,
                  landing="450102", funds_entries=[(date(2026, 2, 1), funds)],
                  started=date(2026, 3, 1))  # fmt: skip
        project = b.session.get(Project, b.ids[name])
        assert project is not None
        project.park_id = park.id
    b.session.flush()
    b.ids["park"] = park.id
    for measure, value in (
        ("signed_projects", 10),
        ("signed_investment", 100000),
        ("funds_in_place", 5000),
        ("started_projects", 4),
    ):
        svc.set_target(b.session, year=2026, scope="bureau", measure=measure, value=value)
    svc.set_target(b.session, year=2026, scope="county", region_code="450102",
                   measure="signed_investment", value=100000)  # fmt: skip
    svc.set_target(b.session, year=2026, scope="park", park_id=park.id,
                   measure="signed_investment", value=100000)  # fmt: skip


def _actuals(b: Builder) -> dict[tuple[str, str], Decimal]:
    return {(r.scope, r.measure): r.actual for r in target_figures(b.session, Q1).rows}


def test_targets_leave_out_the_own_area_as_the_brief_does(b: Builder) -> None:
    """Only K counts: 1 project, 10000 (10% of 兴宁区's and the park's 100000), funds 500,
    1 started — the brief's 表1 says the same 1 project and 10000."""
    _own_area_targets(b)
    assert _actuals(b) == {
        ("bureau", "signed_projects"): 1,
        ("bureau", "signed_investment"): D(10000),
        ("bureau", "funds_in_place"): D(500),
        ("bureau", "started_projects"): 1,
        ("county", "signed_investment"): D(10000),
        ("park", "signed_investment"): D(10000),
    }
    brief = brief_figures(b.session, Q1, parse_scope(b.session, ""), as_of=TODAY)
    assert brief.signed.total.count.current == 1
    assert brief.signed.total.investment.current == D(10000)
    assert brief.funds.total.current == D(500)
    # The ranked notices (表2, 表9) read the same figures.
    (county,) = ranking(b.session, Q1, "county", "signed_investment").rows
    assert (county.name, county.actual, county.rate_pct) == ("兴宁区", D(10000), D(10))
    (park,) = ranking(b.session, Q1, "park", "signed_investment").rows
    assert (park.name, park.actual, park.rate_pct) == ("东盟经开区", D(10000), D(10))


def test_targets_count_the_own_area_when_the_setting_says_so(b: Builder) -> None:
    """With include_own_area, I counts too: 2 projects, 40000, funds 1500, 2 started."""
    _own_area_targets(b)
    set_setting(b.session, "include_own_area", True)
    got = _actuals(b)
    assert got[("bureau", "signed_projects")] == 2
    assert got[("bureau", "signed_investment")] == D(40000)
    assert got[("bureau", "funds_in_place")] == D(1500)
    assert got[("bureau", "started_projects")] == 2
    assert got[("county", "signed_investment")] == D(40000)
    assert got[("park", "signed_investment")] == D(40000)


# --- 5. parks read in pinyin order, not code-point order ---------------------------------


def test_parks_are_listed_in_pinyin_order(b: Builder) -> None:
    """Code points put 上林 (U+4E0A) before 东盟 (U+4E1C), 兴宁, 南宁; pinyin reads dong, nan,
    shang, xing. Every park has a target of 1 project and none signed: all rank 1 (0%)."""
    names = ["上林产业园", "东盟经开区", "兴宁园区", "南宁高新区"]
    for name in names:
        park = Park(name=name)
        b.session.add(park)
        b.session.flush()
        svc.set_target(b.session, year=2026, scope="park", park_id=park.id,
                       measure="signed_projects", value=1)  # fmt: skip
    pinyin = ["东盟经开区", "南宁高新区", "上林产业园", "兴宁园区"]
    assert [r.name for r in target_figures(b.session, Q1).rows] == pinyin
    rows = ranking(b.session, Q1, "park", "signed_projects").rows
    assert [(r.name, r.rank) for r in rows] == [(name, 1) for name in pinyin]
    assert [name for _, name in park_choices(b.session)] == pinyin


# --- 2. 销号 and 办结 say what they count -------------------------------------------------


def test_closed_out_and_finished_say_what_they_count(b: Builder) -> None:
    """Q1: P1 raised 2025-12-01, closed 2026-02-01 (销号 in Q1, not raised in it); P2 raised
    2026-01-10, closed 2026-02-10; P3 raised 2026-02-01, open. 新收集 2, 销号 2 (P1, P2);
    received 2, 办结 1 (P2 only: P1 came before the period), 办结率 50.0%; open at the end 1."""
    from crm.reports.record_tables import problems_table
    from crm.reports.request_tables import request_sentence, summary_table
    from crm.reports.summary import _problems

    b.project("A 项目", investment="1000")
    b.problem("A 项目", "land", raised=date(2025, 12, 1), closed=date(2026, 2, 1))
    b.problem("A 项目", "land", raised=date(2026, 1, 10), closed=date(2026, 2, 10))
    b.problem("A 项目", "land", raised=date(2026, 2, 1))
    f = brief_figures(b.session, Q1, parse_scope(b.session, ""), as_of=TODAY)
    assert _problems(f) == (
        "问题协调方面，新收集项目问题2个，本期销号2个（含以前收集的问题）；"
        "期末尚有1个问题未办结，其中逾期0个。"
    )
    assert problems_table(f).note == "本期销号含以前收集、本期销号的问题。"
    assert request_sentence(f.requests) == (
        "本期收到企业诉求0件、项目问题2件；受理2件，其中本期收到的已办结1件，办结率50.0%，"
        "按时办结率100.0%；期末未办结1件，其中逾期0件。"
    )
    assert summary_table(f.requests).note.startswith(
        "办结 = 本期受理且至期末已办结的件数（不含以前受理、本期办结的）；办结率 = 办结 ÷ 受理"
    )


# --- 3. the team table: no skipped ranks, no chart leader folded away as idle -------------


def test_team_table_ranks_without_gaps_and_keeps_the_chart_leaders(b: Builder) -> None:
    """2026-Q2. 甲 (target 10000) signed 8000 in February: 80%, first, nothing this quarter.
    乙 (target 10000) signed 3000 in May: 30%. Without targets, by this year's investment:
    丁 5000 in February (nothing this quarter), 戊 1000 in May. Overall ranks 甲1 乙2 丁3 戊4.
    The table lists 甲 (the chart's leader), 乙 and 戊 as 1, 2, 3; 丁 alone is folded."""
    from crm.reports.tables import brief_tables, chart_teams

    for team, target, amount, day in (
        ("甲队", "10000", "8000", date(2026, 2, 1)),
        ("乙队", "10000", "3000", date(2026, 5, 1)),
        ("丁队", None, "5000", date(2026, 2, 2)),
        ("戊队", None, "1000", date(2026, 5, 2)),
    ):
        b.team(team, target_wan=target)
        b.project(f"{team}项目", investment=amount, signed=day, team=team)
    f = brief_figures(b.session, parse_period("2026-Q2"), parse_scope(b.session, ""), as_of=TODAY)
    assert [(r.name, r.rank) for r in f.teams.rows] == [
        ("甲队", 1), ("乙队", 2), ("丁队", 3), ("戊队", 4),
    ]  # fmt: skip
    assert [r.name for r in chart_teams(f)] == ["甲队", "乙队"]
    table = brief_tables(f)["驻点工作队"]
    assert [(r[0], r[1], r[2]) for r in table.rows] == [
        (1, "甲队", 0),
        (2, "乙队", 1),
        (3, "戊队", 1),
        ("", "其余1支工作队本期未签约且无到位资金", ""),
        ("", "合计", 2),
    ]
    assert "排名为本表所列工作队按完成率的名次" in table.note


# --- 4. source classes nearest first in the brief's tables -------------------------------


def test_source_class_tables_read_nearest_first(b: Builder) -> None:
    """Q1: J from 柳州 (区内市外, 20000, funds 300), K from Shenzhen (区外境内, 10000, funds 500),
    L from Japan (境外, 5000). 表3 and 表12 list 区内市外, 区外境内, 境外, then the total."""
    from crm.reports.tables import brief_tables

    b.project("J 柳州项目", investment="20000", signed=date(2026, 1, 6), region="450200",
              funds_entries=[(date(2026, 2, 1), "300")])  # fmt: skip
    b.project("K 深圳项目", investment="10000", signed=date(2026, 1, 7), region="440300",
              funds_entries=[(date(2026, 2, 2), "500")])  # fmt: skip
    b.project("L 日资项目", investment="5000", signed=date(2026, 1, 8), region=None, country="JP")
    tables = brief_tables(brief_figures(b.session, Q1, parse_scope(b.session, ""), as_of=TODAY))
    signed = [(r[0], r[1]) for r in tables["分来源类别"].rows]
    assert signed == [("区内市外", 1), ("区外境内", 1), ("境外（含港澳台）", 1), ("合计", 3)]
    funds = [(r[0], r[1]) for r in tables["到位资金来源"].rows]
    assert funds == [
        ("区内市外", D("0.03")),
        ("区外境内", D("0.05")),
        ("境外", D(0)),
        ("合计", D("0.08")),
    ]
