"""Export buttons write the current view (filters, visible columns, on-screen order) to .xlsx."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt


@pytest.fixture
def save_to(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, answers: Any) -> Path:
    """The file dialog answers with a path in tmp_path (without .xlsx: the export adds it)."""
    import ui.ledger.export

    target = tmp_path / "view"
    monkeypatch.setattr(ui.ledger.export, "choose_xlsx_path", lambda _p, _s: str(target))
    return target.with_suffix(".xlsx")


def _sheet(path: Path) -> list[list[Any]]:
    book = openpyxl.load_workbook(path, read_only=True)
    return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def _shown(table: Any, model: Any) -> tuple[list[str], list[list[str]]]:
    header = table.horizontalHeader()
    columns = [
        header.logicalIndex(v)
        for v in range(header.count())
        if not header.isSectionHidden(header.logicalIndex(v))
    ]
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in columns]
    rows = [[model.index(r, c).data() for c in columns] for r in range(model.rowCount())]
    return titles, rows


def test_projects_export_follows_filter_columns_and_unit(
    qtbot: Any, ctx: Any, sample_projects: Any, save_to: Path, answers: Any
) -> None:
    from ui.projects.screen import ProjectsScreen

    screen = ProjectsScreen(ctx)
    qtbot.addWidget(screen)
    header = screen.table.horizontalHeader()
    header.setSectionHidden(screen.model.column_index("industry"), True)
    header.moveSection(header.visualIndex(screen.model.column_index("stage")), 0)
    screen.unit_combo.setCurrentIndex(screen.unit_combo.findData("yi"))
    screen.filter_bar.search.setText("项目")  # two of the three projects
    screen.filter_bar.search.flush()
    assert screen.model.rowCount() == 2
    qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)

    sheet = _sheet(save_to)
    titles, shown = _shown(screen.table, screen.model)
    assert sheet[0] == titles
    assert titles[0] == "阶段" and "行业" not in titles and "协议投资额（亿元）" in titles
    assert len(sheet) == 1 + 2
    money = titles.index("协议投资额（亿元）")
    name = titles.index("项目名称")
    for exported, row in zip(sheet[1:], shown, strict=True):
        assert exported[name] == row[name]
        assert exported[0] == row[0]  # the stage label, not its code
        assert f"{exported[money]:,.2f}" == row[money]  # a number, in 亿元 as shown
    planned = {r[name]: r[money] for r in sheet[1:]}
    assert planned["中石化新材料项目"] == 12  # 120000 万元
    assert "已导出 2 行" in answers["infos"][-1]


def test_companies_export_and_file_menu(
    qtbot: Any, sqlite_db: Any, sample_projects: Any, save_to: Path, answers: Any
) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(sqlite_db, start_screen="companies")
    qtbot.addWidget(window)
    screen = window.current_screen()
    assert window.act_export.isEnabled()
    window.act_export.trigger()
    sheet = _sheet(save_to)
    titles, shown = _shown(screen.table, screen.model)
    assert sheet[0] == titles
    assert [r[0] for r in sheet[1:]] == [r[0] for r in shown] == ["中国石油化工集团有限公司"]
    assert sheet[1][titles.index("协议投资（万元）")] == 120000
    window.show_screen("dashboard")
    assert not window.act_export.isEnabled()


def test_cancelled_export_writes_nothing_and_activities_export(
    qtbot: Any,
    ctx: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    save_to: Path,
    answers: Any,
) -> None:
    import ui.ledger.export
    from ui.activities.screen import ActivitiesScreen
    from ui.problems.screen import ProblemsScreen

    activities = ActivitiesScreen(ctx)
    qtbot.addWidget(activities)
    activities.export_view()
    titles, _shown_rows = _shown(activities.table, activities.model)
    assert _sheet(save_to) == [titles]  # an empty view still gets its header row
    save_to.unlink()
    monkeypatch.setattr(ui.ledger.export, "choose_xlsx_path", lambda _p, _s: None)
    problems = ProblemsScreen(ctx)
    qtbot.addWidget(problems)
    problems.export_view()
    assert not any(tmp_path.glob("*.xlsx"))
    assert len(answers["infos"]) == 1 and answers["errors"] == []
