"""Beside the brief's pages: its newly-signed rows (total, industry sections, source classes,
region groups, provinces, countries, company lists, teams, size bands) as a table;
double-clicking a row opens exactly the projects it counts (crm.queries.drill)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget, QVBoxLayout, QWidget

from crm.codes import SourceClass, TagKind
from crm.money import format_yi
from crm.queries.drill import figure_code
from crm.queries.project_filter import ProjectFilter
from crm.reference.display import Kind, display_name
from crm.stats.scope import ScopeKind
from crm.stats.signed_rows import TOP_500_KEY
from ui.activities.forms import fill_table, setup_table
from ui.drill import open_projects
from ui.layouts import share_width


class BriefRowsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None, *, language: str = "zh") -> None:
        super().__init__(parent)
        self.language = language
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
        rows: list[list[str]] = []
        headings: list[int] = []
        self.filters = []

        def add(row_label: str, count: int, amount: Any, target: Target | None) -> None:
            rows.append([row_label, str(count), format_yi(amount)])
            if base is None or target is None:
                self.filters.append(None)
                return
            qualifier, fields = target
            code = figure_code("signed", figures.period, qualifier)
            self.filters.append(base.with_(figure=code, **fields))

        total = signed.total
        add(self.tr("合计"), total.count.current, total.investment.current, ("", {}))
        for group, breakdown, drill, kind in self._breakdowns(signed):
            shown = [row for row in breakdown if row.count.current]
            if not shown:
                continue
            headings.append(len(rows))  # a heading row: the group's name, nothing to open
            rows.append([group, "", ""])
            self.filters.append(None)
            for row in shown:
                name = self._name(kind, row)
                add(name, row.count.current, row.investment.current, drill(row.key))
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
                # The name whole (English ones end in "…"), then why a row opens nothing.
                tip = [item.text()] if column == 0 else []
                if f is None and n not in headings:
                    tip.append(self.tr("此行无法对应到项目筛选条件"))
                    item.setForeground(Qt.GlobalColor.gray)
                if tip:
                    item.setToolTip("\n".join(tip))
        self.table.resizeColumnToContents(1)  # the counts (bold total too): no wider

    def clear(self) -> None:
        """No rows (a notice is shown: its figures are not the brief's signed rows)."""
        self.table.setRowCount(0)
        self.filters = []

    def _breakdowns(self, signed: Any) -> list[tuple[str, Any, Drill, str]]:
        """(heading, rows, drill, kind of name) of the breakdowns shown, in the brief's order."""
        classes = frozenset(SourceClass._value2member_map_)
        return [
            (self.tr("行业"), signed.by_section, _field("industry_code"), "industry"),
            (
                self.tr("来源类别"),
                signed.by_source_class,
                _qualifier("source_class", known=classes),
                "source_class",
            ),
            (self.tr("来源区域"), signed.by_region_group, _field("region_group"), "region_group"),
            (self.tr("来源省份"), signed.by_province, _field("source_province"), "region_short"),
            (self.tr("来源国家/地区"), signed.by_country, _qualifier("country"), "country"),
            (
                self.tr("企业标签"),
                [*signed.by_tag, signed.top_500],
                _qualifier("tag"),
                "tag",
            ),
            (self.tr("工作队"), signed.by_team, _field("team_id"), "team"),
            (self.tr("投资规模"), signed.size_bands, _band, "band"),
        ]

    def _name(self, kind: str, row: Any) -> str:
        """A row's name in the window's language (the brief's own are Chinese)."""
        if kind == "tag" and row.key == TOP_500_KEY:
            return self.tr("500强企业（合计）")
        if kind == "tag" and row.key in TagKind._value2member_map_:  # the brief's short names
            return TagKind(row.key).label(self.language)
        if kind == "team":
            return str(row.label) if row.key else self.tr("未落实工作队")
        if kind == "band":
            if not self.language.startswith("en"):
                return str(row.label)
            return self.tr("%1万元以上").replace("%1", f"{Decimal(row.key):,f}")
        if not row.key or (kind == "source_class" and row.key == "unknown"):
            return self.tr("未填报")
        if kind == "source_class" and not self.language.startswith("en"):
            # The bureau's own words, as the PDF prints them (区内市外 for a Guangxi city),
            # not the codes' (a city bureau's 省内市外).
            return str(row.label)
        return display_name(cast(Kind, kind), row.key, row.label, self.language)

    def open_row(self, row: int) -> bool:
        f = self.filters[row] if 0 <= row < len(self.filters) else None
        return f is not None and open_projects(self, f)


#: What the list filters by for a row: (figure qualifier, the list's own filter fields).
Target = tuple[str, dict[str, Any]]
#: A breakdown's row key → its Target; None where the key names nothing the list can filter
#: by ('' — no team, not classed): such a row opens nothing.
Drill = Callable[[str], Target | None]


def _field(name: str) -> Drill:
    return lambda key: ("", {name: key}) if key else None


def _qualifier(name: str, *, known: frozenset[str] | None = None) -> Drill:
    return lambda key: (f"{name}={key}", {}) if key and (known is None or key in known) else None


def _band(key: str) -> Target:
    return "", {"amount_min": Decimal(key)}


def _scope_filter(figures: Any) -> ProjectFilter | None:
    scope = figures.scope
    if scope.kind is ScopeKind.BUREAU:
        return ProjectFilter()
    if scope.kind is ScopeKind.TEAM:
        return ProjectFilter(team_id=scope.key)
    return None  # a source or place scope has no exact counterpart among the list's filters
