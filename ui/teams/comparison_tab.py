"""The Teams screen's 各队对比 tab: every team's year side by side, best completion first."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget, QWidget

from crm.queries import teams as q
from ui.activities.forms import fill_table, fmt_pct, setup_table
from ui.widgets.money import format_amount


class ComparisonTab(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        setup_table(self, stretch_last=False)

    def fill(self, rows: list[q.TeamComparisonRow]) -> None:
        rows.sort(key=lambda r: (r.investment_percent is None, -(r.investment_percent or 0)))
        headers = [
            self.tr("工作队"),
            self.tr("签约项目"),
            self.tr("签约投资（万元）"),
            self.tr("目标完成率"),
            self.tr("到位资金（万元）"),
            self.tr("走访企业"),
            self.tr("洽谈"),
            self.tr("外出天数"),
            self.tr("新增线索"),
        ]
        table = [
            [
                r.name,
                str(r.signed_projects),
                format_amount(r.signed_investment),
                fmt_pct(r.investment_percent),
                format_amount(r.funds_in_place),
                str(r.companies_visited),
                str(r.negotiations),
                str(r.days_out),
                str(r.new_leads),
            ]
            for r in rows
        ]
        fill_table(
            self,
            headers,
            table,
            ids=[r.team_id for r in rows],
            right_columns=frozenset(range(1, 9)),
        )
