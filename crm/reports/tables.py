"""The tables of a brief, built once from the figures and shared by the PDF and the xlsx.

Cells hold numbers, not text: int for counts, Decimal for 亿元 and % (exact; shown with one
decimal), None for "—" (a change against zero, a missing target), str for names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from crm.reports.brief_table import BriefTable, Cell, totalled
from crm.reports.numbers import share_of, to_yi
from crm.reports.record_tables import key_projects_table, overdue_table, problems_table
from crm.reports.summary import notes
from crm.reports.titles import ytd_words
from crm.stats.model import BriefFigures, Figure, Row, TeamRow, Totals
from crm.stats.scope import ScopeKind


def brief_tables(figures: BriefFigures) -> dict[str, BriefTable]:
    """All tables by key, in the order the brief prints them."""
    builders = (
        _overview,
        _industries,
        _source_classes,
        _region_groups,
        _provinces,
        _countries,
        _tags,
        _teams,
        _movements,
        _pipeline,
        _funds_sources,
        _funds_trend,
        _size_bands,
        key_projects_table,
        problems_table,
        overdue_table,
    )
    tables = [build(figures) for build in builders]
    return {t.key: t for t in tables}


# --- helpers ------------------------------------------------------------------------------


def _yi(amount_wan: Decimal) -> Decimal:
    return to_yi(amount_wan)


def _totals_cells(t: Totals | Row) -> tuple[Cell, ...]:
    """Projects and amount this period, the same last year, and the amount's change."""
    return (
        t.count.current,
        _yi(t.investment.current),
        t.count.previous,
        _yi(t.investment.previous),
        t.investment.change_pct,
    )


def _row_cells(row: Row, whole: Decimal) -> tuple[Cell, ...]:
    """whole: the investment the shares are of ('—' for a share of nothing)."""
    return (
        row.label,
        row.count.current,
        _yi(row.investment.current),
        share_of(row.share.current, whole),
        _yi(row.investment.previous),
        row.investment.change_pct,
    )


#: Teams in the completion chart (图: 驻点工作队年度签约目标完成率前N位).
TEAM_CHART_ROWS = 15
BREAKDOWN_HEADER = (
    "{}",
    "项目数（个）",
    "投资额（亿元）",
    "占比（%）",
    "上年同期（亿元）",
    "同比（%）",
)
BREAKDOWN_WIDTHS = (3.2, 1.2, 1.4, 1.1, 1.5, 1.1)


def _breakdown(
    f: BriefFigures,
    key: str,
    title: str,
    first: str,
    rows: Sequence[Row],
    total: Row | None = None,
    note: str = "",
) -> BriefTable:
    whole = f.signed.total.investment.current
    body = [_row_cells(r, whole) for r in rows]
    emphasis = frozenset()
    if total is not None:
        body.append(_row_cells(total, whole))
        emphasis = frozenset({len(body) - 1})
    header = (first, *BREAKDOWN_HEADER[1:])
    return BriefTable(key, title, header, tuple(body), BREAKDOWN_WIDTHS, emphasis, note)


def _nonzero(rows: Sequence[Row]) -> list[Row]:
    return [r for r in rows if r.count.current or r.count.previous]


def _total_row(figures: BriefFigures, label: str = "合计") -> Row:
    total = figures.signed.total
    hundred = Decimal(100)
    return Row(
        "total",
        label,
        total.count,
        total.investment,
        Figure(
            hundred if total.investment.current else Decimal(0),
            hundred if total.investment.previous else Decimal(0),
        ),
    )


# --- tables -------------------------------------------------------------------------------


def _overview(f: BriefFigures) -> BriefTable:
    s, fu, st = f.signed, f.funds, f.stages
    ytd = f.ytd is not None

    def line(
        name: str,
        unit: str,
        now: Any,
        before: Any,
        change: Any,
        y_now: Any = None,
        y_change: Any = None,
    ) -> tuple[Cell, ...]:
        cells: tuple[Cell, ...] = (name, unit, now, before, change)
        return cells + ((y_now, y_change) if ytd else ())

    def money(fig: Any, y_fig: Any) -> tuple[Any, ...]:
        return (
            _yi(fig.current),
            _yi(fig.previous),
            fig.change_pct,
            None if y_fig is None else _yi(y_fig.current),
            None if y_fig is None else y_fig.change_pct,
        )

    def count(fig: Any, y_fig: Any) -> tuple[Any, ...]:
        return (
            fig.current,
            fig.previous,
            fig.change_pct,
            None if y_fig is None else y_fig.current,
            None if y_fig is None else y_fig.change_pct,
        )

    started, operating = st.movement("started"), st.movement("operating")
    funded = st.movement("funded")
    band = s.size_bands[0] if s.size_bands else None
    rows = [
        line("新签约项目", "个", *count(s.total.count, s.ytd.count if s.ytd else None)),
        line("签约投资额", "亿元", *money(s.total.investment, s.ytd.investment if s.ytd else None)),
        line("到位资金", "亿元", *money(fu.total, fu.ytd)),
        line("其中：制造业到位资金", "亿元", *money(fu.manufacturing, None)),
        line(
            "资金到位项目",
            "个",
            *count(funded.period.count, funded.ytd.count if funded.ytd else None),
        ),
        line(
            "新开工项目",
            "个",
            *count(started.period.count, started.ytd.count if started.ytd else None),
        ),
        line(
            "开工项目投资额",
            "亿元",
            *money(started.period.investment, started.ytd.investment if started.ytd else None),
        ),
        line(
            "新投产项目",
            "个",
            *count(operating.period.count, operating.ytd.count if operating.ytd else None),
        ),
        line(
            "投产项目投资额",
            "亿元",
            *money(
                operating.period.investment, operating.ytd.investment if operating.ytd else None
            ),
        ),
    ]
    if band is not None:
        rows.insert(2, line(f"其中：{band.label}项目", "个", *count(band.count, None)))
    header = ("指标", "单位", "本期", "上年同期", "同比（%）")
    widths: tuple[float, ...] = (3.0, 0.8, 1.3, 1.3, 1.1)
    if ytd:
        assert f.ytd is not None
        header += (f"累计（{ytd_words(f.ytd)}）", "累计同比（%）")
        widths += (1.6, 1.3)
    return BriefTable("总体情况", "主要指标", header, tuple(rows), widths, note="".join(notes(f)))


def _industries(f: BriefFigures) -> BriefTable:
    s = f.signed
    rows = [*_nonzero(s.by_section), _total_row(f)]
    split = [
        replace(s.manufacturing, label="其中：制造业"),
        replace(s.non_manufacturing, label="　　　非制造业"),
    ]
    whole = s.total.investment.current
    body = tuple(_row_cells(r, whole) for r in [*rows, *split])
    return BriefTable(
        "分产业",
        "新签约项目分产业情况",
        ("产业（门类）", *BREAKDOWN_HEADER[1:]),
        body,
        BREAKDOWN_WIDTHS,
        frozenset({len(rows) - 1}),
    )


def _source_classes(f: BriefFigures) -> BriefTable:
    s = f.signed
    return _breakdown(
        f, "分来源类别", "新签约项目分来源情况", "来源", list(s.by_source_class), _total_row(f)
    )


def _region_groups(f: BriefFigures) -> BriefTable:
    s = f.signed
    rows = [r for r in s.by_region_group if r.count.current or r.count.previous]
    combined = replace(s.key_regions, label=f"重点区域合计（{s.key_regions.label}）")
    return _breakdown(
        f,
        "分重点区域",
        "新签约项目分区域情况",
        "区域",
        rows,
        combined,
        note="重点区域合计中同一项目只计一次；各区域之间可能重叠。",
    )


def _provinces(f: BriefFigures) -> BriefTable:
    rows = _nonzero(f.signed.by_province)
    return _breakdown(f, "分省份", "新签约项目分来源省份情况", "来源省份（含港澳台）", rows)


def _countries(f: BriefFigures) -> BriefTable:
    rows = _nonzero(f.signed.by_country)
    return _breakdown(f, "境外分国别", "境外新签约项目分国家（地区）情况", "国家（地区）", rows)


def _tags(f: BriefFigures) -> BriefTable:
    s = f.signed
    # A breakdown with the number of firms after the number of projects.
    body = []
    for r in [*s.by_tag, s.top_500]:
        cells = _row_cells(r, s.total.investment.current)
        body.append((*cells[:2], r.firms or 0, *cells[2:]))
    header = ("企业类别", BREAKDOWN_HEADER[1], "企业数（家）", *BREAKDOWN_HEADER[2:])
    return totalled(
        "重点企业",
        "重点企业新签约项目情况",
        header,
        body,
        (2.6, 1.1, 1.1, 1.3, 1.0, 1.4, 1.0),
        note=(
            "企业通过其所属集团计入榜单，集团与其子公司计为一家企业；榜单按版次年份及有效期计入；"
            "500强合计中同一项目只计一次。"
        ),
    )


def _teams(f: BriefFigures) -> BriefTable:
    """The ranking shows the teams that signed or received funds this period and those the
    chart shows; the others are folded into one line ("其余N支工作队本期未签约且无到位资金");
    the total counts them all. Ranks are the table's own (1, 2, 3 … in its order, by
    completion): numbers skipping the folded teams read as misprints."""
    t = f.teams
    shown, folded = active_teams(f)
    body: list[tuple[Cell, ...]] = []
    for rank, r in enumerate(shown, start=1):
        target = r.targets.signed_investment
        body.append(
            (
                rank,
                r.name,
                r.signed.count.current,
                _yi(r.signed.investment.current),
                share_of(r.share, f.signed.total.investment.current),
                _yi(r.signed_ytd_investment),
                None if target is None else _yi(target),
                r.completion_pct,
                r.ahead_points,
                _yi(r.funds.current),
                r.stalled.signed_not_started,
                r.stalled.no_update,
            )
        )
    if folded:
        line = (
            f"其余{folded}支工作队本期未签约且无到位资金"
            if shown
            else f"{folded}支工作队本期均未签约且无到位资金"
        )
        body.append(("", line, *([""] * 10)))
    total = t.total
    emphasis: frozenset[int] = frozenset()
    if t.rows:
        body.append(
            (
                "",
                "合计",
                total.signed.count.current,
                _yi(total.signed.investment.current),
                share_of(total.share, f.signed.total.investment.current),
                _yi(total.signed_ytd_investment),
                _yi(total.target_signed_investment) if total.target_signed_investment else None,
                total.completion_pct,
                total.ahead_points,
                _yi(total.funds.current),
                total.stalled.signed_not_started,
                total.stalled.no_update,
            )
        )
        emphasis = frozenset({len(body) - 1})
    header = (
        "排名",
        "工作队",
        "签约项目（个）",
        "签约投资（亿元）",
        "占比（%）",
        "累计签约（亿元）",
        "年度目标（亿元）",
        "完成率（%）",
        "较序时进度（个百分点）",
        "到位资金（亿元）",
        "签约未开工（个）",
        f"{f.stalled_days.no_update}天未更新（个）",
    )
    note = (
        f"完成率 = {t.year}年累计签约投资额 ÷ 年度签约投资目标；序时进度"
        f" {t.elapsed_pct.quantize(Decimal('0.1'))}%；正数为超过序时进度。"
    )
    if folded:
        note += (
            "排名为本表所列工作队按完成率的名次；本期未签约且无到位资金的工作队"
            "（图中所列的除外）合并为一行，合计含全部工作队。"
        )
    return BriefTable(
        "驻点工作队",
        "驻点招商工作队工作情况",
        header,
        tuple(body),
        # 较序时进度 wide enough for its unit （个百分点） on one line.
        (0.75, 3.3, 1.0, 1.1, 0.9, 1.1, 1.1, 1.0, 1.5, 1.1, 1.0, 1.0),
        emphasis,
        note,
    )


def chart_teams(f: BriefFigures) -> list[TeamRow]:
    """The teams the completion chart shows: the first TEAM_CHART_ROWS with a target (the
    ranking puts them first, best completion first)."""
    return [r for r in f.teams.rows if r.completion_pct is not None][:TEAM_CHART_ROWS]


def active_teams(f: BriefFigures) -> tuple[list[TeamRow], int]:
    """Teams with newly signed projects or funds this period, and the teams the chart shows
    (a leader of the year need not have signed this period; the table must not fold it
    away as idle), in ranking order (all of them in a team's own brief); and how many
    others there are."""
    rows = f.teams.rows
    if f.scope.kind is ScopeKind.TEAM:
        return list(rows), 0
    charted = {r.team_id for r in chart_teams(f)}
    shown = [r for r in rows if r.signed.count.current or r.funds.current or r.team_id in charted]
    return shown, len(rows) - len(shown)


def _movements(f: BriefFigures) -> BriefTable:
    body = []
    ytd = f.ytd is not None
    for m in f.stages.movements:
        cells: tuple[Cell, ...] = (m.label, *_totals_cells(m.period))
        if ytd and m.ytd is not None:
            cells += (m.ytd.count.current, _yi(m.ytd.investment.current))
        body.append(cells)
    header = (
        "阶段",
        "本期项目（个）",
        "本期金额（亿元）",
        "上年同期（个）",
        "上年同期（亿元）",
        "金额同比（%）",
    )
    widths: tuple[float, ...] = (1.4, 1.2, 1.3, 1.2, 1.3, 1.2)
    if ytd:
        header += ("累计项目（个）", "累计金额（亿元）")
        widths += (1.2, 1.3)
    note = (
        "项目数为本期达到该阶段的项目；金额为这些项目的计划投资额，"
        "其中资金到位一行为本期实际到位资金（到位资金记录之和）。"
    )
    return BriefTable(
        "项目推进", "项目推进情况（按达到阶段的日期）", header, tuple(body), widths, note=note
    )


def _pipeline(f: BriefFigures) -> BriefTable:
    body = tuple((p.label, p.count, _yi(p.investment)) for p in f.stages.pipeline)
    end = f.period.report_end
    return BriefTable(
        "项目库",
        f"项目库各阶段情况（截至{end.month}月{end.day}日）",
        ("阶段", "项目数（个）", "计划投资（亿元）"),
        body,
        (2.0, 1.5, 1.5),
    )


def _funds_sources(f: BriefFigures) -> BriefTable:
    fu = f.funds
    body = [
        (
            r.label,
            _yi(r.amount.current),
            share_of(r.share.current, fu.total.current),
            _yi(r.amount.previous),
            r.amount.change_pct,
        )
        for r in fu.by_source
    ]
    body.append(
        (
            "合计",
            _yi(fu.total.current),
            share_of(Decimal(100), fu.total.current),
            _yi(fu.total.previous),
            fu.total.change_pct,
        )
    )
    header = ("资金来源", "到位资金（亿元）", "占比（%）", "上年同期（亿元）", "同比（%）")
    return totalled("到位资金来源", "到位资金分来源情况", header, body, (2.2, 1.5, 1.1, 1.5, 1.1))


def _funds_trend(f: BriefFigures) -> BriefTable:
    body = []
    for p in f.funds.trend:
        change = None if not p.previous else (p.amount - p.previous) * 100 / p.previous
        body.append((p.label, _yi(p.amount), _yi(p.previous), change))
    unit = "周" if f.funds.trend_granularity == "week" else "月"
    header = (
        unit + "份" if unit == "月" else "周次",
        "本年（亿元）",
        "上年同期（亿元）",
        "同比（%）",
    )
    return BriefTable(
        "到位资金走势", f"到位资金分{unit}情况", header, tuple(body), (1.6, 1.5, 1.5, 1.2)
    )


def _size_bands(f: BriefFigures) -> BriefTable:
    body = tuple((r.label, *_totals_cells(r)) for r in f.signed.size_bands)
    header = (
        "规模",
        "项目数（个）",
        "投资额（亿元）",
        "上年同期（个）",
        "上年同期（亿元）",
        "同比（%）",
    )
    return BriefTable(
        "项目规模",
        "新签约项目规模分布",
        header,
        body,
        (1.8, 1.2, 1.4, 1.3, 1.5, 1.1),
        note="“以上”含本数。",
    )
