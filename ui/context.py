"""What every screen gets: the open database, the application-wide change signal, the language."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from crm.db import Database
from crm.models import Setting

#: What the change bus announces after Settings were saved: the settings table's name, like
#: every other announcement. Use this constant; never spell the name out.
SETTINGS = Setting.__tablename__


class ChangeBus(QObject):
    """One application-wide signal: emitted with a frozenset of table names after a write.

    Views listen and refresh what concerns them; no view calls another view's refresh.
    """

    changed = Signal(object)

    def announce(self, tables: frozenset[str] | set[str] | tuple[str, ...]) -> None:
        if tables:
            self.changed.emit(frozenset(tables))


@dataclass
class AppContext:
    """Passed to every screen. Read `ctx.db` at call time: File → Open replaces it."""

    db: Database
    bus: ChangeBus = field(default_factory=ChangeBus)
    language: str = "zh"

    @property
    def is_english(self) -> bool:
        return self.language.startswith("en")
