"""The projects screen: saved views, filters, table or pipeline board, detail panel."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QByteArray, QModelIndex, Qt
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

from crm.codes import Stage
from crm.errors import ValidationError
from crm.queries.project_board import board
from crm.queries.project_choices import project_choices, project_name
from crm.queries.project_detail import funds_entry_values, project_detail, project_values
from crm.queries.project_filter import ProjectFilter
from crm.queries.project_list import ProjectQuery
from crm.queries.stalled_views import stalled_rule
from crm.services import funds as funds_service
from crm.services import merge as merge_service
from crm.services import projects as project_service
from crm.services import stage_undo
from crm.services import stages as stage_service
from ui import dialogs, ops
from ui.context import SETTINGS, AppContext
from ui.projects.board import BoardView
from ui.projects.columns import DEFAULT_VISIBLE, project_columns
from ui.projects.detail import ProjectDetailPanel
from ui.projects.filter_bar import ProjectFilterBar
from ui.projects.form import ProjectForm
from ui.projects.funds_dialog import FundsDialog
from ui.projects.stage_dialog import CLOSED, StageMoveDialog, skipped_between
from ui.projects.views_sidebar import ViewsSidebar
from ui.qsettings import app_settings
from ui.screen import Screen
from ui.widgets.empty_overlay import EmptyOverlay
from ui.widgets.keep_place import KeepPlace
from ui.widgets.merge_dialog import MergeDialog
from ui.widgets.money import UNIT_WAN, UNIT_YI, format_amount
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
#: The user cancelled a question (distinct from None, "no question asked").
_CANCELLED = object()
YI_IN_WAN = Decimal(10000)


@dataclass(frozen=True)
class UndoStep:
    label: str
    run: Callable[[Any], Any]
    project_id: str


class ProjectsScreen(Screen):
    screen_id = "projects"
    can_export = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        settings = app_settings()
        self.unit = str(settings.value("display/amount_unit", UNIT_WAN))
        self._undo: list[UndoStep] = []
        self._view_filter = ProjectFilter()
        self._board_dirty = True
        self.board_task: ops.Task | None = None
        #: A project shown in the detail panel although the filters hide it (just saved).
        self._outside_id: str | None = None
        self._build()
        self._restore_state()
        self.reload_choices()
        self.apply_filter()
        ctx.bus.changed.connect(self._on_changed)

    # -- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self._build_toolbar())
        self.filter_bar = ProjectFilterBar(self.ctx.language, self)
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
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([150, 800, 360])
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter, 1)

    def _build_toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.new_button = QPushButton(self.tr("新建项目"), self)
        self.edit_button = QPushButton(self.tr("编辑"), self)
        self.stage_button = QPushButton(self.tr("变更阶段"), self)
        self.funds_button = QPushButton(self.tr("记录到位资金"), self)
        self.delete_button = QPushButton(self.tr("删除"), self)
        self.merge_button = QPushButton(self.tr("合并重复…"), self)
        self.merge_button.setToolTip(
            self.tr("在列表中选中两个重复的项目（按住 Ctrl 点选），合并为一个")
        )
        self.merge_button.clicked.connect(self.merge_selected)
        self.export_button = QPushButton(self.tr("导出…"), self)
        self.export_button.setToolTip(self.tr("把当前筛选结果（显示的列）导出为 Excel"))
        self.export_button.clicked.connect(self.export_view)
        self.new_button.clicked.connect(self.new_record)
        self.edit_button.clicked.connect(self.edit_current)
        self.stage_button.clicked.connect(self.move_current)
        self.funds_button.clicked.connect(self.record_funds_current)
        self.delete_button.clicked.connect(self.delete_current)
        for button, keys in (
            (self.new_button, "Ctrl+N"),
            (self.edit_button, "Ctrl+E"),
            (self.delete_button, "Del"),
        ):
            button.setToolTip(keys)
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
        self.columns_button = QPushButton(self.tr("列…"), self)
        self.columns_button.clicked.connect(self._columns_menu)
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
        table.verticalHeader().setDefaultSectionSize(24)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self.model.sort)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(lambda _pos: self._columns_menu())
        header.setDefaultSectionSize(110)
        for i, spec in enumerate(self.model.columns):
            header.setSectionHidden(i, spec.key not in DEFAULT_VISIBLE)
        header.resizeSection(self.model.column_index("name"), 240)
        header.resizeSection(self.model.column_index("company"), 200)
        table.selectionModel().currentRowChanged.connect(self._on_current_row)
        table.doubleClicked.connect(lambda _i: self.edit_current())
        return table

    def _columns(self) -> list[Any]:
        return project_columns(self.ctx.language, self.unit)

    # -- filters and views --------------------------------------------------------------------
    def reload_choices(self) -> None:
        with self.ctx.db.session() as session:
            self.filter_bar.set_choices(project_choices(session, self.ctx.language))

    def current_filter(self) -> ProjectFilter:
        with self.ctx.db.session() as session:
            rule = stalled_rule(session)
        bar = self.filter_bar.current_filter()
        return bar.with_(stalled=self._view_filter.stalled, stalled_rule=rule)

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
        db, f = self.ctx.db, self.current_filter()
        self._board_dirty = False

        def work(progress: ops.Progress) -> list[Any]:
            with db.session() as session:
                columns = board(session, f, per_column=BOARD_CARDS)
            progress.check()
            return columns

        def done(columns: list[Any]) -> None:
            if task is self.board_task:
                self.board.set_columns(columns, self.unit)

        task = ops.run_op(self, work, on_done=done, title=self.tr("正在统计看板…"), ctx=self.ctx)
        self.board_task = task
        return task

    def set_unit(self, unit: str) -> None:
        self.unit = unit
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
        return self.model.id_at(index.row()) if index.isValid() else None

    def select_id(self, project_id: str | None) -> None:
        """Select a project's row (kept in view, no sideways jump); clear the detail when the
        list does not hold it."""
        if not self.keep.select(project_id) and self.model.complete:
            self.show_detail(None)

    def reveal(self, project_id: str) -> None:
        """Select a project just saved; when the filters hide it, show it beside them and say so."""
        self.notice.hide()
        if self.keep.select(project_id):
            return
        self._outside_id = project_id
        self.show_detail(project_id)
        if self.model.complete:
            self.notice.setText(
                self.tr("刚保存的项目不在当前筛选结果中，已在右侧显示；清除筛选可在列表中看到它。")
            )
            self.notice.show()

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.show_detail(self.model.id_at(current.row()) if current.isValid() else None)

    def show_detail(self, project_id: str | None) -> None:
        detail = None
        if project_id:
            with self.ctx.db.session() as session:
                detail = project_detail(session, project_id, language=self.ctx.language)
        self.detail.set_detail(detail, self.unit)

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

    def _on_changed(self, tables: frozenset[str]) -> None:
        if SETTINGS in tables:
            self.unit = str(app_settings().value("display/amount_unit", self.unit))
            self.unit_combo.setCurrentIndex(max(self.unit_combo.findData(self.unit), 0))
        if tables & {"team", "park", "company_tag", SETTINGS}:
            self.reload_choices()
        if tables & WATCHED:
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

    def new_record(self) -> None:
        form = ProjectForm(self.ctx, None, self)
        form.open_existing.connect(self.reveal)
        if dialogs.exec_dialog(form) and form.saved_id:
            self.reveal(form.saved_id)

    def edit_current(self) -> None:
        project_id = self.current_id()
        if project_id:
            self.edit_project(project_id)

    def edit_project(self, project_id: str) -> None:
        form = ProjectForm(self.ctx, project_id, self)
        dialogs.exec_dialog(form)

    def delete_current(self) -> None:
        project_id = self.current_id()
        if not project_id:
            return
        with self.ctx.db.session() as session:
            values = project_values(session, project_id)
        if values is None:
            return
        question = self.tr("删除项目“%1”？（可用 Ctrl+Z 撤销）").replace("%1", values["name"])
        if not dialogs.ask_confirm(self, self.tr("删除项目"), question):
            return
        done = ops.run_write(
            self.ctx, self, lambda s: project_service.delete_project(s, project_id)
        )
        if done is not None:
            self._undo.append(
                UndoStep(
                    "delete", lambda s: project_service.restore_project(s, project_id), project_id
                )
            )

    def undo(self) -> None:
        """Undo the last delete or stage move. A failed undo keeps its step (one message says
        why), unless the step can never succeed any more (the stage changed again since)."""
        if not self._undo:
            dialogs.show_info(self, self.tr("没有可撤销的操作。"))
            return
        step = self._undo[-1]
        failure: list[Exception] = []

        def failed(exc: Exception) -> None:
            failure.append(exc)
            dialogs.show_error(self, ops.error_text(exc, self.ctx.language))

        done = ops.run_write(
            self.ctx, self, step.run, changes={"project", "stage_event"}, on_error=failed
        )
        if done is not None or _undo_is_stale(failure):
            self._undo.pop()
        if done is not None:
            self.select_id(step.project_id)

    # -- stage moves and funds ----------------------------------------------------------------
    def move_current(self) -> None:
        project_id = self.current_id()
        if project_id:
            self.open_stage_dialog(project_id)

    def open_stage_dialog(self, project_id: str, to_stage: str | None = None) -> None:
        before = self._stage_of(project_id)
        if before is None:
            return
        dialog = StageMoveDialog(self.ctx, project_id, before[0], to_stage, self)
        if dialogs.exec_dialog(dialog) and dialog.result_changed is not None:
            self._push_stage_undo(project_id, before[1])

    def move_by_drop(self, project_id: str, to_stage: str) -> None:
        """A card dropped on another column: ask the date (and reason), then the same service."""
        before = self._stage_of(project_id)
        if before is None or before[0] == to_stage:
            return
        if before[0] in CLOSED or skipped_between(before[0], to_stage):
            self.open_stage_dialog(project_id, to_stage)
            return
        dropping = to_stage == Stage.DROPPED.value
        title = self.tr("变更为“%1”").replace("%1", Stage(to_stage).label(self.ctx.language))
        answer = dialogs.ask_date(
            self,
            title,
            self.tr("日期"),
            date.today(),
            with_text=self.tr("终止原因") if dropping else None,
        )
        if answer is None:
            return
        on, reason = answer if isinstance(answer, tuple) else (answer, "")
        result = ops.run_write(
            self.ctx,
            self,
            lambda s: stage_service.move_stage(
                s, project_id, to_stage=to_stage, on=on, reason=reason
            ),
            changes={"stage_event"},
        )
        if result is not None:
            self._push_stage_undo(project_id, before[1])

    def _stage_of(self, project_id: str) -> tuple[str, int] | None:
        """(stage, sequence of the latest history entry) of a live project."""
        with self.ctx.db.session() as session:
            values = project_values(session, project_id)
            sequence = stage_undo.last_sequence(session, project_id)
        return (values["stage"], sequence) if values else None

    def _push_stage_undo(self, project_id: str, before: int) -> None:
        """Remember the move just written: history entries after `before`, up to now."""
        with self.ctx.db.session() as session:
            after = stage_undo.last_sequence(session, project_id)
        comment = self.tr("撤销误操作")

        def revert(session: Any) -> Any:
            return stage_undo.undo_stage_move(
                session,
                project_id,
                before_sequence=before,
                after_sequence=after,
                comment=comment,
            )

        self._undo.append(UndoStep("stage", revert, project_id))

    def record_funds_current(self) -> None:
        project_id = self.current_id()
        if project_id:
            dialogs.exec_dialog(FundsDialog(self.ctx, project_id, self))

    def edit_funds(self, entry_id: str) -> None:
        """Correct a funds entry of the shown project (the dialog says what the stage does)."""
        project_id = self.detail.detail.id if self.detail.detail else None
        if not project_id:
            return
        dialog = FundsDialog(self.ctx, project_id, self, entry_id=entry_id)
        if dialogs.exec_dialog(dialog) and dialog.result_changed is not None:
            self._show_tab(project_id, self.detail.funds_page)
            self.detail.select_funds(entry_id)

    def delete_funds(self, entry_id: str) -> None:
        """Soft-delete a funds entry after asking; deleting the only entry of a funded project
        asks what becomes of the stage. Ctrl+Z brings the entry (and the stage) back."""
        project_id = self.detail.detail.id if self.detail.detail else None
        if not project_id:
            return
        with self.ctx.db.session() as session:
            values = funds_entry_values(session, entry_id)
            effect = funds_service.stage_effect(
                session, project_id, entry_id=entry_id, deleting=True
            )
            before = stage_undo.last_sequence(session, project_id)
        if values is None:
            return
        entry = (
            self.tr("%1 万元（%2 到位）")
            .replace("%1", format_amount(values["amount"]))
            .replace("%2", str(values["received_on"]))
        )
        back_to_signed = self._ask_delete_funds(entry, effect)
        if back_to_signed is _CANCELLED:
            return
        comment = self.tr("删除唯一一笔到位资金")
        done = ops.run_write(
            self.ctx,
            self,
            lambda s: funds_service.delete_funds_entry(
                s, entry_id, back_to_signed=back_to_signed, comment=comment
            ),
            changes={"project", "funds_entry", "stage_event"},
        )
        if done is None:
            return
        with self.ctx.db.session() as session:
            after = stage_undo.last_sequence(session, project_id)

        def revert(session: Any) -> Any:
            if after != before:  # the stage went back to 签约: forward again first
                stage_undo.undo_stage_move(
                    session,
                    project_id,
                    before_sequence=before,
                    after_sequence=after,
                    comment=self.tr("撤销误操作"),
                )
            return funds_service.restore_funds_entry(session, entry_id)

        self._undo.append(UndoStep("funds", revert, project_id))
        self._show_tab(project_id, self.detail.funds_page)

    def _ask_delete_funds(self, entry: str, effect: Any) -> Any:
        """True / False: move the stage back to 签约 or keep it (only entry of a funded project);
        None: no stage question; _CANCELLED: the user said no."""
        title = self.tr("删除到位资金")
        if effect.kind == funds_service.EFFECT_LAST_ENTRY:
            choice = dialogs.ask_choice(
                self,
                title,
                self.tr("%1 是项目唯一一笔到位资金。删除后，项目阶段“资金到位”怎么处理？").replace(
                    "%1", entry
                )
                + self.tr("（可用 Ctrl+Z 撤销）"),
                [
                    ("back", self.tr("退回“签约”（记为更正）")),
                    ("keep", self.tr("保持“资金到位”")),
                ],
            )
            return _CANCELLED if choice is None else choice == "back"
        question = self.tr("删除这笔到位资金：%1？（可用 Ctrl+Z 撤销）").replace("%1", entry)
        if effect.kind == funds_service.EFFECT_FUNDED_DATE:
            question += "\n" + (
                self.tr("删除后项目的资金到位日期将由 %1 改为 %2（下一笔到位资金的日期）。")
                .replace("%1", str(effect.old_date))
                .replace("%2", str(effect.new_date))
            )
        return None if dialogs.ask_confirm(self, title, question) else _CANCELLED

    def selected_ids(self) -> list[str]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [pid for pid in (self.model.id_at(row) for row in rows) if pid]

    def merge_selected(self) -> None:
        """Merge two selected duplicates: the dialog shows what moves, then merges."""
        chosen = self.selected_ids()
        if len(chosen) != 2:
            dialogs.show_info(
                self, self.tr("请先在列表中选中两个重复的项目（按住 Ctrl 点选），再合并。")
            )
            return
        with self.ctx.db.session() as session:
            records = [(pid, project_name(session, pid)) for pid in chosen]
        dialog = MergeDialog(
            self.ctx,
            records,
            plan_fn=merge_service.plan_project_merge,
            merge_fn=merge_service.merge_projects,
            changes=frozenset({"project", "funds_entry", "activity", "problem"}),
            parent=self,
        )
        dialog.setWindowTitle(self.tr("合并重复项目"))
        if dialogs.exec_dialog(dialog) and dialog.merged is not None:
            self.reveal(dialog.merged.survivor_id)

    # -- activities and problems of a project ----------------------------------------------
    def log_activity(self, project_id: str) -> None:
        """Quick log for this project (its investor and team filled in)."""
        from ui.activities.quick_log import QuickLogDialog

        dialog = QuickLogDialog(self.ctx, self, project_id=project_id)
        if dialogs.exec_dialog(dialog) and dialog.saved_id:
            self._show_tab(project_id, self.detail.activities)

    def raise_problem(self, project_id: str) -> None:
        from ui.problems.dialogs import ProblemDialog

        dialog = ProblemDialog(self.ctx, self, project_id=project_id)
        if dialogs.exec_dialog(dialog) and dialog.saved_id:
            self._show_tab(project_id, self.detail.problems)

    def _show_tab(self, project_id: str, page: QWidget) -> None:
        """After a save: the project's detail re-read, on the tab holding the new record."""
        self.show_detail(project_id)
        self.detail.tabs.setCurrentWidget(page)

    # -- remembering --------------------------------------------------------------------------
    def _restore_state(self) -> None:
        settings = app_settings()
        header = settings.value("projects/header")
        if isinstance(header, QByteArray | bytes):
            self.table.horizontalHeader().restoreState(QByteArray(header))
        splitter = settings.value("projects/splitter")
        if isinstance(splitter, QByteArray | bytes):
            self.splitter.restoreState(QByteArray(splitter))
        mode = int(settings.value("projects/mode", 0) or 0)
        if mode:
            self.views.setCurrentIndex(1)
            self.board_mode.setChecked(True)

    def save_state(self) -> None:
        settings = app_settings()
        settings.setValue("projects/header", self.table.horizontalHeader().saveState())
        settings.setValue("projects/splitter", self.splitter.saveState())
        settings.setValue("projects/mode", self.views.currentIndex())
        settings.sync()


def _undo_is_stale(failure: list[Exception]) -> bool:
    """The undo failed because the record changed again since: it can never succeed."""
    return any(isinstance(e, ValidationError) and e.code == "undo_stale" for e in failure)
