"""Report periods: any date range and the presets briefs use (week, 旬, month, quarter, half,
year, year to date), with the same period of the previous year and Chinese labels.

Every period is a closed date range [start, end]. Codes round-trip through `parse_period`:
2026-W47, 2026-11-2 (second 旬 of November), 2026-11, 2026-Q1, 2026-H1, 2026, 2026-YTD,
YTD:2026-09-30, 2026-03-05..2026-04-02.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from crm.errors import CrmError, ValidationError

CN_NUMERALS = ("", "一", "二", "三", "四")
XUN_NAMES = ("", "上旬", "中旬", "下旬")
#: English month names of labels (not calendar.month_abbr, which follows the locale).
MONTHS_EN = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
             "Dec")  # fmt: skip
#: Year-to-date periods that end on these month/day have names of their own in briefs.
NAMED_YTD = {(3, 31): "一季度", (6, 30): "上半年", (9, 30): "前三季度", (12, 31): "全年"}


class PeriodKind(StrEnum):
    WEEK = "week"
    XUN = "xun"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    YTD = "ytd"
    RANGE = "range"


@dataclass(frozen=True)
class Period:
    """A closed date range with the preset it came from.

    `year` is the year the period belongs to (the ISO year for weeks); `number` is the week,
    month, quarter, half or 旬 (1–3) number; `month` is set for 旬. `full_end` is set when the
    period is not over yet and was cut at an as-of date (`end`): see `cut_at`.
    """

    kind: PeriodKind
    start: date
    end: date
    year: int
    number: int = 0
    month: int = 0
    full_end: date | None = None

    @property
    def is_cut(self) -> bool:
        """True when the figures stop at `end`, before the period's own end."""
        return self.full_end is not None

    @property
    def whole(self) -> Period:
        """The period as named, uncut (labels and codes speak of it)."""
        return self if self.full_end is None else replace(self, end=self.full_end, full_end=None)

    def cut_at(self, as_of: date) -> Period:
        """The period as of `as_of`: itself when it is over by then, otherwise cut at that day.
        A period that starts after `as_of` has no figures yet and is refused."""
        whole = self.whole
        if as_of < whole.start:
            raise CrmError(
                f"期间 {whole.label_zh} 尚未开始（{_ymd(whole.start)}开始，统计截至{_ymd(as_of)}）",
                f"Period {whole.code} has not begun yet (starts {whole.start}, "
                f"figures as of {as_of})",
                code="future_period",
            )
        if as_of >= whole.end:
            return whole
        return replace(whole, end=as_of, full_end=whole.end)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def report_end(self) -> date:
        """The end, but never past 31 December of the period's year (ISO week 53 can be)."""
        return min(self.end, date(self.year, 12, 31))

    @property
    def starts_on_new_year(self) -> bool:
        """True when the period is itself a year-to-date figure (its 累计 is itself)."""
        return self.start == date(self.year, 1, 1)

    def previous_year(self) -> Period:
        """The same period of the previous year (同比 base); for a cut period, the same span
        (1 January–23 November last year against 1 January–23 November this year)."""
        if self.full_end is None:
            return _PREVIOUS[self.kind](self)
        whole = _PREVIOUS[self.kind](self.whole)
        if self.kind is PeriodKind.WEEK:
            end = whole.start + (self.end - self.start)
        else:
            end = min(shift_year(self.end), whole.end)
        return replace(whole, end=end, full_end=whole.end)

    def year_to_date(self) -> Period:
        """1 January of the period's year to its end (累计)."""
        return year_to_date(self.report_end)

    @property
    def code(self) -> str:
        return _CODES[self.kind](self.whole)

    @property
    def label_zh(self) -> str:
        """'2026年第47周', '2026年11月中旬', '2026年一季度', '2026年1—8月' … (of the whole
        period; `as_of_zh` says where a cut one stops)."""
        whole = self.whole
        if whole.kind is PeriodKind.RANGE:
            return f"{_ymd(whole.start)}—{_span_end(whole.start, whole.end)}"
        if whole.kind is PeriodKind.YEAR:
            return f"{whole.year}年"
        return f"{whole.year}年{whole.short_label_zh}"

    @property
    def label_en(self) -> str:
        """'2026 week 47', '11-20 Nov 2026', 'Nov 2026', '2026 Q1', 'Jan-Aug 2026' … (of the
        whole period), for the English window."""
        return _EN[self.whole.kind](self.whole)

    def label(self, language: str) -> str:
        """The period's label in the window's language ('zh', 'en' …): the one place screens
        take a period's name from."""
        return self.label_en if language.startswith("en") else self.label_zh

    @property
    def short_label_zh(self) -> str:
        """The label without the year, as prose uses it: '一季度', '11月中旬', '1—9月'."""
        return _SHORT[self.kind](self.whole)

    @property
    def as_of_zh(self) -> str:
        """'截至11月23日' for a cut period, '' otherwise."""
        return f"截至{_md(self.end)}" if self.is_cut else ""

    @property
    def span_zh(self) -> str:
        """'11月16日—11月22日' (with years when the range crosses one)."""
        if self.start.year != self.end.year:
            return f"{_ymd(self.start)}—{_ymd(self.end)}"
        return f"{_md(self.start)}—{_md(self.end)}"

    def elapsed_share_of_year(self) -> Decimal:
        """序时进度 in % at the period's end: whole months when it ends on a month's last day
        (so the end of June is exactly 50%), days otherwise."""
        end = self.report_end
        if end.day == calendar.monthrange(end.year, end.month)[1]:
            return Decimal(end.month * 100) / 12
        day_of_year = end.timetuple().tm_yday
        return Decimal(day_of_year * 100) / (366 if calendar.isleap(end.year) else 365)


# --- constructors -------------------------------------------------------------------------


def iso_week(year: int, week: int) -> Period:
    if not 1 <= week <= weeks_in_year(year):
        raise _bad(f"{year}-W{week:02d}", f"{year}年没有第{week}周", f"{year} has no week {week}")
    start = date.fromisocalendar(year, week, 1)
    return Period(PeriodKind.WEEK, start, start + timedelta(days=6), year, week)


def weeks_in_year(year: int) -> int:
    """52 or 53: 28 December always lies in the last ISO week of its year."""
    return date(year, 12, 28).isocalendar()[1]


def xun(year: int, month_number: int, number: int) -> Period:
    """旬: days 1–10, 11–20 and 21 to the end of the month."""
    _check_month(year, month_number)
    if number not in (1, 2, 3):
        raise _bad(f"{year}-{month_number}-{number}", "旬只能是1、2或3", "旬 is 1, 2 or 3")
    last = calendar.monthrange(year, month_number)[1]
    first_day, last_day = {1: (1, 10), 2: (11, 20), 3: (21, last)}[number]
    return Period(
        PeriodKind.XUN,
        date(year, month_number, first_day),
        date(year, month_number, last_day),
        year,
        number,
        month_number,
    )


def month(year: int, month_number: int) -> Period:
    _check_month(year, month_number)
    last = calendar.monthrange(year, month_number)[1]
    return Period(
        PeriodKind.MONTH,
        date(year, month_number, 1),
        date(year, month_number, last),
        year,
        month_number,
    )


def quarter(year: int, number: int) -> Period:
    if number not in (1, 2, 3, 4):
        raise _bad(f"{year}-Q{number}", "季度只能是1—4", "Quarters are 1–4")
    first = month(year, number * 3 - 2)
    last = month(year, number * 3)
    return Period(PeriodKind.QUARTER, first.start, last.end, year, number)


def half(year: int, number: int) -> Period:
    if number not in (1, 2):
        raise _bad(f"{year}-H{number}", "半年只能是1或2", "Halves are 1 or 2")
    start = date(year, 1 if number == 1 else 7, 1)
    end = date(year, 6, 30) if number == 1 else date(year, 12, 31)
    return Period(PeriodKind.HALF, start, end, year, number)


def year(year_number: int) -> Period:
    _check_year(year_number)
    return Period(PeriodKind.YEAR, date(year_number, 1, 1), date(year_number, 12, 31), year_number)


def year_to_date(end: date) -> Period:
    return Period(PeriodKind.YTD, date(end.year, 1, 1), end, end.year)


def date_range(start: date, end: date) -> Period:
    if end < start:
        raise ValidationError(
            "period",
            f"{start}..{end}",
            f"结束日期 {end} 早于开始日期 {start}",
            f"End date {end} is before start date {start}",
            code="bad_period",
        )
    return Period(PeriodKind.RANGE, start, end, end.year)


# --- parsing ------------------------------------------------------------------------------

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), name)
    for pattern, name in (
        (r"(\d{4})", "year"),
        (r"(\d{4})-W(\d{1,2})", "week"),
        (r"(\d{4})-(\d{1,2})-([123])", "xun"),
        (r"(\d{4})-(\d{1,2})", "month"),
        (r"(\d{4})-Q(\d)", "quarter"),
        (r"(\d{4})-H(\d)", "half"),
        (r"(\d{4})-YTD", "ytd_year"),
        (r"YTD:(\d{4}-\d{2}-\d{2})", "ytd"),
        (r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})", "range"),
    )
)


def parse_period(text: str, *, today: date | None = None) -> Period:
    """Parse a period code (see the module docstring). `today` ends '2026-YTD' of this year."""
    cleaned = text.strip()
    for pattern, name in _PATTERNS:
        found = pattern.fullmatch(cleaned)
        if found:
            return _from_match(name, found.groups(), cleaned, today or date.today())
    raise _bad(
        cleaned,
        f"无法识别的期间：{cleaned}（例如 2026-W47、2026-11-2、2026-11、2026-Q1、2026-H1、2026、"
        "2026-YTD）",
        f"Unknown period: {cleaned} (e.g. 2026-W47, 2026-11-2, 2026-11, 2026-Q1, 2026-H1, 2026, "
        "2026-YTD)",
    )


def _from_match(name: str, groups: tuple[str, ...], text: str, today: date) -> Period:
    if name in ("ytd", "range"):
        days = [_parse_date(g, text) for g in groups]
        return year_to_date(days[0]) if name == "ytd" else date_range(days[0], days[1])
    numbers = [int(g) for g in groups]
    _check_year(numbers[0])
    if name == "ytd_year":
        return _ytd_of_year(numbers[0], today)
    builders = {
        "year": year,
        "week": iso_week,
        "xun": xun,
        "month": month,
        "quarter": quarter,
        "half": half,
    }
    return builders[name](*numbers)


def _ytd_of_year(year_number: int, today: date) -> Period:
    """This year: up to today; a past year: the whole year."""
    if year_number > today.year:
        raise _bad(f"{year_number}-YTD", f"{year_number}年尚未开始", f"{year_number} has not begun")
    end = today if year_number == today.year else date(year_number, 12, 31)
    return year_to_date(end)


def _parse_date(text: str, whole: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise _bad(whole, f"日期无效：{text}", f"Invalid date: {text}") from exc


# --- previous year, codes and labels ------------------------------------------------------


def shift_year(day: date, years: int = -1) -> date:
    """The same day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _previous_week(p: Period) -> Period:
    # Week 53 has no twin in a 52-week year: compare with that year's last week.
    return iso_week(p.year - 1, min(p.number, weeks_in_year(p.year - 1)))


_PREVIOUS = {
    PeriodKind.WEEK: _previous_week,
    PeriodKind.XUN: lambda p: xun(p.year - 1, p.month, p.number),
    PeriodKind.MONTH: lambda p: month(p.year - 1, p.number),
    PeriodKind.QUARTER: lambda p: quarter(p.year - 1, p.number),
    PeriodKind.HALF: lambda p: half(p.year - 1, p.number),
    PeriodKind.YEAR: lambda p: year(p.year - 1),
    PeriodKind.YTD: lambda p: year_to_date(shift_year(p.end)),
    PeriodKind.RANGE: lambda p: date_range(shift_year(p.start), shift_year(p.end)),
}

_CODES = {
    PeriodKind.WEEK: lambda p: f"{p.year}-W{p.number:02d}",
    PeriodKind.XUN: lambda p: f"{p.year}-{p.month:02d}-{p.number}",
    PeriodKind.MONTH: lambda p: f"{p.year}-{p.number:02d}",
    PeriodKind.QUARTER: lambda p: f"{p.year}-Q{p.number}",
    PeriodKind.HALF: lambda p: f"{p.year}-H{p.number}",
    PeriodKind.YEAR: lambda p: f"{p.year}",
    PeriodKind.YTD: lambda p: f"YTD:{p.end.isoformat()}",
    PeriodKind.RANGE: lambda p: f"{p.start.isoformat()}..{p.end.isoformat()}",
}


def _ytd_short(p: Period) -> str:
    """'前三季度', '1—9月', '1—11月中旬' (to the end of a 旬), else '1月1日—11月23日'."""
    named = NAMED_YTD.get((p.end.month, p.end.day))
    if named:
        return named
    if p.end.day == calendar.monthrange(p.end.year, p.end.month)[1]:
        return "1月" if p.end.month == 1 else f"1—{p.end.month}月"
    if p.end.day in (10, 20):
        xun_name = XUN_NAMES[p.end.day // 10]
        return f"1月{xun_name}" if p.end.month == 1 else f"1—{p.end.month}月{xun_name}"
    return f"1月1日—{_md(p.end)}"


def ends_on_named_day(day: date) -> bool:
    """A month's last day, or the last day of its first or second 旬: a year to date to
    such a day has a name (1—9月, 1—11月中旬); to any other day it reads 截至11月23日."""
    return day.day in (10, 20) or day.day == calendar.monthrange(day.year, day.month)[1]


_SHORT = {
    PeriodKind.WEEK: lambda p: f"第{p.number}周",
    PeriodKind.XUN: lambda p: f"{p.month}月{XUN_NAMES[p.number]}",
    PeriodKind.MONTH: lambda p: f"{p.number}月",
    PeriodKind.QUARTER: lambda p: f"{CN_NUMERALS[p.number]}季度",
    PeriodKind.HALF: lambda p: "上半年" if p.number == 1 else "下半年",
    PeriodKind.YEAR: lambda p: "全年",
    PeriodKind.YTD: _ytd_short,
    PeriodKind.RANGE: lambda p: (
        f"{_md(p.start)}—{_span_end(p.start, p.end)}"
        if p.start.year == p.end.year
        else f"{_ymd(p.start)}—{_ymd(p.end)}"
    ),
}


def _dmy_en(day: date) -> str:
    return f"{day.day} {MONTHS_EN[day.month]} {day.year}"


def _ytd_en(p: Period) -> str:
    if p.end.day == calendar.monthrange(p.end.year, p.end.month)[1]:
        first = MONTHS_EN[1]
        last = MONTHS_EN[p.end.month]
        return f"{first} {p.end.year}" if p.end.month == 1 else f"{first}-{last} {p.end.year}"
    return f"1 Jan-{_dmy_en(p.end)}"


def _range_en(p: Period) -> str:
    if p.start.year == p.end.year:
        return f"{p.start.day} {MONTHS_EN[p.start.month]}-{_dmy_en(p.end)}"
    return f"{_dmy_en(p.start)}-{_dmy_en(p.end)}"


_EN = {
    PeriodKind.WEEK: lambda p: f"{p.year} week {p.number}",
    PeriodKind.XUN: lambda p: f"{p.start.day}-{p.end.day} {MONTHS_EN[p.month]} {p.year}",
    PeriodKind.MONTH: lambda p: f"{MONTHS_EN[p.number]} {p.year}",
    PeriodKind.QUARTER: lambda p: f"{p.year} Q{p.number}",
    PeriodKind.HALF: lambda p: f"{p.year} H{p.number}",
    PeriodKind.YEAR: lambda p: f"{p.year}",
    PeriodKind.YTD: _ytd_en,
    PeriodKind.RANGE: _range_en,
}


def _md(day: date) -> str:
    return f"{day.month}月{day.day}日"


def _ymd(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _span_end(start: date, end: date) -> str:
    return _md(end) if start.year == end.year else _ymd(end)


# --- buckets for trends -------------------------------------------------------------------


def month_buckets(start: date, end: date) -> list[Period]:
    """Calendar months overlapping [start, end], clipped to it."""
    buckets: list[Period] = []
    cursor = date(start.year, start.month, 1)
    while cursor <= end:
        whole = month(cursor.year, cursor.month)
        buckets.append(_clip(whole, start, end))
        cursor = whole.end + timedelta(days=1)
    return buckets


def week_buckets(start: date, end: date) -> list[Period]:
    """ISO weeks overlapping [start, end], clipped to it."""
    buckets: list[Period] = []
    cursor = start - timedelta(days=start.weekday())
    while cursor <= end:
        iso_year, iso_number, _ = cursor.isocalendar()
        buckets.append(_clip(iso_week(iso_year, iso_number), start, end))
        cursor += timedelta(days=7)
    return buckets


def _clip(period: Period, start: date, end: date) -> Period:
    return Period(
        period.kind,
        max(period.start, start),
        min(period.end, end),
        period.year,
        period.number,
        period.month,
    )


# --- validation ---------------------------------------------------------------------------


def _check_year(year_number: int) -> None:
    if not 1900 <= year_number <= 2999:
        raise _bad(str(year_number), f"年份无效：{year_number}", f"Invalid year: {year_number}")


def _check_month(year_number: int, month_number: int) -> None:
    _check_year(year_number)
    if not 1 <= month_number <= 12:
        raise _bad(
            f"{year_number}-{month_number}",
            f"月份无效：{month_number}",
            f"Invalid month: {month_number}",
        )


def _bad(value: str, message_zh: str, message_en: str) -> ValidationError:
    return ValidationError("period", value, message_zh, message_en, code="bad_period")
