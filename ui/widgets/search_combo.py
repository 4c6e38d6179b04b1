"""A choice combo box the user can type into: the list narrows to entries containing the text
(南宁 finds 南宁市（广西壮族自治区）); leaving the box picks the entry typed, or keeps the one
chosen before when the text matches none or several."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from ui.widgets.filters import ChoiceCombo


class SearchableCombo(ChoiceCombo):
    def __init__(self, all_text: str, parent: QWidget | None = None) -> None:
        super().__init__(all_text, parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.lineEdit().editingFinished.connect(self.pick_typed)

    def pick_typed(self) -> None:
        """Choose the entry the typed text names: an exact label, else the only one starting
        with it, else the only one containing it; otherwise show the current choice again."""
        text = self.lineEdit().text().strip()
        found = self.findText(text, Qt.MatchFlag.MatchExactly) if text else 0
        for flag in (Qt.MatchFlag.MatchStartsWith, Qt.MatchFlag.MatchContains):
            if found >= 0:
                break
            matches = self.model().match(
                self.model().index(0, 0), Qt.ItemDataRole.DisplayRole, text, 2, flag
            )
            found = matches[0].row() if len(matches) == 1 else -1
        if found >= 0:
            self.setCurrentIndex(found)
        self.lineEdit().setText(self.currentText())
