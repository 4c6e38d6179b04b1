"""The day a dispatch sheet's completion figures refer to: read from the cumulative column's
header (「1-11月中旬累计完成投资」 → 20 November) and the year from the sheet's title rows
(「2026年重大项目调度表」), its name or its 「2026年计划投资」 header. `--as-of` wins."""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date

from crm.codes import CompletionPeriod
from crm.ledger.layout import SheetLayout
from crm.ledger.reader import RawSheet

_XUN_DAY = {"上旬": 10, "中旬": 20}
_SPAN = re.compile(r"(?:\d{1,2}\s*[-—–~至到]\s*)?(\d{1,2})月(上旬|中旬|下旬)?")
_UNTIL = re.compile(r"截[至止](?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
_YEAR = re.compile(r"(20\d{2})\s*年")


def _norm(text: object) -> str:
    return unicodedata.normalize("NFKC", str(text or ""))


def end_from_header(header: str, year: int) -> tuple[date, str] | None:
    """(day, period kind) a header names: '1-11月中旬…' → (year-11-20, xun), '1-10月…' →
    (year-10-31, month), '截至11月20日…' → (year-11-20, xun)."""
    text = _norm(header)
    until = _UNTIL.search(text)
    if until:
        day = date(int(until.group(1) or year), int(until.group(2)), int(until.group(3)))
        return day, CompletionPeriod.XUN.value
    span = _SPAN.search(text)
    if not span or not 1 <= int(span.group(1)) <= 12:
        return None
    month = int(span.group(1))
    last = calendar.monthrange(year, month)[1]
    if span.group(2):
        return date(year, month, _XUN_DAY.get(span.group(2), last)), CompletionPeriod.XUN.value
    return date(year, month, last), CompletionPeriod.MONTH.value


def sheet_year(sheet: RawSheet, layout: SheetLayout) -> int | None:
    """The first 20xx年 in the title rows, the sheet's name, then the headers."""
    texts = [c for row in sheet.rows[: layout.header_first] for c in row if isinstance(c, str)]
    texts += [sheet.name, *(c.header for c in layout.columns)]
    for text in texts:
        found = _YEAR.search(_norm(text))
        if found:
            return int(found.group(1))
    return None


def sheet_as_of(
    sheet: RawSheet, layout: SheetLayout, given: date | None
) -> tuple[date | None, str]:
    """(as-of day, period kind) of a dispatch sheet; the day None when it cannot be told."""
    columns = layout.by_field
    headers = [columns[f].header for f in ("year_to_date", "amount") if f in columns]
    titles = [c for row in sheet.rows[: layout.header_first] for c in row if isinstance(c, str)]
    year = given.year if given else sheet_year(sheet, layout)
    found = None
    if year is not None:
        for text in [*headers, *titles]:
            found = end_from_header(text, year)
            if found:
                break
    if given is not None:
        kind = found[1] if found else CompletionPeriod.XUN.value
        last = calendar.monthrange(given.year, given.month)[1]
        if given.day == last and not found:
            kind = CompletionPeriod.MONTH.value
        return given, kind
    return (found[0], found[1]) if found else (None, "")
