"""The prose of a brief, written the way bureau briefs are written, from the figures.

"一季度，全区招商引资到位资金2217.0亿元，同比增长38.8%；新签约项目582个，总投资额3197.0亿元，
同比增长57.9%……" Every number goes through crm.reports.numbers, so prose and tables agree.
"""

from __future__ import annotations

from crm.periods import Period, PeriodKind
from crm.reports.numbers import (
    ahead_phrase,
    before_words,
    change_phrase,
    none_this_period,
    pct,
    points_phrase,
    share_clause,
    yi,
)
from crm.reports.titles import ytd_words
from crm.stats.model import BriefFigures, Figure, Movement, Row
from crm.stats.scope import ScopeKind

#: Lists named in the companies sentence besides the 500强 total.
NAMED_TAGS = ("little_giant", "gazelle", "unicorn", "industry_leader")


def period_words(period: Period) -> str:
    """How the summary opens: '一季度', '11月中旬', '第47周（11月16日—11月22日）';
    a period not over yet says where it stops: '2026年（截至11月23日）'."""
    if period.kind is PeriodKind.WEEK:
        return f"本周（{period.span_zh}）"
    words = f"{period.year}年" if period.kind is PeriodKind.YEAR else period.short_label_zh
    return f"{words}（{period.as_of_zh}）" if period.is_cut else words


def as_of_line(f: BriefFigures) -> str:
    """For a period not over yet, a line under the title saying how far the figures go and
    what they are compared with ('' otherwise)."""
    if not f.period.is_cut:
        return ""
    end, before = f.period.end, f.previous
    return (
        f"本期数据截至{end.year}年{end.month}月{end.day}日；上年同期为"
        f"{before.start.year}年{before.start.month}月{before.start.day}日—"
        f"{before.end.month}月{before.end.day}日"
    )


def subject(f: BriefFigures) -> str:
    """Whose figures: '全市招商引资', '南宁市驻深圳招商工作队', '全市来自粤港澳大湾区的项目' …"""
    scope = f.scope
    if scope.kind is ScopeKind.TEAM:
        return scope.label
    if scope.kind is ScopeKind.SOURCE:
        return f"{f.area_word}来自{scope.label}的招商项目"
    if scope.kind is ScopeKind.PLACE:
        return f"{scope.label}招商引资"
    return f"{f.area_word}招商引资"


def whole(f: BriefFigures) -> str:
    """What shares are shares of: '全市', or the scope's projects."""
    scope = f.scope
    if scope.kind is ScopeKind.SOURCE:
        return f"{scope.label}来源项目"
    if scope.kind is ScopeKind.PLACE:
        return f"{scope.label}项目"
    return f.area_word


def summary_paragraphs(f: BriefFigures) -> list[str]:
    """The opening summary, one paragraph per theme (empty themes are left out)."""
    paragraphs = [_headline(f)]
    for sentence in (
        _structure(f),
        _sources(f),
        _companies(f),
        _progress(f),
        _teams(f),
        _problems(f),
    ):
        if sentence:
            paragraphs.append(sentence)
    return paragraphs


def _headline(f: BriefFigures) -> str:
    """'一季度，全区招商引资到位资金…，同比增长38.8%；新签约项目582个，…': a figure that is zero
    this period is said in words ('无到位资金，上年同期也没有'), never '0.0亿元，同比下降100.0%'."""
    s, fu = f.signed, f.funds
    period = _both(fu.total, s.total.count, s.total.investment)
    text = f"{period_words(f.period)}，{subject(f)}{period}"
    if f.ytd is not None and s.ytd is not None and fu.ytd is not None:
        text += f"{ytd_words(f.ytd)}累计" + _both(fu.ytd, s.ytd.count, s.ytd.investment, "累计")
    return text


def _both(funds: Figure, count: Figure, investment: Figure, again: str = "") -> str:
    """The funds and signing clauses; nothing at all in either year is said once
    ('无到位资金、无新签约项目，上年同期也没有。')."""
    figures = (funds, count, investment)
    if not any(x.current or x.previous for x in figures):
        return "无到位资金、无新签约项目，上年同期也没有。"
    return f"{_funds_words(funds)}；{again}{_signed_words(count, investment)}。"


def _funds_words(funds: Figure) -> str:
    if not funds.current:
        return "无到位资金" + before_words(None, funds.previous)
    return f"到位资金{yi(funds.current)}亿元，{change_phrase(funds)}"


def _signed_words(count: Figure, investment: Figure) -> str:
    """A period with 增资 and no new project still shows its investment (counted as signed)."""
    if not count.current and not investment.current:
        return "无新签约项目" + before_words(int(count.previous), investment.previous)
    return (
        f"新签约项目{count.current}个，总投资额{yi(investment.current)}亿元，"
        f"{change_phrase(investment)}"
    )


def _structure(f: BriefFigures) -> str:
    s = f.signed
    if not s.total.count.current:
        return ""
    m = s.manufacturing
    text = f"从产业看，新签约制造业项目{m.count.current}个，投资额{yi(m.investment.current)}亿元"
    whole_now, whole_before = s.total.investment.current, s.total.investment.previous
    text += share_clause("，占比", m.share.current, whole_now)
    if whole_now and whole_before:  # a change of share needs a share in both years
        text += f"，比重比上年同期{points_phrase(m.share.change_points)}"
    top = _top_section(f)
    if top is not None and top.key != m.key:
        text += f"；投资额最大的是{top.label}，{yi(top.investment.current)}亿元"
    bands = [b for b in s.size_bands if b.count.current]
    if bands:
        parts = [
            f"{b.label}项目{b.count.current}个、投资额{yi(b.investment.current)}亿元" for b in bands
        ]
        text += "。从规模看，" + "，".join(parts)
    return text + "。"


def _top_section(f: BriefFigures) -> Row | None:
    rows = [r for r in f.signed.by_section if r.key and r.investment.current]
    return max(rows, key=lambda r: r.investment.current, default=None)


def _sources(f: BriefFigures) -> str:
    s = f.signed
    if not s.total.count.current:
        return ""
    classes = [r for r in s.by_source_class if r.count.current]
    parts = [
        f"{r.label}项目{r.count.current}个、投资额{yi(r.investment.current)}亿元" for r in classes
    ]
    text = "分来源地看，" + "，".join(parts) if parts else ""
    k = s.key_regions
    if k.label:
        text += (
            f"；{k.label}等重点区域签约项目{k.count.current}个、投资额{yi(k.investment.current)}亿元"
            f"{share_clause('，占比', k.share.current, s.total.investment.current)}，"
            f"{change_phrase(k.investment)}"
        )
    return text.lstrip("；") + "。" if text else ""


def _companies(f: BriefFigures) -> str:
    s = f.signed
    top = s.top_500
    tags = {r.key: r for r in s.by_tag}
    parts = []
    if top.count.current:
        parts.append(
            f"引进500强企业投资项目{top.count.current}个（涉及企业{top.firms or 0}家），"
            f"投资额{yi(top.investment.current)}亿元"
            f"{share_clause('，占比', top.share.current, s.total.investment.current)}"
        )
    for key in NAMED_TAGS:
        row = tags.get(key)
        if row is not None and row.count.current:
            parts.append(
                f"{row.label}项目{row.count.current}个、投资额{yi(row.investment.current)}亿元"
            )
    if not parts:
        return ""
    return "重点企业方面，" + "；".join(parts) + "。"


def _progress(f: BriefFigures) -> str:
    """Funded, started and operating projects of the period; a movement with none this
    period nor last year's is left out (no "新开工项目0个，与上年同期持平")."""
    st = f.stages
    parts = []
    funded = st.movement("funded")
    if funded.period.count.current:
        parts.append(f"新增资金到位项目{funded.period.count.current}个")
    elif _happened(funded):  # none now, some last year: said in words, not as 0个
        parts.append(none_this_period("新增资金到位项目", funded.period.count.previous))
    for stage, word in (("started", "新开工"), ("operating", "新投产")):
        m = st.movement(stage)
        if m.period.count.current:
            parts.append(
                f"{word}项目{m.period.count.current}个、"
                f"投资额{yi(m.period.investment.current)}亿元，"
                f"{change_phrase(m.period.investment)}"
            )
        elif _happened(m):
            count, amount = m.period.count.previous, m.period.investment.previous
            parts.append(none_this_period(f"{word}项目", count, amount))
    stalled = stalled_phrase(f)
    if stalled:
        parts.append(stalled)
    if not parts:
        return ""
    return "项目推进方面，" + "；".join(parts) + "。"


def _happened(m: Movement) -> bool:
    return bool(m.period.count.current or m.period.count.previous)


def stalled_phrase(f: BriefFigures) -> str:
    """'截至期末，签约满180天未开工项目12个、开工满365天未投产项目3个、30天以上无任何进展
    的项目20个' (the projects screen's ready-made views count the same)."""
    s, days = f.stages.stalled, f.stalled_days
    parts = [
        (s.signed_not_started, f"签约满{days.signed_not_started}天未开工项目{{n}}个"),
        (s.started_not_operating, f"开工满{days.started_not_operating}天未投产项目{{n}}个"),
        (s.no_update, f"{days.no_update}天以上无任何进展的项目{{n}}个"),
    ]
    shown = [text.format(n=n) for n, text in parts if n]
    return "截至期末，" + "、".join(shown) if shown else ""


def notes(f: BriefFigures) -> list[str]:
    """The brief's notes on what its figures cover."""
    words = f.words
    if f.include_own_area:
        counted = f"本简报招商引资数据含{words.own}投资项目及资金。"
    else:
        counted = words.own_excluded_note
    return [
        counted + "签约项目按首次签约计入当期，增资计入增资当期的签约投资额；"
        "项目库、停滞项目和问题统计含全部项目。"
    ]


def _teams(f: BriefFigures) -> str:
    t = f.teams
    if not t.rows:
        return ""
    total = t.total
    if f.scope.kind is ScopeKind.TEAM:
        row = t.rows[0]
        text = "本工作队" + _team_signed(row.signed.count, row.signed.investment)
        if row.completion_pct is not None:
            text += (
                f"，{t.year}年累计完成年度签约目标任务的{pct(row.completion_pct)}%，"
                f"{ahead_phrase(row.ahead_points)}"
            )
        return text + "。"
    text = (
        f"驻点招商工作方面，{total.team_count}支驻点工作队"
        + _team_signed(total.signed.count, total.signed.investment, "均")
        + share_clause(f"，占{whole(f)}的", total.share, f.signed.total.investment.current)
    )
    if total.completion_pct is not None:
        text += (
            f"，{t.year}年累计完成年度签约目标任务的{pct(total.completion_pct)}%，"
            f"{ahead_phrase(total.ahead_points)}"
        )
    ahead = [r for r in t.rows if r.ahead_points is not None and r.ahead_points >= 0]
    if any(r.completion_pct is not None for r in t.rows):
        text += f"；{len(ahead)}支工作队达到或超过序时进度"
    return text + "。"


def _team_signed(count: Figure, investment: Figure, all_of: str = "") -> str:
    """'新签约项目3个、投资额1.2亿元', or '本期均无新签约项目' rather than '0个、投资额0.0亿元'."""
    if not count.current and not investment.current:
        return f"本期{all_of}无新签约项目"
    return f"新签约项目{count.current}个、投资额{yi(investment.current)}亿元"


def _problems(f: BriefFigures) -> str:
    total = f.problems.total
    if not (total.raised or total.closed or total.open_at_end):
        return ""
    return (
        # 销号 counts every problem closed in the period, also those raised before it: said
        # so, or a reader takes it for 销号 of the new ones (and it disagrees with 办结).
        f"问题协调方面，新收集项目问题{total.raised}个，本期销号{total.closed}个（含以前收集的问题）；"
        f"期末尚有{total.open_at_end}个问题未办结，其中逾期{total.overdue_at_end}个。"
    )
