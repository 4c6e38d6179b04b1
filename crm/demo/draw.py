"""Cheap deterministic draws: weighted picks, record ids, people, phone numbers, USCCs.

Everything takes a `random.Random`, so the same seed gives the same data.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from itertools import accumulate
from typing import Generic, TypeVar

from crm.demo.vocab import GIVEN_CHARS, SURNAMES
from crm.validation import USCC_ALPHABET, uscc_check_char

T = TypeVar("T")


class Picker(Generic[T]):
    """Weighted choice with the cumulative table built once (rng.choices rebuilds it per call)."""

    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        if not items:
            raise ValueError("Picker needs at least one item")
        self.items = list(items)
        self.cumulative = list(accumulate(weights))
        self.total = self.cumulative[-1]

    def __call__(self, rng: random.Random) -> T:
        return self.items[bisect(self.cumulative, rng.random() * self.total)]


class IdSource:
    """UUID-4-shaped ids, deterministic and increasing in the order they are made.

    Increasing keys append to the primary-key index instead of scattering writes over it,
    which makes bulk loads of a million rows markedly faster on both SQLite and PostgreSQL.
    """

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        # The first 48 bits climb by at most 2**20 per id: millions of ids stay below 2**48.
        self._high = rng.getrandbits(47)

    def __call__(self) -> str:
        self._high += 1 + self._rng.getrandbits(20)
        low = self._rng.getrandbits(76)
        text = f"{self._high:012x}{low:019x}"
        variant = "89ab"[low & 3]
        return f"{text[:8]}-{text[8:12]}-4{text[12:15]}-{variant}{text[15:18]}-{text[18:30]}"


def person_name(rng: random.Random) -> str:
    given = rng.choice(GIVEN_CHARS)
    if rng.random() < 0.6:
        given += rng.choice(GIVEN_CHARS)
    return rng.choice(SURNAMES) + given


def mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"


def uscc(rng: random.Random, region_code: str) -> str:
    """A well-formed 统一社会信用代码 for a firm registered in `region_code` (91 = company)."""
    org = "".join(rng.choice(USCC_ALPHABET) for _ in range(9))
    first17 = f"91{region_code}{org}"
    return first17 + uscc_check_char(first17)


def lognormal_wan(rng: random.Random, median: float, sigma: float) -> float:
    return median * rng.lognormvariate(0, sigma)


def round_amount(value: float) -> int:
    """Amounts people write: two significant figures (3800, 52000, 1200000 万元)."""
    if value < 100:
        return max(10, round(value / 10) * 10)
    magnitude = 10 ** (len(str(int(value))) - 2)
    return round(value / magnitude) * magnitude


class Clock:
    """Timestamps for records made on a given day (during office hours), from ordinals."""

    def __init__(self, first: date, last: date) -> None:
        self._base = first.toordinal()
        start = datetime(first.year, first.month, first.day, 8, 30)
        self._days = [start + timedelta(days=n) for n in range(last.toordinal() - self._base + 1)]
        # Five-minute steps: realistic enough, and few distinct values to format when storing.
        self._minutes = [timedelta(minutes=m) for m in range(0, 600, 5)]

    def at(self, rng: random.Random, ordinal: int) -> datetime:
        return self._days[ordinal - self._base] + self._minutes[int(rng.random() * 120)]


def date_of(ordinal: int) -> date:
    return date.fromordinal(ordinal)
