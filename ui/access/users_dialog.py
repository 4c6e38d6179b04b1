"""工具 → 用户管理 (administrators): the accounts, adding one, disabling one, resetting a
password. Every rule (who may, first admin, last admin, password length) is crm.accounts'."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm import accounts
from crm.codes import Role
from crm.queries.activities import team_options
from crm.services.settings import role_label
from ui import ops
from ui.activities.forms import message_line
from ui.context import AppContext


class UsersDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("用户管理"))
        self.resize(820, 560)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("登录名"),
                self.tr("姓名"),
                self.tr("角色"),
                self.tr("工作队"),
                self.tr("状态"),
            ]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        form = QFormLayout()
        layout.addLayout(form)
        self.login = QLineEdit(self)
        self.name = QLineEdit(self)
        self.role = QComboBox(self)
        for role in Role:
            self.role.addItem(role.label(ctx.language), role.value)
        self.team = QComboBox(self)
        self.team.addItem(self.tr("（无）"), None)
        ops.run_read(ctx, self, team_options, on_done=self._show_teams)
        self.password = QLineEdit(self)
        self.again = QLineEdit(self)
        for edit in (self.password, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("登录名"), self.login)
        form.addRow(self.tr("姓名"), self.name)
        form.addRow(self.tr("角色"), self.role)
        form.addRow(self.tr("工作队"), self.team)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.tr("再次输入"), self.again)
        self.message = message_line(self)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("添加用户"), self)
        self.disable_button = QPushButton(self.tr("停用所选用户"), self)
        self.reset_button = QPushButton(self.tr("为所选用户设置密码"), self)
        close = QPushButton(self.tr("关闭"), self)
        for button in (self.add_button, self.disable_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_user)
        self.disable_button.clicked.connect(self.disable_selected)
        self.reset_button.clicked.connect(self.reset_selected)
        close.clicked.connect(self.accept)
        self.refresh()

    def _show_teams(self, teams: list[tuple[str, str]]) -> None:
        for team_id, name in teams:
            self.team.addItem(name, team_id)

    def refresh(self) -> None:
        language = self.ctx.language

        def read(session: Any) -> tuple[Any, dict[str, str]]:
            labels = {r.value: role_label(session, r.value, language) for r in Role}
            return accounts.list_users(session), labels

        ops.run_read(self.ctx, self, read, on_done=self._show_users)

    def _show_users(self, result: tuple[Any, dict[str, str]]) -> None:
        self.users, labels = result
        self.table.setRowCount(len(self.users))
        for r, user in enumerate(self.users):
            roles = "、".join(labels.get(code, code) for code in user.roles)
            state = [] if user.active else [self.tr("已停用")]
            if user.locked:
                state.append(self.tr("已锁定"))
            for c, value in enumerate([user.login, user.name, roles, user.team, " ".join(state)]):
                self.table.setItem(r, c, QTableWidgetItem(value))

    def _new_password(self) -> str | None:
        if self.password.text() != self.again.text():
            self.message.setText(self.tr("两次输入的密码不一致。"))
            return None
        return self.password.text()

    def _selected_login(self) -> str | None:
        row = self.table.currentRow()
        if row < 0:
            self.message.setText(self.tr("请先在列表中选择一个用户。"))
            return None
        return self.users[row].login

    def _write(self, fn: Any, then: Any = None) -> bool:
        """Start the write on the write worker; on success clear the form and re-read the
        list. Returns False when nothing could be started."""

        def done(_result: Any) -> None:
            self.message.clear()
            self.password.clear()
            self.again.clear()
            if then is not None:
                then()
            self.refresh()

        def show(exc: Exception) -> None:
            self.message.setText(ops.error_text(exc, self.ctx.language))

        ops.run_write(self.ctx, self, fn, on_done=done, on_error=show)
        return True

    def add_user(self) -> bool:
        password = self._new_password()
        if password is None:
            return False
        values = {
            "login": self.login.text().strip(),
            "name": self.name.text().strip(),
            "roles": self.role.currentData(),
            "team": self.team.currentData(),
            "password": password,
        }

        def clear_names() -> None:
            self.login.clear()
            self.name.clear()

        return self._write(lambda s: accounts.add_user(s, **values), clear_names)

    def disable_selected(self) -> bool:
        login = self._selected_login()
        return bool(login) and self._write(lambda s: accounts.disable_user(s, login))

    def reset_selected(self) -> bool:
        login = self._selected_login()
        password = self._new_password() if login else None
        if not login or password is None:
            return False
        return self._write(lambda s: accounts.set_password(s, login, password))
