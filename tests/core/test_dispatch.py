"""Major-project dispatch: completion entries, 年度完成率 against 序时进度, 四张清单, the
技改 pool by size ranges, targets and the ranked notice — figures worked out by hand from
tests/core/dispatch_seed.py (2026年11月中旬: 序时进度 = 324 / 365 = 88.77%)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from crm.errors import ValidationError
from crm.models import ChangeLog, CompletionEntry
from crm.periods import parse_period
from crm.services import dispatch as svc
from crm.stats.dispatch import dispatch_figures
from crm.stats.targets import ranking, target_figures
from tests.core.dispatch_seed import TODAY, seed_counties, seed_dispatch

XUN = parse_period("2026-11-2")


def test_completion_rate_against_elapsed_time(db) -> None:
    with db.session() as s:
        ids = seed_dispatch(s)
    with db.session() as s:
        f = dispatch_figures(s, XUN, as_of=TODAY)
    assert round(f.elapsed_pct, 2) == Decimal("88.77")
    rows = {r.code: r for r in f.rows}
    assert [r.code for r in f.rows] == ["ZS-1", "ZS-2", "ZS-3", "ZS-4"]  # P5 is on no list
    # P1: 15000 to October, +1000 in 上旬, +2000 in 中旬 → 18000 of 20000 = 90% (ahead)
    assert rows["ZS-1"].completed_ytd == Decimal(18000)
    assert rows["ZS-1"].completed_in_period == Decimal(2000)
    assert rows["ZS-1"].rate_pct == Decimal(90) and not rows["ZS-1"].behind
    assert rows["ZS-1"].image_progress == "主体结构封顶"
    assert rows["ZS-1"].nature == "改建/技术改造" and rows["ZS-1"].leader == "王副市长"
    # P2: first report of the year gives the cumulative only: 6000 of 30000 = 20% (behind)
    assert rows["ZS-2"].rate_pct == Decimal(20) and rows["ZS-2"].behind
    assert rows["ZS-2"].completed_in_period == Decimal(6000)
    assert rows["ZS-2"].lists == "市级重点项目（双百双新）"
    assert rows["ZS-3"].rate_pct == Decimal(100) and rows["ZS-3"].completed_in_period == 0
    assert rows["ZS-4"].rate_pct is None and not rows["ZS-4"].behind
    assert [r.project_id for r in f.behind] == [ids["p2"]]
    lists = {t.label: (t.projects, t.year_plan, t.completed_ytd, t.rate_pct) for t in f.lists}
    assert lists == {
        "自治区/省级重点项目": (1, Decimal(20000), Decimal(18000), Decimal(90)),
        "市级重点项目（双百双新）": (1, Decimal(30000), Decimal(6000), Decimal(20)),
        "县级重点项目": (2, Decimal(5000), Decimal(5000), Decimal(100)),
    }
    assert (f.total.projects, f.total.year_plan, f.total.completed_ytd) == (4, 55000, 29000)
    assert round(f.total.rate_pct, 2) == Decimal("52.73") and f.total.behind == 1


def test_four_lists_and_upgrade_pool(db) -> None:
    with db.session() as s:
        seed_dispatch(s)
    with db.session() as s:
        f = dispatch_figures(s, XUN, as_of=TODAY)
    four = {x.key: (x.planned, x.done, x.rate_pct, x.names) for x in f.four_lists}
    # 新开工: P1 and P2 planned for 2026, P1 started → 50%; P3 started in 2025 is not new
    assert four["new_start"] == (2, 1, Decimal(50), ("新能源电池项目", "铝材深加工项目"))
    assert four["building"] == (None, 1, None, ("铝材深加工项目",))  # P3 completed in September
    assert four["completion"] == (2, 1, Decimal(50), ("物流园项目", "铝材深加工项目"))
    assert four["reserve"] == (None, 1, None, ("储备项目",))
    pool = f.upgrade_pool
    assert (pool.pooled, pool.pooled_in_year, pool.investment) == (2, 1, Decimal(92000))
    assert [(b.label, b.projects, b.investment) for b in pool.bands] == [
        ("1—5亿元", 1, Decimal(12000)),  # P5: 1.2亿, pooled in 2025
        ("5—10亿元", 1, Decimal(80000)),  # P1: 8亿
        ("10亿元以上", 0, Decimal(0)),
    ]


def test_a_month_earlier_counts_only_what_was_reported_by_then(db) -> None:
    with db.session() as s:
        seed_dispatch(s)
    with db.session() as s:
        f = dispatch_figures(s, parse_period("2026-10"), as_of=TODAY)
    rows = {r.code: r for r in f.rows}
    assert rows["ZS-1"].completed_ytd == 15000 and rows["ZS-1"].completed_in_period == 15000
    assert rows["ZS-2"].completed_ytd == 0
    assert rows["ZS-3"].completed_ytd == 5000 and rows["ZS-3"].completed_in_period == 0


def test_completion_entry_rules_and_change_log(db) -> None:
    with db.session() as s:
        ids = seed_dispatch(s)
    with db.session() as s:
        with pytest.raises(ValidationError) as bad_day:
            svc.record_completion(s, project_id=ids["p1"], period_end=date(2026, 11, 15), amount=1)
        assert "旬末" in bad_day.value.message_zh
        with pytest.raises(ValidationError) as falls:
            svc.record_completion(
                s, project_id=ids["p1"], period_end=date(2026, 11, 30), year_to_date=17000
            )
        assert "小于上期累计" in falls.value.message_zh
        # replacing the 中旬 entry keeps one entry per project and period
        svc.record_completion(s, project_id=ids["p1"], period_end=date(2026, 11, 20), amount=500)
    with db.session() as s:
        entries = s.scalars(
            select(CompletionEntry).where(CompletionEntry.project_id == ids["p1"])
        ).all()
        assert sorted(e.year_to_date for e in entries) == [15000, 16000, 16500]
        logged = s.scalars(
            select(ChangeLog.field).where(
                ChangeLog.table_name == "completion_entry", ChangeLog.op == "update"
            )
        ).all()
        assert {"amount", "year_to_date"} <= set(logged)


def test_targets_against_completion(db) -> None:
    with db.session() as s:
        seed_counties(s)
    with db.session() as s:
        f = target_figures(s, XUN)
    got = {(r.scope, r.key, r.measure): (r.target, r.actual, r.rate_pct) for r in f.rows}
    assert got == {
        ("bureau", "", "signed_projects"): (10, 3, Decimal(30)),
        ("county", "450102", "signed_investment"): (100000, 60000, Decimal(60)),
        ("county", "450103", "signed_investment"): (50000, 40000, Decimal(80)),
        ("county", "450105", "signed_investment"): (40000, 20000, Decimal(50)),
    }
    bureau = f.rows[0]
    assert round(bureau.ahead_points, 2) == Decimal("-58.77")


def test_ranked_notice_with_change_of_rank(db) -> None:
    with db.session() as s:
        seed_counties(s)
    with db.session() as s:
        r = ranking(s, XUN, "county", "signed_investment", bottom=1)
    assert r.previous_as_of == date(2026, 11, 10)
    # 乙 (450103) signed on 15 November: from last (0%) to first (80%)
    assert [(x.key, x.rank, x.previous_rank, x.rank_change, x.bottom) for x in r.rows] == [
        ("450103", 1, 3, 2, False),
        ("450102", 2, 1, -1, False),
        ("450105", 3, 2, -1, True),
    ]


def test_park_targets_and_bad_target_input(db) -> None:
    with db.session() as s:
        ids = seed_dispatch(s)
        svc.set_target(s, year=2026, scope="park", park_id=ids["park"],
                       measure="started_projects", value=2)  # fmt: skip
        svc.set_target(s, year=2026, scope="bureau", measure="upgrade_pool", value=4)
        svc.set_target(s, year=2026, scope="bureau", measure="completed_projects", value=4)
        with pytest.raises(ValidationError) as county:
            svc.set_target(s, year=2026, scope="county", region_code="450100",
                           measure="signed_projects", value=1)  # fmt: skip
        assert "县（市、区）" in county.value.message_zh
        with pytest.raises(ValidationError):
            svc.set_target(s, year=2026, scope="bureau", measure="signed_projects", value="1.5")
    with db.session() as s:
        f = target_figures(s, XUN)
    got = {(r.scope, r.measure): (r.name, r.actual, r.rate_pct) for r in f.rows}
    assert got[("park", "started_projects")] == ("东盟经开区", 1, Decimal(50))  # P1
    assert got[("bureau", "upgrade_pool")] == ("全局", 1, Decimal(25))  # P1 pooled in 2026
    assert got[("bureau", "completed_projects")] == ("全局", 1, Decimal(25))  # P3
