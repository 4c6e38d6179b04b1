"""Statistics and printable briefs: a quarter's figures, a quarter's brief to PDF on disk,
a year's brief.

Floors, measured in the same run:
- statistics: the brief's figures from minimal SQL written by hand (benchmarks/stats_floor.py),
  on a raw sqlite3 connection; before timing, the benchmark checks that it gives the same
  figures as `brief_figures`;
- brief to PDF: that SQL plus the same tables drawn straight onto a canvas (one string per
  cell, the same embedded font), without layout.

Also runnable alone: python -m benchmarks.bench_briefs DB_PATH
"""

from __future__ import annotations

import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.stats_floor import clean, code_figures, hand_figures
from crm.db import Database
from crm.periods import Period, quarter, year
from crm.reports.build import build_brief
from crm.reports.fonts import FONT_NAME, register_fonts
from crm.reports.pdf_tables import format_cell
from crm.reports.tables import brief_tables
from crm.stats import BUREAU, brief_figures
from crm.stats.model import BriefFigures

try:  # the shared runner's case type
    from benchmarks.runner import Case
except ImportError:  # pragma: no cover - standalone use before the runner existed
    Case = None  # type: ignore[assignment,misc]

STATS_RATIO_GOAL = 1.5
#: Reclassifying writes a change-log row per changed record: allowed this many UPDATEs' cost.
RECLASSIFY_RATIO_GOAL = 10.0
PDF_RATIO_GOAL = 4.0
PDF_MS_GOAL = {"medium": 500, "large": 2000}


def last_full_quarter(today: date) -> Period:
    number = (today.month - 1) // 3
    return quarter(today.year, number) if number else quarter(today.year - 1, 4)


@dataclass
class BriefBench:
    """Shared state: the code's figures of each period, the raw connection of the floor."""

    db: Database
    path: Path
    scratch: Path
    period: Period
    raw: sqlite3.Connection | None = None

    # --- measured ---------------------------------------------------------------------

    def stats(self, period: Period | None = None) -> object:
        with self.db.session() as session:
            return brief_figures(session, period or self.period, BUREAU)

    def brief(self, period: Period | None = None) -> object:
        with self.db.session() as session:
            return build_brief(
                session,
                period or self.period,
                BUREAU,
                issued_on=date.today(),
                pdf_path=self.scratch / "brief.pdf",
            )

    # --- floors -----------------------------------------------------------------------

    def figures(self, period: Period | None = None) -> BriefFigures:
        """The code's figures of a period (computed once: the floor takes its periods and
        thresholds from them, and is checked against them)."""
        key = (period or self.period).code
        if key not in self._figures:
            with self.db.session() as session:
                self._figures[key] = brief_figures(session, period or self.period, BUREAU)
        return self._figures[key]

    def check_floor(self, period: Period | None = None) -> None:
        """The hand-written SQL gives the same figures as the code, or the benchmark stops."""
        figures = self.figures(period)
        hand, code = clean(hand_figures(self.connection(), figures)), code_figures(figures)
        if hand != code:
            differ = sorted(k for k in code if hand[k] != code[k])
            raise AssertionError(f"the floor's figures differ from the code's: {differ}")

    def connection(self) -> sqlite3.Connection:
        if self.raw is None:
            self.raw = sqlite3.connect(self.path)
            self.raw.execute("PRAGMA query_only=ON")
        return self.raw

    def raw_stats(self, period: Period | None = None) -> object:
        return hand_figures(self.connection(), self.figures(period))

    def raw_brief(self, period: Period | None = None) -> int:
        """Raw aggregates, then the same tables drawn cell by cell on a bare canvas."""
        self.raw_stats(period)
        return draw_tables_plainly(self.tables(period), self.scratch / "floor.pdf")

    def tables(self, period: Period | None) -> list[Any]:
        key = (period or self.period).code
        if key not in self._tables:
            self._tables[key] = list(brief_tables(self.figures(period)).values())
        return self._tables[key]

    def close(self) -> None:
        if self.raw is not None:
            self.raw.close()
            self.raw = None

    _tables: dict[str, list[Any]] = field(default_factory=dict)
    _figures: dict[str, BriefFigures] = field(default_factory=dict)


def draw_tables_plainly(tables: list[Any], path: Path) -> int:
    """The least a PDF of these tables takes: every cell one drawString, fixed row height."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    canvas = Canvas(str(path), pagesize=A4, initialFontName=FONT_NAME)
    width, height = A4
    y = height - 60
    cells = 0
    for table in tables:
        column = (width - 100) / max(1, len(table.header))
        for row in [table.header, *table.rows]:
            if y < 60:
                canvas.showPage()
                y = height - 60
            canvas.setFont(FONT_NAME, 7.5)
            for n, value in enumerate(row):
                canvas.drawString(50 + n * column, y, format_cell(value)[:20])
                cells += 1
            y -= 11
        y -= 20
    canvas.save()
    return cells


@dataclass
class ReclassifyBench:
    """Changing the bureau's region on a copy of the demo ledger: every project and derived
    funds source classed again, the change log written (crm.services.sources). Each run
    moves the bureau between two cities, so every run changes the same rows back."""

    path: Path
    regions: tuple[str, str] = ("440300", "450100")
    runs: int = 0
    db: Database | None = None

    def open(self, source: Path) -> None:

        from crm.db import open_database

        if self.db is None:
            with sqlite3.connect(source) as src, sqlite3.connect(self.path) as dst:
                src.backup(dst)
            self.db = open_database(self.path)

    def run(self) -> int:
        from crm.services.settings import get_setting, set_setting

        assert self.db is not None
        with self.db.session() as session:
            current = get_setting(session, "bureau_region_code")
            region = self.regions[0] if current != self.regions[0] else self.regions[1]
            set_setting(session, "bureau_region_code", region)
        return 0

    def floor(self) -> int:
        """One UPDATE classing every project by its code prefix in SQL, nothing logged."""
        region = self.regions[self.runs % 2]
        self.runs += 1
        with sqlite3.connect(self.path) as conn:
            conn.execute(
                "UPDATE project SET source_class = CASE"
                " WHEN source_country_code <> 'CN' OR substr(source_region_code, 1, 2)"
                " IN ('81', '82', '71') THEN 'foreign'"
                " WHEN source_region_code IS NULL THEN NULL"
                " WHEN substr(source_region_code, 1, 4) = ? THEN 'in_city'"
                " WHEN substr(source_region_code, 1, 2) = ? THEN 'in_province'"
                " ELSE 'out_of_province' END",
                (region[:4], region[:2]),
            )
        return 0

    def close(self) -> None:
        if self.db is not None:
            self.db.close()


def cases(ctx: Any) -> list[Any]:
    reclassify = ReclassifyBench(ctx.scratch / "reclassify.sqlite")
    ctx.closers.append(reclassify.close)
    bench = BriefBench(ctx.db, ctx.path, ctx.scratch, last_full_quarter(ctx.today))
    ctx.closers.append(bench.close)
    whole_year = year(ctx.today.year)
    bench.check_floor()
    bench.check_floor(whole_year)
    q = bench.period.code
    pdf_goal = PDF_MS_GOAL.get(ctx.scale)
    goal_text = f"< {pdf_goal} ms, ≤ {PDF_RATIO_GOAL:g}× floor" if pdf_goal else ""
    return [
        Case(
            f"briefs.stats {q}",
            bench.stats,
            bench.raw_stats,
            goal=f"≤ {STATS_RATIO_GOAL:g}× hand-written SQL",
            repeat=5,
            meets=lambda m, f: f is not None and m <= STATS_RATIO_GOAL * f,
        ),
        Case(
            f"briefs.pdf {q} to disk",
            bench.brief,
            bench.raw_brief,
            goal=goal_text,
            repeat=5,
            meets=(lambda m, f: m < pdf_goal and f is not None and m <= PDF_RATIO_GOAL * f)
            if pdf_goal
            else None,
        ),
        Case(
            f"briefs.pdf {whole_year.code} (year) to disk",
            lambda: bench.brief(whole_year),
            lambda: bench.raw_brief(whole_year),
            goal=f"≤ {PDF_RATIO_GOAL:g}× floor",
            repeat=3,
            meets=lambda m, f: f is not None and m <= PDF_RATIO_GOAL * f,
        ),
        Case(
            "settings.bureau region change (reclassify all)",
            reclassify.run,
            reclassify.floor,
            goal=f"≤ {RECLASSIFY_RATIO_GOAL:g}× one SQL UPDATE (with the change log)",
            repeat=3,
            setup=lambda: reclassify.open(ctx.path),
            meets=lambda m, f: f is not None and m <= RECLASSIFY_RATIO_GOAL * f,
        ),
    ]


def _standalone(db_path: str, repeat: int = 3) -> None:
    """Time the cases against any database file: python -m benchmarks.bench_briefs DB."""
    import tempfile

    from crm.db import open_database

    db = open_database(db_path)
    scratch = Path(tempfile.mkdtemp(prefix="crm-briefs-"))
    bench = BriefBench(db, Path(db_path), scratch, last_full_quarter(date.today()))
    bench.check_floor()
    try:
        for name, fn in (
            ("stats", bench.stats),
            ("hand-written SQL", bench.raw_stats),
            ("brief pdf", bench.brief),
            ("floor pdf", bench.raw_brief),
        ):
            fn()
            best = min(_timed(fn) for _ in range(repeat))
            print(f"{name:24} {best * 1000:8.1f} ms")
    finally:
        bench.close()
        db.close()


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    _standalone(sys.argv[1])
