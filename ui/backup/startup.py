"""Start-up safety: the log file, a dialog (never a bare traceback) for any error, and a
damaged database offered its newest good backup."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QtMsgType, qInstallMessageHandler

from crm.logfile import enable_crash_log, log_path, setup_logging
from ui import dialogs

log = logging.getLogger(__name__)


def error_with_log(summary: str) -> str:
    return (
        QCoreApplication.translate("startup", "%1\n\n详细信息已写入日志文件：%2")
        .replace("%1", summary)
        .replace("%2", str(log_path()))
    )


def install_error_dialog() -> None:
    """Log every uncaught error with its traceback; the user reads one sentence and where
    the log is."""
    setup_logging()
    enable_crash_log()
    qInstallMessageHandler(_log_qt_message)

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("uncaught error", exc_info=(kind, exc, tb))
        if issubclass(kind, KeyboardInterrupt):
            return
        dialogs.show_error(
            None,
            error_with_log(
                QCoreApplication.translate("startup", "程序出错了：%1").replace("%1", kind.__name__)
            ),
        )

    sys.excepthook = hook


#: Qt's own messages by the level they are logged at (a fatal one is logged before Qt aborts).
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _log_qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """Qt's warnings go to the log file, not to a console nobody sees."""
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def open_or_recover(language: str, opener: Callable[[], Any]) -> Any | None:
    """The database, or None after saying why in one dialog. A damaged SQLite file is
    offered its newest good backup (restored after a backup of the damaged file)."""
    from crm.errors import CrmError

    try:
        return opener()
    except CrmError as exc:
        if exc.code == "damaged" and _offer_restore(exc.message(language)):
            try:
                return opener()
            except Exception as again:
                log.error("database still unusable after restore", exc_info=again)
        else:
            dialogs.show_error(None, exc.message(language))
        return None
    except Exception as exc:
        log.error("cannot open the database", exc_info=exc)
        dialogs.show_error(
            None,
            error_with_log(
                QCoreApplication.translate("startup", "无法打开数据库：%1").replace("%1", str(exc))
            ),
        )
        return None


def _offer_restore(message: str) -> bool:
    from crm import backup, paths
    from crm.db import resolve_url, sqlite_path

    path = sqlite_path(resolve_url(None)) or paths.default_database_path()
    good = backup.newest_good_backup(path)
    if good is None:
        dialogs.show_error(None, message)
        return False
    if not dialogs.ask_confirm(
        None,
        QCoreApplication.translate("startup", "数据库已损坏"),
        message + "\n\n" + QCoreApplication.translate("startup", "现在恢复吗？"),
    ):
        return False
    damaged = path.with_name(path.name + ".damaged")
    damaged.unlink(missing_ok=True)
    path.replace(damaged)  # kept for a technician; never a backup that thinning could drop
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    backup.restore_backup(path, good.path)
    return True
