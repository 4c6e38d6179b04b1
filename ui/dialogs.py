"""Small modal questions behind functions that tests replace (monkeypatch ui.dialogs.X).

Always call them as `dialogs.ask_confirm(...)` (module attribute), never import the names.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QStandardPaths
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from ui.qsettings import app_settings

#: Where the last file was opened or saved (ui-settings.ini): the next file dialog starts there.
LAST_FOLDER_KEY = "files/last_folder"


def start_folder() -> Path:
    """The folder file dialogs open in: the last one used, else the user's documents (never
    the folder the program happened to be started from)."""
    last = str(app_settings().value(LAST_FOLDER_KEY, "") or "")
    if last and Path(last).is_dir():
        return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def remember_folder(path: str) -> None:
    app_settings().setValue(LAST_FOLDER_KEY, str(Path(path).parent))


def ask_open_path(parent: QWidget | None, title: str, file_filter: str) -> str | None:
    """A file to read, as the user picks it; None when cancelled."""
    path, _filter = QFileDialog.getOpenFileName(parent, title, str(start_folder()), file_filter)
    if path:
        remember_folder(path)
    return path or None


def ask_save_path(
    parent: QWidget | None, title: str, suggested: str, file_filter: str
) -> str | None:
    """Where the user wants a file written (`suggested`: the name offered, in the last folder
    used unless it names its own); None when cancelled."""
    offered = suggested if Path(suggested).is_absolute() else str(start_folder() / suggested)
    path, _filter = QFileDialog.getSaveFileName(parent, title, offered, file_filter)
    if path and not Path(path).suffix and (ending := re.search(r"\*(\.\w+)", file_filter)):
        path += ending[1]  # a name typed without its ending gets the filter's (项目 → 项目.xlsx)
    if path:
        remember_folder(path)
    return path or None


def ask_confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def ask_choice(
    parent: QWidget | None, title: str, text: str, choices: list[tuple[str, str]]
) -> str | None:
    """Ask which of several answers (key, button label); None when cancelled."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    buttons = {
        key: box.addButton(label, QMessageBox.ButtonRole.AcceptRole) for key, label in choices
    }
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    cancel.setText(QCoreApplication.translate("dialogs", "取消"))
    box.setDefaultButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return next((key for key, button in buttons.items() if button is clicked), None)


def show_error(parent: QWidget | None, text: str) -> None:
    QMessageBox.warning(parent, QCoreApplication.translate("dialogs", "出错了"), text)


def show_info(parent: QWidget | None, text: str) -> None:
    QMessageBox.information(parent, QCoreApplication.translate("dialogs", "提示"), text)


def ask_text(parent: QWidget | None, title: str, label: str, default: str = "") -> str | None:
    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, default)
    return text if ok else None


def ask_date(
    parent: QWidget | None,
    title: str,
    label: str = "",
    default: date | None = None,
    *,
    with_text: str | None = None,
) -> date | tuple[date, str] | None:
    """Ask for a date (and, when `with_text` names a field, a line of text such as a reason).

    Returns the date, or (date, text) when `with_text` is given; None when cancelled.
    """
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumWidth(300)  # room for the title (变更为“……”) in the title bar
    form = QFormLayout(dialog)
    edit = QDateEdit(dialog)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(QDate(default or date.today()))
    form.addRow(label or QCoreApplication.translate("dialogs", "日期"), edit)
    # Only made when asked for: an unplaced line edit sat at the dialog's top-left corner,
    # an empty box over the 日期 label.
    text_edit = QLineEdit(dialog) if with_text is not None else None
    if text_edit is not None:
        form.addRow(with_text, text_edit)
    form.addRow(
        closing_buttons(
            dialog, QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
    )
    if exec_dialog(dialog) != QDialog.DialogCode.Accepted:
        return None
    chosen = edit.date().toPython()
    return (chosen, text_edit.text().strip()) if text_edit is not None else chosen


def closing_buttons(dialog: QDialog, buttons: QDialogButtonBox.StandardButton) -> QDialogButtonBox:
    """Standard buttons that end `dialog`: an accepting one (OK, Save) accepts it, a rejecting
    one (Cancel, Close) rejects it."""
    box = QDialogButtonBox(buttons, dialog)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def exec_dialog(dialog: QDialog) -> int:
    """Run a modal dialog (tests replace this to fill the dialog and press its buttons)."""
    return dialog.exec()
