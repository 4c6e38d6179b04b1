"""Helpers of the window tests (imported by them; not a test module)."""

from __future__ import annotations

from typing import Any


def open_window(qtbot: Any, db: Any) -> Any:
    """The main window on `db`, at the projects screen, closed with the test."""
    from ui.main_window import MainWindow

    window = MainWindow(db, start_screen="projects")
    qtbot.addWidget(window)
    return window
