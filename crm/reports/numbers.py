"""How briefs print figures: 亿元 and % with one decimal (half up, at display only), counts
as integers, a fall as 下降X%, growth over 100% in 倍 (增长17.4倍 = +1740%), a change in a
share in 个百分点, a change against zero as '—'.
"""

from __future__ import annotations

from decimal import Decimal

from crm.money import format_yi, round_half_up, wan_to_yi
from crm.reports.brief_table import Yi
from crm.stats.model import Figure

DASH = "—"


def yi(amount_wan: Decimal, places: int = 1) -> str:
    """万元 → '1411.7' (亿元; crm.money.format_yi: 30万元 → '0.003', not '0.0')."""
    return format_yi(amount_wan, places)


def none_this_period(
    what: str, count_before: int, amount_before: Decimal | None = None, where: str = ""
) -> str:
    """'本期无新投产项目（上年同期3个，投资额1.2亿元）', '本期无新签约项目，上年同期也没有': a
    period with none of something said in words, never '0个、投资额0.0亿元，同比下降100.0%'
    (no closing mark: the caller's sentence goes on or ends)."""
    return f"本期{where}无{what}" + before_words(count_before, amount_before)


def before_words(count_before: int | None, amount_before: Decimal | None = None) -> str:
    """What last year's same period had, after a 'none this period': '，上年同期也没有',
    '（上年同期3个，投资额1.2亿元）', '（上年同期1.2亿元）' for an amount alone (count None)."""
    if not count_before and not amount_before:
        return "，上年同期也没有"
    if count_before is None:
        return f"（上年同期{yi(amount_before or Decimal(0))}亿元）"
    amount = f"，投资额{yi(amount_before)}亿元" if amount_before is not None else ""
    if not count_before:  # only 增资 last year: no project to count
        return f"（上年同期投资额{yi(amount_before or Decimal(0))}亿元）"
    return f"（上年同期{count_before}个{amount}）"


def to_yi(amount_wan: Decimal) -> Yi:
    """Exact 亿元, for tables and spreadsheets (rounded only when shown)."""
    return Yi(wan_to_yi(amount_wan))


def pct(value: Decimal | None, places: int = 1) -> str:
    """'38.8' ('—' for None)."""
    if value is None:
        return DASH
    return f"{_rounded(value, places):f}"


def share_of(share: Decimal, whole: Decimal | int) -> Decimal | None:
    """A share as a table cell: None ('—') when the whole it is a share of is zero."""
    return share if whole else None


def share_text(share: Decimal, whole: Decimal | int, places: int = 1) -> str:
    """A share in prose: '28.6%', or '—' when the whole is zero (no share of nothing)."""
    return f"{pct(share, places)}%" if whole else DASH


def share_clause(words: str, share: Decimal, whole: Decimal | int, places: int = 1) -> str:
    """A share clause for prose: '，占比28.6%' (words='，占比'), or '' when the whole is zero:
    a sentence drops the share of nothing instead of printing '占比—' (a dash belongs in a
    table cell, not in a sentence)."""
    return f"{words}{pct(share, places)}%" if whole else ""


def rate_clause(words: str, rate: Decimal | None, places: int = 1) -> str:
    """A rate clause for prose: '，开工率75.0%', or '' when there is no rate (nothing planned,
    nothing received): no '开工率—%' in a sentence."""
    return "" if rate is None else f"{words}{pct(rate, places)}%"


def change_cell(change: Decimal | None, places: int = 1) -> str:
    """A table's 同比 column: '38.8', '-5.2', or '—' against a zero base."""
    return pct(change, places)


#: Growth above this many percent is written in 倍, the way bulletins write it.
TIMES_ABOVE_PCT = Decimal(100)


def change_phrase(figure: Figure, *, places: int = 1, prefix: str = "同比") -> str:
    """'同比增长38.8%', '同比下降5.2%', '同比增长17.4倍' (= +1740%), '与上年同期持平',
    '上年同期为零'."""
    change = figure.change_pct
    if change is None:
        return "上年同期为零" if figure.current else "与上年同期持平"
    if _rounded(change, places) == 0:
        return "与上年同期持平"
    return prefix + growth_words(change, places=places)


def growth_words(change_pct: Decimal, *, places: int = 1) -> str:
    """'增长38.8%', '下降5.2%', '增长17.4倍' (over 100%: 增长N倍 means +N×100%), '持平'."""
    rounded = _rounded(change_pct, places)
    if rounded == 0:
        return "持平"
    if rounded > TIMES_ABOVE_PCT:
        return f"增长{_rounded(change_pct / 100, places):f}倍"
    return f"{'增长' if rounded > 0 else '下降'}{abs(rounded):f}%"


def points_phrase(points: Decimal, *, places: int = 1, up: str = "提升", down: str = "下降") -> str:
    """'提升4.6个百分点', '下降1.2个百分点', '持平'."""
    rounded = _rounded(points, places)
    if rounded == 0:
        return "持平"
    return f"{up if rounded > 0 else down}{abs(rounded):f}个百分点"


def ahead_phrase(points: Decimal | None, *, places: int = 1) -> str:
    """序时进度: '超序时进度10.5个百分点', '落后序时进度3.2个百分点'."""
    if points is None:
        return ""
    rounded = _rounded(points, places)
    if rounded == 0:
        return "与序时进度持平"
    word = "超" if rounded > 0 else "落后"
    return f"{word}序时进度{abs(rounded):f}个百分点"


def _rounded(value: Decimal, places: int) -> Decimal:
    result = round_half_up(value, places)
    # -0.0 prints as 0.0.
    return result + 0 if result == 0 else result
