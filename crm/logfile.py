"""The log file: `logs/crm.log` in the data folder, rotated (5 × 1 MB).

Errors go there with their traceback; people read one sentence (the command line's
crm/failures.py, the window's error dialogs) that names this file when it helps.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
from pathlib import Path
from typing import Any

from crm import paths

MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
_FORMAT = "%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s"


def log_path() -> Path:
    return paths.data_dir(create=False) / "logs" / "crm.log"


class _CrmLogHandler(logging.handlers.RotatingFileHandler):
    """Marks our handler so that setting up twice (tests, CLI inside the app) replaces it.
    The folder is made with the first record: a run that logs nothing leaves no trace."""

    def _open(self):  # type: ignore[no-untyped-def]
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:
        """A read-only or full data folder: no log, and no traceback on the terminal either."""


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send the program's log records to the rotating file; returns its path (None when the
    data folder cannot be written: the program still runs, without a log)."""
    root = logging.getLogger()
    try:
        path = log_path()
        handler = _CrmLogHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    for old in [h for h in root.handlers if isinstance(h, _CrmLogHandler)]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    return path


#: Kept open for the life of the process: faulthandler writes to it when Python or Qt
#: crashes hard (a segfault, an abort), when no logging handler runs any more.
_crash_file: Any = None


def enable_crash_log() -> Path | None:
    """Have a hard crash (the window vanishing without a dialog) leave every thread's stack
    in crash.log beside the log, so a crash nobody can reproduce still says where it was."""
    global _crash_file
    if _crash_file is not None:
        return Path(_crash_file.name)
    try:
        path = log_path().with_name("crash.log")
        path.parent.mkdir(parents=True, exist_ok=True)
        _crash_file = path.open("a", encoding="utf-8")
    except OSError:
        return None
    faulthandler.enable(file=_crash_file, all_threads=True)
    return path
