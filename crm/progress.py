"""The one progress and cancel protocol of every long job in the core.

A job takes `progress: Progress | None` and `should_cancel: ShouldCancel | None`, reports
`progress(done, total, text)` (total 0 when unknown, text a short label or ""), checks
`check_cancel(should_cancel)` between steps, and stops with `Cancelled` — the one exception
that means "the user stopped it; nothing was written". The window's operation runner and the
command line hand in their own callbacks.
"""

from __future__ import annotations

from collections.abc import Callable

from crm.errors import CrmError

Progress = Callable[[int, int, str], None]
ShouldCancel = Callable[[], bool]


class Cancelled(CrmError):
    """The user stopped the job; its transaction is rolled back."""

    code = "cancelled"

    def __init__(
        self,
        message_zh: str = "已取消，未写入任何数据。",
        message_en: str = "Cancelled; nothing was written.",
    ) -> None:
        super().__init__(message_zh, message_en)


def check_cancel(should_cancel: ShouldCancel | None) -> None:
    if should_cancel is not None and should_cancel():
        raise Cancelled


def report(progress: Progress | None, done: int, total: int = 0, text: str = "") -> None:
    if progress is not None:
        progress(done, total, text)


def fraction_progress(progress: Progress | None, steps: int = 1000) -> Callable[[float], None]:
    """For a job that knows only the share done (0.0 … 1.0)."""

    def on_fraction(value: float) -> None:
        report(progress, round(value * steps), steps, "")

    return on_fraction
