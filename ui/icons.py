"""The icon set: Material Design Icons through QtAwesome (its fonts ship in the wheel, SIL
OFL / Apache-2.0). One place names the icon of each screen and action; without QtAwesome the
window works with no icons."""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

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
    try:
        import qtawesome

        return qtawesome.icon(NAMED.get(name, name), color=color)
    except Exception:  # no QtAwesome, or an icon font it could not load: no icon, no failure
        log.debug("icon %s unavailable", name, exc_info=True)
        return QIcon()


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
    english = _english()
    for text, name in BUTTONS.items():
        if english.get(text):
            names[english[text]] = name
    for button in root.findChildren(QPushButton):
        name = names.get(button.text().replace("&", ""))
        if name and button.icon().isNull():
            button.setIcon(icon(name))
