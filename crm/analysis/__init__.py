"""Analysis (分析): a measure by one or two dimensions over a period, pivoted by pandas.

`run_analysis(session, AnalysisSpec(...)) -> DataFrame`; the figures follow the briefs'
counting rules (crm/stats/KEYS.md) and their totals equal the brief's. pandas is imported
only when an analysis runs (the command line's start stays quick).
"""

from __future__ import annotations

from typing import Any

from crm.analysis.spec import DIMENSIONS, MEASURES, AnalysisSpec, parse_filters

TOTAL = "合计"

__all__ = ["DIMENSIONS", "MEASURES", "TOTAL", "AnalysisSpec", "parse_filters", "run_analysis"]


def __getattr__(name: str) -> Any:
    if name == "run_analysis":
        from crm.analysis.pivot import run_analysis

        return run_analysis
    raise AttributeError(name)
