"""One table of a brief: what the PDF and the xlsx both print (crm.reports.tables builds them).

Cells hold numbers, not text: int for counts, Decimal for 亿元 and % (exact; shown with one
decimal), None for "—" (a change against zero, a missing target), str for names.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

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
