"""Brief titles and the subject the prose speaks of, from the period and the scope."""

from __future__ import annotations

import calendar

from crm.periods import Period, PeriodKind, ends_on_named_day
from crm.stats.scope import Scope, ScopeKind

#: Periodic briefs named by their cadence; the others are 简报 with the period in front.
CADENCE_NAMES = {PeriodKind.WEEK: "周报", PeriodKind.XUN: "旬报", PeriodKind.MONTH: "月报"}


def scope_subject(scope: Scope) -> str:
    """What the title is about, before '招商引资工作': '' for the bureau."""
    if scope.kind is ScopeKind.TEAM:
        return scope.label
    if scope.kind is ScopeKind.SOURCE:
        return f"{scope.label}来源项目"
    if scope.kind is ScopeKind.PLACE:
        return scope.label
    return ""


def brief_title(period: Period, scope: Scope) -> str:
    """'招商引资工作周报（2026年第47周）', '2026年一季度招商引资工作简报',
    '2026年一季度南宁市驻深圳招商工作队招商引资工作简报' …"""
    subject = scope_subject(scope)
    cadence = CADENCE_NAMES.get(period.kind)
    if cadence:
        return f"{subject}招商引资工作{cadence}（{period.label_zh}）"
    if period.kind is PeriodKind.RANGE or not _named_span(period):
        # A span of days: the same pattern for a range and a year to date ending mid-month.
        return f"{subject}招商引资工作简报（{period.label_zh}）"
    when = f"{period.year}年度" if period.kind is PeriodKind.YEAR else period.label_zh
    return f"{when}{subject}招商引资工作简报"


def _named_span(period: Period) -> bool:
    """A year to date has a name of its own ('1—11月', '前三季度') only when it ends on a
    month's last day; others are a span of days ('1月1日—11月23日')."""
    whole = period.whole
    if whole.kind is not PeriodKind.YTD:
        return True
    return whole.end.day == calendar.monthrange(whole.end.year, whole.end.month)[1]


def scope_line(scope: Scope) -> str:
    """A short line under the title naming the scope ('' for the bureau)."""
    names = {
        ScopeKind.TEAM: "驻点工作队",
        ScopeKind.SOURCE: "来源地",
        ScopeKind.PLACE: "落地园区/地区",
    }
    if scope.kind is ScopeKind.BUREAU:
        return ""
    return f"统计范围：{names[scope.kind]} {scope.label}"


def file_stem(period: Period, scope: Scope, title: str = "招商引资简报") -> str:
    """A file name without extension: '招商引资简报_2026-Q1' (+ '_<scope>'), or another title's
    ('企业诉求通报_2026-11')."""
    stem = f"{title}_{period.code.replace(':', '-').replace('..', '_')}"
    if scope.kind is not ScopeKind.BUREAU:
        stem += f"_{scope.label}"
    return "".join(ch for ch in stem if ch not in '\\/:*?"<>|')


def ytd_words(ytd: Period) -> str:
    """How a brief names its year to date (累计): '1—9月', '前三季度', '1—11月中旬' when it
    ends on a month's or a 旬's last day, else '截至11月23日'."""
    if ends_on_named_day(ytd.end):
        return ytd.short_label_zh
    return f"截至{ytd.end.month}月{ytd.end.day}日"


def reader_note(scope: Scope, document: str = "简报") -> str:
    """The line under the title of a printout whose reader does not see every project it
    would count (crm.access: viewers, members and leaders on a database with accounts; other
    teams' confidential leads are left out of every figure, crm.stats.scope.seen_by), '' when
    nothing is left out: staff and above, a database without accounts, or a team's own brief
    printed by one of its people (a team sees all its own leads). Without it a member's 全市
    brief reads like the bureau's, with smaller figures. `scope`: as the figures counted it."""
    reader = scope.reader
    if reader is None:
        return ""
    if scope.kind is ScopeKind.TEAM and reader.team_id and scope.key == reader.team_id:
        return ""
    return f"本{document}按您的查看权限统计，不含您无权查看的保密线索。"
