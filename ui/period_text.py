"""A period's name in the interface language: crm.periods names periods in Chinese
('2026年12月上旬'); English screens say 'early Dec 2026'."""

from __future__ import annotations

import calendar

from crm.periods import Period, PeriodKind

XUN_EN = ("", "early", "mid", "late")


def period_label(period: Period, language: str) -> str:
    if not language.startswith("en"):
        return period.label_zh
    p = period.whole
    if p.kind is PeriodKind.XUN:
        return f"{XUN_EN[p.number]} {calendar.month_abbr[p.month]} {p.year}"
    if p.kind is PeriodKind.MONTH:
        return f"{calendar.month_abbr[p.number]} {p.year}"
    return {
        PeriodKind.WEEK: f"week {p.number} of {p.year}",
        PeriodKind.QUARTER: f"Q{p.number} {p.year}",
        PeriodKind.HALF: f"H{p.number} {p.year}",
        PeriodKind.YEAR: f"{p.year}",
    }.get(p.kind, f"{p.start.isoformat()} to {p.end.isoformat()}")
