"""Base class of every main screen: the hooks the main window's shortcuts call."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QWidget

from crm.services.result import ChangeSet
from ui import dialogs
from ui.context import AppContext
from ui.ops import run_write

if TYPE_CHECKING:  # the UI hands sessions to services; it never builds queries
    from sqlalchemy.orm import Session

#: A service call on one record: `delete_company(session, company_id)` and the like.
RecordWrite = Callable[["Session", str], Any]


def open_dialog(owner: Any, dialog: QDialog) -> None:
    """Open a form window-modal and non-blocking, deleted when closed; `owner.dialog` lets
    tests reach the open form."""
    owner.dialog = dialog
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


class Screen(QWidget):
    """A main screen. Subclasses set `screen_id` and override the hooks they support.

    The main window calls: new_record (Ctrl+N), edit_current (Ctrl+E), delete_current (Delete),
    undo (Ctrl+Z), refresh (F5), focus_search (Ctrl+F). Emit `record_count_changed` with the
    number of records the current view holds, for the status bar (-1: still counting).
    """

    screen_id: str = ""
    #: Tables whose changes this screen shows (list, detail, choice lists); a change of
    #: others never reaches apply_change.
    watched: frozenset[str] = frozenset()
    #: The screen shows a table that File → Export writes to .xlsx (export_view).
    can_export: bool = False
    record_count_changed = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        #: The form last opened (`_show`), for tests.
        self.dialog: QDialog | None = None
        #: The main window shows one screen at a time; the others mark themselves stale.
        self._on_show = True
        #: What changed while this screen was not on show (None: nothing; it is up to date).
        self._stale: ChangeSet | None = None
        ctx.bus.changed.connect(self._on_bus)

    # -- changes --------------------------------------------------------------------------------
    def concerns(self, change: ChangeSet) -> bool:
        """Whether a change shows on this screen (default: it touches a watched table)."""
        return bool(change.tables() & self.watched)

    def apply_change(self, change: ChangeSet) -> None:
        """Show a change that concerns this screen (default: re-read everything)."""
        self.refresh()

    @property
    def stale(self) -> bool:
        return self._stale is not None

    def set_on_show(self, on_show: bool) -> None:
        """The main window says whether this screen is the one on show. A screen not on show
        only remembers what changed; it reloads when it is shown again."""
        self._on_show = on_show
        if on_show and self._stale is not None:
            change, self._stale = self._stale, None
            self.apply_change(change)

    def _on_bus(self, change: ChangeSet) -> None:
        if not self.concerns(change):
            return
        if self._on_show:
            self.apply_change(change)
        else:
            self._stale = change if self._stale is None else self._stale | change

    def _show(self, dialog: QDialog) -> None:
        open_dialog(self, dialog)

    def new_record(self) -> None:
        """Open the form for a new record of this screen's kind."""

    def edit_current(self) -> None:
        """Open the form for the selected record."""

    def delete_current(self) -> None:
        """Soft-delete the selected record after ui.dialogs.ask_confirm."""

    def undo(self) -> None:
        """Undo the window's last undoable write (Ctrl+Z), or say there is none."""
        if self.ctx.undo_stack.canUndo():
            self.ctx.undo_stack.undo()
        else:
            dialogs.show_info(self, self.tr("没有可撤销的操作。"))

    def refresh(self) -> None:
        """Re-read from the database."""

    def focus_search(self) -> None:
        """Put the keyboard focus in the search box (`self.search`, when the screen has one)."""
        search = getattr(self, "search", None)
        if search is not None:
            search.setFocus()
            search.selectAll()

    def export_view(self) -> None:
        """Write the current view (filters, visible columns) to .xlsx; see can_export."""

    def record_count(self) -> int | None:
        """Records the current view holds (the status bar asks when the screen is shown);
        -1 while it is still being counted; None for screens without a record list
        (dashboard, briefs, settings), whose status bar then shows no count."""
        return None

    def save_state(self) -> None:
        """Store column widths, splitter sizes and the like (called when the window closes)."""

    def reset_layout(self) -> None:
        """Back to the default column widths, splitter sizes and the like (View → Reset
        layout); what save_state stored is forgotten."""

    def soft_delete(
        self,
        record_id: str | None,
        title: str,
        question: str,
        *,
        delete: RecordWrite,
        restore: RecordWrite,
        on_deleted: Callable[[], None] | None = None,
        on_restored: Callable[[str], None] | None = None,
    ) -> None:
        """Ask, then soft-delete the record in one transaction; the delete goes on the window's
        undo stack (Ctrl+Z restores it, then `on_restored(id)`; Ctrl+Shift+Z deletes it again).

        The caller passes its own tr() strings (translations stay in its context). `on_deleted`
        runs once the record is deleted (not when there was none, the user said no, or it failed).
        """
        if not record_id or not dialogs.ask_confirm(self, title, question):
            return

        def deleted(_result: Any) -> None:
            from ui.undo import WriteCommand

            self.ctx.undo_stack.push(
                WriteCommand(
                    self.ctx,
                    title,
                    lambda s: restore(s, record_id),
                    lambda s: delete(s, record_id),
                    on_undone=lambda _r: on_restored(record_id) if on_restored else None,
                )
            )
            if on_deleted is not None:
                on_deleted()

        run_write(self.ctx, self, lambda s: delete(s, record_id), on_done=deleted)
