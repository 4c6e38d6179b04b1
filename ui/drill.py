"""Drill-down: open the projects list on the projects behind a figure.

Screens call `open_projects(widget, ProjectFilter(figure=…, …))`; the main window (found as
the widget's top-level window) shows the projects screen with that filter. A screen shown on
its own (tests, previews) has no main window: the request is then only logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget

from crm.queries.project_filter import ProjectFilter

log = logging.getLogger(__name__)


def open_projects(widget: QWidget, f: ProjectFilter) -> bool:
    """Show the projects screen filtered by `f`; False when there is no main window."""
    window = widget.window()
    show_screen = getattr(window, "show_screen", None)
    if show_screen is None:
        log.info("drill-down without a main window: %s", f.figure)
        return False
    screen = show_screen("projects")
    screen.show_view(f)
    return True


class ClickFilter(QObject):
    """Calls `on_click()` when the watched widget (or a label on it) is pressed."""

    def __init__(self, widget: QWidget, on_click: Callable[[], object], tooltip: str) -> None:
        super().__init__(widget)
        self._on_click = on_click
        widget.installEventFilter(self)
        widget.setCursor(Qt.CursorShape.PointingHandCursor)
        widget.setToolTip(tooltip)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress:
            self._on_click()
            return True
        return False
