"""One table of a brief: what the PDF and the xlsx both print (crm.reports.tables builds them).

Cells hold numbers, not text: int for counts, Yi for 亿元 and Decimal for % (exact; shown with
one decimal, a small 亿元 amount with the places that show it), Wan for amounts in 万元 (shown
whole, with thousands separators: 16,000), None for "—" (a change against zero, a missing
target), str for names.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


class Wan(Decimal):
    """An amount in 万元: a Decimal (exact, a number in the xlsx) that the PDF prints whole with
    thousands separators, as amounts in 万元 are written (16,000, not 16000.0)."""

    __slots__ = ()


class Yi(Decimal):
    """An amount in 亿元 (exact): printed with one decimal, or with the places that show it
    when it is not zero but would round to 0.0 (crm.money.shown_places)."""

    __slots__ = ()


Cell = str | int | Decimal | None


@dataclass(frozen=True)
class BriefTable:
    """key: sheet name in the xlsx; title: caption without its number (the PDF numbers the
    tables it prints, in print order); emphasis: row indexes printed bold (totals); widths:
    relative column widths for the PDF."""

    key: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]
    emphasis: frozenset[int] = frozenset()
    note: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.rows


def totalled(
    key: str,
    title: str,
    header: tuple[str, ...],
    body: list[tuple[Cell, ...]],
    widths: tuple[float, ...],
    note: str = "",
) -> BriefTable:
    """A table whose last row is its total (printed bold)."""
    return BriefTable(key, title, header, tuple(body), widths, frozenset({len(body) - 1}), note)
