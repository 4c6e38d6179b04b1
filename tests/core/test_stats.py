"""Statistics against a small hand-built data set; every expected figure is worked out by hand.

The data set (tests/core/test_stats_data.py, amounts in 万元):
  2026-Q1 signed: P1 50000 (01-01, manufacturing, Shenzhen, via parent's 世界500强 + 中国500强,
  team SZ), P2 120000 (03-31, software, Shanghai, 小巨人 + 瞪羚, team SH), P7 5000 (02-10,
  construction, Liuzhou = in province, team SZ, started 02-20). P3 signed 04-01 (outside),
  P4 deleted. 2025-Q1 signed: P5 20000 (02-15, Guangzhou, team SZ), P8 10000 (03-31, Japan).
  Funds 2026-Q1: P1 1000 (01-15) + 2000 (03-31), P2 500 (03-31) = 3500; P1's 4000 on 04-01,
  P7's deleted 700 and P4's 9999 do not count. 2025-Q1: P5 500 + P8 300 = 800.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session
from test_stats_data import Builder, build_small_world

from crm.db import Database
from crm.periods import parse_period
from crm.services import teams
from crm.services.settings import set_setting
from crm.stats import BUREAU, Cancelled, brief_figures, dashboard_figures, parse_scope
from crm.stats.jsonout import figures_to_json
from crm.stats.model import BriefFigures, Figure, Row
from crm.stats.scope import area_word, scope_choices

Q1 = parse_period("2026-Q1")
D = Decimal


@pytest.fixture
def world(db: Database) -> Iterator[tuple[Session, Builder]]:
    with db.session() as session:
        builder = build_small_world(session)
        yield session, builder


@pytest.fixture
def q1(world: tuple[Session, Builder]) -> BriefFigures:
    return brief_figures(world[0], Q1)


def row(rows: tuple[Row, ...], key: str) -> Row:
    return next(r for r in rows if r.key == key)


def test_newly_signed_totals_count_period_boundaries_once(q1: BriefFigures) -> None:
    total = q1.signed.total
    assert (total.count.current, total.count.previous) == (3, 2)
    assert (total.investment.current, total.investment.previous) == (D(175000), D(30000))
    assert round(total.investment.change_pct, 2) == D("483.33")
    assert q1.signed.ytd is None  # a quarter starting 1 January is its own year to date


def test_industries_and_manufacturing_share(q1: BriefFigures) -> None:
    s = q1.signed
    assert [r.key for r in s.by_section if r.count.current] == ["C", "E", "I"]
    assert row(s.by_section, "I").investment.current == D(120000)
    assert s.manufacturing.investment == Figure(D(50000), D(30000))
    assert s.manufacturing.count == Figure(1, 2)
    assert round(s.manufacturing.share.current, 3) == D("28.571")
    assert s.manufacturing.share.previous == 100
    assert round(s.manufacturing.share.change_points, 1) == D("-71.4")
    assert s.non_manufacturing.investment.current == D(125000)


def test_sources_regions_and_countries(q1: BriefFigures) -> None:
    s = q1.signed
    classes = {r.key: (r.count.current, r.investment.current) for r in s.by_source_class}
    assert classes == {
        "out_of_province": (2, D(170000)),
        "foreign": (0, D(0)),
        "in_province": (1, D(5000)),
    }
    assert row(s.by_source_class, "foreign").investment.previous == D(10000)
    assert row(s.by_region_group, "gba").investment == Figure(D(50000), D(20000))
    assert row(s.by_region_group, "yrd").investment == Figure(D(120000), D(0))
    assert row(s.by_region_group, "yrd").investment.change_pct is None
    assert s.key_regions.count == Figure(2, 1)
    assert s.key_regions.investment == Figure(D(170000), D(20000))
    assert s.key_regions.investment.change_pct == 750
    assert [r.key for r in s.by_province if r.count.current] == ["310000", "440000", "450000"]
    assert [(r.key, r.count.previous) for r in s.by_country] == [("JP", 1)]


def test_company_tags_through_the_parent_group(q1: BriefFigures) -> None:
    s = q1.signed
    fortune = row(s.by_tag, "fortune_global_500")
    assert (fortune.count.current, fortune.firms, fortune.investment.current) == (1, 1, D(50000))
    assert row(s.by_tag, "little_giant").investment.current == D(120000)
    assert row(s.by_tag, "unicorn").count.current == 0
    # On two 500强 lists, counted once.
    assert (s.top_500.count.current, s.top_500.investment.current, s.top_500.firms) == (
        1,
        D(50000),
        1,
    )
    assert round(s.top_500.share.current, 1) == D("28.6")


def test_teams_breakdown_and_size_bands(q1: BriefFigures) -> None:
    s = q1.signed
    by_team = {r.label: (r.count.current, r.investment.current) for r in s.by_team}
    assert by_team == {
        "南宁市驻上海招商工作队": (1, D(120000)),
        "南宁市驻深圳招商工作队": (2, D(55000)),
        "未落实工作队": (0, D(0)),  # P8 last year had no team
    }
    bands = {r.key: (r.count.current, r.count.previous) for r in s.size_bands}
    # 以上 includes the threshold: P8 is exactly 1亿.
    assert bands == {"10000": (2, 2), "100000": (1, 0), "500000": (0, 0), "1000000": (0, 0)}
    assert [r.label for r in s.size_bands] == [
        "亿元以上",
        "10亿元以上",
        "50亿元以上",
        "100亿元以上",
    ]


def test_funds_in_place(q1: BriefFigures) -> None:
    f = q1.funds
    assert f.total == Figure(D(3500), D(800))
    assert f.total.change_pct == D("337.5")
    assert f.manufacturing == Figure(D(3000), D(800))
    assert round(f.manufacturing_share.current, 2) == D("85.71")
    sources = {r.key: r.amount for r in f.by_source}
    assert sources["out_of_province"] == Figure(D(3500), D(500))
    assert sources["foreign"] == Figure(D(0), D(300))
    assert [(p.label, p.amount, p.previous) for p in f.trend] == [
        ("1月", D(1000), D(0)),
        ("2月", D(0), D(0)),
        ("3月", D(2500), D(800)),
    ]


def test_stage_movements_and_pipeline(q1: BriefFigures) -> None:
    st = q1.stages
    assert st.movement("signed").period.count == Figure(3, 2)
    assert st.movement("funded").period.count == Figure(2, 2)  # P1 01-15, P2 03-31 / P5, P8
    # The 资金到位 row's amount is money received in the period, not the planned investment.
    assert st.movement("funded").period.investment == Figure(D(3500), D(800))
    assert st.movement("started").period.count == Figure(1, 0)
    assert st.movement("started").period.investment.change_pct is None
    assert st.movement("operating").period.count == Figure(0, 0)
    pipeline = {p.stage: (p.count, p.investment) for p in st.pipeline}
    assert pipeline["signed"] == (1, D(30000))  # P6
    assert pipeline["funded"] == (4, D(200000))  # P1, P2, P5, P8
    assert pipeline["started"] == (1, D(5000))  # P7
    assert pipeline["lead"] == (0, D(0))  # P3 only signed in April and was made after


def test_team_targets_completion_and_rank(q1: BriefFigures) -> None:
    t = q1.teams
    assert t.elapsed_pct == 25
    first, second = t.rows
    assert (first.rank, first.name) == (1, "南宁市驻深圳招商工作队")
    assert first.completion_pct == 55  # 55000 of 100000
    assert first.ahead_points == 30
    assert first.funds.current == D(3000)
    assert first.signed.investment.previous == D(20000)
    assert first.stalled.signed_not_started == 1  # P5: signed 2025-02-15, never started
    assert (second.rank, second.completion_pct, second.ahead_points) == (2, None, None)
    total = t.total
    assert total.signed.count.current == 3
    assert total.share == 100
    assert total.completion_pct == 175  # 175000 against the only target, 100000


def test_problems(q1: BriefFigures) -> None:
    p = q1.problems
    assert (p.total.raised, p.total.closed, p.total.open_at_end, p.total.overdue_at_end) == (
        3,
        1,
        3,
        1,
    )
    land = next(r for r in p.by_category if r.key == "land")
    assert (land.raised, land.overdue_at_end) == (1, 1)  # P4's land problem is deleted with it
    (overdue,) = p.overdue
    assert (overdue.project_name, overdue.days_overdue) == ("P1 新能源电池项目", 31)


def test_key_projects_largest_first(q1: BriefFigures) -> None:
    names = [p.name for p in q1.key_projects]
    assert names == ["P2 软件研发中心", "P1 新能源电池项目", "P7 柳州建筑项目"]
    p1 = q1.key_projects[1]
    assert p1.tags == ("fortune_global_500", "china_500")
    assert (p1.stage, p1.team_name, p1.source_label) == (
        "funded",
        "南宁市驻深圳招商工作队",
        "深圳市",
    )


def test_month_with_year_to_date_and_zero_base(world: tuple[Session, Builder]) -> None:
    figures = brief_figures(world[0], parse_period("2026-02"))
    s = figures.signed
    assert s.total.investment == Figure(D(5000), D(20000))
    assert round(s.total.investment.change_pct, 1) == D("-75.0")
    assert s.ytd is not None
    assert s.ytd.investment == Figure(D(55000), D(20000))
    assert figures.funds.ytd == Figure(D(1000), D(0))
    assert figures.funds.ytd.change_pct is None  # previous-year zero
    assert figures.stages.movement("started").ytd is not None
    assert figures.teams.elapsed_pct == D(200) / 12


@pytest.mark.parametrize(
    ("scope_text", "count", "investment"),
    [
        ("team:南宁市驻深圳招商工作队", 2, D(55000)),
        ("source:粤港澳大湾区", 1, D(50000)),
        ("source:gba", 1, D(50000)),
        ("source:上海", 1, D(120000)),
        ("source:省内", 1, D(5000)),
        ("place:南宁市", 1, D(5000)),
        ("place:450102", 1, D(5000)),
        ("bureau", 3, D(175000)),
    ],
)
def test_scopes(world: tuple[Session, Builder], scope_text: str, count: int, investment: Decimal
                ) -> None:  # fmt: skip
    session = world[0]
    figures = brief_figures(session, Q1, parse_scope(session, scope_text))
    assert figures.signed.total.count.current == count
    assert figures.signed.total.investment.current == investment


def test_team_scope_shows_only_that_team(world: tuple[Session, Builder]) -> None:
    session = world[0]
    figures = brief_figures(session, Q1, parse_scope(session, "team:南宁市驻深圳招商工作队"))
    assert [r.name for r in figures.teams.rows] == ["南宁市驻深圳招商工作队"]
    assert figures.funds.total.current == D(3000)
    assert figures.problems.total.raised == 2  # P1 land, P5 labour


def test_source_scope_by_country(world: tuple[Session, Builder]) -> None:
    session = world[0]
    figures = brief_figures(session, Q1, parse_scope(session, "source:日本"))
    assert figures.signed.total.investment == Figure(D(0), D(10000))


def test_deleted_team_counts_as_no_team(world: tuple[Session, Builder]) -> None:
    session, b = world
    teams.delete_team(session, b.ids["南宁市驻上海招商工作队"])
    figures = brief_figures(session, Q1)
    assert figures.signed.total.investment.current == D(175000)
    assert row(figures.signed.by_team, "").investment.current == D(120000)
    assert [r.name for r in figures.teams.rows] == ["南宁市驻深圳招商工作队"]


def test_empty_period_gives_zeros(world: tuple[Session, Builder]) -> None:
    figures = brief_figures(world[0], parse_period("2030-Q1"), as_of=date(2030, 4, 1))
    assert figures.signed.total.count == Figure(0, 0)
    assert figures.signed.total.investment.change_pct is None
    assert figures.signed.manufacturing.share.current == 0
    assert figures.funds.total.current == 0
    assert figures.key_projects == ()
    assert json.dumps(figures_to_json(figures))


def test_progress_and_cancel(world: tuple[Session, Builder]) -> None:
    seen: list[float] = []
    brief_figures(world[0], Q1, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) > 5
    calls = iter(range(100))
    with pytest.raises(Cancelled):
        brief_figures(world[0], Q1, should_cancel=lambda: next(calls) >= 3)


def test_dashboard_figures(world: tuple[Session, Builder]) -> None:
    d = dashboard_figures(world[0], today=date(2026, 3, 31))
    assert d.signed_count == Figure(3, 2)  # 2025-01-01..2025-03-31 holds P5 and P8
    assert d.signed_investment == Figure(D(175000), D(30000))
    assert d.funds == Figure(D(3500), D(800))
    assert d.started == Figure(1, 0)
    assert [t.name for t in d.top_teams] == ["南宁市驻深圳招商工作队"]
    funnel = {p.stage: p.count for p in d.funnel}
    assert funnel["funded"] == 4 and funnel["started"] == 1 and funnel["signed"] == 2


def test_json_keys(q1: BriefFigures) -> None:
    data = figures_to_json(q1)
    assert data["schema_version"] == 2
    assert data["period"]["code"] == "2026-Q1"
    assert data["signed"]["total"]["investment"] == {
        "current": 175000.0,
        "previous": 30000.0,
        "change_pct": 483.3333,
    }
    assert data["signed"]["manufacturing"]["share"]["change_points"] == -71.4286
    assert data["teams"]["rows"][0]["completion_pct"] == 55.0
    assert data["funds"]["ytd"] is None
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_area_word_follows_the_bureau_region() -> None:
    assert area_word("450100") == "全市"
    assert area_word("450000") == "全区"  # Guangxi Zhuang Autonomous Region
    assert area_word("440000") == "全省"
    assert area_word("310000") == "全市"
    assert area_word("450102") == "全区"
    assert area_word("433100", "湘西土家族苗族自治州") == "全州"


def test_bureau_setting_changes_wording(world: tuple[Session, Builder]) -> None:
    session = world[0]
    set_setting(session, "bureau_region_code", "450000")
    assert brief_figures(session, Q1, BUREAU).area_word == "全区"


def test_scope_choices_and_bad_scope(world: tuple[Session, Builder]) -> None:
    from crm.errors import ValidationError

    session = world[0]
    codes = [c.code for c in scope_choices(session)]
    assert codes[0] == "bureau"
    assert "team:南宁市驻深圳招商工作队" in codes and "source:gba" in codes
    for bad in ("team:没有这个队", "source:火星", "place:月球", "nonsense"):
        with pytest.raises(ValidationError):
            parse_scope(session, bad)


def test_scope_choices_name_region_groups_in_the_language(world: tuple[Session, Builder]) -> None:
    """The Briefs screen's scope list in English names the Greater Bay Area in English
    (resources/reference: the group gba's name_en)."""
    session = world[0]
    labels = {c.code: c.label for c in scope_choices(session, "en")}
    assert labels["source:gba"] == "Guangdong-Hong Kong-Macao Greater Bay Area"
    assert {c.code: c.label for c in scope_choices(session)}["source:gba"] == "粤港澳大湾区"


def test_statistics_load_neither_qt_nor_reportlab() -> None:
    """The dashboard imports crm.stats at start-up: it must stay light (and Qt-free)."""
    import subprocess
    import sys

    code = (
        "import sys, crm.stats, crm.stats.jsonout, crm.reports, crm.cli.brief, crm.periods\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'reportlab', 'openpyxl'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
