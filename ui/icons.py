"""The icon set: Material Design Icons through QtAwesome (its fonts ship in the wheel, SIL
OFL / Apache-2.0). One place names the icon of each screen and action; without QtAwesome the
window works with no icons."""

from __future__ import annotations

import logging

from PySide6.QtGui import QIcon

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
