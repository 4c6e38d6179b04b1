"""The analysis screen: the table, the chart, xlsx export and saved analyses, on the small
world of tests/core/test_stats_data (2026-Q1: 3 projects signed for 175000 万元)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from test_stats_data import build_small_world

from crm.periods import parse_period


@pytest.fixture
def screen(ctx: Any, qtbot: Any, answers: Any) -> Any:
    from ui.analysis.screen import AnalysisScreen

    with ctx.db.session() as session:
        build_small_world(session)
    widget = AnalysisScreen(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def choose(screen: Any, measure: str, first: str, second: str = "") -> None:
    screen.measure.setCurrentIndex(screen.measure.findData(measure))
    screen.period.set_period(parse_period("2026-Q1"))
    screen.first.setCurrentIndex(screen.first.findData(first))
    screen.second.setCurrentIndex(screen.second.findData(second))


def run(screen: Any, qtbot: Any) -> None:
    task = screen.run()
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass


def cells(screen: Any) -> list[list[str]]:
    table = screen.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_one_dimension_table_and_chart(screen: Any, qtbot: Any) -> None:
    choose(screen, "signed_investment", "team")
    run(screen, qtbot)
    headers = [
        screen.table.horizontalHeaderItem(c).text() for c in range(screen.table.columnCount())
    ]
    assert headers == ["工作队", "本期", "上年同期", "同比(%)", "占比(%)"]
    rows = cells(screen)
    assert rows[0] == ["南宁市驻上海招商工作队", "120,000", "0", "—", "68.6%"]
    assert rows[1][:4] == ["南宁市驻深圳招商工作队", "55,000", "20,000", "175.0%"]
    assert rows[-1][:2] == ["合计", "175,000"]
    assert screen.table.item(len(rows) - 1, 0).font().bold()
    bars = screen.chart.chart_.series()[0].barSets()
    assert [b.label() for b in bars] == ["本期", "上年同期"]
    # Team names are long: horizontal bars, the first row at the top (drawn last); the 合计
    # row is not drawn.
    assert bars[0].count() == len(rows) - 1
    assert bars[0].at(bars[0].count() - 1) == 120000
    assert "2026年一季度" in screen.heading.text()


def test_two_dimensions_and_a_filter(screen: Any, qtbot: Any) -> None:
    choose(screen, "signed_count", "team", "industry")
    screen.filter_dim.setCurrentIndex(screen.filter_dim.findData("stage"))
    screen.filter_values.setText("开工")  # only P7 has started
    run(screen, qtbot)
    rows = cells(screen)
    headers = [
        screen.table.horizontalHeaderItem(c).text() for c in range(screen.table.columnCount())
    ]
    assert headers[:3] == ["工作队", "建筑业", "合计"]
    assert rows[0][:3] == ["南宁市驻深圳招商工作队", "1", "1"]
    assert rows[-1][:3] == ["合计", "1", "1"]


def test_export_writes_numbers(screen: Any, qtbot: Any, tmp_path: Path, answers: Any) -> None:
    choose(screen, "funds", "month")
    run(screen, qtbot)
    target = tmp_path / "分析.xlsx"
    screen.ask_save_path = lambda suggested: str(target)
    screen.export_view()
    qtbot.waitUntil(lambda: bool(answers["infos"]), timeout=10_000)
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert rows[-1][:3] == ("合计", 3500, 800)


def test_saved_analysis_is_listed_and_restores_the_choice(
    screen: Any, qtbot: Any, answers: Any
) -> None:
    choose(screen, "signed_count", "stage")
    answers["text"] = "按阶段"
    screen.save_current()
    qtbot.waitUntil(lambda: screen.saved_box.count() == 1, timeout=10_000)
    assert screen.saved_box.itemText(0) == "按阶段"
    choose(screen, "funds", "team")
    screen._on_saved_chosen(0)
    assert screen.measure.currentData() == "signed_count"
    assert screen.first.currentData() == "stage"
    qtbot.waitUntil(lambda: screen.table_data is not None, timeout=10_000)
    assert screen.table_data.attrs["measure"] == "signed_count"


def test_a_bad_filter_is_one_sentence(screen: Any, answers: Any) -> None:
    screen.second.setCurrentIndex(screen.second.findData(screen.first.currentData()))
    assert screen.run() is None
    assert answers["errors"] == ["请选择一个或两个不同的分组维度"]
