"""The 帮助 menu's entries, added by the main window with one call."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMenu

from ui import dialogs, icons
from ui.help.dialogs import AboutDialog, GuideWindow, ShortcutsDialog, log_folder


def add_help_actions(window: Any, menu: QMenu) -> None:
    """快速入门 (F1), 键盘快捷键, 打开日志文件夹, 打开数据文件夹, 关于."""
    translate = QCoreApplication.translate
    guide = translate("help", "快速入门")
    keys_text = translate("help", "键盘快捷键")
    logs = translate("help", "打开日志文件夹")
    data = translate("help", "打开数据文件夹")
    about = translate("help", "关于")
    entries = (
        (guide, lambda: show_guide(window), "F1", icons.SHORTCUTS["F1"]),
        (keys_text, lambda: show_shortcuts(window), None, "keyboard"),
        (logs, lambda: open_folder(log_folder()), None, "log"),
        (data, lambda: open_folder(_data_folder()), None, "folder"),
        (about, lambda: show_about(window), None, "about"),
    )
    for text, slot, keys, icon_name in entries:
        action = QAction(icons.icon(icon_name), text, window)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False, slot=slot: slot())
        menu.addAction(action)


def show_guide(window: Any) -> GuideWindow:
    guide = GuideWindow(window.ctx.language, window)
    guide.show()  # beside the window, not blocking it: people read and try at once
    window.help_guide = guide
    return guide


def show_shortcuts(window: Any) -> int:
    return dialogs.exec_dialog(ShortcutsDialog(window, window))


def show_about(window: Any) -> int:
    return dialogs.exec_dialog(AboutDialog(str(window.ctx.db.location), window))


def open_folder(folder: Any) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _data_folder() -> Any:
    from crm import paths

    return paths.data_dir()
