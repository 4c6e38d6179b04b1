"""The Teams screen's 工作量 tab: the year's work per month, with the total."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget, QWidget

from crm.queries import teams as q
from ui.activities.forms import fill_table, setup_table


class TalliesTab(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        setup_table(self, stretch_last=False)

    def fill(self, tallies: list[q.MonthTally]) -> None:
        headers = [
            self.tr("月份"),
            self.tr("走访企业（家）"),
            self.tr("洽谈（次）"),
            self.tr("外出（天）"),
            self.tr("新增线索（个）"),
        ]
        rows = [
            [
                self.tr("{m}月").format(m=t.month),
                str(t.companies_visited),
                str(t.negotiations),
                str(t.days_out),
                str(t.new_leads),
            ]
            for t in tallies
        ]
        totals = [
            sum(getattr(t, k) for t in tallies)
            for k in ("companies_visited", "negotiations", "days_out", "new_leads")
        ]
        rows.append([self.tr("合计"), *(str(v) for v in totals)])
        fill_table(self, headers, rows, right_columns=frozenset({1, 2, 3, 4}))
