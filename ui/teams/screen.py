"""Teams screen (驻点工作队): teams grouped by region group, "my team" first; for the chosen team
its target completion against 序时进度, members over time, projects and monthly work tallies;
and all teams side by side."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from crm.queries import teams as q
from crm.services import teams as svc
from crm.services.settings import get_setting, set_setting
from ui import dialogs
from ui.activities.forms import selected_id
from ui.activities.quick_log import QuickLogDialog
from ui.context import SETTINGS, AppContext
from ui.ops import Task, run_read, run_write
from ui.screen import Screen
from ui.teams.comparison_tab import ComparisonTab
from ui.teams.dialogs import MemberDialog, TargetDialog, TeamDialog
from ui.teams.members_tab import MembersTab
from ui.teams.progress_tab import ProgressTab
from ui.teams.projects_tab import ProjectsTab
from ui.teams.tallies_tab import TalliesTab
from ui.teams.targets_tab import TargetsTab

TABLES = frozenset(
    {"team", "team_member", "team_target", "project", "funds_entry", "activity", SETTINGS}
)


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
        language = self.ctx.language
        self.progress_tab = ProgressTab(self)
        self.members_tab = MembersTab(language, self)
        self.targets = TargetsTab(self)
        self.projects = ProjectsTab(language, self)
        self.tallies = TalliesTab(self)
        self.comparison = ComparisonTab(self)
        for tab, title in (
            (self.progress_tab, self.tr("目标完成")),
            (self.members_tab, self.tr("队员")),
            (self.targets, self.tr("历年目标")),
            (self.projects, self.tr("项目")),
            (self.tallies, self.tr("工作量")),
            (self.comparison, self.tr("各队对比")),
        ):
            self.tabs.addTab(tab, title)
        # The widgets the actions and tests reach, by their old names.
        self.progress, self.elapsed = self.progress_tab.progress, self.progress_tab.elapsed
        self.progress_chart, self.target_button = (
            self.progress_tab.progress_chart,
            self.progress_tab.target_button,
        )
        self.members = self.members_tab.members
        self.add_member_button = self.members_tab.add_member_button
        self.end_member_button = self.members_tab.end_member_button
        self.target_button.clicked.connect(self.set_target)
        self.add_member_button.clicked.connect(self.add_member)
        self.end_member_button.clicked.connect(self.end_member)
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
        self.progress_tab.fill(progress)
        self.members_tab.fill(members)
        self.projects.fill(projects)
        self.tallies.fill(tallies)
        self.targets.fill(targets)

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

    def _show_comparison(self, rows: list[q.TeamComparisonRow]) -> None:
        if isValid(self):  # not closed while the worker was counting
            self.comparison.fill(rows)

    def _on_tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.comparison and self._comparison_stale:
            self.load_comparison()

    # -- actions ------------------------------------------------------------------------------
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
            on_restored=self.show_after_reload,
        )

    def refresh(self) -> None:
        """Re-read the team list (on a worker), then the shown team."""
        today, language = date.today(), self.ctx.language

        def read(session: Any) -> tuple[str, list[Any]]:
            mine = str(get_setting(session, "my_team_id") or "")
            return mine, q.team_list(session, today=today, my_team_id=mine, language=language)

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
