"""The window's one undo stack: every undoable write (a delete, a stage move, a funds entry) is a
command on it, whichever screen made it; Edit → Undo / Redo (Ctrl+Z / Ctrl+Shift+Z) walk it.

A command is pushed after its write has landed, so pushing does not write again. Undo and redo
run through the write worker like every write; a step that fails keeps its place on the stack
(one message says why), unless it can never succeed any more (the record changed since).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from crm.errors import ValidationError
from ui import dialogs
from ui.ops import error_text, run_write

if TYPE_CHECKING:
    from ui.context import AppContext

Write = Callable[[Any], Any]


def is_stale(exc: BaseException) -> bool:
    """The undo failed because the record changed again since: it can never succeed."""
    return isinstance(exc, ValidationError) and exc.code == "undo_stale"


class WriteCommand(QUndoCommand):
    """A write already made. undo() runs `revert`; redo() runs `again` (None: the step cannot be
    redone and leaves the stack once undone). `on_undone` / `on_redone` get the result."""

    def __init__(
        self,
        ctx: AppContext,
        text: str,
        revert: Write,
        again: Write | None = None,
        *,
        changes: Any = frozenset(),
        on_undone: Callable[[Any], None] | None = None,
        on_redone: Callable[[Any], None] | None = None,
    ) -> None:
        super().__init__(text)
        self.ctx = ctx
        self._revert, self._again, self._changes = revert, again, changes
        self._on_undone, self._on_redone = on_undone, on_redone
        #: QUndoStack.push() calls redo(): the write has been made already, skip that one.
        self._skip_redo = True

    def undo(self) -> None:
        def undone(result: Any) -> None:
            if self._again is None:
                self.setObsolete(True)  # nothing to redo it with: the stack drops it
            if self._on_undone is not None:
                self._on_undone(result)

        def failed(exc: Exception) -> None:
            dialogs.show_error(None, error_text(exc, self.ctx.language))
            if is_stale(exc):  # it can never succeed: forget it
                self._again = None
                self.setObsolete(True)
            else:  # it keeps its place: the index goes back without writing (once the stack
                # has finished its own bookkeeping of this undo)
                QTimer.singleShot(0, self._redo_quietly)

        run_write(
            self.ctx, None, self._revert, changes=self._changes, on_done=undone, on_error=failed
        )

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        if self._again is not None:
            run_write(self.ctx, None, self._again, changes=self._changes, on_done=self._on_redone)

    def _redo_quietly(self) -> None:
        stack = self.ctx.undo_stack
        if stack.index() < stack.count() and stack.command(stack.index()) is self:
            self._skip_redo = True
            stack.redo()


def new_stack(parent: Any = None) -> QUndoStack:
    stack = QUndoStack(parent)
    stack.setUndoLimit(50)
    return stack


#: The dynamic property where a line edit keeps when the user last typed in it (UndoKeys ticks).
TYPED_AT = "crm_typed_at"


class UndoKeys(QObject):
    """Ctrl+Z / Ctrl+Shift+Z in a line edit of `window` reach the window's undo stack unless
    the user typed in that line edit since the stack last moved.

    A QLineEdit claims Ctrl+Z for its own text undo even with nothing to undo, so after a
    delete confirmed with focus ending in the search box, Ctrl+Z did nothing. The most recent
    change wins: text typed after the delete is undone first, the delete after that.
    """

    def __init__(self, window: QWidget, stack: QUndoStack) -> None:
        super().__init__(window)
        self._window = window
        self._tick = 0
        #: The tick of the stack's last move (a write pushed, undone or redone).
        self._stack_tick = 0
        self._watched: QLineEdit | None = None
        stack.indexChanged.connect(self._on_stack_moved)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            # Only the focused line edit is watched: an application-wide filter would run
            # Python for every event of the window.
            app.focusChanged.connect(self._on_focus)
            self._on_focus(None, app.focusWidget())

    def _on_stack_moved(self, _index: int) -> None:
        self._tick += 1
        self._stack_tick = self._tick

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._watched is not None:
            try:
                self._watched.removeEventFilter(self)
                self._watched.textEdited.disconnect(self._on_typed)
            except (RuntimeError, TypeError):  # deleted meanwhile
                pass
            self._watched = None
        if isinstance(new, QLineEdit) and new.window() is self._window:
            new.installEventFilter(self)
            # textEdited: what the user typed, pasted or entered through an input method
            # (not setText, which clears the line edit's own undo anyway).
            new.textEdited.connect(self._on_typed)
            self._watched = new

    def _on_typed(self, _text: str) -> None:
        if self._watched is not None:
            self._tick += 1
            self._watched.setProperty(TYPED_AT, self._tick)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(watched, QLineEdit):
            return False
        assert isinstance(event, QKeyEvent)
        undo = event.matches(QKeySequence.StandardKey.Undo)
        if not undo and not event.matches(QKeySequence.StandardKey.Redo):
            return False
        own = watched.isUndoAvailable() if undo else watched.isRedoAvailable()
        typed_at = watched.property(TYPED_AT) or 0
        if own and typed_at > self._stack_tick:
            return False  # the line edit's own, newer text undo
        event.ignore()  # not claimed: the window's Edit → Undo / Redo shortcut runs
        return True
