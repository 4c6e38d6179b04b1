"""The tables of the dispatch notice (重大项目调度通报) and the ranked notice (排序通报), shared
by their PDF and xlsx like the brief's (crm.reports.tables): cells hold numbers, not text."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from crm.codes import TargetMeasure
from crm.reports.brief_table import Wan
from crm.reports.numbers import to_yi
from crm.reports.tables import BriefTable, Cell
from crm.stats.dispatch import DispatchFigures, FourList
from crm.stats.targets import Ranking, TargetFigures


def _target_cell(measure: str, value: Decimal | None) -> Cell:
    """Amount targets in 亿元, counts as whole numbers."""
    if value is None:
        return None
    return to_yi(value) if TargetMeasure(measure).is_amount else int(value)


def dispatch_tables(f: DispatchFigures, targets: TargetFigures | None) -> dict[str, BriefTable]:
    tables = [
        _lists(f),
        _four_lists(f),
        *(_names(x) for x in f.four_lists),
        _projects(f),
        _pool(f),
    ]
    if targets is not None:
        tables.append(target_table(targets))
    return {t.key: t for t in tables}


def _lists(f: DispatchFigures) -> BriefTable:
    rows = [
        (t.label, t.projects, to_yi(t.year_plan), to_yi(t.completed_ytd), t.rate_pct, t.behind)
        for t in (*f.lists, f.total)
    ]
    return BriefTable(
        key="分清单完成情况",
        title="重点项目分清单完成投资情况",
        header=("清单", "项目数（个）", "年度计划投资（亿元）", "累计完成投资（亿元）",
                "年度完成率（%）", "滞后序时进度项目数（个）"),
        rows=tuple(rows),
        widths=(3.2, 1.2, 1.6, 1.6, 1.3, 1.6),
        emphasis=frozenset({len(rows) - 1}),
    )  # fmt: skip


def _four_lists(f: DispatchFigures) -> BriefTable:
    return BriefTable(
        key="四张清单",
        title=f"{f.year}年重点项目四张清单",
        header=("清单", "计划（个）", "完成（个）", "完成率（%）"),
        rows=tuple((x.label, x.planned, x.done, x.rate_pct) for x in f.four_lists),
        widths=(2.0, 1.2, 1.2, 1.2),
        note="新开工：计划本年开工的项目与其中已开工的（开工率）；在建：已开工未竣工；"
        "竣工：计划本年竣工的项目与其中已竣工的（竣工率）；储备：未开工且不在本年开工计划内。",
    )


def _names(x: FourList) -> BriefTable:
    return BriefTable(
        key=f"{x.label}清单",
        title=f"{x.label}项目清单",
        header=("序号", "项目名称"),
        rows=tuple((n, name) for n, name in enumerate(x.names, start=1)),
        widths=(0.6, 6.0),
    )


def _projects(f: DispatchFigures) -> BriefTable:
    """One row a project; two projects of one name are told apart by their codes."""
    shared = {name for name, n in Counter(r.name for r in f.rows).items() if n > 1}
    rows = tuple(
        (n, f"{r.name}（{r.code}）" if r.name in shared else r.name, r.lists, _wan(r.year_plan),
         _wan(r.completed_in_period),
         _wan(r.completed_ytd), r.rate_pct, r.image_progress, r.issues, r.leader)
        for n, r in enumerate(f.rows, start=1)
    )  # fmt: skip
    behind = frozenset(n for n, r in enumerate(f.rows) if r.behind)
    return BriefTable(
        key="项目完成投资明细",
        title="重点项目完成投资明细（万元）",
        header=("序号", "项目名称", "清单", "年度计划投资", "本期完成", "年度累计完成",
                "完成率（%）", "形象进度", "存在问题", "包保领导"),
        rows=rows,
        widths=(0.5, 2.4, 1.6, 1.1, 1.0, 1.1, 0.9, 1.7, 1.7, 1.1),  # 包保领导: 李副市长 whole
        emphasis=behind,
        note="底色标出的项目年度完成率低于序时进度。" if behind else "",
    )  # fmt: skip


def _wan(amount: Decimal | None) -> Wan | None:
    return None if amount is None else Wan(amount)


def _pool(f: DispatchFigures) -> BriefTable:
    pool = f.upgrade_pool
    rows = [(b.label, b.projects, to_yi(b.investment)) for b in pool.bands]
    rows.append(("入库项目合计", pool.pooled, to_yi(pool.investment)))
    return BriefTable(
        key="技改项目库",
        title="技改项目库（入库/纳统）分规模情况",
        header=("总投资规模", "项目数（个）", "总投资（亿元）"),
        rows=tuple(rows),
        widths=(2.0, 1.2, 1.4),
        emphasis=frozenset({len(rows) - 1}),
        note=f"规模区间含下限、不含上限；其中本年入库{pool.pooled_in_year}个。",
    )


def target_table(t: TargetFigures) -> BriefTable:
    rows = tuple(
        (r.name, r.measure_label, _target_cell(r.measure, r.target),
         _target_cell(r.measure, r.actual), r.rate_pct, r.ahead_points)
        for r in t.rows
    )  # fmt: skip
    return BriefTable(
        key="目标任务完成情况",
        title=f"{t.year}年目标任务完成情况",
        header=("单位", "指标", "年度目标", "累计完成", "完成率（%）", "较序时进度（个百分点）"),
        rows=rows,
        widths=(2.2, 1.6, 1.2, 1.2, 1.1, 1.6),
        note=f"金额单位为亿元，其余为个数；序时进度{t.elapsed_pct.quantize(Decimal('0.1'))}%。",
    )


def ranking_table(r: Ranking) -> BriefTable:
    place = "园区" if r.scope == "park" else "县（市、区）"
    rows = tuple(
        (x.rank, x.name, _target_cell(r.measure, x.target), _target_cell(r.measure, x.actual),
         x.rate_pct, x.previous_rank, _change(x.rank_change), "末位" if x.bottom else "")
        for x in r.rows
    )  # fmt: skip
    bottom = frozenset(n for n, x in enumerate(r.rows) if x.bottom)
    return BriefTable(
        key=f"{place}排序_{r.measure_label}",
        title=f"各{place}{r.measure_label}目标完成排序",
        header=("排名", place, "年度目标", "累计完成", "完成率（%）", "上期排名", "名次变化",
                "备注"),
        rows=rows,
        widths=(0.7, 2.4, 1.2, 1.2, 1.1, 0.9, 0.9, 0.8),
        emphasis=bottom,
        note=("金额单位为亿元。" if TargetMeasure(r.measure).is_amount else "")
        + ("上期为" + f"{r.previous_as_of.month}月{r.previous_as_of.day}日。"
           if r.previous_as_of else "本年首期，无上期排名。"),
    )  # fmt: skip


def _change(change: int | None) -> str | None:
    if change is None:
        return None
    if change == 0:
        return "持平"
    return f"升{change}位" if change > 0 else f"降{-change}位"
