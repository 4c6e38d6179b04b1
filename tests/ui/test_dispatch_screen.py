"""The dispatch screen: the listed projects' completion as of a day, entering a completion
entry (a wrong day is refused in the form), setting a target."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel
from sqlalchemy import select

from crm.models import CompletionEntry, Target
from tests.core.dispatch_seed import seed_counties, seed_dispatch


def _save(qtbot: Any, dialog: Any) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)  # fmt: skip


def _row_of(screen: Any, code: str) -> int:
    return next(r for r in range(screen.projects.rowCount())
                if screen.projects.item(r, 0).text() == code)  # fmt: skip


def _screen(ctx: Any, qtbot: Any, day: str) -> Any:
    from ui.dispatch.screen import DispatchScreen

    screen = DispatchScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1200, 700)
    screen.show()
    screen.as_of.setText(day)
    qtbot.waitUntil(lambda: screen.data is not None
                    and screen.data.figures.period.end.isoformat() == day)  # fmt: skip
    return screen


def test_enter_a_completion_entry(ctx: Any, qtbot: Any, answers: dict) -> None:
    with ctx.db.session() as s:
        ids = seed_dispatch(s)
    screen = _screen(ctx, qtbot, "2026-11-20")
    assert "2026年11月中旬" in screen.summary.text() and "完成率52.7%" in screen.summary.text()
    row = _row_of(screen, "ZS-2")
    assert screen.projects.item(row, 5).text() == "6,000"
    assert screen.projects.item(row, 6).text() == "20.0%"
    assert screen.projects.item(_row_of(screen, "ZS-4"), 6).text() == "—"  # no year plan
    screen.projects.setCurrentCell(row, 1)
    qtbot.mouseClick(screen.entry_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert dialog.period_end.value() == date(2026, 11, 20)  # the 旬 of the day shown
    dialog.period_end.setText("2026-11-15")
    qtbot.keyClicks(dialog.amount, "1500")
    _save(qtbot, dialog)
    error = dialog.findChild(QLabel, "error_period_end")
    assert "旬末" in error.text()  # refused in the form; nothing written
    dialog.period_end.setText("2026-11-30")
    dialog.image_progress.setText("桩基施工")  # keyClicks types ASCII only
    _save(qtbot, dialog)
    with ctx.db.session() as s:
        entry = s.scalar(select(CompletionEntry).where(
            CompletionEntry.project_id == ids["p2"], CompletionEntry.period_end == date(2026, 11, 30)))  # fmt: skip  # noqa: E501
        assert (entry.amount, entry.year_to_date, entry.image_progress) == (1500, 7500, "桩基施工")
    screen.as_of.setText("2026-11-30")
    qtbot.waitUntil(lambda: screen.projects.item(_row_of(screen, "ZS-2"), 5).text() == "7,500")
    assert screen.projects.item(_row_of(screen, "ZS-2"), 6).text() == "25.0%"
    assert screen.projects.item(_row_of(screen, "ZS-2"), 7).text() == "桩基施工"


def test_set_a_county_target(ctx: Any, qtbot: Any, answers: dict) -> None:
    with ctx.db.session() as s:
        seed_counties(s)
    screen = _screen(ctx, qtbot, "2026-11-20")
    assert screen.targets.rowCount() == 4
    qtbot.mouseClick(screen.target_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    dialog.year.setValue(2026)
    dialog.scope.setCurrentIndex(dialog.scope.findData("county"))
    qtbot.keyClicks(dialog.region_code, "450107")
    dialog.measure.setCurrentIndex(dialog.measure.findData("signed_projects"))
    qtbot.keyClicks(dialog.value, "3")
    _save(qtbot, dialog)
    with ctx.db.session() as s:
        target = s.scalar(select(Target).where(Target.region_code == "450107"))
        assert (target.measure, target.value) == ("signed_projects", Decimal(3))
    qtbot.waitUntil(lambda: screen.targets.rowCount() == 5)
