"""The help windows: the quick-start guide (Markdown in resources/help, shown by a
QTextBrowser with its pictures), the keyboard shortcuts read from the window's own actions
(so the list never goes stale), and 关于 with the versions and the folders."""

from __future__ import annotations

import platform
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QAction, QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from crm import paths
from ui.activities.forms import fill_table, setup_table
from ui.dialogs import closing_buttons

#: Packages whose versions 关于 lists (support asks for them first).
VERSIONED = ("zhaoshang-crm", "SQLAlchemy", "pandas", "reportlab", "openpyxl")


def guide_path(language: str) -> Path:
    name = "quickstart.en.md" if language.startswith("en") else "quickstart.zh.md"
    return paths.resources_dir() / "help" / name


def log_folder() -> Path:
    """Where the log file is written (crm.logfile when present; the data folder's logs/)."""
    try:
        from crm.logfile import log_path  # type: ignore[import-not-found]

        return Path(log_path()).parent
    except ImportError:
        return paths.data_dir() / "logs"


def versions() -> list[tuple[str, str]]:
    import PySide6  # its wheels register under several distribution names: ask the module

    found = [
        ("Python", platform.python_version()),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
    ]
    for name in VERSIONED:
        try:
            found.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            continue
    return found


def _lay_out(dialog: QDialog, content: QWidget, button: QDialogButtonBox.StandardButton) -> None:
    """`content` over one button that closes the dialog."""
    layout = QVBoxLayout(dialog)
    layout.addWidget(content, 1)
    layout.addWidget(closing_buttons(dialog, button))


class GuideWindow(QDialog):
    """The quick-start guide in the interface language; links and pictures resolve beside it."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("快速入门"))
        self.resize(900, 700)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        path = guide_path(language)
        self.browser.setSource(
            QUrl.fromLocalFile(str(path)), QTextDocument.ResourceType.MarkdownResource
        )
        _lay_out(self, self.browser, QDialogButtonBox.StandardButton.Close)


class ShortcutsDialog(QDialog):
    """Every action of the window that has a shortcut, as the menus name it."""

    def __init__(self, window: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("键盘快捷键"))
        self.resize(460, 520)
        self.table = QTableWidget(self)
        setup_table(self.table)
        rows = []
        for action in window.findChildren(QAction):
            keys = action.shortcut()
            if keys.isEmpty() or not action.text():
                continue
            text = action.text().replace("&", "").rstrip("…")
            keys_text = keys.toString(QKeySequence.SequenceFormat.NativeText)
            if [text, keys_text] not in rows:
                rows.append([text, keys_text])
        rows.sort(key=lambda r: r[1])
        fill_table(self.table, [self.tr("操作"), self.tr("快捷键")], rows)
        _lay_out(self, self.table, QDialogButtonBox.StandardButton.Close)


class AboutDialog(QDialog):
    def __init__(self, database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("关于"))
        title = self.tr("招商引资客户关系管理")
        lines = [f"<h3>{title}</h3>"]
        lines += [f"{name} {version}<br>" for name, version in versions()]
        folders = (
            self.tr("数据库：%1").replace("%1", database),
            self.tr("数据文件夹：%1").replace("%1", str(paths.data_dir())),
            self.tr("日志文件夹：%1").replace("%1", str(log_folder())),
        )
        lines += [f"<p>{line}</p>" for line in folders]
        self.text = QLabel("".join(lines), self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        _lay_out(self, self.text, QDialogButtonBox.StandardButton.Ok)
