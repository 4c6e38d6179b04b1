"""Forms that check their fields as they are typed (the project form, funds, a stage move).

Save stays disabled while `local_errors()` finds a problem; a field's message shows beside it
once the user edited that field or tried to save (`ErrorGate`); after a save the service's
error goes beside the field it names, or else in the message line under the form.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui import ops
from ui.widgets.error_gate import ErrorGate

FIELD_ERROR_STYLE = "color: #c0392b; font-size: 11px;"


def field_error(parent: QWidget) -> QLabel:
    """The small red line beside (or under) a field; hidden until it says something."""
    label = QLabel("", parent)
    label.setStyleSheet(FIELD_ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


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


class LiveChecks:
    """Mixed into a QDialog that sets `ctx`, `message` (a message_line) and `accept_button`,
    puts each checked field's error line in `error_lines` and gives `local_errors()`."""

    ctx: Any
    message: QLabel
    accept_button: QWidget
    #: field → the error line beside it (`with_error`, `field_error`).
    error_lines: dict[str, QLabel]

    def start_checks(self) -> None:
        """Call first in the dialog's __init__."""
        self.gate = ErrorGate()
        self.error_lines = {}

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
