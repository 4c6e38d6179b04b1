"""Every failure as one sentence (Chinese or English), for the command line and the window.

The traceback goes to the log file (crm/logfile.py); the person at the terminal or the window
reads one sentence that says what to do, never SQL with parameter values.
"""

from __future__ import annotations

import errno
import logging

from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm.exc import StaleDataError

from crm.db import busy_error, is_busy_error
from crm.errors import CrmError

log = logging.getLogger("crm.failures")

#: Driver messages (first line, lower case) → what the person reads.
_DRIVER_MESSAGES = (
    ("disk is full", "磁盘已满，数据未写入：请腾出空间后再试", "The disk is full; nothing was "
     "written. Free some space and try again"),
    ("readonly database", "数据库文件或其文件夹是只读的，无法写入", "The database file or its "
     "folder is read-only; nothing can be written"),
    ("malformed", "数据库文件已损坏：请运行 crm check，或从备份恢复（crm backup list）",
     "The database file is damaged: run crm check, or restore a backup (crm backup list)"),
    ("not a database", "这个文件不是本程序的数据库", "This file is not a database"),
    ("unable to open database", "无法打开数据库文件（文件夹不存在或没有权限）",
     "Cannot open the database file (missing folder or no permission)"),
    ("connection refused", "无法连接数据库服务器（地址或端口不对，或服务器未运行）",
     "Cannot connect to the database server (wrong host or port, or it is not running)"),
)  # fmt: skip

_OS_MESSAGES = {
    errno.ENOSPC: ("磁盘已满，未写入", "The disk is full; nothing was written"),
    errno.EROFS: ("只读文件系统，无法写入", "Read-only file system; nothing was written"),
    errno.EACCES: ("没有权限", "Permission denied"),
    errno.EPERM: ("没有权限", "Permission denied"),
}


def describe(exc: BaseException) -> CrmError:
    """The one sentence for a failure; unknown ones are logged with their traceback."""
    if isinstance(exc, CrmError):
        return exc
    if is_busy_error(exc):
        return busy_error()
    if isinstance(exc, DBAPIError):
        first = str(exc.orig or exc).strip().splitlines()[0] if str(exc.orig or exc) else ""
        for needle, zh, en in _DRIVER_MESSAGES:
            if needle in first.lower():
                return CrmError(zh, en, code="database")
        log.error("database error", exc_info=exc)
        return CrmError(f"数据库出错：{first}", f"Database error: {first}", code="database")
    if isinstance(exc, OSError):
        zh, en = _OS_MESSAGES.get(exc.errno or 0, (exc.strerror or str(exc),) * 2)
        where = f"：{exc.filename}" if exc.filename else ""
        return CrmError(f"{zh}{where}", f"{en}{where.replace('：', ': ')}", code="os")
    if isinstance(exc, ImportError):
        name = exc.name or "?"
        return CrmError(
            f"缺少所需的程序包 {name}（例如 PostgreSQL 驱动 psycopg）：请重新安装本程序",
            f"The package {name} is missing (e.g. the PostgreSQL driver psycopg): reinstall",
            code="missing_module",
        )
    if isinstance(exc, StaleDataError):  # the row a write expected is gone from its sight
        log.warning("write matched no row: %s", exc)
        return CrmError(
            "这条记录已不能修改：它可能刚被他人删除，或您的账户已停用、权限已变。"
            "请刷新后再试，必要时重新登录。",
            "This record can no longer be changed: someone may just have deleted it, or your "
            "account was disabled or its rights changed. Refresh and try again, or sign in again.",
            code="stale",
        )
    if isinstance(exc, SQLAlchemyError):
        log.error("database error", exc_info=exc)
        return CrmError("数据库出错，详见日志文件", "Database error; see the log file")
    log.error("unexpected error", exc_info=exc)
    from crm.logfile import log_path

    return CrmError(
        f"程序内部错误（{type(exc).__name__}），详情已写入日志：{log_path()}",
        f"Internal error ({type(exc).__name__}); details are in the log: {log_path()}",
        code="internal",
    )
