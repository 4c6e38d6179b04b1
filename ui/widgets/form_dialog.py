"""The skeleton of a record's form: labelled fields (`FieldForm`, an error line under each) over
Save / Cancel, required fields keeping Save disabled, date fields checked before any service
is called, and one write through `save_form` (errors beside their field, then the dialog
closes). Dialogs give their fields and their service call; everything else is here.

The field editors the forms share are here too: a day (QDateEdit), a code list's combo and a
multi-line text of a fixed height. `widget_value` / `set_widget_value` read and fill any of
them, so a form can fill itself from a record whose attributes carry the fields' names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.activities.forms import FieldForm, ProjectPicker, save_cancel_buttons, user_error
from ui.context import AppContext
from ui.ops import save_form
from ui.widgets.date_edit import OptionalDateEdit
from ui.widgets.live_checks import GrowingDialog
from ui.widgets.search_combo import UnitCombo

W = TypeVar("W", bound=QWidget)


# -- the field editors ----------------------------------------------------------------------------
def day_edit(parent: QWidget | None, value: date | None = None) -> QDateEdit:
    """A day that cannot be empty, with a calendar (today unless `value`)."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(QDate(value or date.today()))
    return edit


def coded_combo(parent: QWidget | None, codes: Any, language: str) -> QComboBox:
    """The members of a code list of crm.codes, labelled in the user's language."""
    combo = QComboBox(parent)
    for member in codes:
        combo.addItem(member.label(language), member.value)
    return combo


def multi_line(
    parent: QWidget | None = None, height: int = 90, placeholder: str = ""
) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setFixedHeight(height)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def widget_value(widget: QWidget) -> Any:
    """What a field holds: a date, a Decimal, a code, an id or its text."""
    reader = getattr(widget, "value", None)  # the optional date, money, pickers, spin boxes
    if callable(reader):
        return reader()
    if isinstance(widget, UnitCombo):  # free text offered as a list: before other combos
        return widget.text()
    if isinstance(widget, QDateEdit):
        return widget.date().toPython()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    return None


def set_widget_value(widget: QWidget, value: Any) -> None:
    """Show `value` in a field (the inverse of `widget_value`; a picker also wants the name,
    so it is filled by its own `set_value(id, name)`)."""
    if isinstance(widget, QSpinBox):
        widget.setValue(value)
    elif hasattr(widget, "set_value"):
        widget.set_value(value)
    elif isinstance(widget, QDateEdit):
        widget.setDate(QDate(value or date.today()))
    elif isinstance(widget, UnitCombo):
        widget.setText("" if value is None else str(value))
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(widget.findData(value), 0))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value or "")
    elif isinstance(widget, QLineEdit):
        widget.setText("" if value is None else str(value))


def _change_signals(widget: QWidget) -> tuple[Any, list[Any]]:
    """(the signal telling the field's value changed, those telling the user edited it).
    A value the program sets (a picker's or a combo's list landing, a record loaded) changes
    the field but is not the user's edit, so it brings no "please fill in" message."""
    if isinstance(widget, ProjectPicker):
        return widget.project_changed, [widget.edited]
    if isinstance(widget, QComboBox) and not isinstance(widget, UnitCombo):
        typed = [widget.lineEdit().textEdited] if widget.isEditable() else []
        return widget.currentIndexChanged, [widget.activated, *typed]
    changed = widget.textChanged  # type: ignore[attr-defined]
    return changed, [changed]


def bad_date(field: str) -> Exception:
    return user_error(field, "日期格式应为 yyyy-mm-dd", "Use yyyy-mm-dd")


# -- the dialog -----------------------------------------------------------------------------------
class FormDialog(GrowingDialog):
    """A form over Save / Cancel, titled `title`, at least `width` wide, editing `record_id`
    (or a new record). Subclasses add their fields with `field(...)`, call `finish()`, and in
    `save()` ask `start_save()` before reading `values(...)` and calling `save_record(...)`."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        title: str = "",
        width: int = 0,
        *,
        record_id: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setMinimumWidth(width)
        #: The record edited (None: a new one); `saved_id` holds the record after a save.
        self.record_id = record_id
        self.saved_id: str | None = None
        self.body = QVBoxLayout(self)
        self.form = FieldForm(self)
        self.widgets: dict[str, QWidget] = {}
        self.buttons: QDialogButtonBox

    def field(self, name: str, label: str, widget: W) -> W:
        """Add a labelled field (its errors show under it); returns the widget."""
        widget.setParent(self)
        self.form.add(name, label, widget)
        self.widgets[name] = widget
        return widget

    def finish(self, ok_text: str | None = None, *, below: Sequence[QWidget] = ()) -> None:
        """The fields, then `below` (notices), then Save / Cancel."""
        self.body.addWidget(self.form)
        for widget in below:
            self.body.addWidget(widget)
        self.buttons = save_cancel_buttons(self, ok_text)
        self.body.addWidget(self.buttons)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.form.bind_save(self.save_button)

    def require(self, name: str, message: str) -> None:
        """Save stays disabled while `name` is empty; `message` shows once it was edited."""
        widget = self.widgets[name]
        changed, edited = _change_signals(widget)
        self.form.require(
            name, lambda: bool(str(widget_value(widget) or "").strip()), message, changed, edited
        )

    def start_save(self) -> bool:
        """Before a save: clear the errors, say what is missing and which date does not parse.
        False when the form is not ready (the message is beside its field)."""
        self.form.clear_errors()
        if not self.form.check_required():
            return False
        for name, widget in self.widgets.items():
            if isinstance(widget, OptionalDateEdit) and not widget.is_valid():
                self.form.show_error(bad_date(name), self.ctx.language)
                return False
        return True

    def values(self, names: Iterable[str] | None = None) -> dict[str, Any]:
        """The fields' values by name (all fields unless `names`), read on the GUI thread."""
        chosen = self.widgets if names is None else names
        return {name: widget_value(self.widgets[name]) for name in chosen}

    def fill_from(self, record: Any, names: Iterable[str] | None = None) -> None:
        """Show a record's attributes of the same names in the fields (all fields unless
        `names`, but the pickers: they want the chosen record's name as well)."""
        if names is None:
            names = [n for n, w in self.widgets.items() if not isinstance(w, ProjectPicker)]
        for name in names:
            set_widget_value(self.widgets[name], getattr(record, name))

    def save_record(
        self,
        values: dict[str, Any],
        create: Callable[..., Any],
        update: Callable[..., Any] | None = None,
        **kwargs: Any,
    ) -> None:
        """`update(session, record_id, **values)` when editing a record, else
        `create(session, **values)`; `kwargs` go to `save_form` (changes, on_saved …)."""
        record_id = self.record_id

        def write(session: Any) -> Any:
            if record_id and update is not None:
                return update(session, record_id, **values)
            return create(session, **values)

        save_form(self.ctx, self, write, **kwargs)
