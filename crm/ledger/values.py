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
