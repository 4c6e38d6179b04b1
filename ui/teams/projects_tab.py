"""The Teams screen's 项目 tab: the team's projects with stage, amounts and dates."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget, QWidget

from crm.codes import Stage
from crm.queries import teams as q
from ui.activities.forms import code_label, fill_table, fmt_date, setup_table
from ui.widgets.money import format_amount


class ProjectsTab(QTableWidget):
    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        setup_table(self)

    def fill(self, projects: list[q.TeamProjectRow]) -> None:
        lang = self.language
        headers = [
            self.tr("项目名称"),
            self.tr("阶段"),
            self.tr("协议投资（万元）"),
            self.tr("签约日期"),
            self.tr("到位资金（万元）"),
        ]
        rows = [
            [
                p.name,
                code_label(Stage, p.stage, lang),
                format_amount(p.planned_investment),
                fmt_date(p.signed_on),
                format_amount(p.funds_in_place),
            ]
            for p in projects
        ]
        fill_table(
            self,
            headers,
            rows,
            ids=[p.id for p in projects],
            right_columns=frozenset({2, 4}),
        )
