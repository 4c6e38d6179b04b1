"""The Teams screen's 项目 tab: the team's projects with stage, amounts and dates."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.widgets.record_table import ProjectsTable


class ProjectsTab(ProjectsTable):
    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(language, parent)
