"""A date field that may be left empty (QDateEdit cannot): a line edit that parses yyyy-mm-dd."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget


def parse_date(text: str) -> date | None:
    """yyyy-mm-dd, yyyy/m/d or yyyy.m.d; None when empty. Raises ValueError when malformed."""
    cleaned = text.strip().replace("/", "-").replace(".", "-")
    if not cleaned:
        return None
    year, month, day = (int(part) for part in cleaned.split("-"))
    return date(year, month, day)


class OptionalDateEdit(QLineEdit):
    """Empty means "no date". `is_valid()` tells whether the text parses."""

    date_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("yyyy-mm-dd"))
        self.setClearButtonEnabled(True)
        self.textChanged.connect(self._emit)

    def value(self) -> date | None:
        try:
            return parse_date(self.text())
        except ValueError:
            return None

    def is_valid(self) -> bool:
        try:
            parse_date(self.text())
        except ValueError:
            return False
        return True

    def set_value(self, value: date | None) -> None:
        self.setText(value.isoformat() if value else "")

    def _emit(self, _text: str) -> None:
        if self.is_valid():
            self.date_changed.emit(self.value())
