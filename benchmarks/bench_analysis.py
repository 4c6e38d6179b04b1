"""Analysis (分析): a measure by dimensions for last year, against this year's same span.

Floor, measured in the same run: the same GROUP BYs (new signings and 增资, both periods)
written by hand and sent through a raw sqlite3 connection, without labels or pivots.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from crm.analysis import AnalysisSpec, run_analysis
from crm.periods import Period, year

try:
    from benchmarks.runner import Case
except ImportError:  # pragma: no cover
    Case = None  # type: ignore[assignment,misc]

RATIO_GOAL = 1.5

SIGNED = """
SELECT {cols}, count(*), sum(planned_investment) FROM project
WHERE deleted_at IS NULL AND first_signed_on BETWEEN ? AND ?
  AND (source_class IS NULL OR source_class != 'in_city')
GROUP BY {cols}
"""
INCREASES = """
SELECT {pcols}, sum(i.amount) FROM investment_increase i JOIN project p ON p.id = i.project_id
WHERE i.deleted_at IS NULL AND i.increased_on BETWEEN ? AND ? AND p.deleted_at IS NULL
  AND (p.source_class IS NULL OR p.source_class != 'in_city')
GROUP BY {pcols}
"""


class AnalysisBench:
    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx
        self.period = year(ctx.today.year - 1)
        self.raw = sqlite3.connect(f"file:{ctx.path}?mode=ro", uri=True)
        ctx.closers.append(self.raw.close)

    def analysis(self, measure: str, dims: tuple[str, ...]) -> object:
        spec = AnalysisSpec(measure, dims, self.period)
        with self.ctx.db.read() as session:
            return run_analysis(session, spec, as_of=self.ctx.today)

    def floor(self, columns: tuple[str, ...]) -> object:
        cols = ", ".join(columns)
        pcols = ", ".join(
            c.replace("source_region_code", "p.source_region_code") if "(" in c else f"p.{c}"
            for c in columns
        )
        rows = []
        for period in (self.period, self.period.previous_year()):
            args = (period.start.isoformat(), period.end.isoformat())
            rows += self.raw.execute(SIGNED.format(cols=cols), args).fetchall()
            rows += self.raw.execute(INCREASES.format(pcols=pcols), args).fetchall()
        return rows


def cases(ctx: Any) -> list[Any]:
    bench = AnalysisBench(ctx)
    label: Period = bench.period
    meets = lambda m, f: f is not None and m <= RATIO_GOAL * f  # noqa: E731
    return [
        Case(
            f"analysis signed_investment by industry {label.code}",
            lambda: bench.analysis("signed_investment", ("industry",)),
            lambda: bench.floor(("industry_code",)),
            goal=f"≤ {RATIO_GOAL:g}× raw SQL",
            meets=meets,
            interleave=True,  # the ratio is the point: the machine's swings fall on both
        ),
        Case(
            f"analysis signed_investment by chain × source_province {label.code}",
            lambda: bench.analysis("signed_investment", ("chain", "source_province")),
            lambda: bench.floor(
                ("chain_code", "source_country_code", "substr(source_region_code, 1, 2)")
            ),
            goal=f"≤ {RATIO_GOAL:g}× raw SQL",
            meets=meets,
            interleave=True,  # the ratio is the point: the machine's swings fall on both
        ),
    ]
