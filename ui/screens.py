"""The registry of main screens: created lazily by import path, with a placeholder when missing."""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.context import AppContext
from ui.screen import Screen

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScreenInfo:
    screen_id: str
    module: str
    class_name: str
    #: The class takes (db, parent) instead of (ctx, parent) and is not a Screen: wrap it.
    wants_db: bool = False


SCREENS: tuple[ScreenInfo, ...] = (
    ScreenInfo("dashboard", "ui.dashboard.screen", "DashboardScreen"),
    ScreenInfo("projects", "ui.projects.screen", "ProjectsScreen"),
    ScreenInfo("companies", "ui.companies.screen", "CompaniesScreen"),
    ScreenInfo("teams", "ui.teams.screen", "TeamsScreen"),
    ScreenInfo("activities", "ui.activities.screen", "ActivitiesScreen"),
    ScreenInfo("problems", "ui.problems.screen", "ProblemsScreen"),
    ScreenInfo("requests", "ui.requests.screen", "RequestsScreen"),
    ScreenInfo("key_enterprises", "ui.requests.key_enterprises", "KeyEnterprisesScreen"),
    ScreenInfo("briefs", "ui.briefs.screen", "BriefsScreen", wants_db=True),
    ScreenInfo("sync", "ui.sync.screen", "SyncScreen"),
    ScreenInfo("settings", "ui.settings.screen", "SettingsScreen"),
    ScreenInfo("analysis", "ui.analysis.screen", "AnalysisScreen"),
)


def screen_title(screen_id: str) -> str:
    """The navigation label of a screen, in the interface language."""
    titles = {
        "dashboard": QCoreApplication.translate("screens", "工作台"),
        "projects": QCoreApplication.translate("screens", "项目"),
        "companies": QCoreApplication.translate("screens", "企业"),
        "teams": QCoreApplication.translate("screens", "工作队"),
        "activities": QCoreApplication.translate("screens", "跟进记录"),
        "problems": QCoreApplication.translate("screens", "问题清单"),
        "requests": QCoreApplication.translate("screens", "企业诉求"),
        "key_enterprises": QCoreApplication.translate("screens", "重点企业"),
        "briefs": QCoreApplication.translate("screens", "简报"),
        "sync": QCoreApplication.translate("screens", "同步"),
        "settings": QCoreApplication.translate("screens", "设置"),
        "analysis": QCoreApplication.translate("screens", "分析"),
    }
    return titles.get(screen_id, screen_id)


class PlaceholderScreen(Screen):
    """Stands in for a screen whose module is not there (yet) or failed to load."""

    def __init__(self, ctx: AppContext, screen_id: str, reason: str, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.screen_id = screen_id
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("“%1”暂不可用。").replace("%1", screen_title(screen_id)), self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setToolTip(reason)
        layout.addWidget(label)


class WrappedScreen(Screen):
    """Hosts a widget built as `Cls(db, parent)` (not a Screen) inside the screen stack."""

    def __init__(self, ctx: AppContext, screen_id: str, inner_cls: type, parent=None) -> None:
        super().__init__(ctx, parent)
        self.screen_id = screen_id
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.inner = inner_cls(ctx.db, self, language=ctx.language)
        layout.addWidget(self.inner)

    def refresh(self) -> None:
        if hasattr(self.inner, "refresh"):
            self.inner.refresh()


def create_screen(info: ScreenInfo, ctx: AppContext, parent: QWidget | None = None) -> Screen:
    """Import and build a screen; any failure gives a placeholder (the app keeps working)."""
    try:
        module = importlib.import_module(info.module)
        cls = getattr(module, info.class_name)
    except Exception as exc:  # missing module or broken import: show a placeholder
        log.warning("screen %s unavailable: %s", info.screen_id, exc)
        return PlaceholderScreen(ctx, info.screen_id, str(exc), parent)
    try:
        if info.wants_db or not issubclass(cls, Screen):
            return WrappedScreen(ctx, info.screen_id, cls, parent)
        screen = cls(ctx, parent)
    except Exception as exc:
        log.exception("screen %s failed to build", info.screen_id)
        return PlaceholderScreen(ctx, info.screen_id, str(exc), parent)
    if not screen.screen_id:
        screen.screen_id = info.screen_id
    return screen
