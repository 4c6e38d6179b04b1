"""A choice combo box the user can type into: the list narrows to the entries the text finds
— Chinese, full pinyin or initials, as the projects search (crm.search: `nn` and `nanning`
find 南宁市) — and leaving the box picks the entry typed, or keeps the one chosen before when
the text names none or several."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QWidget

from crm.queries.units import UNIT_SEPARATOR, used_units
from crm.search import haystack, terms
from ui.context import AppContext
from ui.ops import run_read
from ui.widgets.filters import ChoiceCombo


class PinyinFilter(QSortFilterProxyModel):
    """Keeps the rows whose label contains every typed word, in Chinese or in its pinyin."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._haystacks: dict[str, str] = {}

    def set_text(self, text: str) -> None:
        self._words = terms(text)
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 on; invalidateFilter before
            self.beginFilterChange()
            self.endFilterChange()
        else:  # pragma: no cover - older Qt
            self.invalidateFilter()

    def matches(self, label: str) -> bool:
        if not self._words:  # nothing typed: every row, and no pinyin (pypinyin loads slowly)
            return True
        if label not in self._haystacks:
            self._haystacks[label] = haystack(label)
        hay = self._haystacks[label]
        return all(word in hay for word in self._words)

    def filterAcceptsRow(  # Qt's name
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        return self.matches(str(index.data() or ""))


class SearchableCombo(ChoiceCombo):
    def __init__(self, all_text: str, parent: QWidget | None = None) -> None:
        super().__init__(all_text, parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.filter_model = PinyinFilter(self)
        self.filter_model.setSourceModel(self.model())
        completer = QCompleter(self.filter_model, self)
        # The proxy does the matching; the completer only shows what it kept.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.activated[QModelIndex].connect(self._on_completed)
        self.setCompleter(completer)
        self.lineEdit().textEdited.connect(self._on_edited)
        self.lineEdit().editingFinished.connect(self.pick_typed)
        # The "all"/"please choose" entry is a hint, not text to type after: the field shows
        # it greyed and empty, so typing "nanning" is not "（请选择…）nanning".
        self.lineEdit().setPlaceholderText(all_text)
        self.currentIndexChanged.connect(self._show_choice)
        self._show_choice()

    def set_choices(self, choices: Iterable[tuple[Any, str]]) -> None:
        super().set_choices(choices)
        self._show_choice()  # the list was refilled with signals blocked

    def _show_choice(self) -> None:
        index = self.currentIndex()
        self.lineEdit().setText("" if index <= 0 else self.itemText(index))

    def _on_edited(self, text: str) -> None:
        self.filter_model.set_text(text)
        if text.strip():
            self.completer().complete()

    def _on_completed(self, index: QModelIndex) -> None:
        # The completer gives an index of its own completion model (a proxy of the filter).
        completion = self.completer().completionModel()
        if index.model() is completion and isinstance(completion, QAbstractProxyModel):
            index = completion.mapToSource(index)
        if index.model() is not self.filter_model:
            return
        source = self.filter_model.mapToSource(index)
        if source.isValid():
            self.setCurrentIndex(source.row())
            self._show_choice()

    def pick_typed(self) -> None:
        """Choose the entry the typed text names: an exact label, else the only one starting
        with it, else the only one it finds (Chinese, pinyin or initials); otherwise show the
        current choice again."""
        text = self.lineEdit().text().strip()
        found = self.findText(text, Qt.MatchFlag.MatchExactly) if text else 0
        if found < 0:  # the only label starting with the text (广西壮族 → 广西壮族自治区)
            starts = self.model().match(
                self.model().index(0, 0), Qt.ItemDataRole.DisplayRole, text, 2,
                Qt.MatchFlag.MatchStartsWith,
            )  # fmt: skip
            found = starts[0].row() if len(starts) == 1 else -1
        if found < 0:  # else the only one the words find, in Chinese or pinyin
            self.filter_model.set_text(text)
            rows = [
                self.filter_model.mapToSource(self.filter_model.index(r, 0)).row()
                for r in range(self.filter_model.rowCount())
            ]
            found = rows[0] if len(rows) == 1 else -1
        if found >= 0:
            self.setCurrentIndex(found)
        self._show_choice()


class _PartCompleter(QCompleter):
    """Completes the part being typed: the whole text, or (several units) the part after the
    last 、, the parts before it kept."""

    def __init__(self, model: PinyinFilter, parent: QWidget, several: bool) -> None:
        super().__init__(model, parent)
        self.several = several

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # Qt's name
        chosen = str(index.data() or "")
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        return join_part(text, chosen) if self.several else chosen

    def splitPath(self, path: str) -> list[str]:  # Qt's name
        return [typed_part(path) if self.several else path]


def typed_part(text: str) -> str:
    """The unit being typed: after the last 、 when several are allowed."""
    return text.rpartition(UNIT_SEPARATOR)[2].strip()


def join_part(text: str, chosen: str) -> str:
    """The text with its last part replaced by `chosen` (several units, 、-separated)."""
    before = [p.strip() for p in text.split(UNIT_SEPARATOR)[:-1] if p.strip()]
    return UNIT_SEPARATOR.join([*before, chosen])


class UnitCombo(QComboBox):
    """A free-text unit field (承办单位, 责任单位 …) that offers the units already written
    (crm.queries.units) as the user types — Chinese, full pinyin or initials, as the projects
    search — and keeps any other text typed. `several`: units separated by 、, each completed
    on its own. Reads and writes like a QLineEdit (`text`, `setText`, `textChanged`)."""

    textChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, several: bool = False) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.several = several
        self.filter_model = PinyinFilter(self)
        self.filter_model.setSourceModel(self.model())
        completer = _PartCompleter(self.filter_model, self, several)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self._typed = ""
        self.lineEdit().textEdited.connect(self._on_edited)
        self.textActivated.connect(self._on_picked)
        self.editTextChanged.connect(self.textChanged)

    def text(self) -> str:
        return self.currentText()

    def setText(self, text: str) -> None:  # Qt's spelling, as QLineEdit
        self._typed = text or ""
        self.setEditText(self._typed)

    def setPlaceholderText(self, text: str) -> None:
        self.lineEdit().setPlaceholderText(text)

    def set_units(self, units: list[str]) -> None:
        """The units to offer; the text shown stays (and no change is signalled: a form
        still being built may hear it)."""
        text = self.currentText()
        blocked = self.blockSignals(True)
        try:
            self.clear()
            self.addItems(units)
            self.setCurrentIndex(-1)
            self.setEditText(text)
        finally:
            self.blockSignals(blocked)

    def _on_edited(self, text: str) -> None:
        self._typed = text
        part = typed_part(text) if self.several else text.strip()
        self.filter_model.set_text(part)
        if part and self.filter_model.rowCount():
            self.completer().complete()

    def _on_picked(self, chosen: str) -> None:
        """A unit chosen from the drop-down list: with several units, it replaces the part
        being typed (after the last 、), the others kept."""
        if self.several:
            self.setEditText(join_part(self._typed, chosen))
        self._typed = self.currentText()


def unit_filter(parent: QWidget, placeholder: str) -> UnitCombo:
    """A list's filter by unit: typed in Chinese, pinyin or initials, named by its placeholder
    while empty, cleared with one click."""
    combo = UnitCombo(parent)
    combo.setPlaceholderText(placeholder)
    combo.lineEdit().setClearButtonEnabled(True)
    return combo


def offer_units(ctx: AppContext, parent: QWidget, *combos: UnitCombo) -> None:
    """Read the units already written (on a worker) and offer them in every combo."""

    def show(units: list[str]) -> None:
        for combo in combos:
            combo.set_units(units)

    run_read(ctx, parent, used_units, on_done=show)
