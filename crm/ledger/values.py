"""Cell values as people type them → Python values. Each parser raises ValueError(code).

The code is one of the message codes in crm.ledger.problems, so the caller can report it with
sheet, row and column.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation, Overflow, localcontext

from crm.limits import amount_problem, max_amount_text
from crm.money import (
    DOLLAR_UNITS,
    THOUSANDS_SEPARATORS,
    UNIT_FACTORS,
    quantize_wan,
    split_amount,
)

EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01 once Excel's 1900 leap-year bug is counted
BLANKS = frozenset({"", "-", "--", "—", "——", "/", "\\", "无", "暂无", "n/a", "na", "null", "none"})
NOT_APPLICABLE = frozenset({"不适用", "n/a", "na", "无"})


class CellError(ValueError):
    """A value that cannot be read; `code` names the message, `detail` fills it in."""

    def __init__(self, code: str, detail: object = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip().lower() in BLANKS
    return False


_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def clean_line(value: object) -> str:
    """One-line text: trimmed, line breaks inside the cell joined (no space between CJK)."""
    if (
        type(value) is str
        and "\n" not in value
        and "\r" not in value
        and "  " not in value
        and "\u3000" not in value
        and "\t" not in value
    ):
        return value.strip()
    text = number_text(value) if isinstance(value, float | int) else str(value)
    text = text.replace("\u3000", " ").strip()
    if "\n" in text or "\r" in text:
        parts = _LINE_BREAKS.split(text)
        joined = parts[0]
        for part in parts[1:]:
            cjk = _CJK.match(joined[-1:] or " ") and _CJK.match(part[:1] or " ")
            joined += part if cjk else " " + part
        text = joined
    return re.sub(r"[ \t]{2,}", " ", text)


def clean_block(value: object) -> str:
    """Multi-line text (notes): trimmed, line breaks kept, Windows line ends folded."""
    text = number_text(value) if isinstance(value, float | int) else str(value)
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()


def number_text(value: float | int) -> str:
    """1000.0 → '1000' (a code or a phone number read from a numeric cell)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- dates --------------------------------------------------------------------------------------

_YMD = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?"  # 号: 5号 as people say
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_YM = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise CellError("bad_date")
    if isinstance(value, int | float):
        return _from_number(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()  # ２０２６－０３－０５ typed 全角
    for pattern in (_YMD, _COMPACT):
        match = pattern.match(text)
        if match:
            return _make_date(int(match[1]), int(match[2]), int(match[3]))
    match = _YM.match(text)
    if match:  # “2026年3月”: the month is all that is known; its first day stands for it
        return _make_date(int(match[1]), int(match[2]), 1)
    if re.fullmatch(r"\d{5}(\.0+)?", text):
        return _from_number(float(text))
    raise CellError("bad_date")


def month_only(value: object) -> bool:
    """A date written as its year and month only (2026.03, 2026年3月): parse_date takes the
    first day, which the importer says on the cell."""
    return (
        isinstance(value, str)
        and _YM.match(unicodedata.normalize("NFKC", value).strip()) is not None
    )


def _from_number(number: float) -> date:
    if 19000101 <= number <= 29991231 and float(number).is_integer():
        digits = str(int(number))
        return _make_date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    if not 1 <= number < 2958466:  # Excel's own range: 1900-01-01 … 9999-12-31
        raise CellError("bad_date")
    return EXCEL_EPOCH + timedelta(days=int(number))


def _make_date(year: int, month: int, day: int) -> date:
    if not 1900 <= year <= 2999 or not 1 <= month <= 12:
        raise CellError("bad_date")
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise CellError("no_such_date") from exc


# --- amounts ------------------------------------------------------------------------------------


def parse_amount(value: object, unit: str = "万元", usd_rate: Decimal | None = None) -> Decimal:
    """An amount in 万元. `unit` is the column's; a unit written in the cell wins."""
    if isinstance(value, bool):
        raise CellError("bad_amount")
    if isinstance(value, int | float | Decimal):
        number, cell_unit = _decimal(value), None
    else:
        try:
            number, cell_unit = split_amount(str(value))
        except ValueError as exc:
            raise CellError("bad_amount") from exc
    if number < 0:
        raise CellError("negative")
    use = cell_unit or unit
    factor = UNIT_FACTORS[use]
    if use in DOLLAR_UNITS:
        if usd_rate is None:
            raise CellError("bad_amount")
        factor = factor * usd_rate
    with localcontext() as context:
        context.traps[Overflow] = False  # beyond Decimal's range: Infinity, refused just below
        wan = number * factor
    problem = amount_problem(wan)
    if problem == "too_large":
        raise CellError("too_large", max_amount_text())
    if problem is not None:
        raise CellError("bad_amount")
    return quantize_wan(wan)


#: 1000亿元: an amount a column's 亿 unit makes at least this large is implausible for one
#: project, most likely a clerk's 万元 figure under a 亿元 header (user test 3).
IMPLAUSIBLE_WAN = Decimal(10_000_000)


def read_amount(
    value: object, unit: str = "万元", usd_rate: Decimal | None = None
) -> tuple[Decimal, tuple[str, str] | None]:
    """parse_amount for a ledger cell, saying the unit it read the number in: an amount over
    the bound in a unit other than 万元 is refused with what it came to in 万元, and one that
    the column's 亿 unit makes implausibly large is taken with a warning (Chinese, English)
    asking whether 万元 was meant. A cell that writes its unit itself meant it."""
    written = _written_unit(value)
    use = written or unit
    try:
        wan = parse_amount(value, unit, usd_rate)
    except CellError as exc:
        if exc.code != "too_large" or use == "万元":
            raise
        raise CellError("too_large_in_unit", _too_large_said(value, use, usd_rate)) from exc
    if written is None and UNIT_FACTORS[use] >= 10_000 and wan >= IMPLAUSIBLE_WAN:
        grouped = _grouped(wan)
        return wan, (
            f"按{use}计为{grouped}万元，作为一个项目的金额过大：是否应为万元？"
            f"（如无误，仍按{use}导入）",
            f"read in {use} as {grouped} 万元, implausibly large for one project: was 万元 "
            f"meant? (imported in {use} if right)",
        )
    return wan, None


def _written_unit(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return split_amount(value)[1]
    except ValueError:
        return None


def _too_large_said(value: object, unit: str, usd_rate: Decimal | None) -> tuple[str, str]:
    """「50000」按亿元计为500,000,000万元，超过上限100,000,000万元：是否应为万元？"""
    number = _decimal(value) if isinstance(value, int | float | Decimal) else None
    if number is None:
        number = split_amount(str(value))[0]
    with localcontext() as context:
        context.traps[Overflow] = False
        rate = (usd_rate or 1) if unit in DOLLAR_UNITS else 1
        wan = number * UNIT_FACTORS[unit] * rate
    bound = max_amount_text()
    came = f"{_grouped(wan)}万元" if wan.is_finite() and wan.adjusted() < 30 else ""
    zh = f"按{unit}计为{came}，超过上限{bound}" if came else f"按{unit}计超过上限{bound}"
    en = f"read in {unit} as {came.replace('万元', ' 万元')}, over the bound of {bound}"
    en = en if came else f"read in {unit}, over the bound of {bound}"
    if UNIT_FACTORS[unit] > 1 and unit not in DOLLAR_UNITS:  # 亿元: a 万元 figure, most likely
        zh, en = f"{zh}：是否应为万元？", f"{en}: was 万元 meant?"
    return zh, en


def _grouped(wan: Decimal) -> str:
    """An amount in 万元 with thousands separators, as the bound is written: 500,000,000."""
    text = f"{wan:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _decimal(value: int | float | Decimal) -> Decimal:
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation as exc:
        raise CellError("bad_amount") from exc
    if number.is_nan():  # infinities go on, to be refused as too large
        raise CellError("bad_amount")
    return number


def parse_int(value: object) -> int:
    if isinstance(value, bool):
        raise CellError("bad_number")
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError("bad_number")
        value = int(value)
    if isinstance(value, int):
        number = value
    else:
        text = THOUSANDS_SEPARATORS.sub("", str(value).strip())
        text = re.sub(r"(人|个|名|位|家)$", "", text)
        if not re.fullmatch(r"[+-]?\d+(\.0+)?", text):
            raise CellError("bad_number")
        number = int(Decimal(text))
    if number < 0:
        raise CellError("negative")
    return number


_TRUE = frozenset({"是", "y", "yes", "true", "1", "√", "✓", "✔", "重大", "重大项目"})
_FALSE = frozenset({"否", "n", "no", "false", "0", "×", "✗", "非"})


def parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError("bad_bool")


_LIST_SEPARATORS = re.compile(r"[、，,;；/\n]+")


def split_list(value: object) -> list[str]:
    """Several entries in one cell: 、，, ; / or line breaks, but not inside brackets."""
    text = str(value)
    parts, depth, current = [], 0, ""
    for ch in text:
        if ch in "(（[【":
            depth += 1
        elif ch in ")）]】":
            depth = max(0, depth - 1)
        if depth == 0 and _LIST_SEPARATORS.match(ch):
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]
