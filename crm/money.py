"""Exact money. Storage unit is 万元; briefs print 亿元. Never float."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

WAN_PER_YI = Decimal(10000)
#: Storage precision: 0.000001 万元 = 0.01 元 (one fen).
QUANTUM = Decimal("0.000001")
FEN_PER_WAN = 1_000_000
ZERO = Decimal(0)


def to_decimal(value: object) -> Decimal:
    """Convert user or database input to Decimal; ValueError for anything not a number."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise ValueError(f"not an amount: {value!r}")
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        # repr() gives the shortest string that round-trips, so 0.1 becomes Decimal('0.1').
        result = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "")
        try:
            result = Decimal(text)
        except InvalidOperation as exc:
            raise ValueError(f"not an amount: {value!r}") from exc
    else:
        raise ValueError(f"not an amount: {value!r}")
    if not result.is_finite():
        raise ValueError(f"not an amount: {value!r}")
    return result


#: Unit of a column or value → factor to 万元; dollar units are multiplied by the rate too.
UNIT_FACTORS: dict[str, Decimal] = {
    "万元": Decimal(1),
    "亿元": Decimal(10000),
    "元": Decimal("0.0001"),
    "万美元": Decimal(1),
    "亿美元": Decimal(10000),
    "美元": Decimal("0.0001"),
}
DOLLAR_UNITS = frozenset({"万美元", "亿美元", "美元"})

#: A number, in Excel's scientific form too (a CSV saved by Excel writes 1.2E+11), and the
#: unit a person writes after it.
_WRITTEN_AMOUNT = re.compile(
    r"^((?:[+-]?\d+(?:\.\d+)?|[+-]?\.\d+)(?:[eE][+-]?\d{1,4})?)"
    r"\s*(万美元|亿美元|美元|亿元|万元|亿|万|元)?$"
)
THOUSANDS_SEPARATORS = re.compile(r"(?<=\d)[,，'’ ](?=\d{3})")


def split_amount(text: str) -> tuple[Decimal, str | None]:
    """An amount as people write it, in a ledger's cell or a form's field: '1.5亿' →
    (1.5, '亿元'), '12,000' → (12000, None). ValueError for anything else."""
    # NFKC: digits, point and signs typed in full width (the Chinese IME's 全角) read as ASCII
    text = unicodedata.normalize("NFKC", text).strip().replace("，", ",")
    match = _WRITTEN_AMOUNT.match(THOUSANDS_SEPARATORS.sub("", text))
    if not match:
        raise ValueError(f"not an amount: {text!r}")
    word = match[2]
    return Decimal(match[1]), {"亿": "亿元", "万": "万元"}.get(word or "", word)


def typed_wan(text: str) -> Decimal:
    """A form's amount in 万元, a unit written after it read as the importer reads it (1.5亿 is
    15000). ValueError for what is not an amount, a dollar amount or a negative one."""
    number, unit = split_amount(text)
    if unit in DOLLAR_UNITS or number < 0:
        raise ValueError(f"not an amount in yuan: {text!r}")
    return quantize_wan(number * UNIT_FACTORS[unit or "万元"])


def quantize_wan(amount: Decimal) -> Decimal:
    return amount.quantize(QUANTUM, rounding=ROUND_HALF_UP)


def wan_to_fen(amount: Decimal) -> int:
    return int(quantize_wan(amount) * FEN_PER_WAN)


def fen_to_wan(fen: int) -> Decimal:
    return (Decimal(fen) / FEN_PER_WAN).quantize(QUANTUM)


def wan_to_yi(amount: Decimal) -> Decimal:
    return amount / WAN_PER_YI


def round_half_up(amount: Decimal, places: int = 1) -> Decimal:
    return amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


#: 亿元 to four places is 万元, the ledger's own unit: no finer place says anything.
YI_PLACES_MOST = 4


def shown_places(value: Decimal, places: int = 1, most: int = YI_PLACES_MOST) -> int:
    """How many places print `value`: `places`, or more when a figure that is not zero would
    round to zero (30万元 is 0.003亿元, never 0.0), up to `most`."""
    shown = places
    while shown < most and value and not round_half_up(value, shown):
        shown += 1
    # Below even the last place (under half a 万元): as zero, with the usual places.
    return shown if round_half_up(value, shown) else places


def format_decimal(value: Decimal, places: int = 1) -> str:
    """'1411.7', '0.003' (see shown_places); never '-0.0'."""
    return f"{round_half_up(value, shown_places(value, places)) + 0:f}"


def format_yi(amount_wan: Decimal, places: int = 1) -> str:
    """万元 → '1411.7' (亿元, rounded half up only here, at display; a small amount that is not
    zero keeps the places that show it: 30万元 → '0.003')."""
    return format_decimal(wan_to_yi(amount_wan), places)


def format_wan(amount_wan: Decimal, places: int = 2) -> str:
    return f"{round_half_up(amount_wan, places):,f}"


def wan_text(amount: Decimal) -> str:
    """An amount as a clerk writes it in a message: 1600万元, 12.5万元 (no 0.000000)."""
    text = f"{amount.normalize():f}" if amount == amount.to_integral() else f"{amount:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}万元"


def wan_text_en(amount: Decimal) -> str:
    """wan_text in the English window's unit: 1600 ×10k CNY, 12.5 ×10k CNY (as its money
    columns and fields write 万元)."""
    return f"{wan_text(amount).removesuffix('万元')} ×10k CNY"
