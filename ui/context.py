"""What every screen gets: the open database, the application-wide change signal, the language."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from crm.db import Database
from crm.models import Setting
from crm.services.result import Changed, ChangeSet

#: What the change bus announces after Settings were saved: the settings table's name, like
#: every other announcement. Use this constant; never spell the name out.
SETTINGS = Setting.__tablename__


def change_set(value: Any) -> ChangeSet:
    """What a write reports, as one ChangeSet: a Changed, a ChangeSet, several of them, table
    names (a write that knows only which tables it touched), or anything else (nothing)."""
    if isinstance(value, Changed | ChangeSet):
        return value.as_set()
    if isinstance(value, Iterable) and not isinstance(value, str | bytes | dict):
        items = list(value)
        names = [item for item in items if isinstance(item, str)]
        changes = [item for item in items if isinstance(item, Changed | ChangeSet)]
        return ChangeSet.of(changes) | ChangeSet.tables_only(names)
    return ChangeSet()


class ChangeBus(QObject):
    """One application-wide signal: emitted with the ChangeSet of a write (which records of
    which tables, and how: insert / update / delete / stage ...).

    Screens declare the tables that concern them (ui.screen.Screen.watched) and refresh only
    then; no view calls another view's refresh.
    """

    changed = Signal(object)
    #: A write has waited on the database for a while ("数据库正忙…"); "" when it went through.
    busy = Signal(str)

    def announce(self, changes: Any) -> None:
        """Announce a ChangeSet, a Changed, several of them or table names (see change_set)."""
        change = change_set(changes)
        if change:
            self.changed.emit(change)


@dataclass
class AppContext:
    """Passed to every screen. Read `ctx.db` at call time: File → Open replaces it."""

    db: Database
    bus: ChangeBus = field(default_factory=ChangeBus)
    language: str = "zh"
    #: The window's one undo stack (ui/undo.py); the main window passes its own.
    undo_stack: QUndoStack = field(default_factory=QUndoStack)
    #: Reads that wait until the window has painted once (a list while it has not; None when
    #: there is no such window, e.g. a screen built alone): the main window runs them.
    after_paint: list[Callable[[], Any]] | None = None

    def after_first_paint(self, start: Callable[[], Any]) -> None:
        """Call `start` (which starts a read on a worker) once the window has painted (now,
        when it has or there is none): a worker loading a library during the first paint
        slows that paint (Python's lock)."""
        if self.after_paint is None:
            start()
        else:
            self.after_paint.append(start)

    def run_after_paint(self) -> None:
        pending, self.after_paint = self.after_paint or [], None
        for start in pending:
            start()

    @property
    def is_english(self) -> bool:
        return self.language.startswith("en")
