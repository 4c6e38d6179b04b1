"""The one way the UI runs work: off the GUI thread, progress after a delay, errors shown once.

`run_op` runs `work(progress)` on a QThreadPool worker; the work opens its own
`with ctx.db.session() as s:` (sessions are never shared across threads). `Progress` reports
(done, total, text) or a fraction and tells the work when the user cancelled; the returned `Task`
re-emits progress, success, failure and cancellation in the GUI thread for screens that show
their own progress bar (`show_progress=False`).

`run_read(ctx, parent, fn, on_done=...)` runs `fn(session)` in a read-only session on a worker;
`run_write(ctx, parent, fn, ...)` runs a service call in one transaction on the one write worker
(writes queue up one after the other, so the window never waits on the database lock and two
writes of the window never compete for it). This module is the only place in ui/ that opens a
database session (a test checks it).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from crm.errors import CrmError, ValidationError
from crm.failures import describe
from ui import dialogs
from ui.context import AppContext, change_set

if TYPE_CHECKING:  # the UI never builds queries; it only hands sessions to services
    from sqlalchemy.orm import Session

    from crm.db import Database

log = logging.getLogger(__name__)

T = TypeVar("T")

#: The progress dialog appears only for work that takes longer than this.
PROGRESS_DELAY_MS = 500
# Steps of the progress that `Progress.fraction` reports.
FRACTION_STEPS = 1000

_running: set[Task[Any]] = set()


class OpCancelled(Exception):
    """Raised by work that noticed `progress.cancelled`; ends the task quietly."""


class _Signals(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)


class Progress:
    """Handed to the work function: report progress, check for cancellation (thread-safe)."""

    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def report(self, done: int, total: int = 0, text: str = "") -> None:
        try:
            self._signals.progressed.emit(done, total, text)
        except RuntimeError:  # the window went away: nobody is listening any more
            self._cancel.set()

    def fraction(self, value: float) -> None:
        """Report progress as a share of the whole (0.0 … 1.0), for the crm.stats callbacks."""
        self.report(round(value * FRACTION_STEPS), FRACTION_STEPS)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def should_cancel(self) -> bool:
        """The `should_cancel` callback the crm functions take."""
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise OpCancelled when the user pressed Cancel."""
        if self.cancelled:
            raise OpCancelled

    def cancel(self) -> None:
        self._cancel.set()


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], progress: Progress, signals: _Signals):
        super().__init__()
        self._work, self._progress, self._signals = work, progress, signals

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except Exception as exc:  # delivered to the GUI thread, shown there
            self._emit(self._signals.failed, exc)
        else:
            self._emit(self._signals.succeeded, result)

    @staticmethod
    def _emit(signal: Any, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the receiver was deleted (window closed while working)
            log.info("operation finished after its window closed")


class Task(QObject, Generic[T]):
    """A running operation; its signals fire in the GUI thread.

    `progressed(done, total, text)` while it runs; then one of `succeeded(result)`,
    `failed(exc)` or `cancelled()` (each after the matching on_* callback); `finished` last.
    """

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__()
        self.signals = _Signals()
        self.progress = Progress(self.signals)
        self.done = False
        self.result: Any = None
        self.error: Exception | None = None
        self._parent = parent
        self._title = title
        self._dialog: QProgressDialog | None = None
        self._last = (0, 0, "")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_dialog)
        self.signals.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)

    def cancel(self) -> None:
        self.progress.cancel()

    @property
    def running(self) -> bool:
        return not self.done

    @property
    def is_cancelled(self) -> bool:
        """The user asked to cancel (the work may still be winding down)."""
        return self.progress.cancelled

    def _on_progress(self, done: int, total: int, text: str) -> None:
        self._last = (done, total, text)
        if not self.done:
            self.progressed.emit(done, total, text)
        if self._dialog is not None:
            self._dialog.setMaximum(max(total, 0))
            self._dialog.setValue(min(done, total) if total else 0)
            if text:
                self._dialog.setLabelText(text)

    def _show_dialog(self) -> None:
        if self.done or (self._parent is not None and not isValid(self._parent)):
            return  # finished, or its window closed meanwhile: no dialog over nothing
        dialog = QProgressDialog(
            self._title or QCoreApplication.translate("ops", "正在处理…"),
            QCoreApplication.translate("ops", "取消"),
            0,
            0,
            self._parent,
        )
        dialog.setWindowTitle(self._title or QCoreApplication.translate("ops", "请稍候"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(self.cancel)
        self._dialog = dialog
        self._on_progress(*self._last)
        dialog.show()

    def _close_dialog(self) -> None:
        self._timer.stop()
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.cancel)
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None


def error_text(exc: BaseException, language: str = "zh") -> str:
    """One readable sentence for any error, in the user's language (crm.failures: the same
    words as the command line; an unexpected one is logged with its traceback)."""
    if isinstance(exc, CrmError):
        return exc.message(language)
    return describe(exc).message(language)


_write_pool: QThreadPool | None = None


def write_pool() -> QThreadPool:
    """The single worker every write of the window runs on, in the order they were asked."""
    global _write_pool
    if _write_pool is None:
        _write_pool = QThreadPool()
        _write_pool.setMaxThreadCount(1)
        _write_pool.setExpiryTimeout(-1)  # keep the thread: writes come in bursts
    return _write_pool


def wait_for_workers(timeout_ms: int = 30_000) -> None:
    """Let the reads and writes already started end (at quit, before the database closes):
    a write cut off by the process ending would be rolled back, never half done, but the
    person who pressed save before quitting expects it kept."""
    for pool in (_write_pool, QThreadPool.globalInstance()):
        if pool is not None:
            pool.waitForDone(timeout_ms)


def idle() -> bool:
    """No operation is running or waiting to deliver its result (for tests and shutdown)."""
    return not _running


def run_op(
    parent: QWidget | None,
    work: Callable[[Progress], T],
    *,
    on_done: Callable[[T], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    title: str = "",
    changes: Any = frozenset(),
    ctx: AppContext | None = None,
    show_progress: bool = True,
    pool: QThreadPool | None = None,
) -> Task[T]:
    """Run `work` on a worker; on_done (GUI thread) gets its result, then changes are announced.

    Errors go to `on_error`, or to one message box. Work that ends by raising OpCancelled, or
    fails after the user cancelled, counts as cancelled: `on_cancelled`, no message. Work that
    finishes although cancel was asked still succeeds (it decided it was done: an import may
    already be committed). `show_progress=False` is for callers that show their own progress.
    Nothing is delivered to a `parent` that was deleted meanwhile. `changes` is a ChangeSet,
    a Changed or table names; a callable gets the result and returns them.
    """
    task: Task[T] = Task(parent, title)
    language = ctx.language if ctx else "zh"

    def succeeded(result: Any) -> None:
        _finish(task, result=result)
        try:
            if _parent_alive(parent):
                if on_done is not None:
                    on_done(result)
                task.succeeded.emit(result)
        finally:
            if ctx is not None:
                ctx.bus.announce(changes(result) if callable(changes) else changes)
            task.finished.emit()

    def failed(exc: Exception) -> None:
        _finish(task, error=exc)
        try:
            if not _parent_alive(parent):
                return
            if isinstance(exc, OpCancelled) or task.progress.cancelled:
                if on_cancelled is not None:
                    on_cancelled()
                task.cancelled.emit()
                return
            log.info("operation failed: %s", exc, exc_info=exc)
            if on_error is not None:
                on_error(exc)
            else:
                dialogs.show_error(parent, error_text(exc, language))
            task.failed.emit(exc)
        finally:
            task.finished.emit()

    task.signals.succeeded.connect(succeeded, Qt.ConnectionType.QueuedConnection)
    task.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    _running.add(task)
    if show_progress:
        task._timer.start(PROGRESS_DELAY_MS)
    (pool or QThreadPool.globalInstance()).start(_Runnable(work, task.progress, task.signals))
    return task


def _parent_alive(parent: QWidget | None) -> bool:
    if parent is None or isValid(parent):
        return True
    log.info("operation finished after its window closed")
    return False


def _finish(task: Task[Any], *, result: Any = None, error: Exception | None = None) -> None:
    task.done = True
    task.result, task.error = result, error
    task._close_dialog()
    _running.discard(task)


def reading(
    db: Database | Callable[[], Database], fn: Callable[[Session, Progress], T]
) -> Callable[[Progress], T]:
    """The work (for run_op) of `fn(session, progress)` in a read-only session on the worker.
    `db` may be a callable: the database is then looked up when the work starts."""

    def work(progress: Progress) -> T:
        database = db() if callable(db) else db
        with database.read() as session:
            return fn(session, progress)

    return work


def run_read(
    ctx: AppContext,
    parent: QWidget | None,
    fn: Callable[[Session], T],
    *,
    on_done: Callable[[T], None],
    on_error: Callable[[Exception], None] | None = None,
    title: str = "",
    show_progress: bool = False,
) -> Task[T]:
    """Run `fn(session)` in a read-only session on a worker; `on_done(result)` in the GUI thread.

    The database is looked up when the work starts (File → Open may have replaced it).
    """
    return run_op(
        parent,
        reading(lambda: ctx.db, lambda session, _progress: fn(session)),
        on_done=on_done,
        on_error=on_error,
        title=title,
        ctx=ctx,
        show_progress=show_progress,
    )


def run_read_progress(
    ctx: AppContext,
    parent: QWidget | None,
    fn: Callable[[Session, Progress], T],
    **kwargs: Any,
) -> Task[T]:
    """Like run_read for long reads that report progress and can be cancelled (run_op's options)."""
    return run_op(parent, reading(lambda: ctx.db, fn), ctx=ctx, **kwargs)


def read_now(db: Database, fn: Callable[[Session], T]) -> T:
    """`fn(session)` in a read-only session on the calling thread. Only for bounded reads that
    cannot wait on a lock: the paged table model's first screenful of ids and its page fetches
    (at most a few hundred rows by key; SQLite WAL and PostgreSQL readers never wait on a
    writer), and the screenshot tool. A test keeps everything else off it."""
    with db.read() as session:
        return fn(session)


def writing(db: Database, fn: Callable[[Session], T]) -> T:
    """`fn(session)` in one transaction, here: only for work already on the write worker."""
    with db.session() as session:
        return fn(session)


def run_long_write(
    ctx: AppContext,
    parent: QWidget | None,
    fn: Callable[[Session, Progress], T],
    **kwargs: Any,
) -> Task[T]:
    """A long write with progress (demo data, the search index) on the write worker, in one
    transaction; run_op's options (title, on_done, changes...)."""

    def work(progress: Progress) -> T:
        with ctx.db.session() as session:
            return fn(session, progress)

    return run_op(parent, work, ctx=ctx, pool=write_pool(), **kwargs)


def run_write(
    ctx: AppContext,
    parent: QWidget | None,
    fn: Callable[[Session], T],
    *,
    changes: Any = frozenset(),
    on_done: Callable[[T], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    busy: Iterable[QWidget] = (),
    title: str = "",
) -> Task[T]:
    """Run a service call in one transaction on the write worker; never on the GUI thread.

    The widgets in `busy` (a form's Save button) are disabled until it ends, so a write waiting
    on a locked database cannot be sent twice while the window stays responsive. Errors go to
    `on_error` (e.g. a form marking the field) or to one message box; nothing is written then,
    and the caller keeps what the user typed. On success `on_done(result)` runs, then what
    changed (the Changed/ChangeSet result plus `changes`) is announced on the bus.
    """
    held = [w for w in busy if w is not None and w.isEnabled()]
    for widget in held:
        widget.setEnabled(False)

    def work(_progress: Progress) -> T:
        with ctx.db.session() as session:
            return fn(session)

    def release() -> None:
        for widget in held:
            if isValid(widget):
                widget.setEnabled(True)

    def reported(exc: Exception) -> None:
        release()
        if not isinstance(exc, CrmError):
            log.error("write failed", exc_info=exc)
        if on_error is not None:
            on_error(exc)
        else:
            dialogs.show_error(parent, error_text(exc, ctx.language))

    def succeeded(result: T) -> None:
        release()
        if on_done is not None:
            on_done(result)

    task = run_op(
        parent,
        work,
        on_done=succeeded,
        on_error=reported,
        title=title,
        ctx=ctx,
        changes=lambda result: change_set(result) | change_set(changes),
        pool=write_pool(),
        show_progress=bool(title),
    )
    task.finished.connect(release)  # also when cancelled or the parent went away
    _notice_when_busy(ctx, task)
    return task


#: A write still waiting after this long is waiting on another writer (an import, a sync).
BUSY_NOTICE_MS = 1000


def _notice_when_busy(ctx: AppContext, task: Task[Any]) -> None:
    """Say in the window that the database is busy while a write waits for another writer
    (BEGIN IMMEDIATE waits up to the busy timeout); clear the notice when it has ended."""
    shown: list[bool] = []

    def notice() -> None:
        if not task.done:
            shown.append(True)
            ctx.bus.busy.emit(busy_text(ctx.language))

    def clear() -> None:
        if shown:
            ctx.bus.busy.emit("")

    QTimer.singleShot(BUSY_NOTICE_MS, task, notice)
    task.finished.connect(clear)


def busy_text(language: str) -> str:
    if language == "en":
        return "The database is busy (an import, a sync or another window is writing); waiting…"
    return "数据库正忙（导入、同步或另一个窗口正在写入），正在等待…"


def save_form(
    ctx: AppContext,
    dialog: Any,
    fn: Callable[[Session], T],
    *,
    on_error: Callable[[Exception], None] | None = None,
    changes: Any = frozenset(),
    on_saved: Callable[[T], None] | None = None,
) -> Task[T]:
    """A form's save: the write on the write worker, its Save/Cancel buttons (`dialog.buttons`)
    disabled meanwhile; then `saved_id` (the record written) is set, `on_saved(result)` runs
    and the dialog closes. Errors go beside the field (`dialog.form.show_error` by default)."""

    def saved(result: T) -> None:
        record_id = getattr(result, "id", None)
        if isinstance(record_id, str):
            dialog.saved_id = record_id
        if on_saved is not None:
            on_saved(result)
        dialog.accept()

    def field_error(exc: Exception) -> None:
        dialog.form.show_error(exc, ctx.language)

    return run_write(
        ctx,
        dialog,
        fn,
        on_done=saved,
        on_error=on_error or field_error,
        changes=changes,
        busy=[getattr(dialog, "buttons", None)],
    )


def validation_field(exc: BaseException) -> str | None:
    """The field a ValidationError names, for marking the widget that caused it."""
    return exc.field if isinstance(exc, ValidationError) else None
