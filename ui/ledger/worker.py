"""Run one ledger step (read, plan, commit) on a worker thread with progress and cancel."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal


class Job(QObject):
    """`work(progress, should_cancel)` on the thread pool; signals arrive in the GUI thread."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        work: Callable[[Callable[[int, int, str], None], Callable[[], bool]], Any],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self.running = False
        self._relay = _Relay()
        self._relay.progressed.connect(self.progressed, Qt.ConnectionType.QueuedConnection)
        self._relay.succeeded.connect(self._on_success, Qt.ConnectionType.QueuedConnection)
        self._relay.failed.connect(self._on_failure, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        self.running = True
        QThreadPool.globalInstance().start(_Runnable(self._work, self._relay, self._cancel))

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _on_success(self, result: Any) -> None:
        self.running = False
        self.succeeded.emit(result)

    def _on_failure(self, exc: Any) -> None:
        self.running = False
        self.failed.emit(exc)


class _Relay(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[..., Any], relay: _Relay, cancel: threading.Event) -> None:
        super().__init__()
        self._work, self._relay, self._cancel = work, relay, cancel

    def run(self) -> None:
        def progress(done: int, total: int, text: str) -> None:
            self._relay.progressed.emit(done, total, text)

        try:
            result = self._work(progress, self._cancel.is_set)
        except Exception as exc:  # shown by the page that started the job
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)
