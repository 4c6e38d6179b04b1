"""Periods: every preset form, 旬 boundaries, ISO weeks 1 and 53, previous year, labels."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from crm.errors import ValidationError
from crm.periods import (
    PeriodKind,
    date_range,
    iso_week,
    month_buckets,
    parse_period,
    shift_year,
    week_buckets,
    weeks_in_year,
    xun,
    year_to_date,
)

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "kind", "start", "end", "label"),
    [
        ("2026-W47", PeriodKind.WEEK, date(2026, 11, 16), date(2026, 11, 22), "2026年第47周"),
        ("2026-w05", PeriodKind.WEEK, date(2026, 1, 26), date(2026, 2, 1), "2026年第5周"),
        ("2026-11-2", PeriodKind.XUN, date(2026, 11, 11), date(2026, 11, 20), "2026年11月中旬"),
        ("2026-11-1", PeriodKind.XUN, date(2026, 11, 1), date(2026, 11, 10), "2026年11月上旬"),
        ("2026-11-3", PeriodKind.XUN, date(2026, 11, 21), date(2026, 11, 30), "2026年11月下旬"),
        ("2026-11", PeriodKind.MONTH, date(2026, 11, 1), date(2026, 11, 30), "2026年11月"),
        ("2026-02", PeriodKind.MONTH, date(2026, 2, 1), date(2026, 2, 28), "2026年2月"),
        ("2026-Q1", PeriodKind.QUARTER, date(2026, 1, 1), date(2026, 3, 31), "2026年一季度"),
        ("2026-q4", PeriodKind.QUARTER, date(2026, 10, 1), date(2026, 12, 31), "2026年四季度"),
        ("2026-H1", PeriodKind.HALF, date(2026, 1, 1), date(2026, 6, 30), "2026年上半年"),
        ("2026-H2", PeriodKind.HALF, date(2026, 7, 1), date(2026, 12, 31), "2026年下半年"),
        ("2026", PeriodKind.YEAR, date(2026, 1, 1), date(2026, 12, 31), "2026年"),
        ("2026-YTD", PeriodKind.YTD, date(2026, 1, 1), TODAY, "2026年1月1日—11月23日"),
        ("2025-YTD", PeriodKind.YTD, date(2025, 1, 1), date(2025, 12, 31), "2025年全年"),
        ("YTD:2026-09-30", PeriodKind.YTD, date(2026, 1, 1), date(2026, 9, 30), "2026年前三季度"),
        ("YTD:2026-08-31", PeriodKind.YTD, date(2026, 1, 1), date(2026, 8, 31), "2026年1—8月"),
        (
            "2026-03-05..2026-04-02",
            PeriodKind.RANGE,
            date(2026, 3, 5),
            date(2026, 4, 2),
            "2026年3月5日—4月2日",
        ),
    ],
)
def test_parse_every_preset(
    text: str, kind: PeriodKind, start: date, end: date, label: str
) -> None:
    period = parse_period(text, today=TODAY)
    assert (period.kind, period.start, period.end, period.label_zh) == (kind, start, end, label)
    # The code form reads back as the same period.
    assert parse_period(period.code, today=TODAY) == period


@pytest.mark.parametrize(
    ("year", "month", "end_day"), [(2024, 2, 29), (2026, 2, 28), (2026, 4, 30), (2026, 1, 31)]
)
def test_third_xun_runs_to_month_end(year: int, month: int, end_day: int) -> None:
    period = xun(year, month, 3)
    assert period.start == date(year, month, 21)
    assert period.end == date(year, month, end_day)
    assert period.days == end_day - 20


def test_xun_boundaries_are_10_and_20() -> None:
    assert (xun(2026, 2, 1).end, xun(2026, 2, 2).start, xun(2026, 2, 2).end) == (
        date(2026, 2, 10),
        date(2026, 2, 11),
        date(2026, 2, 20),
    )


def test_leap_february_xun_previous_year() -> None:
    previous = xun(2024, 2, 3).previous_year()
    assert (previous.start, previous.end) == (date(2023, 2, 21), date(2023, 2, 28))


def test_iso_week_1_starts_in_previous_december() -> None:
    week = iso_week(2026, 1)
    assert (week.start, week.end) == (date(2025, 12, 29), date(2026, 1, 4))
    # Its year to date starts on 1 January of the week's own year.
    assert week.year_to_date().start == date(2026, 1, 1)
    assert week.year_to_date().end == date(2026, 1, 4)


def test_iso_week_53() -> None:
    assert weeks_in_year(2026) == 53
    assert weeks_in_year(2025) == 52
    week = iso_week(2026, 53)
    assert (week.start, week.end) == (date(2026, 12, 28), date(2027, 1, 3))
    # Cumulative and elapsed figures stay within the week's year.
    assert week.year_to_date().end == date(2026, 12, 31)
    assert week.elapsed_share_of_year() == 100
    # 2025 has no week 53: compare with its last week.
    assert week.previous_year().code == "2025-W52"
    with pytest.raises(ValidationError):
        iso_week(2025, 53)


def test_previous_year_of_each_kind() -> None:
    assert parse_period("2026-W47").previous_year().start == date(2025, 11, 17)
    assert parse_period("2026-Q1").previous_year().code == "2025-Q1"
    assert parse_period("2026-H2").previous_year().code == "2025-H2"
    assert parse_period("2026").previous_year().code == "2025"
    assert year_to_date(date(2024, 2, 29)).previous_year().end == date(2023, 2, 28)
    assert date_range(date(2024, 2, 29), date(2024, 3, 10)).previous_year().start == date(
        2023, 2, 28
    )
    assert shift_year(date(2024, 2, 29)) == date(2023, 2, 28)


def test_elapsed_share_uses_months_at_month_end_and_days_otherwise() -> None:
    assert parse_period("2026-H1").elapsed_share_of_year() == 50
    assert parse_period("2026-Q3").elapsed_share_of_year() == 75
    assert parse_period("2026-W47").elapsed_share_of_year() == Decimal(326 * 100) / 365


def test_short_labels_for_prose() -> None:
    assert parse_period("2026-Q2").short_label_zh == "二季度"
    assert parse_period("YTD:2026-06-30").short_label_zh == "上半年"
    assert parse_period("YTD:2026-03-31").short_label_zh == "一季度"
    assert parse_period("YTD:2026-01-31").short_label_zh == "1月"
    assert parse_period("2026-W47").span_zh == "11月16日—11月22日"


@pytest.mark.parametrize(
    ("code", "english"),
    [("2026-W47", "2026 week 47"), ("2026-11-2", "11-20 Nov 2026"),
     ("2026-02-3", "21-28 Feb 2026"), ("2026-11", "Nov 2026"), ("2026-Q1", "2026 Q1"),
     ("2026-H2", "2026 H2"), ("2026", "2026"), ("YTD:2026-08-31", "Jan-Aug 2026"),
     ("YTD:2026-11-20", "1 Jan-20 Nov 2026"), ("2026-03-05..2026-04-02", "5 Mar-2 Apr 2026"),
     ("2025-12-30..2026-01-02", "30 Dec 2025-2 Jan 2026")],
)  # fmt: skip
def test_english_labels(code: str, english: str) -> None:
    period = parse_period(code)
    assert period.label_en == english
    assert period.label("en") == english
    assert period.label("zh") == period.label_zh


@pytest.mark.parametrize(
    "text",
    ["2026-W00", "2026-W54", "2026-13", "2026-11-4", "2026-Q5", "2026-H3", "2027-YTD", "x",
     "2026-02-30..2026-03-01", "2026-03-02..2026-03-01", "1800"],
)  # fmt: skip
def test_bad_periods_are_clear_errors(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_period(text, today=TODAY)
    assert caught.value.field == "period"
    assert caught.value.message_zh and caught.value.message_en


def test_buckets_cover_the_range_exactly() -> None:
    months = month_buckets(date(2026, 1, 15), date(2026, 3, 10))
    assert [(m.start, m.end) for m in months] == [
        (date(2026, 1, 15), date(2026, 1, 31)),
        (date(2026, 2, 1), date(2026, 2, 28)),
        (date(2026, 3, 1), date(2026, 3, 10)),
    ]
    weeks = week_buckets(date(2026, 1, 1), date(2026, 1, 20))
    assert weeks[0].start == date(2026, 1, 1) and weeks[0].end == date(2026, 1, 4)
    assert weeks[-1].end == date(2026, 1, 20)
    assert sum(w.days for w in weeks) == 20


def test_cut_at_an_as_of_date() -> None:
    from crm.errors import CrmError

    as_of = date(2026, 11, 23)
    cut = parse_period("2026").cut_at(as_of)
    assert (cut.end, cut.full_end, cut.is_cut) == (as_of, date(2026, 12, 31), True)
    assert cut.label_zh == "2026年" and cut.code == "2026" and cut.as_of_zh == "截至11月23日"
    previous = cut.previous_year()
    assert (previous.start, previous.end) == (date(2025, 1, 1), date(2025, 11, 23))
    assert cut.elapsed_share_of_year() == Decimal(327 * 100) / 365
    month_cut = parse_period("2026-11").cut_at(as_of)
    assert month_cut.label_zh == "2026年11月" and month_cut.previous_year().end == date(
        2025, 11, 23
    )
    # A week keeps its weekday span against last year's twin week.
    week = parse_period("2026-W48").cut_at(date(2026, 11, 25))
    before = week.previous_year()
    assert (before.end - before.start) == (week.end - week.start)
    # Over by then: unchanged; not begun: refused.
    assert parse_period("2026-Q3").cut_at(as_of) == parse_period("2026-Q3")
    with pytest.raises(CrmError, match="尚未开始"):
        parse_period("2026-12").cut_at(as_of)
