"""A search field that reports its text after the user pauses typing (debounced)."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

DEBOUNCE_MS = 150


class SearchBox(QLineEdit):
    """Emits `search_changed(text)` DEBOUNCE_MS after the last keystroke (Enter: at once)."""

    search_changed = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        delay_ms: int = DEBOUNCE_MS,
        placeholder: str = "",
    ) -> None:
        super().__init__(parent)
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(placeholder or self.tr("搜索名称、拼音或首字母（Ctrl+F）"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self._last = ""
        self.textChanged.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self.flush)

    def flush(self) -> None:
        """Emit now if the text differs from the last emitted text."""
        self._timer.stop()
        text = self.text().strip()
        if text != self._last:
            self._last = text
            self.search_changed.emit(text)
