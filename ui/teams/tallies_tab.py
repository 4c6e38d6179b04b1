"""The Teams screen's 工作量 tab: the year's work per month, with the total."""

from __future__ import annotations

from collections.abc import Sequence

from crm.queries import teams as q
from ui.widgets.record_table import Column, RecordTable

COUNTS = ("companies_visited", "negotiations", "days_out", "new_leads")


class TalliesTab(RecordTable):
    right_columns = frozenset({1, 2, 3, 4})
    stretch_last = False
    id_attr = None

    def columns(self) -> list[Column]:
        return [
            (self.tr("月份"), lambda t: self.tr("{m}月").format(m=t.month)),
            (self.tr("走访企业（家）"), lambda t: str(t.companies_visited)),
            (self.tr("洽谈（次）"), lambda t: str(t.negotiations)),
            (self.tr("外出（天）"), lambda t: str(t.days_out)),
            (self.tr("新增线索（个）"), lambda t: str(t.new_leads)),
        ]

    def last_row(self, tallies: Sequence[q.MonthTally]) -> list[str]:
        totals = [str(sum(getattr(t, count) for t in tallies)) for count in COUNTS]
        return [self.tr("合计"), *totals]
