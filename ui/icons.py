"""The icon set: Material Design Icons through QtAwesome (its fonts ship in the wheel, SIL
OFL / Apache-2.0). One place names the icon of each screen and action; without QtAwesome the
window works with no icons."""

from __future__ import annotations

import importlib.util
import json
import logging
from functools import cache
from pathlib import Path

from PySide6.QtCore import QLocale, QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

#: The accent of icons (the dashboard's bars); greys would read as disabled.
COLOR = "#3b73b9"

SCREENS = {
    "dashboard": "mdi6.view-dashboard-outline",
    "projects": "mdi6.briefcase-outline",
    "companies": "mdi6.domain",
    "teams": "mdi6.account-group-outline",
    "activities": "mdi6.calendar-check-outline",
    "problems": "mdi6.alert-circle-outline",
    "briefs": "mdi6.file-document-outline",
    "settings": "mdi6.cog-outline",
    "analysis": "mdi6.chart-box-outline",
    "sync": "mdi6.sync",
    "requests": "mdi6.message-alert-outline",
    "key_enterprises": "mdi6.star-circle-outline",
    "dispatch": "mdi6.clipboard-list-outline",
}
#: Actions by their shortcut (the same in both languages).
SHORTCUTS = {
    "Ctrl+N": "mdi6.plus",
    "Ctrl+E": "mdi6.pencil-outline",
    "Del": "mdi6.delete-outline",
    "Ctrl+Z": "mdi6.undo",
    "Ctrl+F": "mdi6.magnify",
    "F5": "mdi6.refresh",
    "Ctrl+O": "mdi6.folder-open-outline",
    "Ctrl+I": "mdi6.file-import-outline",
    "Ctrl+Shift+E": "mdi6.file-excel-outline",
    "Ctrl+Q": "mdi6.exit-to-app",
    "F1": "mdi6.book-open-page-variant-outline",
}
NAMED = {
    "app": "mdi6.handshake-outline",
    "analyse": "mdi6.play",
    "export": "mdi6.file-excel-outline",
    "save": "mdi6.content-save-outline",
    "delete": "mdi6.delete-outline",
    "keyboard": "mdi6.keyboard-outline",
    "about": "mdi6.information-outline",
    "folder": "mdi6.folder-open-outline",
    "log": "mdi6.text-box-search-outline",
}


def icon(name: str, color: str = COLOR) -> QIcon:
    """An icon by QtAwesome name ('mdi6.plus') or by a key of NAMED; empty when unavailable."""
    full_name = NAMED.get(name, name)
    drawn = _mdi6_icon(full_name, color)
    if drawn is not None:
        return drawn
    try:
        import qtawesome

        return qtawesome.icon(full_name, color=color)
    except Exception:  # no QtAwesome, or an icon font it could not load: no icon, no failure
        log.debug("icon %s unavailable", name, exc_info=True)
        return QIcon()


#: The icons of the window are Material Design Icons 6, whose font QtAwesome ships. They are
#: drawn here as QtAwesome draws them, without importing it: QtAwesome loads qtpy, whose
#: star imports of PySide6's QtCore, QtGui and QtWidgets cost every start 0.25 s.
_MDI6 = "mdi6."


@cache
def _mdi6_icon(name: str, color: str) -> QIcon | None:
    """The icon of an `mdi6.` name; None for other names or when the font cannot be loaded
    (QtAwesome is then asked: it knows more ways to load a font, e.g. on Windows)."""
    font = _mdi6_font() if name.startswith(_MDI6) else None
    if font is None:
        return None
    family, codes = font
    code = codes.get(name.removeprefix(_MDI6))
    if code is None:
        return None
    return QIcon(GlyphEngine(family, chr(int(code, 16)), color))


@cache
def _mdi6_font() -> tuple[str, dict[str, str]] | None:
    """(font family, charmap) of the MDI6 font in QtAwesome's folder, loaded once."""
    spec = importlib.util.find_spec("qtawesome")  # finds the folder, imports nothing
    if spec is None or not spec.submodule_search_locations:
        return None
    fonts = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    ttf = next(fonts.glob("materialdesignicons6-webfont-[0-9]*.ttf"), None)
    charmap = next(fonts.glob("materialdesignicons6-webfont-charmap-*.json"), None)
    if ttf is None or charmap is None:
        return None
    families = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(ttf)))
    if not families:
        return None
    return families[0], json.loads(charmap.read_text(encoding="utf-8"))


class GlyphEngine(QIconEngine):
    """One glyph of an icon font in one colour (the palette's disabled text colour when
    disabled), 7/8 of the icon's height, centred: QtAwesome's drawing, pixel for pixel."""

    def __init__(self, family: str, char: str, color: str) -> None:
        super().__init__()
        self._family, self._char, self._color = family, char, color

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.save()
        if mode == QIcon.Mode.Disabled:
            color = QApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        else:
            color = QColor(self._color)
        painter.setPen(color)
        font = QFont()
        font.setFamily(self._family)
        font.setPixelSize(round(0.875 * rect.height()))
        painter.setFont(font)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self._char)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return GlyphEngine(self._family, self._char, self._color)


#: Buttons by their Chinese text (English mode: its translation in crm_en.ts).
BUTTONS = {
    "新建项目": "mdi6.plus",
    "新增企业": "mdi6.plus",
    "新增工作队": "mdi6.plus",
    "新增问题": "mdi6.plus",
    "添加队员": "mdi6.account-plus-outline",
    "编辑": "mdi6.pencil-outline",
    "修改…": "mdi6.pencil-outline",
    "删除": "mdi6.delete-outline",
    "导出…": "mdi6.file-excel-outline",
    "导出xlsx…": "mdi6.file-excel-outline",
    "合并重复…": "mdi6.call-merge",
    "变更阶段": "mdi6.arrow-right-bold-outline",
    "记录到位资金": "mdi6.cash-plus",
    "记录跟进": "mdi6.calendar-plus",
    "提出问题": "mdi6.alert-plus-outline",
    "销号": "mdi6.check-circle-outline",
    "重新打开": "mdi6.restore",
    "表格": "mdi6.table",
    "看板": "mdi6.view-column-outline",
    "列…": "mdi6.table-column",
    "清除筛选": "mdi6.filter-remove-outline",
    "保存视图": "mdi6.content-save-outline",
    "保存设置": "mdi6.content-save-outline",
    "生成预览": "mdi6.file-eye-outline",
    "保存PDF…": "mdi6.file-pdf-box",
    "打印…": "mdi6.printer-outline",
    "签发": "mdi6.draw-pen",
    "设置年度目标": "mdi6.target",
}


@cache
def _english() -> dict[str, str]:
    """The English of the buttons' texts, from the translations (crm_en.ts)."""
    from ui.i18n import translations_dir
    from ui.ts_fill import known_english

    return known_english(translations_dir() / "crm_en.ts")


def decorate_buttons(root: QWidget | None) -> None:
    """Give the known buttons under `root` their icon (those without one), in either language."""
    from PySide6.QtWidgets import QPushButton

    if root is None:  # an emptied stack (another database being opened)
        return
    names = dict(BUTTONS)
    # The English texts only when the interface may be English: reading them (crm_en.ts)
    # took 50 ms of the Chinese window's start.
    english = {} if QLocale().language() == QLocale.Language.Chinese else _english()
    for text, name in BUTTONS.items():
        if english.get(text):
            names[english[text]] = name
    for button in root.findChildren(QPushButton):
        name = names.get(button.text().replace("&", ""))
        if name and button.icon().isNull():
            button.setIcon(icon(name))
