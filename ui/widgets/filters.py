"""Filter helpers: a multi-choice combo box and a single-choice combo with an "all" entry, a
text filter, and `watch` (any filter's change → one slot)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget


def code_choices(codes: Any, language: str) -> list[tuple[str, str]]:
    """A code list of crm.codes as (value, label) choices in the user's language."""
    return [(member.value, member.label(language)) for member in codes]


def watch(slot: Any, *filters: QWidget) -> None:
    """Call `slot()` whenever one of the filters changes (search box, combos, dates, text,
    check boxes)."""
    for widget in filters:
        for name in ("search_changed", "choices_changed", "choice_changed", "date_changed"):
            signal = getattr(widget, name, None)
            if signal is not None:
                break
        else:
            signal = widget.toggled if isinstance(widget, QCheckBox) else widget.textChanged  # type: ignore[attr-defined]
        signal.connect(lambda *_args: slot())


class _FilterCombo(QComboBox):
    """A compact combo whose empty choice reads `all_text`; `choices` fill it at once.
    Subclasses make their model in `_start()`."""

    def __init__(
        self,
        all_text: str,
        parent: QWidget | None = None,
        *,
        choices: Iterable[tuple[Any, str]] = (),
    ) -> None:
        super().__init__(parent)
        self._all_text = all_text
        _compact(self)
        self._start()
        if choices:
            self.set_choices(choices)

    def _start(self) -> None:
        raise NotImplementedError

    def set_choices(self, choices: Iterable[tuple[Any, str]]) -> None:
        raise NotImplementedError


class ChoiceCombo(_FilterCombo):
    """Single choice with a first "all" entry whose data is None. `choice_changed(value)`."""

    choice_changed = Signal(object)
    #: A form's combo keeps a value its list lacks (a filter's clears it).
    keeps_unlisted = False

    def _start(self) -> None:
        #: A value set before its entry was read (the lists load on a worker): kept, and
        #: answered by value(), until the lists arrive — a drill-down right after the window
        #: opens keeps its team.
        self._wanted: Any = None
        self._listed = False  # set_choices has filled it
        self.addItem(self._all_text, None)
        self.currentIndexChanged.connect(lambda _i: self.choice_changed.emit(self.value()))

    def set_choices(self, choices: Iterable[tuple[Any, str]]) -> None:
        current = self.value()
        self.blockSignals(True)
        self.clear()
        self.addItem(self._all_text, None)
        for value, label in choices:
            self.addItem(label, value)
        self.blockSignals(False)
        self._listed = True  # from now on a value not among them is no value
        self.set_value(current)

    def value(self) -> Any:
        data = self.currentData()
        return self._wanted if data is None else data

    def set_value(self, value: Any) -> None:
        found = self.findData(value) if value is not None else 0
        if found < 0 and self._listed and self.keeps_unlisted:
            # A form's value on record that the list lacks (a team or a park no longer
            # listed): shown as it is and kept, never silently cleared by the next save.
            self.addItem(str(value), value)
            found = self.count() - 1
        self._wanted = value if found < 0 and not self._listed else None
        self.setCurrentIndex(max(found, 0))


class MultiChoiceCombo(_FilterCombo):
    """Several choices by check boxes; the box shows the chosen labels. `choices_changed(list)`."""

    choices_changed = Signal(list)

    def _start(self) -> None:
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
