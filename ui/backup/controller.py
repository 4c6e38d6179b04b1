"""文件 → 从备份恢复, 工具 → 检查数据库, and the backup timer of the window.

The timer asks the core every few minutes whether a backup is due (at most every
`backup_every_minutes` while the data changes, crm/backup.py); closing the window makes one.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMenu

from crm import backup
from ui import dialogs, ops

if TYPE_CHECKING:
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)

#: How often the window asks whether a backup is due (the rule itself is in crm/backup.py).
TICK_MS = 5 * 60 * 1000


class BackupController(QObject):
    def __init__(self, window: MainWindow, file_menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.last_backup: Path | None = None
        # Disabled for whoever may not (crm.access: backup, restore; ui.access.guards).
        self.act_restore = window._action(self.tr("从备份恢复…"), self.restore)
        self.act_backup = window._action(self.tr("立即备份"), self.backup_now)
        file_menu.addAction(self.act_restore)
        file_menu.addAction(self.act_backup)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.timer.start(TICK_MS)

    def add_tools(self, tools_menu: QMenu) -> None:
        tools_menu.addAction(self.window._action(self.tr("检查数据库…"), self.check))

    @property
    def path(self) -> Path | None:
        return self.window.ctx.db.path

    def _settings(self) -> dict[str, Any]:
        return backup.backup_settings(self.window.ctx.db)

    # -- scheduled ----------------------------------------------------------------------------
    def tick(self) -> ops.Task[Path | None] | None:
        path = self.path
        if path is None:
            return None
        db = self.window.ctx.db

        def work(_progress: ops.Progress) -> Path | None:
            settings = backup.backup_settings(db)  # read on the worker, like the backup
            every = timedelta(minutes=int(settings.get("backup_every_minutes", 30)))
            return backup.scheduled_backup(path, every=every, keep=backup.keep_rule(settings))

        return ops.run_op(
            self.window, work, on_done=self._remember, on_error=self._log_failure,
            show_progress=False, ctx=self.window.ctx,
        )  # fmt: skip

    def on_close(self) -> None:
        """Closing makes a backup when the data changed since the newest one (quick)."""
        path = self.path
        if path is None:
            return
        try:
            self.last_backup = backup.scheduled_backup(
                path, keep=backup.keep_rule(self._settings()), closing=True
            )
        except Exception as exc:  # the window closes anyway; the log says why
            log.warning("backup on close failed: %s", exc, exc_info=exc)

    def backup_now(self) -> ops.Task[Path] | None:
        path = self.path
        if path is None:
            dialogs.show_info(self.window, self._postgres_text())
            return None

        actor = self.window.ctx.db.access_actor()

        def work(_progress: ops.Progress) -> Path:
            return backup.create_backup(path, label="manual", actor=actor)

        def done(made: Path) -> None:
            self._remember(made)
            dialogs.show_info(self.window, self.tr("已备份：%1").replace("%1", str(made)))

        return ops.run_op(
            self.window, work, on_done=done, title=self.tr("正在备份…"), ctx=self.window.ctx
        )

    def _remember(self, made: Path | None) -> None:
        if made is not None:
            self.last_backup = made

    def _log_failure(self, exc: Exception) -> None:
        log.warning("scheduled backup failed: %s", exc, exc_info=exc)
        self.window.statusBar().showMessage(ops.error_text(exc, self.window.ctx.language), 10000)

    def _postgres_text(self) -> str:
        return self.tr("PostgreSQL 数据库请由管理员用 pg_dump 备份、pg_restore 恢复（见 README）。")

    # -- restore ------------------------------------------------------------------------------
    def restore(self, chosen: Path | None = None) -> None:
        path = self.path
        if path is None:
            dialogs.show_info(self.window, self._postgres_text())
            return
        if chosen is None:
            from ui.backup.restore_dialog import RestoreDialog

            dialog = RestoreDialog(self.window, path)
            if dialogs.exec_dialog(dialog) != RestoreDialog.DialogCode.Accepted:
                return
            chosen = dialog.chosen()
            if chosen is None:
                return
        self.restore_file(path, chosen)

    def restore_file(self, path: Path, chosen: Path) -> ops.Task[Path | None]:
        """Close the database, restore (the current data is backed up first), reopen."""
        actor = self.window.ctx.db.access_actor()  # who asks, before the database closes
        self.window.ctx.db.close()

        def work(_progress: ops.Progress) -> Path | None:
            return backup.restore_backup(path, chosen, actor=actor)

        def done(kept: Path | None) -> None:
            self.window._switch_database(str(path), create=False)
            text = self.tr("已从备份恢复：%1").replace("%1", chosen.name)
            if kept is not None:
                text += "\n" + self.tr("恢复前的数据已备份到：%1").replace("%1", str(kept))
            dialogs.show_info(self.window, text)

        def failed(exc: Exception) -> None:
            self.window._switch_database(str(path), create=False)
            dialogs.show_error(self.window, ops.error_text(exc, self.window.ctx.language))

        return ops.run_op(
            self.window, work, on_done=done, on_error=failed,
            title=self.tr("正在从备份恢复…"), ctx=self.window.ctx,
        )  # fmt: skip

    # -- check --------------------------------------------------------------------------------
    def check(self) -> ops.Task[Any]:
        from crm.check import run_check

        db = self.window.ctx.db

        def work(_progress: ops.Progress) -> Any:
            return run_check(db)

        def done(report: Any) -> None:
            language = self.window.ctx.language
            if report.sound:
                dialogs.show_info(self.window, self.tr("数据库完好，规则均满足。"))
                return
            lines = [f.message(language) for f in report.findings]
            if any(f.repairable for f in report.findings):
                lines.append(self.tr("计算列可在命令行用 crm check --repair 修复。"))
            dialogs.show_error(self.window, "\n".join(lines))

        return ops.run_op(
            self.window, work, on_done=done, title=self.tr("正在检查数据库…"), ctx=self.window.ctx
        )
