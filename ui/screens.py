"""The registry of main screens: created lazily by import path, with a placeholder when missing."""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.context import AppContext
from ui.screen import Screen

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScreenInfo:
    screen_id: str
    module: str
    class_name: str
    title: str = ""  # source text of the navigation label, in the "screens" context


SCREENS: tuple[ScreenInfo, ...] = (
    ScreenInfo(
        "dashboard",
        "ui.dashboard.screen",
        "DashboardScreen",
        QT_TRANSLATE_NOOP("screens", "工作台"),
    ),
    ScreenInfo(
        "projects", "ui.projects.screen", "ProjectsScreen", QT_TRANSLATE_NOOP("screens", "项目")
    ),
    ScreenInfo(
        "companies", "ui.companies.screen", "CompaniesScreen", QT_TRANSLATE_NOOP("screens", "企业")
    ),
    ScreenInfo("teams", "ui.teams.screen", "TeamsScreen", QT_TRANSLATE_NOOP("screens", "工作队")),
    ScreenInfo(
        "activities",
        "ui.activities.screen",
        "ActivitiesScreen",
        QT_TRANSLATE_NOOP("screens", "跟进记录"),
    ),
    ScreenInfo(
        "problems", "ui.problems.screen", "ProblemsScreen", QT_TRANSLATE_NOOP("screens", "问题清单")
    ),
    ScreenInfo(
        "dispatch", "ui.dispatch.screen", "DispatchScreen", QT_TRANSLATE_NOOP("screens", "项目调度")
    ),
    ScreenInfo(
        "requests", "ui.requests.screen", "RequestsScreen", QT_TRANSLATE_NOOP("screens", "企业诉求")
    ),
    ScreenInfo(
        "key_enterprises",
        "ui.requests.key_enterprises",
        "KeyEnterprisesScreen",
        QT_TRANSLATE_NOOP("screens", "重点企业"),
    ),
    ScreenInfo("briefs", "ui.briefs.screen", "BriefsScreen", QT_TRANSLATE_NOOP("screens", "简报")),
    ScreenInfo("sync", "ui.sync.screen", "SyncScreen", QT_TRANSLATE_NOOP("screens", "同步")),
    ScreenInfo(
        "settings", "ui.settings.screen", "SettingsScreen", QT_TRANSLATE_NOOP("screens", "设置")
    ),
    ScreenInfo(
        "analysis", "ui.analysis.screen", "AnalysisScreen", QT_TRANSLATE_NOOP("screens", "分析")
    ),
)


def screen_title(screen_id: str) -> str:
    """The navigation label of a screen, in the interface language."""
    info = next((i for i in SCREENS if i.screen_id == screen_id and i.title), None)
    return QCoreApplication.translate("screens", info.title) if info else screen_id


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


def create_screen(info: ScreenInfo, ctx: AppContext, parent: QWidget | None = None) -> Screen:
    """Import and build a screen; any failure gives a placeholder (the app keeps working)."""
    try:
        module = importlib.import_module(info.module)
        cls = getattr(module, info.class_name)
    except Exception as exc:  # missing module or broken import: show a placeholder
        log.warning("screen %s unavailable: %s", info.screen_id, exc)
        return PlaceholderScreen(ctx, info.screen_id, str(exc), parent)
    try:
        screen = cls(ctx, parent)
    except Exception as exc:
        log.exception("screen %s failed to build", info.screen_id)
        return PlaceholderScreen(ctx, info.screen_id, str(exc), parent)
    if not screen.screen_id:
        screen.screen_id = info.screen_id
    return screen
