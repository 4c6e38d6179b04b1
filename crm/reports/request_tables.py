"""The tables and sentences of enterprise requests (企业诉求) and project problems: in the
brief's problems section and in the requests notice (企业诉求办理情况通报). Built once from
the figures, shared by the PDF and the xlsx."""

from __future__ import annotations

from crm.reports.numbers import pct, rate_clause
from crm.reports.tables import BriefTable, Cell, brief_tables
from crm.stats.coverage import Coverage
from crm.stats.model import BriefFigures
from crm.stats.requests import RequestFigures, RequestRow

#: Enterprises not visited named in the brief's sentence, at most.
COVERAGE_NAMES = 10
_FIGURE_HEADER = (
    "受理（件）", "不予受理（件）", "办结（件）", "办结率（%）", "按时办结率（%）",
    "满意率（%）", "期末未办结（件）", "其中逾期（件）",
)  # fmt: skip

#: What 办结 counts, before the rates: not the problems' 本期销号, which also counts problems
#: raised before the period.
CLOSED_NOTE = "办结 = 本期受理且至期末已办结的件数（不含以前受理、本期办结的）；"


def _cells(r: RequestRow) -> tuple[Cell, ...]:
    return (
        r.accepted, r.rejected, r.closed, r.closed_pct, r.on_time_pct, r.satisfaction_pct,
        r.open_at_end, r.overdue_at_end,
    )  # fmt: skip


def request_sentence(r: RequestFigures) -> str:
    """One paragraph of the figures, e.g. '本期受理企业诉求4件、项目问题2件……'."""
    t = r.total
    if not (t.received or t.open_at_end):
        return "本期未收到企业诉求和项目问题，期末无未办结事项。"
    parts = [
        f"本期收到企业诉求{r.requests.received}件、项目问题{r.problems.received}件"
        + (f"（不予受理{t.rejected}件）" if t.rejected else ""),
        # 办结 counts only what was received this period (unlike the problems' 销号): say so.
        f"受理{t.accepted}件，其中本期收到的已办结{t.closed}件"
        + rate_clause("，办结率", t.closed_pct)
        + (rate_clause("，按时办结率", t.on_time_pct) if t.closed else "")
        if t.accepted
        else "本期无受理事项",  # no 办结率 of nothing received
    ]
    if t.visited:
        parts.append(f"回访{t.visited}件，满意率{pct(t.satisfaction_pct)}%")
    parts.append(f"期末未办结{t.open_at_end}件，其中逾期{t.overdue_at_end}件")
    return "；".join(parts) + "。"


def coverage_sentence(c: Coverage) -> str:
    """'本单位重点企业名单内企业12家，本期特派员走访9家，走访覆盖率75.0%；未走访：甲、乙、丙。'"""
    if not c.on_list:
        return "本单位重点企业名单内暂无企业。"  # no 走访覆盖率 of an empty list
    missed = [r.company_name for r in c.rows if not r.contacted]
    shown = "、".join(missed[:COVERAGE_NAMES]) + ("等" if len(missed) > COVERAGE_NAMES else "")
    text = (
        f"本单位重点企业名单内企业{c.on_list}家，本期特派员走访{c.contacted}家，"
        f"走访覆盖率{pct(c.coverage_pct)}%"
    )
    return text + (f"；未走访：{shown}。" if missed else "。")


def coverage_table(c: Coverage) -> BriefTable:
    """The enterprises on the lists, not visited first: who answers for each, visited or not."""
    rows = tuple(
        (
            r.company_name, r.lists, r.commissioner or "—", r.leader or "—",
            "已走访" if r.contacted else "未走访", r.contacts,
            r.last_contact.isoformat() if r.last_contact else None,
        )
        for r in c.rows
    )  # fmt: skip
    return BriefTable(
        "重点企业走访",
        f"{c.list_label}走访情况（{c.period.label_zh}）",
        ("企业", "所在名单", "特派员", "包保领导", "本期走访", "走访次数", "最近走访"),
        rows,
        (2.4, 1.8, 1.0, 1.2, 0.9, 0.8, 1.1),
        note=coverage_sentence(c),
    )


def summary_table(r: RequestFigures) -> BriefTable:
    rows = tuple((row.label, *_cells(row)) for row in (r.requests, r.problems, r.total))
    return BriefTable(
        "诉求办理",
        "企业诉求和项目问题办理情况",
        ("类别", *_FIGURE_HEADER),
        rows,
        (1.4, 0.9, 1.0, 0.9, 0.9, 1.0, 0.9, 1.0, 0.9),
        frozenset({2}),
        note=CLOSED_NOTE + "办结率 = 办结 ÷ 受理；按时办结率 = 期限内办结 ÷ 办结；"
        "满意率 = 满意和基本满意 ÷ 回访。",
    )


def unit_table(r: RequestFigures) -> BriefTable:
    """The handling units ranked, 末位 printed in words in 备注 (a tint alone does not show on
    a black-and-white print)."""
    bottom, tied = _bottom(r.by_unit)
    rows = tuple(
        (row.rank or None, row.label, *_cells(row), "末位" if n in bottom else "")
        for n, row in enumerate(r.by_unit)
    )
    return BriefTable(
        "承办单位排名",
        "承办单位办理情况排名",
        ("名次", "承办单位", *_FIGURE_HEADER, "备注"),
        rows,
        (0.6, 2.0, 0.8, 0.9, 0.8, 0.9, 0.9, 0.9, 0.9, 0.9, 0.6),
        frozenset(bottom),
        note="按办结率排名，办结率相同按按时办结率；本期无受理的单位不排名。"
        + _bottom_note(bool(bottom), tied),
    )


#: Fewer units than this ranked: no 末位 is marked (one of two is not "the last").
BOTTOM_MIN_RANKED = 3


def _bottom(rows: tuple[RequestRow, ...]) -> tuple[set[int], int]:
    """(the rows marked 末位, how many units share the last place; 0 when too few are ranked
    to speak of one). 末位 is the last place of the ranking (the lowest 办结率, then 按时办结率),
    marked when at least three units are ranked and fewer than half of them share it: when
    most units tie at the bottom (13 of 16 at 0.0%) the mark would single out nobody."""
    ranks = [row.rank for row in rows if row.rank]
    if len(ranks) < BOTTOM_MIN_RANKED:
        return set(), 0
    worst = max(ranks)
    tied = ranks.count(worst)
    if 2 * tied >= len(ranks):
        return set(), tied
    return {n for n, row in enumerate(rows) if row.rank == worst}, tied


def _bottom_note(marked: bool, tied: int) -> str:
    """What 末位 means, and why none is marked when the last place is shared by most."""
    meaning = "末位指排名最后（办结率最低，相同时按时办结率最低）的单位"
    if marked:
        return f"{meaning}，在备注栏标出。"
    if tied:
        return f"{meaning}；本期{tied}个单位并列最后，达到排名单位的半数，不标末位。"
    return ""


def category_table(r: RequestFigures) -> BriefTable:
    rows = tuple((row.label, row.received, *_cells(row)[1:]) for row in r.by_category)
    header = ("类别", "收到（件）", *_FIGURE_HEADER[1:])
    return BriefTable("诉求分类", "企业诉求和项目问题分类别情况", header, rows, (1.4, *(1.0,) * 8))


def overdue_table(r: RequestFigures) -> BriefTable:
    rows = tuple(
        (
            o.subject,
            "企业诉求" if o.kind == "request" else "项目问题",
            o.category_label,
            o.content,
            o.handling_unit or "—",
            o.due_on.isoformat(),
            o.days_overdue,
            "是" if o.escalated else "",
        )
        for o in r.overdue
    )
    total = r.total.overdue_at_end
    note = f"逾期未办结共{total}件，列到期最早的前{len(rows)}件。" if total > len(rows) else ""
    return BriefTable(
        "逾期诉求",
        "逾期未办结的企业诉求和项目问题",
        ("企业/项目", "来源", "类别", "内容", "承办单位", "办理时限", "逾期（天）", "已督办"),
        rows,
        (2.0, 0.9, 0.9, 3.0, 1.6, 1.2, 0.8, 0.7),
        note=note,
    )


def notice_tables(r: RequestFigures) -> dict[str, BriefTable]:
    """The requests notice's tables, in print order."""
    tables = (summary_table(r), unit_table(r), category_table(r), overdue_table(r))
    return {t.key: t for t in tables}


def all_brief_tables(f: BriefFigures) -> dict[str, BriefTable]:
    """The brief's tables with the requests summary after the problems."""
    return {**brief_tables(f), "诉求办理": summary_table(f.requests)}
