"""The brief preview's side panel names source classes in the bureau's own words, nearest
first, as the PDF does (tests/core/test_stats_data.py's small world, bureau 南宁市 450100)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))

from test_stats_data import build_small_world

from crm.periods import parse_period
from crm.stats import brief_figures

TODAY = date(2026, 11, 23)


def _class_rows(panel: Any) -> list[tuple[str, str, str]]:
    """The rows under the 来源类别 / source-class heading, up to the next heading."""
    table = panel.table
    cells = [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]
    start = next(n for n, row in enumerate(cells) if row[0] in ("来源类别", "Source class"))
    rows = []
    for row in cells[start + 1 :]:
        if row[1] == "":  # the next heading
            break
        rows.append(row)
    return rows


def test_source_classes_in_the_bureau_words_nearest_first(sqlite_db: Any, qtbot: Any) -> None:
    """2026-Q1: P7 from 柳州 (5000 → 0.5亿) is 区内市外 for a Guangxi city; P1 Shenzhen 50000 and
    P2 Shanghai 120000 are 区外境内 (2, 17.0亿); nothing foreign signed, so no 境外 row."""
    from ui.briefs.figure_rows import BriefRowsPanel

    with sqlite_db.session() as session:
        build_small_world(session)
        figures = brief_figures(session, parse_period("2026-Q1"), as_of=TODAY)
    panel = BriefRowsPanel(language="zh")
    qtbot.addWidget(panel)
    panel.show_figures(figures)
    assert _class_rows(panel) == [("区内市外", "1", "0.5"), ("区外境内", "2", "17.0")]
    english = BriefRowsPanel(language="en")
    qtbot.addWidget(english)
    english.show_figures(figures)
    assert [row[0] for row in _class_rows(english)] == ["In province", "Out of province"]
