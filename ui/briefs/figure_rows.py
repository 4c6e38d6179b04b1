"""Beside the brief's pages: its newly-signed rows (total, industry sections, region groups,
provinces, teams) as a table; double-clicking a row opens the projects it counts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget, QVBoxLayout, QWidget

from crm.money import format_yi
from crm.queries.drill import figure_code
from crm.queries.project_filter import ProjectFilter
from crm.stats.scope import ScopeKind
from ui.activities.forms import fill_table, setup_table
from ui.drill import open_projects
from ui.layouts import share_width


class BriefRowsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("新签约项目（双击一行查看项目）"), self)
        self.title.setWordWrap(True)
        self.table = QTableWidget(self)
        setup_table(self.table)
        self.filters: list[ProjectFilter | None] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        self.table.cellDoubleClicked.connect(lambda row, _col: self.open_row(row))

    def show_figures(self, figures: Any) -> None:
        """The rows of `figures` (crm.stats BriefFigures); drill-downs only where the list's
        filters can say the same (the whole bureau or a team's scope)."""
        signed = figures.signed
        base = _scope_filter(figures)
        code = figure_code("signed", figures.period)
        rows: list[list[str]] = []
        headings: list[int] = []
        self.filters = []

        def add(row_label: str, count: int, amount: Any, **fields: Any) -> None:
            rows.append([row_label, str(count), format_yi(amount)])
            drillable = base is not None and all(fields.values())
            self.filters.append(base.with_(figure=code, **fields) if drillable else None)

        total = signed.total
        add(self.tr("合计"), total.count.current, total.investment.current)
        groups = (
            (self.tr("行业"), signed.by_section, "industry_code"),
            (self.tr("来源区域"), signed.by_region_group, "region_group"),
            (self.tr("来源省份"), signed.by_province, "source_province"),
            (self.tr("工作队"), signed.by_team, "team_id"),
        )
        for group, breakdown, field in groups:
            shown = [row for row in breakdown if row.count.current]
            if not shown:
                continue
            headings.append(len(rows))  # a heading row: the group's name, nothing to open
            rows.append([group, "", ""])
            self.filters.append(None)
            for row in shown:
                add(row.label, row.count.current, row.investment.current, **{field: row.key})
        headers = [self.tr("名称"), self.tr("项目数"), self.tr("签约额（亿元）")]
        fill_table(self.table, headers, rows, right_columns=frozenset({1, 2}))
        # Names share what the figures leave (whole in tooltips): 签约额 was off the panel.
        share_width(self.table, stretch={0})
        for n, f in enumerate(self.filters):
            for column in range(self.table.columnCount()):
                item = self.table.item(n, column)
                if item is None:
                    continue
                if n in headings or n == 0:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                if column == 0:
                    item.setToolTip(item.text())
                if f is None and n not in headings:
                    item.setToolTip(self.tr("此行无法对应到项目筛选条件"))
                    item.setForeground(Qt.GlobalColor.gray)

    def open_row(self, row: int) -> bool:
        f = self.filters[row] if 0 <= row < len(self.filters) else None
        return f is not None and open_projects(self, f)


def _scope_filter(figures: Any) -> ProjectFilter | None:
    scope = figures.scope
    if scope.kind is ScopeKind.BUREAU:
        return ProjectFilter()
    if scope.kind is ScopeKind.TEAM:
        return ProjectFilter(team_id=scope.key)
    return None  # a source or place scope has no exact counterpart among the list's filters
