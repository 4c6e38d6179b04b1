"""The Briefs screen: pick a period and scope, the preview builds off the GUI thread, save the
PDF, export xlsx, print (to a PDF printer), cancel."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))

from test_stats_data import build_small_world

from crm.periods import parse_period

TODAY = date(2026, 11, 23)
BUILD_TIMEOUT_MS = 30_000


@contextmanager
def shown_screen(db: Any, qtbot: Any) -> Iterator[Any]:
    """A Briefs screen on `db` (today: TODAY), shown at a usual size; a build still running
    at the end is cancelled and waited for."""
    from ui.briefs.screen import BriefsScreen
    from ui.context import AppContext

    widget = BriefsScreen(AppContext(db=db, language="zh"), today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1000, 760)
    widget.show()
    yield widget
    widget.cancel()
    qtbot.waitUntil(lambda: not widget.busy, timeout=BUILD_TIMEOUT_MS)


@pytest.fixture
def screen(sqlite_db: Any, qtbot: Any, answers: dict[str, Any]) -> Iterator[Any]:
    with sqlite_db.session() as session:
        build_small_world(session)
    with shown_screen(sqlite_db, qtbot) as widget:
        yield widget


def build(qtbot: Any, screen: Any, period: str, scope: str = "bureau") -> None:
    with qtbot.waitSignal(screen.preview_ready, timeout=BUILD_TIMEOUT_MS):
        screen.set_choice(parse_period(period), scope)
        screen.build()


def test_defaults_to_the_last_full_quarter(screen: Any) -> None:
    assert screen.picker.period() == parse_period("2026-Q3")
    assert screen.scope.currentData() == "bureau"
    codes = [screen.scope.itemData(n) for n in range(screen.scope.count())]
    assert "team:南宁市驻深圳招商工作队" in codes and "source:gba" in codes


@pytest.mark.async_ops  # watches the build's progress while it runs
def test_preview_builds_off_the_gui_thread(qtbot: Any, screen: Any, tmp_path: Path) -> None:
    from ui.briefs.preview import renderer_name

    shown: list[int] = []
    screen.progress.valueChanged.connect(shown.append)
    build(qtbot, screen, "2026-Q1")
    assert screen.preview.built.title == "2026年一季度招商引资工作简报"
    assert shown and max(shown) == 100  # the screen's own bar followed the work
    assert not screen.progress.isVisible()
    assert screen.page_count() >= 3
    assert f"共 {screen.page_count()} 页" in screen.status.text()
    assert screen.save_button.isEnabled() and screen.xlsx_button.isEnabled()
    if renderer_name() is not None:
        assert len(screen.preview.images) == screen.page_count()
        assert screen.pages_layout.count() == screen.page_count()
    screen.grab().save(str(tmp_path / "briefs.png"))


def test_changing_the_scope_rebuilds(qtbot: Any, screen: Any) -> None:
    build(qtbot, screen, "2026-Q1")
    with qtbot.waitSignal(screen.preview_ready, timeout=BUILD_TIMEOUT_MS):
        screen.scope.setCurrentIndex(screen.scope.findData("team:南宁市驻深圳招商工作队"))
    assert "南宁市驻深圳招商工作队" in screen.preview.built.title
    figures = screen.preview.built.figures
    assert [r.name for r in figures.teams.rows] == ["南宁市驻深圳招商工作队"]


def test_save_pdf_and_export_xlsx(qtbot: Any, screen: Any, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    build(qtbot, screen, "2026-02")
    folder = tmp_path / "exports"
    pdf = folder / "out" / "brief.pdf"
    pdf.parent.mkdir(parents=True)  # the file dialog offers folders that exist
    monkeypatch.setattr(screen, "ask_save_path", lambda *a: str(pdf))
    with qtbot.waitSignal(screen.exported, timeout=BUILD_TIMEOUT_MS):
        screen.save_pdf()
    assert pdf.read_bytes().startswith(b"%PDF")
    xlsx = folder / "brief.xlsx"
    monkeypatch.setattr(screen, "ask_save_path", lambda *a: str(xlsx))
    with qtbot.waitSignal(screen.exported, timeout=BUILD_TIMEOUT_MS):
        screen.export_xlsx()
    from openpyxl import load_workbook

    assert "总体情况" in load_workbook(xlsx).sheetnames
    # Cancelling the file dialog writes nothing.
    monkeypatch.setattr(screen, "ask_save_path", lambda *a: None)
    screen.save_pdf()
    assert sorted(p.name for p in folder.iterdir()) == ["brief.xlsx", "out"]


def test_print_goes_to_the_printer(qtbot: Any, screen: Any, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    from PySide6.QtPrintSupport import QPrinter

    from ui.briefs.preview import renderer_name

    build(qtbot, screen, "2026-Q1")
    if renderer_name() is None:
        pytest.skip("no PDF renderer (QtPdf) here")
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    monkeypatch.setattr(screen, "ask_printer", lambda: printer)
    screen.print_brief()
    from pypdf import PdfReader

    assert len(PdfReader(tmp_path / "printed.pdf").pages) == screen.page_count()


def test_cancel_stops_the_build(qtbot: Any, screen: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from ui.briefs import preview

    release = threading.Event()
    real = preview.build_preview

    def slow(*args: Any) -> Any:
        work = real(*args)

        def waiting(progress: Any) -> Any:
            release.wait(10)
            return work(progress)

        return waiting

    monkeypatch.setattr("ui.briefs.screen.build_preview", slow)
    screen._timer.stop()
    screen.build()
    assert screen.busy and screen.cancel_button.isVisible()
    screen.cancel()
    release.set()
    qtbot.waitUntil(lambda: not screen.busy, timeout=BUILD_TIMEOUT_MS)
    assert screen.status.text() == "已取消。"
    assert screen.preview is None


def test_build_errors_are_shown(qtbot: Any, screen: Any, answers: dict[str, Any],
                                monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    def broken(*args: Any) -> Any:
        def work(progress: Any) -> Any:
            from crm.errors import CrmError

            raise CrmError("数据库出错", "database error")

        return work

    monkeypatch.setattr("ui.briefs.screen.build_preview", broken)
    screen._timer.stop()
    screen.build()
    qtbot.waitUntil(lambda: not screen.busy, timeout=BUILD_TIMEOUT_MS)
    assert answers["errors"] == ["数据库出错"]
    assert "生成失败" in screen.status.text()


def test_empty_preview_shows_a_hint_then_builds_by_itself(qtbot: Any, screen: Any) -> None:
    from PySide6.QtCore import Qt

    from ui.briefs.preview import renderer_name

    # Before the first preview: a centred hint, not a bare grey area.
    assert screen.preview is None
    assert screen.preview_stack.currentWidget() is screen.hint
    assert screen.hint.text() and screen.hint.alignment() & Qt.AlignmentFlag.AlignCenter
    # Shown, the screen builds its first preview without a click.
    qtbot.waitUntil(lambda: screen.preview is not None, timeout=BUILD_TIMEOUT_MS)
    expected = screen.area if renderer_name() is not None else screen.hint
    assert screen.preview_stack.currentWidget() is expected
