"""Ready-made and saved views of the projects list (saved ones live in the UI settings file)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm.queries.project_filter import ProjectFilter
from crm.queries.stalled_views import (
    STALLED_ANY,
    STALLED_NO_ACTIVITY,
    STALLED_SIGNED_NOT_STARTED,
    STALLED_STARTED_NOT_OPERATING,
)
from ui import dialogs
from ui.layouts import FlowLayout
from ui.qsettings import app_settings

SETTINGS_KEY = "projects/saved_views"


@dataclass(frozen=True)
class SavedView:
    name: str
    filter: ProjectFilter
    builtin: bool = False


def load_saved_views() -> list[SavedView]:
    raw = app_settings().value(SETTINGS_KEY, "[]")
    try:
        items = json.loads(str(raw))
    except ValueError:
        return []
    return [SavedView(item["name"], ProjectFilter.from_dict(item["filter"])) for item in items]


def store_saved_views(views: list[SavedView]) -> None:
    data = [{"name": v.name, "filter": v.filter.to_dict()} for v in views if not v.builtin]
    settings = app_settings()
    settings.setValue(SETTINGS_KEY, json.dumps(data, ensure_ascii=False))
    settings.sync()


class ViewsSidebar(QWidget):
    """Emits `view_chosen(ProjectFilter)`; "save" asks the screen for the current filter."""

    view_chosen = Signal(object)
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("视图"), self))
        self.list = QListWidget(self)
        # A narrow sidebar (1366×768, English) cut names behind a sideways scroll bar
        # ("Started, not operati": user test, finding 15): names wrap at word breaks, a
        # longer word is elided, and the tooltip gives the whole name.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        layout.addWidget(self.list, 1)
        # The buttons wrap under each other when the list is narrow (1366×768).
        row = QWidget(self)
        buttons = FlowLayout(row)
        self.save_button = QPushButton(self.tr("保存视图"), row)
        self.delete_button = QPushButton(self.tr("删除"), row)
        buttons.add(self.save_button)
        buttons.add(self.delete_button)
        policy = row.sizePolicy()
        policy.setHeightForWidth(True)
        row.setSizePolicy(policy)
        layout.addWidget(row)
        self.save_button.clicked.connect(self.save_requested.emit)
        self.delete_button.clicked.connect(self.delete_selected)
        self.list.itemClicked.connect(self._on_item)
        self.list.currentItemChanged.connect(lambda *_a: self._update_delete())
        self.reload()

    def _update_delete(self) -> None:
        """删除 only for a saved view (it did nothing on a built-in one: user test, finding
        25); the tooltip says why it is disabled."""
        item = self.list.currentItem()
        view: SavedView | None = item.data(Qt.ItemDataRole.UserRole) if item else None
        self.delete_button.setEnabled(view is not None and not view.builtin)
        if view is None:
            self.delete_button.setToolTip(self.tr("先在上面选中一个自己保存的视图（★）"))
        elif view.builtin:
            self.delete_button.setToolTip(self.tr("内置视图不能删除，只能删除自己保存的视图（★）"))
        else:
            self.delete_button.setToolTip(self.tr("删除视图“%1”").replace("%1", view.name))

    def natural_width(self) -> int:
        """Wide enough for the longest view's name."""
        frame = 2 * self.list.frameWidth() + 8
        return self.list.sizeHintForColumn(0) + frame

    def builtin_views(self) -> list[SavedView]:
        return [
            SavedView(self.tr("全部项目"), ProjectFilter(), True),
            SavedView(self.tr("停滞项目（全部）"), ProjectFilter(stalled=STALLED_ANY), True),
            SavedView(
                self.tr("签约未开工"), ProjectFilter(stalled=STALLED_SIGNED_NOT_STARTED), True
            ),
            SavedView(
                self.tr("开工未投产"), ProjectFilter(stalled=STALLED_STARTED_NOT_OPERATING), True
            ),
            SavedView(self.tr("长期无跟进"), ProjectFilter(stalled=STALLED_NO_ACTIVITY), True),
            SavedView(self.tr("有逾期问题"), ProjectFilter(overdue_problems=True), True),
            SavedView(self.tr("重大项目"), ProjectFilter(is_major=True), True),
        ]

    def reload(self) -> None:
        self.list.clear()
        self._views = self.builtin_views() + load_saved_views()
        for view in self._views:
            item = QListWidgetItem(view.name if view.builtin else "★ " + view.name)
            item.setToolTip(item.text())
            item.setData(Qt.ItemDataRole.UserRole, view)
            self.list.addItem(item)
        self._update_delete()

    def views(self) -> list[SavedView]:
        return list(self._views)

    def choose(self, name: str) -> bool:
        for row, view in enumerate(self._views):
            if view.name == name:
                self.list.setCurrentRow(row)
                self.view_chosen.emit(view.filter)
                return True
        return False

    def add_view(self, name: str, f: ProjectFilter) -> None:
        saved = [v for v in load_saved_views() if v.name != name]
        saved.append(SavedView(name, f.with_(stalled_rule=ProjectFilter().stalled_rule)))
        store_saved_views(saved)
        self.reload()

    def delete_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        view: SavedView = item.data(Qt.ItemDataRole.UserRole)
        if view.builtin:
            return
        if dialogs.ask_confirm(
            self, self.tr("删除视图"), self.tr("删除视图“%1”？").replace("%1", view.name)
        ):
            store_saved_views([v for v in load_saved_views() if v.name != view.name])
            self.reload()

    def _on_item(self, item: QListWidgetItem) -> None:
        view: SavedView = item.data(Qt.ItemDataRole.UserRole)
        self.view_chosen.emit(view.filter)
