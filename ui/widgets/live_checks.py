"""Forms that check their fields as they are typed (the project form, funds, a stage move).

Save stays disabled while `local_errors()` finds a problem; a field's message shows beside it
once the user edited that field or tried to save (`ErrorGate`); after a save the service's
error goes beside the field it names, or else in the message line under the form.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import ops
from ui.activities.forms import message_line, save_cancel_buttons
from ui.widgets.error_gate import ErrorGate

FIELD_ERROR_STYLE = "color: #c0392b; font-size: 11px;"


def field_error(parent: QWidget) -> QLabel:
    """The small red line beside (or under) a field; hidden until it says something."""
    label = QLabel("", parent)
    label.setStyleSheet(FIELD_ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def fit_height(dialog: QWidget) -> None:
    """Grow a shown dialog so that its word-wrapped lines get the height their text needs
    (called when its layout changed: GrowingDialog, the base of every form dialog).

    A window's layout sets its minimum size without height-for-width, so a message shown
    after the dialog opened was squeezed into the room the empty line had (a few pixels,
    the characters cut off). The dialog only grows: a message going away leaves it as is.
    """
    layout = dialog.layout()
    if layout is None or not dialog.isVisible():
        return
    layout.activate()
    needed = dialog.heightForWidth(dialog.width()) if layout.hasHeightForWidth() else -1
    needed = max(needed, layout.totalSizeHint().height())
    if needed > dialog.height():
        dialog.resize(dialog.width(), needed)
        layout.invalidate()
        layout.activate()


class GrowingDialog(QDialog):
    """A dialog that grows to fit its word-wrapped lines whenever its layout changes (an
    error shown under a field, a message, a row hidden): see fit_height."""

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            fit_height(self)
        return handled


def with_error(widget: QWidget, parent: QWidget) -> tuple[QWidget, QLabel]:
    """`widget` with its error line under it, in one box for a form row."""
    box = QWidget(parent)
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(1)
    widget.setParent(box)
    column.addWidget(widget)
    error = field_error(box)
    column.addWidget(error)
    return box, error


class CheckedDialog(GrowingDialog):
    """A dialog over `form` (a QFormLayout) whose checked fields (`checked_row`) carry their
    error lines; subclasses give `local_errors()` and call `finish()` after their rows."""

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.gate = ErrorGate()
        #: field → the error line beside it (`checked_row`, or `field_error` for others).
        self.error_lines: dict[str, QLabel] = {}
        #: What the save returned (the caller's undo step reads it).
        self.result_changed: Any = None
        self.body = QVBoxLayout(self)
        self.form = QFormLayout()
        self.body.addLayout(self.form)

    def checked_row(self, field: str, label: str | QWidget, edit: QLineEdit) -> None:
        """A row whose field is checked as it is typed (its error line under it)."""
        box, self.error_lines[field] = with_error(edit, self)
        self.form.addRow(label, box)
        edit.textChanged.connect(lambda _t: self._on_edit(field))

    def finish(self, ok_text: str | None = None) -> QPushButton:
        """The message line and Save / Cancel under everything added so far."""
        self.message = message_line(self)
        self.body.addWidget(self.message)
        self.buttons = save_cancel_buttons(self, ok_text)
        self.accept_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.body.addWidget(self.buttons)
        return self.accept_button

    def local_errors(self) -> dict[str, str]:
        raise NotImplementedError

    def has_field(self, field: str) -> bool:
        return field in self.error_lines

    def show_errors(self, errors: dict[str, str]) -> None:
        for field, label in self.error_lines.items():
            label.setText(errors.get(field, ""))
            label.setVisible(field in errors)

    def _on_edit(self, field: str) -> None:
        self.gate.touch(field)
        self._validate()

    def _validate(self, *_args: object) -> None:
        errors = self.local_errors()
        self.show_errors(self.gate.visible(errors))
        self.accept_button.setEnabled(not errors)

    def ready_to_save(self) -> bool:
        """A save attempt: every message shows; False while there is a problem."""
        self.gate.attempt()
        if self.local_errors():
            self._validate()
            return False
        return True

    def _on_error(self, exc: Exception) -> None:
        text = ops.error_text(exc, self.ctx.language)
        field = ops.validation_field(exc) or ""
        errors = self.local_errors()
        if self.has_field(field):
            errors[field] = text
            self.message.setText("")
        else:
            self.message.setText(text)
        self.show_errors(errors)
