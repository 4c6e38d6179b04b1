"""The window's start on a big database: nothing but painting runs before the first paint."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtWidgets import QApplication

from ui.main_window import INDEX_DELAY_MS, MainWindow


def test_the_search_index_warms_up_after_the_first_paint_however_long_the_build(
    qtbot: Any, sqlite_db: Any, answers: Any
) -> None:
    """On a big database the window takes longer to build than the warm-up's delay: the
    warm-up (a worker competing with painting) is counted from the first show."""
    win = MainWindow(sqlite_db, start_screen="projects")
    qtbot.addWidget(win)
    time.sleep(INDEX_DELAY_MS / 1000 + 0.1)  # a slow build
    win.show()
    QApplication.processEvents()  # the first paint
    assert win.index_task is None
    qtbot.waitUntil(win.search_index_ready, timeout=10_000)
