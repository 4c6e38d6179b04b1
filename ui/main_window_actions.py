"""The window's Edit / Delete (编辑 → 编辑 / 删除, Ctrl+E / Delete) follow the current screen:
enabled only when a record is chosen and crm.access lets the signed-in person change it, the
reason as the tooltip otherwise (ui.access.guards.record_action) — what the screen's own
编辑 / 删除 buttons show, so button, menu and key do the same."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction

from ui.access.guards import RECORD_BUTTONS, find_widget, record_action
from ui.screen import Screen

#: (window attribute, screen hook)
ACTIONS = (("act_edit", "edit_current"), ("act_delete", "delete_current"))


class RecordActions(QObject):
    """Keeps the window's Edit / Delete in step with the screen on show."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self._window = window
        self._screen: Screen | None = None
        self._watched: list[QObject] = []
        self._connections: list[Any] = []

    def follow(self, screen: Screen) -> None:
        """The window shows `screen`: watch what decides its Edit / Delete."""
        if screen is self._screen:
            self.update()
            return
        self._forget()
        self._screen = screen
        for path in set(RECORD_BUTTONS.get(screen.screen_id, {}).values()):
            button = find_widget(screen, path)
            if button is not None:  # its enabling: a record shown, crm.access's answer
                button.installEventFilter(self)
                self._watched.append(button)
        table = getattr(screen, "table", None)
        selection = table.selectionModel() if table is not None else None
        if selection is not None:  # a list without buttons: a row chosen or not
            now = self._on_change
            self._connections = [
                selection.currentRowChanged.connect(now),
                selection.selectionChanged.connect(now),
                table.model().modelReset.connect(now),
            ]
        self.update()

    def _forget(self) -> None:
        # What was watched may be gone with its screen (a database switch).
        for watched in self._watched:
            with suppress(RuntimeError):
                watched.removeEventFilter(self)
        for connection in self._connections:
            with suppress(RuntimeError, TypeError):
                QObject.disconnect(connection)
        self._watched.clear()
        self._connections.clear()
        self._screen = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enabled: a record shown or gone; tooltip: the reason came or went (no record →
        # another team's record stays disabled and only the tooltip changes).
        if event.type() in (QEvent.Type.EnabledChange, QEvent.Type.ToolTipChange):
            self.update()
        return False

    def _on_change(self, *_args: Any) -> None:
        self.update()

    def update(self) -> None:
        screen = self._screen
        for name, hook in ACTIONS:
            action: QAction | None = getattr(self._window, name, None)
            if action is None:
                continue
            allowed, why = record_action(screen, hook) if screen is not None else (False, "")
            action.setEnabled(allowed)  # (the window's own guard may still refuse: read-only)
            if why:
                action.setToolTip(why)

    def allows(self, hook: str) -> bool:
        """Whether the current screen's `hook` may run now (checked again when a key or the
        menu triggers it: the state may have changed since the last update)."""
        screen = self._screen
        if screen is None or hook not in {hook for _name, hook in ACTIONS}:
            return True
        return record_action(screen, hook)[0]
