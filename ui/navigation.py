"""The navigation bar's look: an icon per screen, the counts people act on (overdue problems,
next steps due this week) beside their screens, icons on the menus' actions, the window icon
and the application's name. Installed by the main window with one call."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt
from PySide6.QtGui import QAction, QBrush, QColor, QFontMetrics, QKeySequence
from PySide6.QtWidgets import QApplication

from crm.services.result import ChangeSet
from ui import icons, ops
from ui.screens import screen_title

#: Screens that show a count, and the tables whose changes refresh it.
COUNTED = {"problems": "overdue_problems", "activities": "next_steps_due"}
COUNT_TABLES = frozenset({"problem", "activity", "project"})
#: Room beside the widest title and its icon: paddings, the scroll bar's edge.
NAV_ROOM = 2 * 8 + 16
NAV_FONT_SCALE = 1.15
ICON_SIZE = 20


def load_reminders(session: Any, today: date) -> Any:
    from crm.queries.reminders import reminder_counts

    return reminder_counts(session, today=today)


class Navigation(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.counts: dict[str, int] = {}
        nav = window.nav
        side = max(ICON_SIZE, nav.fontMetrics().height())  # grows with a larger system font
        nav.setIconSize(QSize(side, side))
        nav.setSpacing(2)
        nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        font = nav.font()  # a little larger than the screens' text, whatever the system's size
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * NAV_FONT_SCALE)
            nav.setFont(font)
        self._fit_width()
        for row in range(nav.count()):
            item = nav.item(row)
            screen_id = item.data(Qt.ItemDataRole.UserRole)
            item.setIcon(icons.icon(icons.SCREENS.get(screen_id, "mdi6.circle-small")))
        nav.setStyleSheet(
            "QListWidget#navigation { background: #f4f6fa; border: none; }"
            "QListWidget#navigation::item { padding: 6px 4px; border-radius: 4px; }"
            "QListWidget#navigation::item:selected { background: #dce7f7; color: #1d3f73; }"
        )
        self._menu_icons()
        app_icon = icons.icon("app")
        window.setWindowIcon(app_icon)
        QApplication.setWindowIcon(app_icon)
        QApplication.setApplicationDisplayName(
            QCoreApplication.translate("navigation", "招商引资客户关系管理")
        )
        window.ctx.bus.changed.connect(self._on_changed)
        # Screens are built when first shown: their buttons get icons then.
        window.stack.currentChanged.connect(
            lambda _i: icons.decorate_buttons(window.stack.currentWidget())
        )
        self.refresh()

    def _fit_width(self) -> None:
        """As wide as the longest screen title with its icon and a count, in this font."""
        nav = self.window.nav
        metrics = QFontMetrics(nav.font())
        widest = max(
            (metrics.horizontalAdvance(nav.item(r).text() + "  000") for r in range(nav.count())),
            default=0,
        )
        nav.setFixedWidth(widest + nav.iconSize().width() + NAV_ROOM)

    def _menu_icons(self) -> None:
        screen_ids = [
            self.window.nav.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(self.window.nav.count())
        ]
        by_view_key = {f"Ctrl+{n}": sid for n, sid in enumerate(screen_ids, start=1)}
        for action in self.window.findChildren(QAction):
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
            name = icons.SHORTCUTS.get(keys) or icons.SCREENS.get(by_view_key.get(keys, ""))
            if name and action.icon().isNull():
                action.setIcon(icons.icon(name))

    def refresh(self) -> None:
        today = date.today()
        ops.run_read(
            self.window.ctx,
            self.window,
            lambda session: load_reminders(session, today),
            on_done=self.show_counts,
            on_error=lambda _exc: None,  # a count is a convenience: never a message box
        )

    def _on_changed(self, change: ChangeSet) -> None:
        if change.tables() & COUNT_TABLES:
            self.refresh()

    def show_counts(self, reminders: Any) -> None:
        self.counts = {sid: getattr(reminders, field) for sid, field in COUNTED.items()}
        nav = self.window.nav
        for row in range(nav.count()):
            item = nav.item(row)
            screen_id = item.data(Qt.ItemDataRole.UserRole)
            title = screen_title(screen_id)
            count = self.counts.get(screen_id, 0)
            item.setText(f"{title}  {count}" if count else title)
            if screen_id == "problems":
                item.setToolTip(self.tr("超期问题 %1 个").replace("%1", str(count)))
            elif screen_id == "activities":
                item.setToolTip(self.tr("本周到期的下一步 %1 项").replace("%1", str(count)))
            item.setForeground(QBrush(QColor("#a12622")) if count else QBrush())


def install_navigation(window: Any) -> Navigation:
    window.navigation = Navigation(window)
    return window.navigation
