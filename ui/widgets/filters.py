"""Filter helpers: a multi-choice combo box and a single-choice combo with an "all" entry."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QWidget


class ChoiceCombo(QComboBox):
    """Single choice with a first "all" entry whose data is None. `choice_changed(value)`."""

    choice_changed = Signal(object)

    def __init__(self, all_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all_text = all_text
        _compact(self)
        self.addItem(all_text, None)
        self.currentIndexChanged.connect(lambda _i: self.choice_changed.emit(self.value()))

    def set_choices(self, choices: Iterable[tuple[Any, str]]) -> None:
        current = self.value()
        self.blockSignals(True)
        self.clear()
        self.addItem(self._all_text, None)
        for value, label in choices:
            self.addItem(label, value)
        self.blockSignals(False)
        self.set_value(current)

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        found = self.findData(value) if value is not None else 0
        self.setCurrentIndex(max(found, 0))


class MultiChoiceCombo(QComboBox):
    """Several choices by check boxes; the box shows the chosen labels. `choices_changed(list)`."""

    choices_changed = Signal(list)

    def __init__(self, all_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all_text = all_text
        _compact(self)
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self.setEditable(True)
        self.lineEdit().setReadOnly(True)
        self.lineEdit().installEventFilter(self)
        self._model.itemChanged.connect(self._on_item_changed)
        self.view().viewport().installEventFilter(self)
        self._refresh_text()

    def set_choices(self, choices: Iterable[tuple[Any, str]]) -> None:
        chosen = set(self.values())
        self._model.blockSignals(True)
        self._model.clear()
        for value, label in choices:
            item = QStandardItem(label)
            item.setData(value, Qt.ItemDataRole.UserRole)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            checked = Qt.CheckState.Checked if value in chosen else Qt.CheckState.Unchecked
            item.setData(checked, Qt.ItemDataRole.CheckStateRole)
            self._model.appendRow(item)
        self._model.blockSignals(False)
        self._refresh_text()

    def values(self) -> list[Any]:
        return [
            self._model.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self._model.rowCount())
            if self._model.item(row).checkState() == Qt.CheckState.Checked
        ]

    def set_values(self, values: Sequence[Any]) -> None:
        wanted = set(values)
        self._model.blockSignals(True)
        for row in range(self._model.rowCount()):
            item = self._model.item(row)
            on = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._model.blockSignals(False)
        self._refresh_text()
        self.choices_changed.emit(self.values())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.lineEdit() and event.type() == QEvent.Type.MouseButtonRelease:
            self.showPopup()
            return True
        if watched is self.view().viewport() and event.type() == QEvent.Type.MouseButtonRelease:
            index = self.view().indexAt(event.position().toPoint())  # type: ignore[attr-defined]
            item = self._model.itemFromIndex(index)
            if item is not None:
                on = item.checkState() != Qt.CheckState.Checked
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            return True
        return super().eventFilter(watched, event)

    def _on_item_changed(self, _item: QStandardItem) -> None:
        self._refresh_text()
        self.choices_changed.emit(self.values())

    def _refresh_text(self) -> None:
        labels = [
            self._model.item(row).text()
            for row in range(self._model.rowCount())
            if self._model.item(row).checkState() == Qt.CheckState.Checked
        ]
        self.lineEdit().setText("、".join(labels) if labels else self._all_text)


def _compact(combo: QComboBox) -> None:
    """Long entries (industry names) must not make the filter bar wider than the window."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(9)
    combo.view().setMinimumWidth(240)
