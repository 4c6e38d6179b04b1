"""帮助: the quick-start guide opens in the app with its pictures, in the interface language;
the shortcut list comes from the window's actions; 关于 names the versions and folders; the
log folder opens."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument

from crm import paths


@pytest.fixture
def window(qtbot: Any, sqlite_db: Any, answers: Any) -> Any:
    from ui.main_window import MainWindow

    win = MainWindow(sqlite_db, start_screen="projects")
    qtbot.addWidget(win)
    return win


def help_menu(window: Any) -> list[str]:
    menu = next(m for m in window.menuBar().actions() if m.text().startswith("帮助"))
    return [a.text() for a in menu.menu().actions()]


def test_help_menu_entries(window: Any) -> None:
    expected = ["快速入门", "键盘快捷键", "打开日志文件夹", "打开数据文件夹", "关于"]
    assert help_menu(window) == expected


def test_the_guide_opens_with_its_pictures(qtbot: Any, window: Any) -> None:
    from ui.help.menu import show_guide

    guide = show_guide(window)
    qtbot.addWidget(guide)
    text = guide.browser.toPlainText()
    assert text.startswith("快速入门") and "分析" in text
    document = guide.browser.document()
    picture = document.resource(
        QTextDocument.ResourceType.ImageResource, QUrl("images/zh-screen-dashboard.png")
    )
    assert picture is not None and not picture.isNull()
    english = paths.resources_dir() / "help" / "quickstart.en.md"
    assert english.read_text(encoding="utf-8").startswith("# Quick start")
    for line in english.read_text(encoding="utf-8").splitlines():  # every picture is shipped
        if line.startswith("!["):
            name = line.split("(", 1)[1].rstrip(")")
            assert (english.parent / name).exists(), name


def test_shortcuts_are_read_from_the_actions(window: Any) -> None:
    from ui.help.dialogs import ShortcutsDialog

    dialog = ShortcutsDialog(window)
    table = dialog.table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["新建"] == "Ctrl+N"
    assert rows["快速入门"] == "F1"
    assert rows["导出当前表格"] == "Ctrl+Shift+E"


def test_about_names_versions_and_folders(window: Any) -> None:
    from ui.help.dialogs import AboutDialog

    text = AboutDialog(str(window.ctx.db.location), window).text.text()
    for needle in ("pandas", "PySide6", "Qt", str(window.ctx.db.location), str(paths.data_dir())):
        assert needle in text


def test_the_log_folder_opens(monkeypatch: pytest.MonkeyPatch, window: Any) -> None:
    from ui.help import menu
    from ui.help.dialogs import log_folder

    opened: list[str] = []
    monkeypatch.setattr(menu.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    assert menu.open_folder(log_folder())
    assert Path(opened[0].toLocalFile()) == log_folder()
    assert log_folder().is_dir()
