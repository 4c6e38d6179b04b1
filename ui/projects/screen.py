"""The projects screen: saved views, filters, table or pipeline board, detail panel."""

from __future__ import annotations

from decimal import Decimal
from html import escape
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm.queries.project_board import board
from crm.queries.project_choices import project_choices
from crm.queries.project_detail import project_detail
from crm.queries.project_filter import ProjectFilter
from crm.queries.project_list import ProjectQuery
from crm.queries.stalled_views import StalledRule, stalled_rule
from crm.services.result import ChangeSet
from ui import dialogs, ops
from ui.context import SETTINGS, AppContext
from ui.projects.board import BoardView
from ui.projects.columns import project_columns
from ui.projects.detail import ProjectDetailPanel
from ui.projects.filter_bar import ProjectFilterBar
from ui.projects.layout import ProjectsLayout
from ui.projects.record_actions import RecordActions
from ui.projects.stage_funds import StageAndFundsActions
from ui.projects.views_sidebar import ViewsSidebar
from ui.qsettings import app_settings
from ui.screen import Screen
from ui.widgets.button_row import push_button
from ui.widgets.empty_overlay import EmptyOverlay
from ui.widgets.keep_place import KeepPlace
from ui.widgets.money import UNIT_WAN, UNIT_YI
from ui.widgets.paged_model import PagedTableModel

#: Tables whose changes the projects list shows.
WATCHED = frozenset(
    {
        "project",
        "company",
        "company_tag",
        "funds_entry",
        "stage_event",
        "problem",
        "activity",
        "team",
        "park",
        SETTINGS,
    }
)
BOARD_CARDS = 40
YI_IN_WAN = Decimal(10000)


class ProjectsScreen(RecordActions, StageAndFundsActions, Screen):
    screen_id = "projects"
    watched = WATCHED
    can_export = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        settings = app_settings()
        self.unit = str(settings.value("display/amount_unit", UNIT_WAN))
        self._view_filter = ProjectFilter()
        self._board_dirty = True
        self.board_task: ops.Task | None = None
        #: A project shown in the detail panel although the filters hide it (just saved).
        self._outside_id: str | None = None
        self._outside_new = False
        #: The stalled thresholds from the settings (re-read when the settings change).
        self._stalled_rule = StalledRule()
        self._fitted = False
        self._build()
        self._restore_state()
        # The filter lists sort team names by pinyin (pypinyin loads in 0.5 s): after the
        # window's first paint, which the table's first page is part of.
        self.ctx.after_first_paint(self.reload_choices)
        self.apply_filter()

    # -- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self._build_toolbar())
        self.filter_bar = ProjectFilterBar(self.ctx.language, self)
        self.filter_bar.set_unit(self.unit)
        self.filter_bar.filter_changed.connect(lambda _f: self.apply_filter())
        self.filter_bar.clear_button.clicked.connect(self.clear_filters)
        layout.addWidget(self.filter_bar)
        self.sidebar = ViewsSidebar(self)
        self.sidebar.view_chosen.connect(self.show_view)
        self.sidebar.save_requested.connect(self.save_view)
        self.model = PagedTableModel(lambda: self.ctx.db, ProjectQuery(), self._columns(), self)
        self.model.loaded.connect(self._on_loaded)
        self.model.modelReset.connect(self._on_reset)
        self.table = self._build_table()
        self.keep = KeepPlace(self.table, self.model)
        self.empty_overlay = EmptyOverlay(self.table, self.model)
        self.notice = QLabel("", self)
        self.notice.setObjectName("projects-notice")
        self.notice.setStyleSheet("color: #8a6d00;")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        self.notice.linkActivated.connect(self._show_outside_in_list)
        self.notice.hide()
        self.board = BoardView(self.ctx.language, self)
        self.board.card_dropped.connect(self.move_by_drop)
        self.board.card_selected.connect(self.show_detail)
        self.board.card_activated.connect(lambda pid: self.edit_project(pid))
        self.board.more_requested.connect(self.show_stage_table)
        self.views = QStackedWidget(self)
        self.views.addWidget(self.table)
        self.views.addWidget(self.board)
        self.detail = ProjectDetailPanel(self.ctx.language, self)
        self.detail.log_activity_requested.connect(self.log_activity)
        self.detail.raise_problem_requested.connect(self.raise_problem)
        self.detail.edit_funds_requested.connect(self.edit_funds)
        self.detail.delete_funds_requested.connect(self.delete_funds)
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.views)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 1)
        self.layout_state = ProjectsLayout(self.table, self.model, self.splitter, self.ctx.language)
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter, 1)

    def _build_toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.new_button = push_button(self.tr("新建项目"), self, self.new_record, tooltip="Ctrl+N")
        self.edit_button = push_button(self.tr("编辑"), self, self.edit_current, tooltip="Ctrl+E")
        self.stage_button = push_button(self.tr("变更阶段"), self, self.move_current)
        self.funds_button = push_button(self.tr("记录到位资金"), self, self.record_funds_current)
        self.delete_button = push_button(self.tr("删除"), self, self.delete_current, tooltip="Del")
        self.merge_button = push_button(
            self.tr("合并重复…"),
            self,
            self.merge_selected,
            tooltip=self.tr("在列表中选中两个重复的项目（按住 Ctrl 点选），合并为一个"),
        )
        self.export_button = push_button(
            self.tr("导出…"),
            self,
            self.export_view,
            tooltip=self.tr("把当前筛选结果（显示的列）导出为 Excel"),
        )
        self._enable_record_buttons(False)  # nothing to act on until a project is chosen
        for button in (
            self.new_button,
            self.edit_button,
            self.stage_button,
            self.funds_button,
            self.delete_button,
            self.merge_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        self.table_mode = QPushButton(self.tr("表格"), self)
        self.board_mode = QPushButton(self.tr("看板"), self)
        group = QButtonGroup(self)
        for index, button in enumerate((self.table_mode, self.board_mode)):
            button.setCheckable(True)
            group.addButton(button, index)
            row.addWidget(button)
        self.table_mode.setChecked(True)
        group.idClicked.connect(self.set_mode)
        self.columns_button = push_button(self.tr("列…"), self, self._columns_menu)
        row.addWidget(self.columns_button)
        row.addWidget(self.export_button)
        self.unit_combo = QComboBox(self)
        self.unit_combo.addItem(self.tr("万元"), UNIT_WAN)
        self.unit_combo.addItem(self.tr("亿元"), UNIT_YI)
        self.unit_combo.setCurrentIndex(max(self.unit_combo.findData(self.unit), 0))
        self.unit_combo.currentIndexChanged.connect(
            lambda _i: self.set_unit(self.unit_combo.currentData())
        )
        row.addWidget(self.unit_combo)
        return row

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("projects-table")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows: two duplicates are chosen together for a merge.
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self.model.sort)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(lambda _pos: self._columns_menu())
        table.selectionModel().currentRowChanged.connect(self._on_current_row)
        table.doubleClicked.connect(lambda _i: self.edit_current())
        return table

    def _columns(self) -> list[Any]:
        return project_columns(self.ctx.language, self.unit)

    # -- filters and views --------------------------------------------------------------------
    def reload_choices(self) -> None:
        """Re-read the filter bar's lists and the stalled thresholds (on a worker)."""
        language = self.ctx.language

        def read(session: Any) -> tuple[Any, StalledRule]:
            return project_choices(session, language), stalled_rule(session)

        ops.run_read(self.ctx, self, read, on_done=self._set_choices)

    def _set_choices(self, found: tuple[Any, StalledRule]) -> None:
        choices, rule = found
        self.filter_bar.set_choices(choices)
        if rule != self._stalled_rule:
            self._stalled_rule = rule
            if self._view_filter.stalled:
                self.apply_filter()

    def current_filter(self) -> ProjectFilter:
        bar = self.filter_bar.current_filter()
        return bar.with_(stalled=self._view_filter.stalled, stalled_rule=self._stalled_rule)

    def apply_filter(self, *, sync: bool | None = None) -> None:
        self.notice.hide()
        query = ProjectQuery(self.current_filter(), language=self.ctx.language)
        self.model.set_query(query, sync=sync)
        self._board_dirty = True
        if self.views.currentWidget() is self.board:
            self.refresh_board()

    def show_view(self, f: ProjectFilter) -> None:
        self._view_filter = f
        self.filter_bar.set_filter(f)  # emits filter_changed → apply_filter

    def clear_filters(self) -> None:
        """Back to all projects: the bar's filters and the chosen (e.g. stalled) view."""
        self.show_view(ProjectFilter())
        self.sidebar.list.setCurrentRow(0)

    def save_view(self) -> None:
        name = dialogs.ask_text(self, self.tr("保存视图"), self.tr("视图名称"))
        if name and name.strip():
            self.sidebar.add_view(name.strip(), self.current_filter())

    def set_mode(self, mode: int) -> None:
        if mode != self.views.currentIndex():
            self.layout_state.show_mode(mode)
        self.views.setCurrentIndex(mode)
        (self.board_mode if mode else self.table_mode).setChecked(True)
        if mode == 1 and self._board_dirty:
            self.refresh_board()

    def show_stage_table(self, stage: str) -> None:
        """The whole column as a table (the board shows the largest cards only)."""
        self.set_mode(0)
        self.filter_bar.stages.set_values([stage])

    def refresh_board(self) -> ops.Task:
        """Counts, sums and cards per stage, computed off the GUI thread (100k rows: ~0.3 s)."""
        if self.board_task is not None and not self.board_task.done:
            self.board_task.cancel()
        f = self.current_filter()
        self._board_dirty = False

        def work(session: Any, progress: ops.Progress) -> list[Any]:
            columns = board(session, f, per_column=BOARD_CARDS)
            progress.check()
            return columns

        self._board_asked = asked = getattr(self, "_board_asked", 0) + 1

        def done(columns: list[Any]) -> None:
            if asked == self._board_asked:  # a later filter asked for another board meanwhile
                self.board.set_columns(columns, self.unit)

        self.board_task = ops.run_read_progress(
            self.ctx, self, work, on_done=done, title=self.tr("正在统计看板…")
        )
        return self.board_task

    def set_unit(self, unit: str) -> None:
        self.unit = unit
        self.filter_bar.set_unit(unit)
        settings = app_settings()
        settings.setValue("display/amount_unit", unit)
        header = self.table.horizontalHeader()
        state = header.saveState()
        self.model.set_columns(self._columns())
        header.restoreState(state)
        self._board_dirty = True
        if self.views.currentWidget() is self.board:
            self.refresh_board()
        self.show_detail(self.current_id())

    def _columns_menu(self) -> None:
        menu = QMenu(self)
        header = self.table.horizontalHeader()
        for i, spec in enumerate(self.model.columns):
            action = QAction(spec.title, menu)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(i))
            action.toggled.connect(lambda on, col=i: header.setSectionHidden(col, not on))
            menu.addAction(action)
        menu.exec(self.columns_button.mapToGlobal(self.columns_button.rect().bottomLeft()))

    # -- selection and detail -----------------------------------------------------------------
    def current_id(self) -> str | None:
        if self.views.currentWidget() is self.board:
            for stage_list in (self.board.list_for(s) for s in self.board._lists):
                item = stage_list.currentItem()
                if item is not None and stage_list.hasFocus():
                    return item.data(Qt.ItemDataRole.UserRole)
            return self.detail.detail.id if self.detail.detail else None
        index = self.table.currentIndex()
        if index.isValid():
            return self.model.id_at(index.row())
        # No row selected: the project shown beside the filters (reveal), while it is shown.
        shown = self.detail.detail.id if self.detail.detail else None
        return shown if shown is not None and shown == self._outside_id else None

    def select_id(self, project_id: str | None) -> None:
        """Select a project's row (kept in view, no sideways jump); clear the detail when the
        list does not hold it."""
        if not self.keep.select(project_id) and self.model.complete:
            self.show_detail(None)

    def reveal(self, project_id: str, *, new: bool = False) -> None:
        """Select a project just saved; when the filters hide it, show it beside them and say so.

        The row selected before is then unselected: 编辑 / 删除 and the keys act on the selected
        row, and a highlighted row other than the panel's project made them act on a project
        the user did not see (user test, finding 35). With no row selected they act on the
        panel's project (current_id). `new`: the notice says a new project was saved."""
        self.notice.hide()
        self._outside_new = new
        if self.keep.select(project_id):
            self._outside_id = None
            return
        # Unselect first (that empties the panel), then show the saved project beside.
        self.table.selectionModel().clearSelection()
        self.table.selectionModel().setCurrentIndex(
            QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate
        )
        self.keep.record_id = project_id  # selected when a reload (clear filters) holds it
        self._outside_id = project_id
        self.show_detail(project_id)

    def _say_outside(self) -> None:
        """The notice for a project shown beside filters that hide it (once the list is whole)."""
        detail = self.detail.detail
        if detail is None or detail.id != self._outside_id or not self.model.complete:
            return
        if self.model.row_of(detail.id) >= 0:
            return  # the list holds it after all: KeepPlace selects it
        code = detail.row.code or self.tr("无")
        if self._outside_new:
            text = self.tr("新项目已保存（编号 %1），不在当前筛选结果中，已在右侧显示。")
        else:
            text = self.tr("项目“%2”（编号 %1）不在当前筛选结果中，已在右侧显示。")
        text = text.replace("%1", code).replace("%2", detail.row.name)
        self.notice.setText(f'{escape(text)} <a href="clear">{escape(self.tr("清除筛选"))}</a>')
        self.notice.show()

    def _show_outside_in_list(self, _link: str = "") -> None:
        """清除筛选 in the notice: all projects, the one shown selected among them."""
        outside = self._outside_id
        self.clear_filters()
        if outside:
            self.select_id(outside)

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            # A row chosen in the list: panel and buttons follow it, not the saved project.
            self._outside_id = None
            self.notice.hide()
        self.show_detail(self.model.id_at(current.row()) if current.isValid() else None)

    def show_detail(self, project_id: str | None) -> None:
        """Show a project in the detail panel (read on a worker; the latest request wins)."""
        self._detail_asked = project_id
        if not project_id:
            self.detail.set_detail(None, self.unit)
            self._enable_record_buttons(False)
            return
        language = self.ctx.language

        def show(detail: Any) -> None:
            if self._detail_asked == project_id:
                self.detail.set_detail(detail, self.unit)
                self._enable_record_buttons(detail is not None)
                if project_id == self._outside_id:
                    self._say_outside()

        ops.run_read(
            self.ctx, self, lambda s: project_detail(s, project_id, language=language), on_done=show
        )

    def _enable_record_buttons(self, on: bool) -> None:
        """编辑 / 变更阶段 / 记录到位资金 / 删除 act on the project shown: enabled with one (and
        then only when crm.access allows it: ui.access.guards)."""
        for button in (self.edit_button, self.stage_button, self.funds_button, self.delete_button):
            button.setEnabled(on)

    def _on_reset(self) -> None:
        if not self.model.complete:
            self.record_count_changed.emit(-1)  # the rest is still loading: "counting…"

    def _on_loaded(self) -> None:
        self.record_count_changed.emit(self.model.rowCount())
        shown = self.detail.detail.id if self.detail.detail else None
        # KeepPlace re-selects the shown project; one gone from the list leaves the panel,
        # unless it is the one just saved outside the filters (reveal).
        if shown and self.model.row_of(shown) < 0 and shown != self._outside_id:
            self.show_detail(None)
        elif shown and shown == self._outside_id and self.notice.isHidden():
            self._say_outside()

    def apply_change(self, change: ChangeSet) -> None:
        tables = change.tables()
        if SETTINGS in tables:
            self.unit = str(app_settings().value("display/amount_unit", self.unit))
            self.unit_combo.setCurrentIndex(max(self.unit_combo.findData(self.unit), 0))
            self.filter_bar.set_unit(self.unit)
        if tables & {"team", "park", "company_tag", SETTINGS}:
            self.reload_choices()
        self.refresh()

    # -- Screen hooks -------------------------------------------------------------------------
    def record_count(self) -> int:
        return self.model.rowCount() if self.model.complete else -1

    def refresh(self) -> None:
        self.apply_filter()

    def export_view(self) -> None:
        """The filtered list with the visible columns (also in board mode), amounts in the
        unit the headers name."""
        from ui.widgets.table_export import export_view, suggested

        def amount(wan: Decimal) -> Decimal:
            return wan / YI_IN_WAN if self.unit == UNIT_YI else wan

        export_view(
            self,
            self.table,
            self.model,
            suggested_name=suggested(self.tr("项目")),
            language=self.ctx.language,
            money={"planned_investment": amount, "funds_in_place": amount},
            keys=("code",),
        )

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    # -- remembering --------------------------------------------------------------------------
    def _restore_state(self) -> None:
        if self.layout_state.restore():
            self.views.setCurrentIndex(1)
            self.board_mode.setChecked(True)

    def save_state(self) -> None:
        self.layout_state.save()

    def reset_layout(self) -> None:
        """View → Reset layout: the default columns, widths and splitter sizes."""
        self.layout_state.reset()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if not self._fitted and self.splitter.width() > 400:
            self._fitted = True
            self.layout_state.fit()  # default sizes need the real width
