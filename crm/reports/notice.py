"""The 旬/月 dispatch notice (重大项目调度通报) and the ranked notice (排序通报): figures →
PDF and xlsx through the one notice builder (crm/reports/notice_doc.py).
Shared by `crm brief --kind dispatch|ranking` and the window."""

from __future__ import annotations

from datetime import date
from typing import Unpack

from sqlalchemy.orm import Session

from crm.codes import TargetScope
from crm.periods import Period
from crm.reports.notice_doc import (
    BuiltNotice,
    IssueOptions,
    Notice,
    Section,
    issue_notice,
    subtitles,
)
from crm.reports.notice_tables import dispatch_tables, ranking_table, target_table
from crm.reports.numbers import ahead_phrase, pct, rate_clause, yi
from crm.stats.dispatch import DispatchFigures, dispatch_figures
from crm.stats.query import ZERO
from crm.stats.scope import BUREAU, Scope
from crm.stats.targets import Ranking, TargetFigures, ranked_measures, ranking, target_figures


def dispatch_notice(f: DispatchFigures, targets: TargetFigures | None, bureau_name: str) -> Notice:
    """The dispatch notice: totals against 序时进度, 四张清单 by name, each project, the
    技改 pool, and the targets."""
    tables = dispatch_tables(f, targets)
    total = f.total
    ahead = ahead_phrase(total.rate_pct - f.elapsed_pct) if total.rate_pct is not None else ""
    overview = (
        f"截至{f.period.report_end.month}月{f.period.report_end.day}日，列入{f.year}年重点项目"
        f"清单的项目{total.projects}个，年度计划投资{yi(total.year_plan)}亿元，累计完成投资"
        f"{yi(total.completed_ytd)}亿元"
        + rate_clause("，年度完成率", total.rate_pct)
        + f"，序时进度{pct(f.elapsed_pct)}%"
        + (f"，{ahead}" if ahead else "")
        + "；本期完成投资"
        f"{yi(sum((r.completed_in_period for r in f.rows), ZERO))}亿元。"
        f"{total.behind}个项目年度完成率低于序时进度。"
    )
    by_key = {x.key: x for x in f.four_lists}
    new, done = by_key["new_start"], by_key["completion"]
    four = (
        f"新开工项目计划{new.planned}个，已开工{new.done}个"
        f"{rate_clause('，开工率', new.rate_pct)}；"
        f"在建项目{by_key['building'].done}个；竣工项目计划{done.planned}个，已竣工{done.done}个"
        f"{rate_clause('，竣工率', done.rate_pct)}；储备项目{by_key['reserve'].done}个。"
    )
    pool = f.upgrade_pool
    sections = [
        Section("总体情况", (overview,), (tables["分清单完成情况"],)),
        Section(
            "四张清单",
            (four,),
            (tables["四张清单"], *(tables[f"{x.label}清单"] for x in f.four_lists)),
        ),
        Section("重点项目完成投资明细", (), (tables["项目完成投资明细"],)),
        Section(
            "技改项目库",
            (
                f"技改项目入库（纳统）{pool.pooled}个，总投资{yi(pool.investment)}亿元，"
                f"其中本年入库{pool.pooled_in_year}个。",
            ),
            (tables["技改项目库"],),
        ),
    ]
    if targets is not None and targets.rows:
        sections.append(Section("目标任务完成情况", (), (tables["目标任务完成情况"],)))
    title = f"{f.period.whole.label_zh}重大项目调度通报"
    return Notice(title, bureau_name, subtitles(f.period, f.scope), tuple(sections))


def ranking_notice(
    rankings: list[Ranking], targets: TargetFigures, period: Period, bureau_name: str
) -> Notice:
    sections = []
    for r in rankings:
        place = "园区" if r.scope == TargetScope.PARK else "县（市、区）"
        marked = [x.name for x in r.rows if x.bottom]
        text = f"按{r.measure_label}年度目标完成率排序，序时进度{pct(r.elapsed_pct)}%。"
        if marked:
            text += f"排名靠后的：{'、'.join(marked)}。"
        sections.append(
            Section(f"各{place}{r.measure_label}完成情况", (text,), (ranking_table(r),))
        )
    if targets.rows:
        sections.append(Section("目标任务完成情况", (), (target_table(targets),)))
    if not sections:
        sections.append(Section("说明", (f"{period.year}年尚未设定县区或园区目标任务。",), ()))
    title = f"{period.whole.label_zh}招商引资排序通报"
    return Notice(title, bureau_name, subtitles(period), tuple(sections))


def build_notice(
    session: Session,
    period: Period,
    scope: Scope = BUREAU,
    *,
    kind: str,
    **options: Unpack[IssueOptions],
) -> BuiltNotice:
    """kind 'dispatch' or 'ranking': figures as of the issue date → PDF and xlsx files."""

    def compose(cut: Period, issued: date, bureau_name: str) -> Notice:
        targets = target_figures(session, cut)
        if kind == "dispatch":
            figures = dispatch_figures(session, cut, scope, as_of=issued)
            return dispatch_notice(figures, targets, bureau_name)
        rankings = [ranking(session, cut, s, m) for s, m in ranked_measures(session, cut.year)]
        return ranking_notice(rankings, targets, cut, bureau_name)

    return issue_notice(session, period, scope, kind=kind, compose=compose, **options)
