"""The Teams screen's 历年目标 tab: the team's target for each year."""

from __future__ import annotations

from typing import Any

from ui.widgets.money import format_amount
from ui.widgets.record_table import Column, RecordTable


def _count(value: int | None) -> str:
    return "—" if value is None else str(value)


def _money(value: Any) -> str:
    return "—" if value is None else format_amount(value)


class TargetsTab(RecordTable):
    right_columns = frozenset({1, 2, 3, 4})
    stretch_last = False

    def columns(self) -> list[Column]:
        return [
            (self.tr("年度"), lambda t: str(t.year)),
            (self.tr("签约投资额（万元）"), lambda t: _money(t.signed_investment)),
            (self.tr("签约项目（个）"), lambda t: _count(t.signed_projects)),
            (self.tr("到位资金（万元）"), lambda t: _money(t.funds_in_place)),
            (self.tr("亿元以上项目（个）"), lambda t: _count(t.projects_over_100m)),
        ]
