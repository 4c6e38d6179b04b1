"""Counting rules of issue 8, each on a small data set worked out by hand (amounts in 万元).

The tests' bureau is 南宁市投资促进局, 450100 (a city of the Guangxi Zhuang Autonomous
Region) unless a test moves it. "As of" is 2026-11-23 (TODAY of the data module).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from test_stats_data import TODAY, Builder

from crm.db import Database
from crm.models import ChangeLog, FundsEntry, Project
from crm.periods import parse_period, year_to_date
from crm.queries.project_filter import ProjectFilter
from crm.queries.project_list import ProjectQuery
from crm.queries.stalled_views import (
    STALLED_ANY,
    STALLED_NO_ACTIVITY,
    STALLED_SIGNED_NOT_STARTED,
    STALLED_STARTED_NOT_OPERATING,
    stalled_rule,
)
from crm.queries.teams import team_comparison, team_progress
from crm.services import increases, stages, teams
from crm.services.settings import set_setting
from crm.stats import brief_figures, dashboard_figures, parse_scope
from crm.stats.model import BriefFigures, Figure, Row

D = Decimal
Q1 = parse_period("2026-Q1")
Y2025 = parse_period("2025")


@pytest.fixture
def b(db: Database) -> Iterator[Builder]:
    with db.session() as session:
        yield Builder(session)


def brief(b: Builder, period: str, scope: str = "") -> BriefFigures:
    return brief_figures(
        b.session, parse_period(period), parse_scope(b.session, scope), as_of=TODAY
    )


def row(rows: tuple[Row, ...], key: str) -> Row:
    return next(r for r in rows if r.key == key)


# --- 1. the first signing counts once, in its period ------------------------------------


def test_dropped_and_signed_again_stays_in_its_first_year(b: Builder) -> None:
    """A signed 2025-03-10 (10000), dropped 2025-06-01, reopened 2026-01-05, signed again
    2026-02-01; B signed 2025-04-01 (90000, the largest) and dropped 2025-09-01; C signed
    2025-05-01 (20000).
    2025: 3 projects, 10000 + 90000 + 20000 = 120000; 2026-Q1: nothing newly signed.
    Key projects 2025: C, A, then the dropped B last (marked 终止) although it is largest."""
    b.project("A 反复项目", investment="10000", signed=date(2025, 3, 10))
    b.move("A 反复项目", "dropped", date(2025, 6, 1), reason="投资方暂缓")
    stages.reopen_project(
        b.session, b.ids["A 反复项目"], to_stage="negotiating", on=date(2026, 1, 5), today=TODAY
    )
    b.move("A 反复项目", "signed", date(2026, 2, 1))
    b.project("B 终止项目", investment="90000", signed=date(2025, 4, 1))
    b.move("B 终止项目", "dropped", date(2025, 9, 1), reason="资金链断裂")
    b.project("C 正常项目", investment="20000", signed=date(2025, 5, 1))

    year = brief(b, "2025")
    assert year.signed.total.count.current == 3
    assert year.signed.total.investment.current == D(120000)
    assert [(p.name, p.stage_label) for p in year.key_projects] == [
        ("C 正常项目", "签约"),
        ("A 反复项目", "签约"),
        ("B 终止项目", "终止"),
    ]
    q1 = brief(b, "2026-Q1")
    assert q1.signed.total.count.current == 0
    assert q1.signed.total.investment.current == 0
    a = b.session.get(Project, b.ids["A 反复项目"])
    assert (a.first_signed_on, a.signed_on) == (date(2025, 3, 10), date(2026, 2, 1))


def test_the_pipeline_at_a_past_day_follows_a_reopened_projects_history(b: Builder) -> None:
    """User test 3, finding 3: A signed 2025-03-10, dropped 2025-06-01, reopened to 在谈
    2026-01-05, signed again 2026-02-01 (its dates now hold only the run since reopening).
    At the end of 2025-03 it was 签约, of 2025 终止, of 2026-01 在谈, of 2026-Q1 签约 — not
    在谈 from the dates alone. F, never reopened, stays read from its dates (签约 2025-04-01,
    资金到位 2025-08-01)."""
    b.project("A 反复项目", investment="10000", signed=date(2025, 3, 10))
    b.move("A 反复项目", "dropped", date(2025, 6, 1), reason="投资方暂缓")
    stages.reopen_project(
        b.session, b.ids["A 反复项目"], to_stage="negotiating", on=date(2026, 1, 5), today=TODAY
    )
    b.move("A 反复项目", "signed", date(2026, 2, 1))
    b.project("F 正常项目", investment="3000", signed=date(2025, 4, 1))
    b.move("F 正常项目", "funded", date(2025, 8, 1))

    def pipeline(period: str) -> dict[str, int]:
        return {p.stage: p.count for p in brief(b, period).stages.pipeline if p.count}

    assert pipeline("2025-03") == {"signed": 1}  # F not yet begun
    assert pipeline("2025") == {"funded": 1, "dropped": 1}
    assert pipeline("2026-01") == {"negotiating": 1, "funded": 1}
    assert pipeline("2026-Q1") == {"signed": 1, "funded": 1}


def test_a_corrected_mistake_moves_the_first_signing(b: Builder) -> None:
    """D was marked signed on 2025-07-01 by mistake and put back to 在谈 (a correction), then
    really signed on 2026-03-01: it counts in 2026-Q1 only. E's signing date was corrected
    (from 资金到位 back to 签约, dated 2026-01-02 instead of 2025-12-30): it counts in 2026."""
    b.project("D 误录项目", investment="7000", signed=date(2025, 7, 1))
    b.move("D 误录项目", "negotiating", date(2025, 6, 1), comment="误录签约，更正")
    b.move("D 误录项目", "signed", date(2026, 3, 1))
    b.project("E 改日期项目", investment="3000", signed=date(2025, 12, 30))
    b.move("E 改日期项目", "funded", date(2026, 1, 10))
    b.move("E 改日期项目", "signed", date(2026, 1, 2), comment="签约日期录错")

    assert brief(b, "2025").signed.total.count.current == 0
    q1 = brief(b, "2026-Q1").signed.total
    assert (q1.count.current, q1.investment.current) == (2, D(10000))


def test_an_upgraded_agreement_is_not_a_new_signing(b: Builder) -> None:
    """F signed an intent agreement on 2025-08-01 (40000) and upgraded it to a formal
    contract on 2026-02-15: it counts in 2025 only; its agreement type is now formal."""
    b.project("F 升格项目", investment="40000", signed=date(2025, 8, 1), agreement="intent")
    stages.upgrade_agreement(
        b.session, b.ids["F 升格项目"], agreement_type="formal", on=date(2026, 2, 15), today=TODAY
    )
    assert brief(b, "2025").signed.total.count.current == 1
    assert brief(b, "2026-Q1").signed.total.count.current == 0
    f = b.session.get(Project, b.ids["F 升格项目"])
    assert (f.agreement_type, f.first_signed_on) == ("formal", date(2025, 8, 1))
    with pytest.raises(Exception, match="升格"):
        stages.upgrade_agreement(
            b.session, f.id, agreement_type="intent", on=date(2026, 3, 1), today=TODAY
        )


def test_capital_increase_is_new_investment_of_its_period_not_a_new_project(b: Builder) -> None:
    """G (manufacturing, Shenzhen, team 深圳队 with a 2026 target of 100000) signed
    2025-05-01 for 50000; 增资 of 20000 on 2026-02-10. H signed 2026-01-20 for 10000 (same
    team). 2026-Q1: 1 project (H), investment 10000 + 20000 = 30000, all manufacturing and
    out of province; the team's year to date 30000 = 30% of its target. 2025: G's 50000."""
    b.team("深圳队", target_wan="100000")
    b.project("G 增资项目", investment="50000", signed=date(2025, 5, 1), team="深圳队")
    increases.record_increase(
        b.session,
        project_id=b.ids["G 增资项目"],
        increased_on=date(2026, 2, 10),
        amount=D(20000),
        note="二期增资",
        today=TODAY,
    )
    b.project("H 新项目", investment="10000", signed=date(2026, 1, 20), team="深圳队")

    q1 = brief(b, "2026-Q1")
    assert (q1.signed.total.count.current, q1.signed.total.investment.current) == (1, D(30000))
    assert q1.signed.manufacturing.investment.current == D(30000)
    assert row(q1.signed.by_source_class, "out_of_province").investment.current == D(30000)
    # Bands sort projects: H (exactly 1亿) is 亿元以上 with its 10000; the increase in none.
    band = q1.signed.size_bands[0]
    assert (band.count.current, band.investment.current) == (1, D(10000))
    team = q1.teams.rows[0]
    assert (team.signed.count.current, team.signed.investment.current) == (1, D(30000))
    assert team.completion_pct == 30
    assert brief(b, "2025").signed.total.investment.current == D(50000)
    progress = team_progress(b.session, b.ids["深圳队"], year=2026, today=date(2026, 3, 31))
    assert progress.measure("signed_investment").percent == 30
    assert progress.measure("signed_projects").actual == 1


# --- 2. the bureau's own area -------------------------------------------------------------


def own_area_world(b: Builder) -> None:
    """Signed in 2026-Q1, bureau 南宁 (450100): I from Nanning itself (own area, 30000, funds
    1000), J from Liuzhou (区内市外, 20000), K from Shenzhen (区外境内, 10000, funds 500),
    L from Japan (境外, 5000). All four with team 南宁队 (target 100000)."""
    b.team("南宁队", target_wan="100000")
    b.project("I 市内项目", investment="30000", signed=date(2026, 1, 5), region="450100",
              team="南宁队", funds_entries=[(date(2026, 2, 1), "1000")])  # fmt: skip
    b.project("J 柳州项目", investment="20000", signed=date(2026, 1, 6), region="450200",
              team="南宁队")  # fmt: skip
    b.project("K 深圳项目", investment="10000", signed=date(2026, 1, 7), region="440300",
              team="南宁队", funds_entries=[(date(2026, 2, 2), "500")])  # fmt: skip
    b.project("L 日资项目", investment="5000", signed=date(2026, 1, 8), region=None,
              country="JP", team="南宁队")  # fmt: skip


def test_own_area_left_out_of_headline_figures_by_default(b: Builder) -> None:
    """Without I: 3 projects, 35000; funds 500; team 35000 of 100000 = 35%; classes in the
    bureau's words, nearest first (区内市外 20000, 区外境内 10000, 境外 5000), no 市内 row; a
    note says so."""
    own_area_world(b)
    q1 = brief(b, "2026-Q1")
    assert (q1.signed.total.count.current, q1.signed.total.investment.current) == (3, D(35000))
    assert q1.funds.total.current == D(500)
    assert [(r.label, r.investment.current) for r in q1.signed.by_source_class] == [
        ("区内市外", D(20000)),
        ("区外境内", D(10000)),
        ("境外（含港澳台）", D(5000)),
    ]
    assert [r.key for r in q1.funds.by_source] == ["in_province", "out_of_province", "foreign"]
    assert q1.teams.rows[0].completion_pct == 35
    assert q1.stages.movement("funded").period.count.current == 1  # K only
    from crm.reports.summary import notes

    assert "本简报招商引资数据不含市内投资项目及资金。" in notes(q1)[0]
    # The Teams screen says the same.
    progress = team_progress(b.session, b.ids["南宁队"], year=2026, today=date(2026, 3, 31))
    assert progress.measure("signed_investment").percent == 35


def test_own_area_counted_when_the_setting_says_so(b: Builder) -> None:
    """With include_own_area: 4 projects, 65000; funds 1500; a 市内 row of 30000."""
    own_area_world(b)
    set_setting(b.session, "include_own_area", True)
    q1 = brief(b, "2026-Q1")
    assert (q1.signed.total.count.current, q1.signed.total.investment.current) == (4, D(65000))
    assert q1.funds.total.current == D(1500)
    assert row(q1.signed.by_source_class, "in_city").label == "市内"
    assert row(q1.signed.by_source_class, "in_city").investment.current == D(30000)
    assert row(q1.funds.by_source, "in_city").amount.current == D(1000)
    from crm.reports.summary import notes

    assert "含市内投资项目及资金" in notes(q1)[0]


def test_a_province_bureau_own_area_is_its_province(b: Builder) -> None:
    """The Guangxi bureau (450000, a province-level autonomous region): I and J are 区内,
    its own area; counted: K and L, 15000; words 全区, 区外境内, no 区内市外 row."""
    own_area_world(b)
    set_setting(b.session, "bureau_region_code", "450000")
    q1 = brief(b, "2026-Q1")
    assert q1.area_word == "全区"
    assert (q1.signed.total.count.current, q1.signed.total.investment.current) == (2, D(15000))
    assert [r.label for r in q1.signed.by_source_class] == ["区外境内", "境外（含港澳台）"]


def test_a_county_bureau_own_area_is_its_county(b: Builder) -> None:
    """A county bureau (兴宁区 450102, level county): Nanning's city code 450100 is not its
    own county, so I counts (省内县外 in Guangxi's words: 区内本区外)."""
    own_area_world(b)
    set_setting(b.session, "bureau_region_code", "450102")
    q1 = brief(b, "2026-Q1")
    assert q1.bureau_level == "county" and q1.area_word == "全区"
    assert (q1.signed.total.count.current, q1.signed.total.investment.current) == (4, D(65000))
    assert row(q1.signed.by_source_class, "in_province").label == "区内本区外"


# --- 3. the bureau's own words --------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "level", "name", "words"),
    [
        ("450100", "", "南宁市", ("全市", "市内", "区内市外", "区外境内")),
        ("450000", "", "广西壮族自治区", ("全区", "区内", "", "区外境内")),
        ("440000", "", "广东省", ("全省", "省内", "", "省外境内")),
        ("440300", "", "深圳市", ("全市", "市内", "省内市外", "省外境内")),
        ("150000", "", "内蒙古自治区", ("全区", "区内", "", "区外境内")),
        ("650100", "", "乌鲁木齐市", ("全市", "市内", "区内市外", "区外境内")),
        ("310000", "", "上海市", ("全市", "市内", "", "市外境内")),
        ("433100", "", "湘西土家族苗族自治州", ("全州", "州内", "省内州外", "省外境内")),
        ("440304", "", "", ("全区", "区内", "省内区外", "省外境内")),  # 福田区 (01–20: 区)
        ("440523", "", "", ("全县", "县内", "省内县外", "省外境内")),  # 南澳县 (21–80: 县)
        ("440981", "", "", ("全市", "市内", "省内市外", "省外境内")),  # 高州市 (81–99: 市)
        # The level setting wins over the code: the city's code, a province-level bureau.
        ("450100", "province", "南宁市", ("全区", "区内", "", "区外境内")),
    ],
)
def test_area_words_follow_level_and_region(
    code: str, level: str, name: str, words: tuple[str, ...]
) -> None:
    from crm.places import Bureau
    from crm.stats.scope import area_word

    got = Bureau.of(code, level, name).words
    assert (got.whole, got.own, got.in_province, got.out_of_province) == words
    assert area_word(code, name, level) == words[0]


def test_brief_speaks_the_bureau_level_set_in_settings(b: Builder) -> None:
    own_area_world(b)
    set_setting(b.session, "bureau_level", "province")  # the Guangxi bureau, on Nanning's code
    q1 = brief(b, "2026-Q1")
    assert q1.area_word == "全区"
    assert (q1.signed.total.count.current, q1.signed.total.investment.current) == (2, D(15000))


# --- 4. changing the bureau's region reclassifies -----------------------------------------


def funds_sources(session: Session) -> dict[str, str]:
    """Funds entries' sources by project name (one entry per project here)."""
    statement = select(Project.name, FundsEntry.source).join(
        Project, Project.id == FundsEntry.project_id
    )
    return dict(session.execute(statement).all())


def test_region_change_reclassifies_projects_and_funds_with_the_change_log(b: Builder) -> None:
    """Moving the bureau to Shenzhen (440300): K becomes 市内 (its funds entry too), I and J
    become 省外境内 (I's funds entry follows), L stays foreign. Three projects and two funds
    entries change. A project's class is derived from its place and the bureau (crm.derived:
    every site computes it, the change log does not carry it); a funds entry's source is a
    fact of its own, logged one row per entry."""
    own_area_world(b)
    s = b.session

    def classes() -> dict[str, str | None]:
        return dict(s.execute(select(Project.name, Project.source_class)).all())

    assert classes() == {
        "I 市内项目": "in_city",
        "J 柳州项目": "in_province",
        "K 深圳项目": "out_of_province",
        "L 日资项目": "foreign",
    }
    before = s.scalar(select(func.count()).select_from(ChangeLog))
    set_setting(s, "bureau_region_code", "440300")
    assert classes() == {
        "I 市内项目": "out_of_province",
        "J 柳州项目": "out_of_province",
        "K 深圳项目": "in_city",
        "L 日资项目": "foreign",
    }
    assert funds_sources(s) == {"I 市内项目": "out_of_province", "K 深圳项目": "in_city"}
    log = s.execute(
        select(ChangeLog.table_name, ChangeLog.field, ChangeLog.old_value, ChangeLog.new_value)
        .where(ChangeLog.op == "update", ChangeLog.field.in_(["source_class", "source"]))
        .order_by(ChangeLog.table_name, ChangeLog.old_value)
    ).all()
    assert sorted(log) == sorted(
        [
            ("funds_entry", "source", "in_city", "out_of_province"),
            ("funds_entry", "source", "out_of_province", "in_city"),
        ]
    )
    assert s.scalar(select(func.count()).select_from(ChangeLog)) - before >= 2
    # Shenzhen's words now: K is the own area, left out; I, J and L count.
    q1 = brief(b, "2026-Q1")
    assert q1.signed.total.investment.current == D(55000)
    assert row(q1.signed.by_source_class, "out_of_province").label == "省外境内"


def test_a_funds_source_entered_on_purpose_is_kept(b: Builder) -> None:
    """K's second entry was entered as 境外 money: the reclassification leaves it."""
    from crm.services import funds

    own_area_world(b)
    funds.record_funds(
        b.session,
        project_id=b.ids["K 深圳项目"],
        received_on=date(2026, 3, 1),
        amount=D(200),
        source="foreign",
        today=TODAY,
    )
    set_setting(b.session, "bureau_region_code", "440300")
    sources = b.session.scalars(
        select(FundsEntry.source)
        .where(FundsEntry.project_id == b.ids["K 深圳项目"])
        .order_by(FundsEntry.received_on)
    ).all()
    assert sources == ["in_city", "foreign"]


# --- 5. 500强 by group, memberships by edition ----------------------------------------------


def test_500_firms_by_group_and_by_edition(b: Builder) -> None:
    """集团X is on 世界500强 2025 (valid through 2026); its subsidiary X1 on 中国企业500强
    2025; Y on 世界500强 2020 only (expired after 2021); Z a 小巨人 of 2021 (valid 3 years,
    through 2023). 2026-Q1 signings: X 8000, X1 6000, Y 4000, Z 2000.
    500强: X and X1 → 2 projects, 14000, one firm (the group). 小巨人: none (expired).
    2024-Q1: X signed 1000 then — its 2025 edition does not count for 2024: no 500强."""
    b.company("集团X", tags=[])
    b.company("子公司X1", parent="集团X")
    b.company("企业Y")
    b.company("企业Z")
    from crm.services import companies

    for name, tag, edition in (
        ("集团X", "fortune_global_500", 2025),
        ("子公司X1", "china_500", 2025),
        ("企业Y", "fortune_global_500", 2020),
        ("企业Z", "little_giant", 2021),
    ):
        companies.add_company_tag(b.session, company_id=b.ids[name], tag=tag, edition_year=edition)
    for name, company, amount in (
        ("PX", "集团X", "8000"),
        ("PX1", "子公司X1", "6000"),
        ("PY", "企业Y", "4000"),
        ("PZ", "企业Z", "2000"),
    ):
        b.project(name, investment=amount, signed=date(2026, 2, 1), company=company)
    b.project("PX老项目", investment="1000", signed=date(2024, 2, 1), company="集团X")

    s = brief(b, "2026-Q1").signed
    assert (s.top_500.count.current, s.top_500.investment.current, s.top_500.firms) == (
        2,
        D(14000),
        1,
    )
    fortune = row(s.by_tag, "fortune_global_500")
    assert (fortune.count.current, fortune.firms) == (2, 1)  # PX, and PX1 through its parent
    assert row(s.by_tag, "little_giant").count.current == 0
    old = brief(b, "2024-Q1").signed
    assert old.total.count.current == 1 and old.top_500.count.current == 0


# --- 6. a source-scoped brief compares with the teams covering the source ------------------


def test_source_scope_compares_with_the_covering_teams(b: Builder) -> None:
    """湾区队 covers 粤港澳大湾区 (target 100000), 长三角队 the Yangtze delta (target 200000).
    2026-Q1: 湾区队 signs 30000 from Shenzhen, 长三角队 50000 from Shanghai.
    source:粤港澳大湾区 → only 湾区队, 30000 of 100000 = 30%."""
    b.team("湾区队", target_wan="100000", group="gba")
    b.team("长三角队", target_wan="200000", group="yrd")
    b.project("深圳项目", investment="30000", signed=date(2026, 2, 1), team="湾区队")
    b.project("上海项目", investment="50000", signed=date(2026, 2, 2), region="310000",
              team="长三角队")  # fmt: skip
    gba = brief(b, "2026-Q1", "source:粤港澳大湾区").teams
    assert [r.name for r in gba.rows] == ["湾区队"]
    assert gba.total.target_signed_investment == D(100000)
    assert gba.total.completion_pct == 30
    yrd = brief(b, "2026-Q1", "source:上海").teams
    assert [r.name for r in yrd.rows] == ["长三角队"] and yrd.total.completion_pct == 25
    assert len(brief(b, "2026-Q1").teams.rows) == 2


def test_a_team_whose_posting_ended_keeps_its_projects_money_in_the_total(b: Builder) -> None:
    """User test 3, finding 4: 北京队 was stationed until 2025-12-31; its project signed in
    2025 received 3000 on 2026-02-10. 深圳队 (still stationed) received 5000 on 2026-03-01.
    2026-Q1: both teams are listed and the teams' funds total is 8000 = the scope's funds in
    place (before, 北京队 was left out and the total read 5000)."""
    b.team("深圳队")
    b.team("北京队")
    teams.update_team(b.session, b.ids["北京队"], active_from=date(2025, 1, 1),
                      active_to=date(2025, 12, 31))  # fmt: skip
    b.project("北京项目", investment="20000", signed=date(2025, 6, 1), region="110000",
              team="北京队", funds_entries=[(date(2026, 2, 10), "3000")])  # fmt: skip
    b.project("深圳项目", investment="9000", signed=date(2025, 7, 1), team="深圳队",
              funds_entries=[(date(2026, 3, 1), "5000")])  # fmt: skip
    q1 = brief(b, "2026-Q1")
    assert sorted((r.name, r.funds.current) for r in q1.teams.rows) == [
        ("北京队", D(3000)),
        ("深圳队", D(5000)),
    ]
    assert q1.teams.total.funds.current == D(8000) == q1.funds.total.current
    # Before its posting, with nothing of its own (2024): not listed.
    assert [r.name for r in brief(b, "2024-Q1").teams.rows] == ["深圳队"]


# --- 7. one rule for stalled projects, one for team completion ------------------------------

DAY = date(2026, 6, 30)


def stalled_world(b: Builder) -> None:
    """At 2026-06-30 with 180/365/30 days:
    S1 signed 2025-06-01, not started → signed-not-started, and nothing for 30 days;
    S2 started 2025-01-10, not operating → started-not-operating, and nothing for 30 days;
    S3 a lead since 2026-01-01, nobody followed up → no update;
    S4 a lead visited on 2026-06-20 → fine; S5 signed on 2026-06-01 → fine (a stage change
    within 30 days); S6 dropped; S7 operating; S8 a lead with no date at all, entered (say,
    imported) on 2025-01-01 → no update. Counts: 1, 1, 4; any: 4."""
    from crm.services import activities, projects

    b.today = DAY
    b.project("S1", investment="1000", signed=date(2025, 6, 1))
    b.project("S2", investment="1000", signed=date(2024, 10, 1), started=date(2025, 1, 10))
    projects.create_project(b.session, name="S3", lead_on=date(2026, 1, 1))
    s4 = projects.create_project(b.session, name="S4", lead_on=date(2026, 1, 1)).id
    activities.log_activity(b.session, occurred_on=date(2026, 6, 20), kind="visit", project_id=s4)
    b.project("S5", investment="1000", signed=date(2026, 6, 1))
    b.project("S6", investment="1000", signed=date(2025, 1, 1))
    b.move("S6", "dropped", date(2025, 3, 1), reason="放弃")
    b.project("S7", investment="1000", signed=date(2024, 1, 1), started=date(2024, 3, 1),
              operating=date(2025, 3, 1))  # fmt: skip
    s8 = projects.create_project(b.session, name="S8").id
    b.session.execute(
        update(Project).where(Project.id == s8).values(created_at=datetime(2025, 1, 1, 9))
    )


def test_stalled_counts_agree_on_screen_dashboard_and_brief(b: Builder) -> None:
    stalled_world(b)
    s = b.session
    rule = stalled_rule(s, today=DAY)

    def view(kind: str) -> int:
        f = ProjectFilter(stalled=kind, stalled_rule=rule)
        return ProjectQuery(f, today=DAY).count(s)

    screen = (
        view(STALLED_SIGNED_NOT_STARTED),
        view(STALLED_STARTED_NOT_OPERATING),
        view(STALLED_NO_ACTIVITY),
    )
    assert screen == (1, 1, 4)
    assert view(STALLED_ANY) == 4
    figures = brief_figures(s, year_to_date(DAY), as_of=DAY).stages.stalled
    dashboard = dashboard_figures(s, today=DAY).stalled
    for counted in (figures, dashboard):
        assert (
            counted.signed_not_started,
            counted.started_not_operating,
            counted.no_update,
        ) == screen


def test_stalled_thresholds_come_from_settings_for_all(b: Builder) -> None:
    """With 400 days for signed-not-started, S1 (394 days) is no longer stalled anywhere."""
    stalled_world(b)
    s = b.session
    set_setting(s, "stalled_signed_not_started_days", 400)
    f = ProjectFilter(
        stalled=STALLED_SIGNED_NOT_STARTED,
        stalled_rule=stalled_rule(s, today=DAY),
    )
    assert ProjectQuery(f, today=DAY).count(s) == 0
    assert dashboard_figures(s, today=DAY).stalled.signed_not_started == 0


def test_team_completion_is_the_same_on_the_teams_screen_and_in_briefs(b: Builder) -> None:
    """The 南宁队 of the own-area world plus a 增资 of 15000 on 2026-03-01 to K: year to date
    at 2026-03-31, 35000 + 15000 = 50000 of 100000 = 50%, on every screen."""
    own_area_world(b)
    increases.record_increase(
        b.session,
        project_id=b.ids["K 深圳项目"],
        increased_on=date(2026, 3, 1),
        amount=D(15000),
        today=TODAY,
    )
    team_id = b.ids["南宁队"]
    day = date(2026, 3, 31)
    screen = team_progress(b.session, team_id, year=2026, today=day)
    briefs = brief_figures(b.session, Q1, as_of=TODAY).teams.rows[0]
    dashboard = dashboard_figures(b.session, today=day).top_teams[0]
    comparison = next(r for r in team_comparison(b.session, year=2026, today=day))
    assert screen.measure("signed_investment").percent == 50
    assert briefs.completion_pct == dashboard.completion_pct == 50
    assert comparison.investment_percent == 50
    assert screen.measure("signed_investment").actual == briefs.signed_ytd_investment
    assert screen.measure("funds_in_place").actual == briefs.funds_ytd == D(500)
    assert screen.measure("signed_investment").ahead_points == briefs.ahead_points


def test_dashboard_figures_show_funds_of_the_period(b: Builder) -> None:
    own_area_world(b)
    d = dashboard_figures(b.session, today=date(2026, 3, 31))
    assert d.signed_count == Figure(3, 0) and d.funds == Figure(D(500), D(0))


# --- the migration fills what older databases lack -----------------------------------------


def test_upgrade_fills_first_signings_and_own_area_classes(tmp_path) -> None:
    """A database of revision 0003 (made here by downgrading) with A signed 2025-03-10,
    dropped, reopened and signed again 2026-02-01, and the bureau moved to the Guangxi
    province bureau (450000) behind the program's back: after the upgrade A's first signing
    is 2025-03-10 again, and Liuzhou (J) and Nanning (I) projects are its own area (区内),
    with I's funds entry following."""
    import json
    import sqlite3

    from alembic import command

    from crm.db import make_engine, open_database, sqlite_url
    from crm.migrate import alembic_config

    path = tmp_path / "old.sqlite"
    database = open_database(path)
    with database.session() as session:
        set_setting(session, "bureau_region_code", "450100")
        b = Builder(session)
        own_area_world(b)
        b.project("A 反复项目", investment="10000", signed=date(2025, 3, 10))
        b.move("A 反复项目", "dropped", date(2025, 6, 1), reason="暂缓")
        stages.reopen_project(
            session, b.ids["A 反复项目"], to_stage="negotiating", on=date(2026, 1, 5), today=TODAY
        )
        b.move("A 反复项目", "signed", date(2026, 2, 1))
    database.close()
    engine = make_engine(sqlite_url(path))
    with engine.connect() as conn:
        # As crm.migrate does: batch migrations rebuild tables with foreign keys off.
        conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        with conn.begin():
            config = alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "0003")
    engine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE setting SET value = ? WHERE key = 'bureau_region_code'", (json.dumps("450000"),)
        )
    database = open_database(path)
    with database.session() as session:
        rows = dict(session.execute(select(Project.name, Project.first_signed_on)).all())
        assert rows["A 反复项目"] == date(2025, 3, 10)
        assert rows["K 深圳项目"] == date(2026, 1, 7)
        classes = dict(session.execute(select(Project.name, Project.source_class)).all())
        assert classes["I 市内项目"] == classes["J 柳州项目"] == "in_city"
        assert classes["K 深圳项目"] == "out_of_province"
        assert funds_sources(session) == {"I 市内项目": "in_city", "K 深圳项目": "out_of_province"}
    database.close()
