"""Building a brief (figures → PDF → page images) and writing files, off the GUI thread.

The work runs on the global QThreadPool with its own database session; progress and the result
come back through queued signals; cancel sets an event the work checks between steps.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage

from crm.db import Database
from crm.periods import Period
from crm.stats import Cancelled, parse_scope
from ui.briefs.preview import render_pages

#: Share of the progress bar for the brief itself; page rendering takes the rest.
BUILD_SHARE = 0.85


@dataclass(frozen=True)
class Preview:
    """A built brief (crm.reports.build.BuiltBrief) and its pages as images."""

    built: Any
    images: list[QImage]


Work = Callable[[Callable[[float], None], Callable[[], bool]], Any]


def build_preview(db: Database, period: Period, scope_code: str, issued_on: date) -> Work:
    """The work of one preview: the brief in memory, then its pages rendered."""

    def work(progress: Callable[[float], None], should_cancel: Callable[[], bool]) -> Preview:
        from crm.reports.build import build_brief  # reportlab loads on first use only

        with db.session() as session:
            scope = parse_scope(session, scope_code)
            built = build_brief(
                session,
                period,
                scope,
                issued_on=issued_on,
                keep_pdf_bytes=True,
                progress=lambda fraction: progress(fraction * BUILD_SHARE),
                should_cancel=should_cancel,
            )
        images = render_pages(built.pdf, should_cancel=should_cancel)
        if should_cancel():
            raise Cancelled
        progress(1.0)
        return Preview(built, images)

    return work


def write_xlsx(figures: Any, path: str) -> Work:
    def work(progress: Callable[[float], None], should_cancel: Callable[[], bool]) -> str:
        from crm.reports.tables import brief_tables
        from crm.reports.xlsx import write_brief_xlsx

        write_brief_xlsx(figures, brief_tables(figures), path)
        progress(1.0)
        return path

    return work


class Job(QObject):
    """One piece of work on the thread pool. Signals arrive in the GUI thread."""

    progressed = Signal(float)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self.running = False
        self._relay = _Relay()
        self._relay.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._relay.succeeded.connect(self._on_success, Qt.ConnectionType.QueuedConnection)
        self._relay.failed.connect(self._on_failure, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        self.running = True
        QThreadPool.globalInstance().start(_Runnable(self._work, self._relay, self._cancel))

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _on_progress(self, fraction: float) -> None:
        if not self._cancel.is_set():
            self.progressed.emit(fraction)

    def _on_success(self, result: Any) -> None:
        self.running = False
        if self._cancel.is_set():
            self.cancelled.emit()
        else:
            self.succeeded.emit(result)

    def _on_failure(self, exc: Any) -> None:
        self.running = False
        if isinstance(exc, Cancelled) or self._cancel.is_set():
            self.cancelled.emit()
        else:
            self.failed.emit(exc)


class _Relay(QObject):
    progressed = Signal(float)
    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, work: Work, relay: _Relay, cancel: threading.Event) -> None:
        super().__init__()
        self._work, self._relay, self._cancel = work, relay, cancel

    def run(self) -> None:
        try:
            result = self._work(self._relay.progressed.emit, self._cancel.is_set)
        except Exception as exc:  # shown by the screen (or dropped, when cancelled)
            self._emit(self._relay.failed, exc)
        else:
            self._emit(self._relay.succeeded, result)

    @staticmethod
    def _emit(signal: Any, value: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the screen was closed while the work ran
            signal.emit(value)
