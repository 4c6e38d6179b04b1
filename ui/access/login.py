"""Signing in at start on a database with accounts: the login is remembered, the password
never (it lives only in the dialog's field until the core has checked it)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from crm import accounts
from crm.db import Database
from crm.errors import CrmError
from ui import dialogs
from ui.activities.forms import message_line, save_cancel_buttons
from ui.qsettings import app_settings

LAST_LOGIN_KEY = "access/last_login"


class LoginDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None, language: str = "zh"):
        super().__init__(parent)
        self.db = db
        self.language = language
        self.setWindowTitle(self.tr("登录"))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        where = QLabel(self.tr("数据库：%1").replace("%1", db.location), self)
        where.setWordWrap(True)
        layout.addWidget(where)
        form = QFormLayout()
        layout.addLayout(form)
        self.login = QLineEdit(str(app_settings().value(LAST_LOGIN_KEY, "") or ""), self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("登录名"), self.login)
        form.addRow(self.tr("密码"), self.password)
        self.message = message_line(self)
        layout.addWidget(self.message)
        buttons = save_cancel_buttons(self, self.tr("登录"))
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout.addWidget(buttons)
        (self.password if self.login.text() else self.login).setFocus()

    def save(self) -> None:
        """Check the password in the core; a refusal is one line and the dialog stays open."""
        login = self.login.text().strip()
        password = self.password.text()
        self.password.clear()
        if not login:
            self.message.setText(self.tr("请输入登录名。"))
            return
        try:
            accounts.sign_in(self.db, login, password, channel="window")
        except CrmError as exc:
            self.message.setText(exc.message(self.language))
            return
        settings = app_settings()
        settings.setValue(LAST_LOGIN_KEY, login)
        settings.sync()
        self.accept()


def ensure_signed_in(db: Database, parent: QWidget | None = None, language: str = "zh") -> bool:
    """A database with accounts asks who is there; without accounts the local profile acts."""
    if not db.has_accounts or db.user is not None:
        return True
    dialog = LoginDialog(db, parent, language)
    return dialogs.exec_dialog(dialog) == QDialog.DialogCode.Accepted
