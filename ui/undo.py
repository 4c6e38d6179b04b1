"""The window's one undo stack: every undoable write (a delete, a stage move, a funds entry) is a
command on it, whichever screen made it; Edit → Undo / Redo (Ctrl+Z / Ctrl+Shift+Z) walk it.

A command is pushed after its write has landed, so pushing does not write again. Undo and redo
run through the write worker like every write; a step that fails keeps its place on the stack
(one message says why), unless it can never succeed any more (the record changed since).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack

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
