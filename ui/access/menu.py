"""The 工具 menu (操作记录, 用户管理) and hiding or disabling what the signed-in person may
not do. The window only follows crm.access; the core refuses anyway."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from crm import access
from ui import dialogs
from ui.access.guards import guard_window

translate = QCoreApplication.translate  # pyside6-lupdate reads translate("AccessMenu", "…")


def install_tools_menu(window: Any) -> None:
    """Add 工具 → 操作记录… / 用户管理… to the window's menu bar (before 帮助)."""
    menu = window.menuBar().addMenu(translate("AccessMenu", "工具(&T)"))
    window.act_audit = QAction(translate("AccessMenu", "操作记录…"), window)
    window.act_audit.triggered.connect(lambda _c=False: open_audit(window))
    window.act_users = QAction(translate("AccessMenu", "用户管理…"), window)
    window.act_users.triggered.connect(lambda _c=False: open_users(window))
    menu.addAction(window.act_audit)
    menu.addAction(window.act_users)
    window.tools_menu = menu


def open_audit(window: Any) -> None:
    from ui.access.audit_view import AuditDialog

    dialogs.exec_dialog(AuditDialog(window.ctx, window))


def open_users(window: Any) -> None:
    from ui.access.users_dialog import UsersDialog

    dialogs.exec_dialog(UsersDialog(window.ctx, window))


def apply_permissions(window: Any) -> access.Actor:
    """Enable, disable or hide the window's actions for the database's actor."""
    actor = window.ctx.db.access_actor()

    def can(action: str) -> bool:
        return bool(access.authorize(actor, action))

    guard_window(window)  # New / Edit / Delete, import: disabled with the reason as tooltip
    window.act_audit.setVisible(can("view_audit"))
    window.act_users.setVisible(can("manage_users"))
    window.tools_menu.menuAction().setVisible(can("view_audit") or can("manage_users"))
    signed_in = window.ctx.db.user is not None
    if signed_in:
        roles = roles_text(actor, window.ctx.language)
        window.setWindowTitle(
            QCoreApplication.translate("AccessMenu", "%1 — %2（%3）")
            .replace("%1", QCoreApplication.translate("AccessMenu", "招商引资客户关系管理"))
            .replace("%2", actor.label)
            .replace("%3", roles)
        )
    _show_user(window, user_text(actor, window.ctx.language) if signed_in else "")
    return actor


def user_text(actor: access.Actor, language: str) -> str:
    """当前用户：张三（工作队队员）: who the window acts for, with their roles."""
    return (
        translate("AccessMenu", "当前用户：%1（%2）")
        .replace("%1", actor.label)
        .replace("%2", roles_text(actor, language))
    )


def roles_text(actor: access.Actor, language: str) -> str:
    sep = ", " if language.startswith("en") else "、"
    return sep.join(r.label(language) for r in sorted(actor.roles))


def _show_user(window: Any, text: str) -> None:
    """The signed-in person in the status bar (hidden on a database without accounts)."""
    label = getattr(window, "user_label", None)
    if label is None:
        from PySide6.QtWidgets import QLabel

        label = window.user_label = QLabel(window)
        window.statusBar().addPermanentWidget(label)
    label.setText(text)
    label.setVisible(bool(text))
