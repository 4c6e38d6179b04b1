"""Choose an investor by typing part of its name or pinyin; the list comes from crm.search."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from crm.db import Database
from crm.queries.project_choices import company_choices


class CompanyPicker(QLineEdit):
    """`company_id()` is the chosen company (None when empty); `is_valid()` false when the text
    names no company from the list."""

    company_changed = Signal(object)

    def __init__(self, db: Callable[[], Database], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._id: str | None = None
        self._name = ""
        self._choices: dict[str, str] = {}
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.activated.connect(self._on_chosen)
        self.setCompleter(completer)
        self.setPlaceholderText(self.tr("输入名称或拼音首字母选择投资方"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.update_choices)
        self.textEdited.connect(self._on_edited)

    def company_id(self) -> str | None:
        return self._id

    def is_valid(self) -> bool:
        return not self.text().strip() or (self._id is not None and self.text() == self._name)

    def set_company(self, company_id: str | None, name: str) -> None:
        self._id, self._name = company_id, name if company_id else ""
        self.setText(self._name)

    def update_choices(self) -> None:
        with self._db().session() as session:
            found = company_choices(session, self.text(), limit=30)
        self._choices = {name: cid for cid, name in found}
        self._model.setStringList([name for _cid, name in found])
        if found and self.hasFocus():
            self.completer().complete()

    def choose(self, name: str) -> None:
        """Pick one of the current choices by name (what clicking in the popup does)."""
        self._on_chosen(name)

    def _on_edited(self, text: str) -> None:
        exact = self._choices.get(text)
        self._id = exact
        self._name = text if exact else ""
        self.company_changed.emit(self._id)
        self._timer.start()

    def _on_chosen(self, name: str) -> None:
        self._id = self._choices.get(name)
        self._name = name if self._id else ""
        self.setText(name)
        self.company_changed.emit(self._id)
