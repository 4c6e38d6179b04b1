"""The Teams screen's 历年目标 tab: the team's target for each year."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTableWidget, QWidget

from crm.queries import teams as q
from ui.activities.forms import fill_table, setup_table
from ui.widgets.money import format_amount


class TargetsTab(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        setup_table(self, stretch_last=False)

    def fill(self, targets: list[q.TargetRow]) -> None:
        headers = [
            self.tr("年度"),
            self.tr("签约投资额（万元）"),
            self.tr("签约项目（个）"),
            self.tr("到位资金（万元）"),
            self.tr("亿元以上项目（个）"),
        ]

        def count(value: int | None) -> str:
            return "—" if value is None else str(value)

        def money(value: Any) -> str:
            return "—" if value is None else format_amount(value)

        rows = [
            [
                str(t.year),
                money(t.signed_investment),
                count(t.signed_projects),
                money(t.funds_in_place),
                count(t.projects_over_100m),
            ]
            for t in targets
        ]
        fill_table(
            self,
            headers,
            rows,
            ids=[t.id for t in targets],
            right_columns=frozenset({1, 2, 3, 4}),
        )
