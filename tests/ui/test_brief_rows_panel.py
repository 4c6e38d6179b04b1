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


def test_every_name_reads_in_full_as_its_tooltip(sqlite_db: Any, qtbot: Any, qapp: Any) -> None:
    """User test 4, finding 7: English names are long ("Production and Supply of …") and end
    in "…" in the narrow panel; each name's tooltip is the whole name, also on a row that opens
    no projects (a place scope: its tooltip says so after the name)."""
    from dataclasses import replace

    from crm.stats.scope import Scope, ScopeKind
    from ui.briefs.figure_rows import BriefRowsPanel
    from ui.i18n import install_translations

    with sqlite_db.session() as session:
        build_small_world(session)
        figures = brief_figures(session, parse_period("2026-Q1"), as_of=TODAY)
    long_name = "Information Transmission, Software and Information Technology Services"
    install_translations(qapp, "en")
    try:
        for shown in (figures, replace(figures, scope=Scope(kind=ScopeKind.PLACE))):
            panel = BriefRowsPanel(language="en")
            qtbot.addWidget(panel)
            panel.show_figures(shown)
            table = panel.table
            rows = [(table.item(r, 0), table.item(r, 1).text()) for r in range(table.rowCount())]
            assert {item.text() for item, _ in rows} >= {"Total", long_name}
            for n, (item, count) in enumerate(rows):
                unmatched = panel.filters[n] is None and count  # not a heading
                note = "\nThis row has no matching project filter" if unmatched else ""
                assert item.toolTip() == item.text() + note
    finally:
        install_translations(qapp, "zh")
