"""The main window: a shell that assembles screens, menus, shortcuts and the status bar.

It knows the screen registry and the database file; everything else lives in the screens.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from crm.db import Database, open_database
from ui import dialogs, ops
from ui.access.guards import guard_screen
from ui.access.login import ensure_signed_in
from ui.access.menu import apply_permissions, install_tools_menu
from ui.backup import BackupController
from ui.context import SETTINGS, AppContext, ChangeBus
from ui.help.menu import add_help_actions
from ui.main_window_actions import RecordActions
from ui.navigation import install_navigation
from ui.qsettings import app_settings
from ui.screen import Screen
from ui.screens import SCREENS, ScreenInfo, create_screen, screen_title
from ui.undo import UndoKeys, new_stack

log = logging.getLogger(__name__)

DEMO_SEED = 20240601
#: When the search index is brought up to date after the window appears.
INDEX_DELAY_MS = 300
#: The window's size when nothing was saved (smaller screens get what they have).
DEFAULT_SIZE = (1280, 800)


class MainWindow(QMainWindow):
    """Navigation bar on the left, the current screen on the right."""

    def __init__(self, db: Database, *, language: str = "zh", start_screen: str | None = None):
        super().__init__()
        self.ctx = AppContext(
            db=db, bus=ChangeBus(self), language=language, undo_stack=new_stack(self),
            after_paint=[],
        )  # fmt: skip
        self._screens: dict[str, Screen] = {}
        self.setWindowTitle(self.tr("招商引资客户关系管理"))
        self._default_geometry()
        self._build_body()
        self._build_menus()
        self.ctx.bus.changed.connect(self._demo_follows)
        install_navigation(self)  # icons, counts, window icon
        self._build_status_bar()
        self._restore_geometry()
        settings = app_settings()
        last = start_screen or str(settings.value("window/last_screen", "projects"))
        self.show_screen(last if any(s.screen_id == last for s in SCREENS) else "projects")
        self._update_db_label()
        apply_permissions(self)
        self.index_task: ops.Task | None = None
        # After the first paint: the warm-up competes with painting for the interpreter (the
        # countdown starts again when the window is first shown, see showEvent).
        self._index_timer = QTimer(self)
        self._index_timer.setSingleShot(True)
        self._index_timer.timeout.connect(self.warm_search_index)
        self._index_timer.start(INDEX_DELAY_MS)

    # -- layout -------------------------------------------------------------------------------
    def _build_body(self) -> None:
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        for info in SCREENS:
            item = QListWidgetItem(screen_title(info.screen_id))
            item.setData(Qt.ItemDataRole.UserRole, info.screen_id)
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._on_nav_row)
        self.stack = QStackedWidget(self)
        body = QWidget(self)
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(body)

    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        file_menu.addAction(self._action(self.tr("打开数据库…"), self.open_database_file, "Ctrl+O"))
        file_menu.addAction(self._action(self.tr("新建数据库…"), self.new_database_file))
        file_menu.addAction(self._action(self.tr("显示数据库位置"), self.show_database_location))
        file_menu.addSeparator()
        self.act_import = self._action(self.tr("导入 Excel 台账…"), self.import_excel, "Ctrl+I")
        file_menu.addAction(self.act_import)
        self.act_export = self._action(
            self.tr("导出当前表格…"), lambda: self._current("export_view"), "Ctrl+Shift+E"
        )
        file_menu.addAction(self.act_export)
        self.act_demo = self._action(self.tr("加载演示数据…"), self.load_demo_data)
        file_menu.addAction(self.act_demo)
        file_menu.addSeparator()
        self.backups = BackupController(self, file_menu)
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("退出"), self.close, "Ctrl+Q"))
        edit_menu = bar.addMenu(self.tr("编辑(&E)"))
        self.act_new = self._action(self.tr("新建"), lambda: self._current("new_record"), "Ctrl+N")
        self.act_edit = self._action(
            self.tr("编辑"), lambda: self._current("edit_current"), "Ctrl+E"
        )
        self.act_delete = self._action(
            self.tr("删除"),
            lambda: self._current("delete_current"),
            QKeySequence.StandardKey.Delete,
        )
        self.act_undo = self._action(self.tr("撤销"), lambda: self._current("undo"), "Ctrl+Z")
        self.act_redo = self._action(self.tr("重做"), self.ctx.undo_stack.redo, "Ctrl+Shift+Z")
        self.ctx.undo_stack.canRedoChanged.connect(self.act_redo.setEnabled)
        self.undo_keys = UndoKeys(self, self.ctx.undo_stack)  # Ctrl+Z past an idle line edit
        self.record_actions = RecordActions(self)  # Edit / Delete as the screen's buttons say
        self.act_redo.setEnabled(False)
        self.act_find = self._action(
            self.tr("查找"), lambda: self._current("focus_search"), "Ctrl+F"
        )
        self.act_refresh = self._action(self.tr("刷新"), lambda: self._current("refresh"), "F5")
        for action in (self.act_new, self.act_edit, self.act_delete, self.act_undo, self.act_redo):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.act_find)
        edit_menu.addAction(self.act_refresh)
        view_menu = bar.addMenu(self.tr("视图(&V)"))
        for number, info in enumerate(SCREENS, start=1):
            view_menu.addAction(
                self._action(
                    screen_title(info.screen_id),
                    lambda sid=info.screen_id: self.show_screen(sid),
                    f"Ctrl+{number}" if number <= 9 else None,  # Ctrl+1 … Ctrl+9 only
                )
            )
        view_menu.addSeparator()
        self.act_reset_layout = self._action(self.tr("重置布局"), self.reset_layout)
        self.act_reset_layout.setToolTip(self.tr("窗口大小、列和分栏恢复为默认"))
        view_menu.addAction(self.act_reset_layout)
        sync_menu = bar.addMenu(self.tr("同步(&S)"))
        for text, hook in (
            (self.tr("导出同步包…"), "export_package"),
            (self.tr("导入同步包…"), "import_package"),
            (self.tr("与服务器同步…"), "sync_with_server"),
            (self.tr("配对…"), "pair"),
            (self.tr("导出本站身份…"), "export_identity"),
            (self.tr("冲突与疑似重复"), "refresh"),
        ):
            sync_menu.addAction(
                self._action(text, lambda hook=hook: getattr(self.show_screen("sync"), hook)())
            )
        install_tools_menu(self)  # 工具: 操作记录, 用户管理 (ui.access)
        self.backups.add_tools(self.tools_menu)
        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        add_help_actions(self, help_menu)
        # A disabled action says why in its tooltip (ui.access.guards); menus hide tooltips
        # unless asked.
        for menu in (file_menu, edit_menu, view_menu, sync_menu, self.tools_menu, help_menu):
            menu.setToolTipsVisible(True)

    def _build_status_bar(self) -> None:
        self.db_label = QLabel(self)
        self.count_label = QLabel(self)
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.count_label)
        self.ctx.bus.busy.connect(self._show_busy)

    def _show_busy(self, text: str) -> None:
        """A write waits on another writer: say so until it went through (ui.ops)."""
        if text:
            self.statusBar().showMessage(text)
        else:
            self.statusBar().clearMessage()

    # -- screens ------------------------------------------------------------------------------
    def screen(self, screen_id: str) -> Screen:
        """The screen with this id, built on first use."""
        if screen_id not in self._screens:
            info = next(i for i in SCREENS if i.screen_id == screen_id)
            screen = self._build_screen(info)
            self._screens[screen_id] = screen
            self.stack.addWidget(screen)
            screen.set_on_show(self.stack.currentWidget() is screen)
        return self._screens[screen_id]

    def _build_screen(self, info: ScreenInfo) -> Screen:
        screen = create_screen(info, self.ctx, self.stack)
        guard_screen(screen)  # write buttons the signed-in person may not use: disabled
        screen.record_count_changed.connect(lambda n, sid=info.screen_id: self._on_count(sid, n))
        return screen

    def current_screen(self) -> Screen | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Screen) else None

    def show_screen(self, screen_id: str) -> Screen:
        screen = self.screen(screen_id)
        for i in range(self.stack.count()):
            other = self.stack.widget(i)
            if isinstance(other, Screen) and other is not screen:
                other.set_on_show(False)
        self.stack.setCurrentWidget(screen)
        screen.set_on_show(True)  # reloads when something it shows changed meanwhile
        row = next(i for i, info in enumerate(SCREENS) if info.screen_id == screen_id)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        self._show_count(screen.record_count())
        self.act_export.setEnabled(screen.can_export)
        self.record_actions.follow(screen)
        return screen

    def _on_nav_row(self, row: int) -> None:
        if 0 <= row < len(SCREENS):
            self.show_screen(SCREENS[row].screen_id)

    def _current(self, hook: str) -> None:
        screen = self.current_screen()
        if screen is not None and self.record_actions.allows(hook):
            getattr(screen, hook)()

    def _on_count(self, screen_id: str, count: int) -> None:
        current = self.current_screen()
        if current is not None and current.screen_id == screen_id:
            self._show_count(count)

    def _show_count(self, count: int | None) -> None:
        """Records in the current view; a negative count means it is still being counted;
        None (a screen without a record list) shows nothing."""
        if count is None:
            self.count_label.clear()
            return
        if count < 0:
            self.count_label.setText(self.tr("正在统计记录数…"))
            return
        if count == 1:  # English has a singular ("1 records": user test, finding 15)
            self.count_label.setText(self.tr("共 1 条记录"))
            return
        self.count_label.setText(self.tr("共 %1 条记录").replace("%1", f"{count:,}"))

    def _update_db_label(self) -> None:
        self.db_label.setText(self.tr("数据库：%1").replace("%1", self.ctx.db.location))

    # -- the database -------------------------------------------------------------------------
    def open_database_file(self, path: str | None = None) -> None:
        if path is None:
            path = dialogs.ask_open_path(
                self, self.tr("打开数据库"), self.tr("数据库文件 (*.sqlite *.db);;所有文件 (*)")
            )
        if path:
            self._switch_database(path, create=False)

    def new_database_file(self, path: str | None = None) -> None:
        if path is None:
            path = dialogs.ask_save_path(
                self, self.tr("新建数据库"), "crm.sqlite", self.tr("数据库文件 (*.sqlite)")
            )
        if path:
            self._switch_database(path, create=True)

    def _switch_database(self, path: str, *, create: bool) -> None:
        try:
            db = open_database(Path(path), create=create)
        except Exception as exc:
            dialogs.show_error(self, ops.error_text(exc, self.ctx.language))
            return
        if not ensure_signed_in(db, self, self.ctx.language):
            db.close()
            return
        current = self.current_screen()
        current_id = current.screen_id if current else "projects"
        for screen in self._screens.values():
            screen.save_state()
            self.stack.removeWidget(screen)
            screen.deleteLater()
        self._screens.clear()
        old = self.ctx.db
        self.ctx.db = db
        old.close()
        self._update_db_label()
        apply_permissions(self)
        self.show_screen(current_id)
        self.warm_search_index()
        self.first_start()

    def search_index_ready(self) -> bool:
        """The start-up index warm-up has run (tests and tools wait for it)."""
        return self.index_task is not None and self.index_task.done

    def warm_search_index(self) -> ops.Task:
        """Bring the name/pinyin search index up to date off the GUI thread (after bulk loads
        the first search would otherwise pay for it)."""
        from crm import search

        self._index_timer.stop()
        self.ctx.run_after_paint()  # the screens' secondary reads first (the filter lists)
        text = self.tr("正在更新搜索索引…")

        def work(session: Any, progress: ops.Progress) -> int:
            progress.report(0, 0, text)
            count = sum(search.ensure_fresh(session, table) for table in search.SEARCHABLE)
            search.warm_memory(session)
            return count

        def done(count: int) -> None:
            if count:
                self.ctx.bus.announce({"search_index"})

        self.index_task = ops.run_long_write(
            self.ctx,
            self,
            work,
            on_done=done,
            on_error=lambda exc: log.warning("search index not refreshed: %s", exc),
            title=text,
        )
        return self.index_task

    def show_database_location(self) -> None:
        dialogs.show_info(self, self.tr("当前数据库：%1").replace("%1", self.ctx.db.location))

    def import_excel(self) -> None:
        try:
            module = importlib.import_module("ui.ledger.wizard")
        except ImportError:
            dialogs.show_info(self, self.tr("Excel 导入功能尚未安装。"))
            return
        wizard = module.ImportWizard(self.ctx.db, self, language=self.ctx.language)
        changed = frozenset(
            {"project", "company", "company_tag", "funds_entry", "team", "stage_event"}
        )
        wizard.committed.connect(lambda _result: self.ctx.bus.announce(changed))
        dialogs.exec_dialog(wizard)
        self.warm_search_index()

    def first_start(self) -> ops.Task:
        """A database without a bureau asks for it (and the user's name) first, one without a
        user's name for the name; an empty one then offers demo data. The database is asked
        on a worker."""
        from crm.queries.project_list import total_count
        from crm.services.settings import get_setting

        # Nobody named as this copy's user (a laptop's copy of the bureau's file, its profile
        # cleared on opening): asked who works on it. With accounts, the account is who.
        asks_person = not self.ctx.db.has_accounts

        def read(session: Any) -> tuple[bool, bool, bool]:
            bureau_missing = not get_setting(session, "bureau_region_code")
            person_missing = asks_person and not get_setting(session, "user_name")
            return bureau_missing, person_missing, total_count(session) == 0

        self.update_demo_action()
        return ops.run_read(self.ctx, self, read, on_done=lambda found: self._first_start(*found))

    def update_demo_action(self) -> ops.Task | None:
        """文件 → 加载演示数据… enabled only where it can work: crm.demo writes into an empty
        database only (it was enabled on one with 2,001 projects: user test, finding 25)."""
        try:
            from crm.demo.generate import holds_data
        except ImportError:
            self._set_demo_action(False, self.tr("演示数据模块不可用。"))
            return None
        return ops.run_read(
            self.ctx,
            self,
            holds_data,
            on_done=lambda holds: self._set_demo_action(
                not holds,
                self.tr("演示数据只能加入空数据库；当前数据库已有数据。")
                if holds
                else self.tr("向空数据库加入一份小型演示数据，用来熟悉软件"),
            ),
        )

    def _set_demo_action(self, on: bool, tip: str) -> None:
        # The access guard (ui.access.guards) shows its refusal instead while it refuses.
        state = getattr(self.act_demo, "access_guard", None)
        if state is not None:
            state["tooltip"] = tip
        else:
            self.act_demo.setToolTip(tip)
        self.act_demo.setEnabled(on)

    def _demo_follows(self, change: Any) -> None:
        # Data written into an empty database: the demo no longer fits (rows are never removed
        # for good, so a database with data stays one).
        if self.act_demo.isEnabled() and change.tables() - {SETTINGS}:
            self.update_demo_action()

    def _first_start(self, bureau_missing: bool, person_missing: bool, empty: bool) -> None:
        if bureau_missing or person_missing:
            from ui.first_start import FirstStartDialog

            person_only = not bureau_missing
            dialogs.exec_dialog(FirstStartDialog(self.ctx, self, person_only=person_only))
        if empty:
            self.offer_demo()

    def offer_demo(self) -> None:
        if importlib.util.find_spec("crm.demo") is None:
            return
        text = self.tr("数据库是空的。要加载一份小型演示数据来熟悉软件吗？")
        if dialogs.ask_confirm(self, self.tr("演示数据"), text):
            self.load_demo_data(confirmed=True)

    def load_demo_data(self, *, confirmed: bool = False) -> ops.Task | None:
        try:
            demo = importlib.import_module("crm.demo")
        except ImportError:
            dialogs.show_info(self, self.tr("演示数据模块不可用。"))
            return None
        if not confirmed and not dialogs.ask_confirm(
            self, self.tr("演示数据"), self.tr("向当前数据库加入演示数据？")
        ):
            return None
        from crm import search

        db = self.ctx.db
        texts = self.tr("正在生成演示数据…"), self.tr("正在更新搜索索引…")

        def work(progress: ops.Progress) -> None:
            # generate_demo writes in its own transactions; it runs on the write worker
            progress.report(0, 0, texts[0])
            demo.generate_demo(
                db,
                scale="small",
                seed=DEMO_SEED,
                today=date.today(),
                progress=lambda done, total: progress.report(done, total),
                should_cancel=lambda: progress.cancelled,
            )
            progress.report(0, 0, texts[1])
            ops.writing(
                db, lambda session: [search.ensure_fresh(session, t) for t in search.SEARCHABLE]
            )

        return ops.run_op(
            self,
            work,
            pool=ops.write_pool(),
            on_done=lambda _r: None,
            title=self.tr("加载演示数据"),
            changes=frozenset(
                {"project", "company", "team", "activity", "problem", "funds_entry", "stage_event"}
            ),
            ctx=self.ctx,
        )

    def show_about(self) -> None:
        from ui.help.menu import show_about

        show_about(self)

    # -- remembering ----------------------------------------------------------------------------
    def _default_geometry(self) -> None:
        """1280×800, or less on a smaller screen (a 1366×768 laptop), centred on it."""
        from ui.layouts import fit_to_screen

        fit_to_screen(self, DEFAULT_SIZE)

    def reset_layout(self) -> None:
        """View → Reset layout: the default window size and every screen's default columns
        and splitters (screens not built yet forget what they saved)."""
        from ui.layouts import forget_layouts
        from ui.projects.layout import forget_projects_layout

        forget_layouts([info.screen_id for info in SCREENS])
        forget_projects_layout()
        if self.isMaximized() or self.isFullScreen():
            self.showNormal()
        self._default_geometry()
        for screen in self._screens.values():
            screen.reset_layout()

    def _restore_geometry(self) -> None:
        settings = app_settings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(QByteArray(geometry))
        state = settings.value("window/state")
        if isinstance(state, QByteArray | bytes):
            self.restoreState(QByteArray(state))

    def save_state(self) -> None:
        settings = app_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        current = self.current_screen()
        if current is not None:
            settings.setValue("window/last_screen", current.screen_id)
        for screen in self._screens.values():
            screen.save_state()
        settings.sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.index_task is None and self._index_timer.isActive():
            # Counted from the first show: building the window on a big database takes longer
            # than the delay, and the warm-up then started before the first paint.
            self._index_timer.start(INDEX_DELAY_MS)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.backups.on_close()
        super().closeEvent(event)
