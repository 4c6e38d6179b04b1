"""Form building blocks shared by the companies, teams, activities and problems dialogs.

`FieldForm` lays out labelled fields with an error line under each, so a service's
ValidationError is shown next to the field that caused it and nothing typed is lost.
Required fields (`require`) keep Save disabled while empty; their "please fill in" message
appears only once the user edited the field or tried to save.
`ProjectPicker` chooses one project out of many without loading them all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm.errors import CrmError
from ui.context import AppContext
from ui.ops import error_text, run_read, validation_field
from ui.widgets.error_gate import ErrorGate

ERROR_STYLE = "color: #c0392b;"
OVERDUE_COLOR = "#c0392b"
SOON_COLOR = "#d35400"
MIN_COLUMN_WIDTH = 80


class FieldForm(QWidget):
    """A QFormLayout whose rows each carry a hidden error line; `show_error(exc)` fills one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.general_error = QLabel(self)
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.layout_ = QFormLayout()
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(self.layout_)
        outer.addWidget(self.general_error)
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}
        self._required: dict[str, tuple[Callable[[], bool], str]] = {}
        self._save_button: QWidget | None = None
        self.gate = ErrorGate()

    def add(self, field: str, label: str, widget: QWidget) -> QWidget:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(widget)
        error = QLabel(box)
        error.setObjectName(f"error_{field}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        self.layout_.addRow(label, box)
        self._fields[field] = (widget, error)
        return widget

    def add_row(self, label: str, widget: QWidget) -> None:
        self.layout_.addRow(label, widget)

    def set_row_visible(self, field: str, visible: bool) -> None:
        """Show or hide a field's row (label, field and its error line)."""
        widget = self._fields[field][0]
        self.layout_.setRowVisible(widget.parentWidget(), visible)

    # -- required fields ----------------------------------------------------------------------
    def require(
        self,
        field: str,
        filled: Callable[[], bool],
        message: str,
        changed: Any,
        edited: Sequence[Any] = (),
    ) -> None:
        """`field` must be filled (`filled()`); `changed` tells its value changed, `edited`
        (signals; `changed` when none) that the user edited it: only then may its message
        show before a save."""
        self._required[field] = (filled, message)
        changed.connect(lambda *_a: self.update_required())
        for signal in edited or [changed]:
            signal.connect(lambda *_a, f=field: self._on_required_edit(f))
        self.update_required()

    def bind_save(self, button: QWidget) -> None:
        """Keep `button` disabled while a required field is empty."""
        self._save_button = button
        self.update_required()

    def missing(self) -> dict[str, str]:
        return {f: message for f, (filled, message) in self._required.items() if not filled()}

    def check_required(self) -> bool:
        """Before saving: show every missing field's message; True when none is missing."""
        self.gate.attempt()
        self.update_required()
        return not self.missing()

    def _on_required_edit(self, field: str) -> None:
        self.gate.touch(field)
        self.update_required()

    def update_required(self) -> None:
        missing = self.missing()
        shown = self.gate.visible(missing)
        for field, (_filled, message) in self._required.items():
            if field not in self._fields:
                continue
            error = self._fields[field][1]
            if field in shown:
                error.setText(message)
                error.show()
            elif error.text() == message:  # filled now; other (service) messages stay
                error.hide()
                error.setText("")
        if self._save_button is not None:
            self._save_button.setEnabled(not missing)

    def clear_errors(self) -> None:
        self.general_error.hide()
        for _widget, error in self._fields.values():
            error.hide()
            error.setText("")
        self.update_required()

    def show_error(self, exc: Exception, language: str = "zh") -> None:
        """Put the message next to the field it names (or under the form)."""
        self.clear_errors()
        text = error_text(exc, language)
        field = validation_field(exc) or ""
        key = field if field in self._fields else field.split(".")[0]
        if key in self._fields:
            widget, error = self._fields[key]
            error.setText(text)
            error.show()
            widget.setFocus()
        else:
            self.general_error.setText(text)
            self.general_error.show()

    def error_of(self, field: str) -> str:
        """The error shown for `field` ("" when none): for tests and screenshots."""
        if field not in self._fields:
            return self.general_error.text() if self.general_error.isVisible() else ""
        error = self._fields[field][1]
        return error.text() if not error.isHidden() else ""

    def general_text(self) -> str:
        return self.general_error.text() if not self.general_error.isHidden() else ""


def save_cancel_buttons(dialog: Any, ok_text: str | None = None) -> QDialogButtonBox:
    """Save / Cancel wired to dialog.save and dialog.reject (Enter presses Save)."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    save_text = ok_text or QCoreApplication.translate("forms", "保存")
    buttons.button(QDialogButtonBox.StandardButton.Save).setText(save_text)
    cancel_text = QCoreApplication.translate("forms", "取消")
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    buttons.accepted.connect(dialog.save)
    buttons.rejected.connect(dialog.reject)
    return buttons


def message_line(parent: QWidget) -> QLabel:
    """The red line under a dialog's fields where a save's error is said."""
    label = QLabel("", parent)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    return label


def user_error(field: str, message_zh: str, message_en: str) -> CrmError:
    """An input error raised by a form itself (e.g. an unparsable date) before any service."""
    from crm.errors import ValidationError

    return ValidationError(field, None, message_zh, message_en, code="form")


def company_search(session: Any, text: str) -> list[tuple[str, str]]:
    """The `search` of a ProjectPicker that picks a company (investor, parent group …)."""
    from crm.queries.companies import company_name_options

    return [(o.code, o.label) for o in company_name_options(session, text, limit=30)]


class ProjectPicker(QWidget):
    """Type part of a project's name; choose from the matches (at most 30 are fetched)."""

    project_changed = Signal(object)
    #: The user typed or chose (a list filled by the program changes the project, not this).
    edited = Signal()

    def __init__(
        self,
        ctx: AppContext,
        search: Callable[[Any, str], list[tuple[str, str]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._search = search
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.text = QLineEdit(self)
        self.text.setPlaceholderText(self.tr("输入名称查找"))
        # Room for the hint in either language (English was cut to "Type a name to sea…").
        hint = self.text.fontMetrics().horizontalAdvance(self.text.placeholderText())
        self.text.setMinimumWidth(hint + 16)
        self.combo = QComboBox(self)
        self.combo.setMinimumContentsLength(18)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        row.addWidget(self.text, 1)
        row.addWidget(self.combo, 2)
        self.text.textEdited.connect(self.search)
        self.combo.currentIndexChanged.connect(lambda _i: self.project_changed.emit(self.value()))
        self.text.textEdited.connect(lambda _t: self.edited.emit())
        self.combo.activated.connect(lambda _i: self.edited.emit())
        self.search("")

    def search(self, text: str) -> None:
        """Look the text up on a worker; only the answer to the latest text is shown."""
        self._asked = getattr(self, "_asked", 0) + 1
        asked, search = self._asked, self._search
        run_read(
            self.ctx,
            self,
            lambda s: search(s, text),
            on_done=lambda found: self._show_found(asked, text, found),
        )

    def _show_found(self, asked: int, text: str, found: list[tuple[str, str]]) -> None:
        if asked != self._asked:
            return  # the user typed on meanwhile
        current, current_name = self.value(), self.combo.currentText()
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("（无）"), None)
        for record_id, name in found:
            self.combo.addItem(name, record_id)
        if current and not text.strip() and self.combo.findData(current) < 0:
            self.combo.addItem(current_name, current)  # set_value's choice stays until one types
        index = self.combo.findData(current) if current else -1
        if index < 0 and text.strip() and found:
            index = 1  # typing picks the first match
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.blockSignals(False)
        self.project_changed.emit(self.value())

    def value(self) -> str | None:
        return self.combo.currentData()

    def set_value(self, record_id: str | None, name: str = "") -> None:
        if record_id and self.combo.findData(record_id) < 0:
            self.combo.addItem(name or record_id, record_id)
        self.combo.setCurrentIndex(max(self.combo.findData(record_id), 0) if record_id else 0)


def setup_table(view: QTableView | QTableWidget, *, stretch_last: bool = True) -> None:
    """Row selection, no editing in place, readable widths."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(24)
    header = view.horizontalHeader()
    # A title wider than its column ends in "…" (Qt's default clips it on both sides when
    # centred: "esponsible ur"). Small tables only: on the projects table eliding the titles
    # cost 14 ms of every reload (search keystroke 47 → 61 ms, measured).
    header.setTextElideMode(Qt.TextElideMode.ElideRight)
    header.setStretchLastSection(stretch_last)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultSectionSize(110)


def fill_table(
    table: QTableWidget,
    headers: list[str],
    rows: list[list[str]],
    *,
    ids: list[str] | None = None,
    colors: list[str | None] | None = None,
    right_columns: frozenset[int] = frozenset(),
) -> None:
    """Fill a small QTableWidget (tens of rows: contacts, members, tallies)."""
    from PySide6.QtGui import QColor

    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            if ids is not None:
                item.setData(Qt.ItemDataRole.UserRole, ids[r])
            if c in right_columns:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if colors is not None and colors[r]:
                item.setForeground(QColor(colors[r]))
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    for column in range(len(headers)):  # numbers of one digit still get a readable column
        table.setColumnWidth(column, max(table.columnWidth(column), MIN_COLUMN_WIDTH))


def fill_rows(
    table: QTableWidget, rows: Sequence[Sequence[Any]], text: Callable[[Any], str] = str
) -> None:
    """Fill a read-only table whose headers are set: each cell as `text` of its value, with
    the same text as its tooltip (narrow columns cut long values)."""
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(text(value))
            item.setToolTip(text(value))
            table.setItem(r, c, item)


def selected_id(table: QTableWidget | QTableView) -> str | None:
    index = table.currentIndex()
    if not index.isValid():
        return None
    return index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole)


def fmt_date(value: Any) -> str:
    return value.isoformat() if value else ""


def fmt_pct(value: Any) -> str:
    """'90.0%' (half up, as the briefs print it), or '—' where there is no rate."""
    from crm.money import round_half_up

    return "—" if value is None else f"{round_half_up(value, 1)}%"


def fmt_points(value: Any) -> str:
    """Points ahead (+) or behind (−) time-elapsed progress."""
    from crm.money import round_half_up

    if value is None:
        return "—"
    rounded = round_half_up(value, 1)
    return f"+{rounded}" if rounded > 0 else f"{rounded}"


def save_widths(table: QTableView | QTableWidget, key: str) -> None:
    """Remember the column widths the user set (ui-settings.ini, not the database)."""
    from ui.qsettings import app_settings

    widths = [table.columnWidth(c) for c in range(table.model().columnCount())]
    app_settings().setValue(f"{key}/column_widths", ",".join(str(w) for w in widths))


def restore_widths(table: QTableView | QTableWidget, key: str) -> None:
    from ui.qsettings import app_settings

    text = str(app_settings().value(f"{key}/column_widths", "") or "")
    widths = [int(part) for part in text.split(",") if part.isdigit()]
    for column, width in enumerate(widths[: table.model().columnCount()]):
        if width > 10:
            table.setColumnWidth(column, width)
