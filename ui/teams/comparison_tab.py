"""The Teams screen's 各队对比 tab: every team's year side by side, best completion first."""

from __future__ import annotations

from collections.abc import Sequence

from crm.queries import teams as q
from ui.activities.forms import fmt_pct
from ui.widgets.money import format_amount
from ui.widgets.record_table import Column, RecordTable


class ComparisonTab(RecordTable):
    right_columns = frozenset(range(1, 9))
    stretch_last = False
    id_attr = "team_id"

    def columns(self) -> list[Column]:
        return [
            (self.tr("工作队"), lambda r: r.name),
            (self.tr("签约项目"), lambda r: str(r.signed_projects)),
            (self.tr("签约投资（万元）"), lambda r: format_amount(r.signed_investment)),
            (self.tr("目标完成率"), lambda r: fmt_pct(r.investment_percent)),
            (self.tr("到位资金（万元）"), lambda r: format_amount(r.funds_in_place)),
            (self.tr("走访企业"), lambda r: str(r.companies_visited)),
            (self.tr("洽谈"), lambda r: str(r.negotiations)),
            (self.tr("外出天数"), lambda r: str(r.days_out)),
            (self.tr("新增线索"), lambda r: str(r.new_leads)),
        ]

    def ordered(self, rows: Sequence[q.TeamComparisonRow]) -> list[q.TeamComparisonRow]:
        """Best completion first; teams without a target last."""
        return sorted(
            rows, key=lambda r: (r.investment_percent is None, -(r.investment_percent or 0))
        )
