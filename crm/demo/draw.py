"""Cheap deterministic draws: weighted picks, record ids, people, phone numbers, USCCs.

Everything takes a `random.Random`, so the same seed gives the same data.
"""

from __future__ import annotations

import random
import re
from bisect import bisect
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, timedelta
from itertools import accumulate, chain
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


def id_maker(rng: random.Random) -> Callable[[], str]:
    """A callable making UUID-4-shaped ids, deterministic and increasing in the order made.

    Increasing keys append to the primary-key index instead of scattering writes over it,
    which makes bulk loads of a million rows markedly faster on both SQLite and PostgreSQL.
    A large demo makes millions of ids (records and their change-log rows), so they are made
    a block at a time, in C: the first eight hex digits climb from block to block, the next
    four count up within the block, the rest is random.
    """
    return chain.from_iterable(_id_blocks(rng)).__next__


ID_BLOCK = 4096


def _id_blocks(rng: random.Random) -> Iterator[Iterator[str]]:
    prefix = rng.getrandbits(31)
    while True:
        prefix += 1 + rng.getrandbits(8)
        first = rng.randrange(0x10000 - ID_BLOCK)
        variant = "89ab"[rng.getrandbits(2)]
        # 18 random hex digits an id, cut into the 3 + 3 + 12 after the fixed ones.
        tails = _TAILS.findall(rng.randbytes(9 * ID_BLOCK).hex())
        form = f"{prefix:08x}-{{:04x}}-4{{}}-{variant}{{}}-{{}}"
        yield map(form.format, range(first, first + ID_BLOCK), *zip(*tails, strict=True))


_TAILS = re.compile("(...)(...)(.{12})")


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
