"""Teams screen (驻点工作队): teams grouped by region group, "my team" first; for the chosen team
its target completion against 序时进度, members over time, projects and monthly work tallies;
and all teams side by side."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from crm.codes import Stage, TeamRole
from crm.queries import teams as q
from crm.services import teams as svc
from crm.services.settings import get_setting, set_setting
from ui import dialogs
from ui.activities.forms import (
    OVERDUE_COLOR,
    fill_table,
    fmt_date,
    fmt_pct,
    fmt_points,
    selected_id,
    setup_table,
)
from ui.activities.quick_log import QuickLogDialog
from ui.context import SETTINGS, AppContext
from ui.ops import Task, run_read, run_write
from ui.screen import Screen
from ui.teams.dialogs import MemberDialog, TargetDialog, TeamDialog
from ui.widgets.money import format_amount

TABLES = frozenset(
    {"team", "team_member", "team_target", "project", "funds_entry", "activity", SETTINGS}
)
AHEAD_COLOR = "#1e8449"


def _code_label(codes: Any, value: str, language: str) -> str:
    return codes(value).label(language) if value in codes._value2member_map_ else value


class TeamsScreen(Screen):
    screen_id = "teams"
    watched = TABLES
    can_export = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.team_id: str | None = None
        self._rows_count = 0
        self._comparison_stale = True
        self.comparison_task: Task[Any] | None = None
        self.dialog: QDialog | None = None
        self._build()
        self.refresh()

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.tree = QTreeWidget(left)
        self.tree.setHeaderLabels([self.tr("工作队"), self.tr("在岗人数")])
        self.tree.setColumnWidth(0, 220)
        self.new_button = QPushButton(self.tr("新增工作队"), left)
        self.my_team_button = QPushButton(self.tr("设为我的工作队"), left)
        left_layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.my_team_button)
        left_layout.addLayout(buttons)
        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.title = QLabel(right)
        font = QFont(self.title.font())
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel(right)
        self.subtitle.setStyleSheet("color: #555;")
        self.year = QSpinBox(right)
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.year.setSuffix(self.tr(" 年"))
        self.edit_button = QPushButton(self.tr("编辑"), right)
        self.log_button = QPushButton(self.tr("记录跟进"), right)
        head.addWidget(self.title)
        head.addWidget(self.subtitle, 1)
        head.addWidget(self.year)
        head.addWidget(self.edit_button)
        head.addWidget(self.log_button)
        right_layout.addLayout(head)
        self.tabs = QTabWidget(right)
        self.tabs.addTab(self._progress_tab(), self.tr("目标完成"))
        self.tabs.addTab(self._members_tab(), self.tr("队员"))
        self.targets = QTableWidget(self)
        setup_table(self.targets, stretch_last=False)
        self.tabs.addTab(self.targets, self.tr("历年目标"))
        self.projects = QTableWidget(self)
        setup_table(self.projects)
        self.tabs.addTab(self.projects, self.tr("项目"))
        self.tallies = QTableWidget(self)
        setup_table(self.tallies, stretch_last=False)
        self.tabs.addTab(self.tallies, self.tr("工作量"))
        self.comparison = QTableWidget(self)
        setup_table(self.comparison, stretch_last=False)
        self.tabs.addTab(self.comparison, self.tr("各队对比"))
        right_layout.addWidget(self.tabs, 1)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 860])
        layout.addWidget(splitter)
        self.tree.currentItemChanged.connect(lambda *_: self._on_tree_current())
        self.new_button.clicked.connect(self.new_record)
        self.my_team_button.clicked.connect(self.set_my_team)
        self.edit_button.clicked.connect(self.edit_current)
        self.log_button.clicked.connect(self.log_activity)
        self.year.valueChanged.connect(lambda _y: self.refresh())
        self.tabs.currentChanged.connect(self._on_tab_changed)

    def _progress_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.elapsed = QLabel(page)
        self.progress = QTableWidget(page)
        setup_table(self.progress)
        self.target_button = QPushButton(self.tr("设置年度目标"), page)
        self.progress.setMaximumHeight(150)
        self.progress_chart = QChart()
        self.progress_chart.setTitle(self.tr("完成率与序时进度（%）"))
        self.progress_chart.setMargins(QMargins(4, 4, 4, 4))
        chart_view = QChartView(self.progress_chart, page)
        chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        layout.addWidget(self.elapsed)
        layout.addWidget(self.progress)
        layout.addWidget(chart_view, 1)
        row = QHBoxLayout()
        row.addWidget(self.target_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.target_button.clicked.connect(self.set_target)
        return page

    def _members_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.members = QTableWidget(page)
        setup_table(self.members)
        self.add_member_button = QPushButton(self.tr("添加队员"), page)
        self.end_member_button = QPushButton(self.tr("结束任职"), page)
        row = QHBoxLayout()
        row.addWidget(self.add_member_button)
        row.addWidget(self.end_member_button)
        row.addStretch(1)
        layout.addWidget(self.members, 1)
        layout.addLayout(row)
        self.add_member_button.clicked.connect(self.add_member)
        self.end_member_button.clicked.connect(self.end_member)
        return page

    # -- the team list ------------------------------------------------------------------------
    def _fill_tree(self, found: tuple[str, list[Any]]) -> None:
        mine, rows = found
        self.tree.blockSignals(True)
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for row in rows:
            if row.id == mine:
                key, title = "__mine__", self.tr("我的工作队")
            else:
                name = row.region_group_name_en if self.ctx.is_english else row.region_group_name
                key, title = row.region_group_code, name or self.tr("未分区域")
            group = groups.get(key)
            if group is None:
                group = QTreeWidgetItem(self.tree, [title])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                # Long region-group names (English) span both columns instead of being cut.
                group.setFirstColumnSpanned(True)
                group.setToolTip(0, title)
                groups[key] = group
            item = QTreeWidgetItem(group, [row.name, str(row.active_members)])
            item.setData(0, Qt.ItemDataRole.UserRole, row.id)
            if not row.active:
                item.setForeground(0, Qt.GlobalColor.gray)
        self.tree.expandAll()
        self.tree.blockSignals(False)
        self._rows_count = len(rows)
        self.record_count_changed.emit(len(rows))

    def show_after_reload(self, team_id: str | None) -> None:
        """Show a team just written once the list has been re-read (the write's change
        announcement re-reads it)."""
        self.team_id = team_id
        self.select_team(team_id)

    def select_team(self, team_id: str | None) -> None:
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                item = group.child(j)
                if item.data(0, Qt.ItemDataRole.UserRole) == team_id:
                    self.tree.setCurrentItem(item)
                    return

    def _first_team(self) -> str | None:
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group.childCount():
                return group.child(0).data(0, Qt.ItemDataRole.UserRole)
        return None

    def _on_tree_current(self) -> None:
        item = self.tree.currentItem()
        team_id = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        if team_id:
            self.show_team(team_id)

    # -- one team -----------------------------------------------------------------------------
    def show_team(self, team_id: str | None) -> None:
        self.team_id = team_id
        for widget in (
            self.edit_button,
            self.log_button,
            self.target_button,
            self.add_member_button,
            self.end_member_button,
            self.my_team_button,
        ):
            widget.setEnabled(team_id is not None)
        if team_id is None:
            self.title.setText(self.tr("还没有工作队"))
            self.subtitle.setText("")
            return
        year, today = self.year.value(), date.today()

        def read(session: Any) -> tuple[Any, ...]:
            return (
                q.team_detail(session, team_id),
                q.team_progress(session, team_id, year=year, today=today),
                q.team_members(session, team_id, today=today),
                q.team_projects(session, team_id),
                q.team_tallies(session, team_id, year=year),
                q.team_targets(session, team_id),
            )

        run_read(self.ctx, self, read, on_done=lambda found: self._show_read(team_id, found))

    def _show_read(self, team_id: str, found: tuple[Any, ...]) -> None:
        if team_id != self.team_id:
            return  # another team was chosen meanwhile
        detail, progress, members, projects, tallies, targets = found
        if detail is None:
            return
        self.title.setText(detail.name)
        self.subtitle.setText(
            self.tr("派出单位：{unit}　队长：{leader}").format(
                unit=detail.home_unit or "—", leader=detail.leader_name or "—"
            )
        )
        self._show_progress(progress)
        self._show_members(members)
        self._show_projects(projects)
        self._show_tallies(tallies)
        self._show_targets(targets)

    def _show_progress(self, progress: q.TeamProgress) -> None:
        self.elapsed.setText(
            self.tr("{year} 年序时进度：{pct}").format(
                year=progress.year, pct=fmt_pct(progress.elapsed_percent)
            )
        )
        names = {
            "signed_investment": self.tr("签约投资额（万元）"),
            "signed_projects": self.tr("签约项目（个）"),
            "funds_in_place": self.tr("到位资金（万元）"),
            "projects_over_100m": self.tr("亿元以上项目（个）"),
        }
        money = {"signed_investment", "funds_in_place"}
        rows, colors = [], []
        for m in progress.measures:

            def show(value: Any, key: str = m.key) -> str:
                if value is None:
                    return "—"
                return format_amount(value) if key in money else str(int(value))

            rows.append(
                [
                    names[m.key],
                    show(m.actual),
                    show(m.target),
                    fmt_pct(m.percent),
                    self._ahead_text(m.ahead_points),
                ]
            )
            colors.append(self._ahead_color(m.ahead_points))
        headers = [
            self.tr("指标"),
            self.tr("完成"),
            self.tr("年度目标"),
            self.tr("完成率"),
            self.tr("较序时进度"),
        ]
        fill_table(self.progress, headers, rows, colors=colors, right_columns=frozenset({1, 2, 3}))
        self._chart_progress(progress, names)

    def _chart_progress(self, progress: q.TeamProgress, names: dict[str, str]) -> None:
        """Each measure's completion beside the share of the year gone."""
        chart = self.progress_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        measures = [m for m in progress.measures if m.percent is not None]
        done = QBarSet(self.tr("完成率"))
        done.setColor(QColor("#3b73b9"))
        elapsed = QBarSet(self.tr("序时进度"))
        elapsed.setColor(QColor("#b0b8c4"))
        for m in reversed(measures):
            done.append(float(min(m.percent or 0, 200)))
            elapsed.append(float(progress.elapsed_percent))
        series = QHorizontalBarSeries()
        series.append(done)
        series.append(elapsed)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        series.setLabelsPrecision(3)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([names[m.key] for m in reversed(measures)] or [self.tr("未设目标")])
        categories.setLabelsFont(self.font())
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        values = QValueAxis()
        top = max([120.0, *(float(m.percent or 0) + 10 for m in measures)])
        values.setRange(0, min(top, 210))
        values.setLabelFormat("%d%%")
        values.setLabelsFont(self.font())
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(values)
        chart.legend().setFont(self.font())
        chart.setTitleFont(self.font())

    def _ahead_text(self, points: Any) -> str:
        if points is None:
            return "—"
        size = fmt_points(abs(points)).lstrip("+")
        if points >= 0:
            return self.tr("超序时进度 {p} 个百分点").format(p=size)
        return self.tr("落后序时进度 {p} 个百分点").format(p=size)

    @staticmethod
    def _ahead_color(points: Any) -> str | None:
        if points is None:
            return None
        return AHEAD_COLOR if points >= 0 else OVERDUE_COLOR

    def _show_members(self, members: list[q.MemberRow]) -> None:
        lang = self.ctx.language
        headers = [
            self.tr("姓名"),
            self.tr("职务"),
            self.tr("电话"),
            self.tr("到队"),
            self.tr("离队"),
        ]
        rows = [
            [
                m.person_name,
                _code_label(TeamRole, m.role, lang),
                m.phone,
                fmt_date(m.from_on),
                fmt_date(m.to_on),
            ]
            for m in members
        ]
        colors = [None if m.active else "#888888" for m in members]
        fill_table(self.members, headers, rows, ids=[m.id for m in members], colors=colors)

    def _show_targets(self, targets: list[q.TargetRow]) -> None:
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
            self.targets,
            headers,
            rows,
            ids=[t.id for t in targets],
            right_columns=frozenset({1, 2, 3, 4}),
        )

    def _show_projects(self, projects: list[q.TeamProjectRow]) -> None:
        lang = self.ctx.language
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
                _code_label(Stage, p.stage, lang),
                format_amount(p.planned_investment),
                fmt_date(p.signed_on),
                format_amount(p.funds_in_place),
            ]
            for p in projects
        ]
        fill_table(
            self.projects,
            headers,
            rows,
            ids=[p.id for p in projects],
            right_columns=frozenset({2, 4}),
        )

    def _show_tallies(self, tallies: list[q.MonthTally]) -> None:
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
        fill_table(self.tallies, headers, rows, right_columns=frozenset({1, 2, 3, 4}))

    def load_comparison(self) -> None:
        """All teams side by side: read on a worker (it counts every activity of the year)."""
        year, today = self.year.value(), date.today()
        self._comparison_stale = False
        self.comparison_task = run_read(
            self.ctx,
            self,
            lambda s: q.team_comparison(s, year=year, today=today),
            on_done=self._show_comparison,
            title=self.tr("正在统计各队工作量…"),
            show_progress=True,
        )

    def _on_tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.comparison and self._comparison_stale:
            self.load_comparison()

    def _show_comparison(self, rows: list[q.TeamComparisonRow]) -> None:
        if not isValid(self):  # closed while the worker was counting
            return
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
            self.comparison,
            headers,
            table,
            ids=[r.team_id for r in rows],
            right_columns=frozenset(range(1, 9)),
        )

    # -- actions ------------------------------------------------------------------------------
    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def new_record(self) -> None:
        dialog = TeamDialog(self.ctx, self)
        dialog.accepted.connect(lambda: self.show_after_reload(dialog.saved_id))
        self._show(dialog)

    def edit_current(self) -> None:
        if self.team_id:
            self._show(TeamDialog(self.ctx, self, team_id=self.team_id))

    def set_target(self) -> None:
        if self.team_id:
            self._show(TargetDialog(self.ctx, self.team_id, self.year.value(), self))

    def add_member(self) -> None:
        if self.team_id:
            self._show(MemberDialog(self.ctx, self.team_id, self))

    def end_member(self) -> None:
        member_id = selected_id(self.members)
        if not member_id:
            return
        day = dialogs.ask_date(self, self.tr("结束任职"), self.tr("离队日期"), date.today())
        if isinstance(day, date):
            run_write(self.ctx, self, lambda s: svc.end_membership(s, member_id, to_on=day))

    def log_activity(self) -> None:
        if self.team_id:
            self._show(QuickLogDialog(self.ctx, self, team_id=self.team_id))

    def set_my_team(self) -> None:
        team_id = self.team_id
        if team_id:
            run_write(
                self.ctx,
                self,
                lambda s: set_setting(s, "my_team_id", team_id),
                changes=frozenset({SETTINGS}),
            )

    def delete_current(self) -> None:
        self.soft_delete(
            self.team_id,
            self.tr("删除工作队"),
            self.tr("删除该工作队？"),
            delete=svc.delete_team,
            restore=svc.restore_team,
            on_deleted=lambda: setattr(self, "team_id", None),
        )

    def undo(self) -> None:
        self.undo_last_delete(self.show_after_reload)

    def refresh(self) -> None:
        """Re-read the team list (on a worker), then the shown team."""
        today = date.today()

        def read(session: Any) -> tuple[str, list[Any]]:
            mine = str(get_setting(session, "my_team_id") or "")
            return mine, q.team_list(session, today=today, my_team_id=mine)

        run_read(self.ctx, self, read, on_done=self._show_teams)

    def _show_teams(self, found: tuple[str, list[Any]]) -> None:
        current = self.team_id
        self._fill_tree(found)
        self.select_team(current or self._first_team())
        if self.tree.currentItem() is None or current is None:
            self.show_team(self._first_team())
        else:
            self.show_team(self.team_id)
        self._comparison_stale = True
        if self.tabs.currentWidget() is self.comparison:
            self.load_comparison()

    def record_count(self) -> int:
        return self._rows_count

    def export_view(self) -> None:
        """Every team with its members and yearly targets, as the ledger's teams sheet (with
        each team's 系统编号), which imports back."""
        from ui.ledger.export import export_ledger_sheet
        from ui.widgets.table_export import suggested

        export_ledger_sheet(self, self.ctx, "teams", suggested_name=suggested(self.tr("工作队")))

