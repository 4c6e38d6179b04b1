"""A yellow box listing records that may be the one being entered, each with an "open" button."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class DuplicateWarning(QFrame):
    """`show_matches([(id, name, score)])`; `open_requested(id)` when the user picks one."""

    open_requested = Signal(str)

    def __init__(
        self, parent: QWidget | None = None, *, title: str = "", open_text: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName("duplicateWarning")
        self.setStyleSheet(
            "#duplicateWarning { background: #fff4d6; border: 1px solid #e0b84f;"
            " border-radius: 4px; }"
        )
        self._title = title or self.tr("可能与已有企业重复：")
        self._open_text = open_text or self.tr("打开已有企业")
        self._layout = QVBoxLayout(self)
        self.matches: list[tuple[str, str, float]] = []
        #: Possible duplicates the user has been shown at a save (a second press saves anyway).
        self._acknowledged: set[str] = set()
        self.hide()

    def stops_save(self, matches: list[tuple[str, str, float]]) -> bool:
        """A save that finds possible duplicates not shown at a save before only shows them
        (True); the next press saves anyway."""
        shown = {record_id for record_id, _name, _score in matches}
        if shown - self._acknowledged:
            self._acknowledged |= shown
            return True
        return False

    def show_matches(self, matches: list[tuple[str, str, float]]) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.matches = matches
        if not matches:
            self.hide()
            return
        title = QLabel(self._title, self)
        title.setStyleSheet("font-weight: bold;")
        self._layout.addWidget(title)
        for record_id, name, score in matches:
            row = QHBoxLayout()
            label = QLabel(
                self.tr("{name}（相似度 {score}%）").format(name=name, score=round(score))
            )
            label.setWordWrap(True)
            button = QPushButton(self._open_text, self)
            button.setObjectName(f"open_{record_id}")
            button.clicked.connect(lambda _c=False, rid=record_id: self.open_requested.emit(rid))
            row.addWidget(label, 1)
            row.addWidget(button)
            self._layout.addLayout(row)
        self.show()
