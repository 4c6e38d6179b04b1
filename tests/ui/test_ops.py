"""The operation runner: results and changes reach the GUI thread; errors become one message;
cancelling ends quietly; a failed write leaves nothing behind."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from crm.errors import CrmError, ValidationError
from crm.services import projects
from ui import ops

pytestmark = pytest.mark.async_ops  # these tests look at the runner's asynchrony itself


def test_run_op_delivers_result_and_announces_changes(qtbot: Any, ctx: Any) -> None:
    seen: list[Any] = []
    announced: list[frozenset[str]] = []
    ctx.bus.changed.connect(lambda change: announced.append(change.tables()))
    main = threading.get_ident()

    def work(progress: ops.Progress) -> int:
        progress.report(1, 2, "half")
        assert threading.get_ident() != main  # off the GUI thread
        return 42

    task = ops.run_op(None, work, on_done=seen.append, changes=frozenset({"project"}), ctx=ctx)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert seen == [42]
    assert announced == [frozenset({"project"})]


def test_run_op_shows_errors_in_the_users_language(qtbot: Any, ctx: Any, answers: Any) -> None:
    def work(_progress: ops.Progress) -> None:
        raise CrmError("数据库忙", "Database busy")

    task = ops.run_op(None, work, on_done=lambda _r: None, ctx=ctx)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert answers["errors"] == ["数据库忙"]


def test_cancelled_work_ends_quietly(qtbot: Any, ctx: Any, answers: Any) -> None:
    started = threading.Event()
    done: list[Any] = []

    def work(progress: ops.Progress) -> None:
        started.set()
        while True:
            progress.check()

    task = ops.run_op(None, work, on_done=done.append, ctx=ctx)
    assert started.wait(5)
    task.cancel()
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert done == [] and answers["errors"] == []


def test_run_write_routes_validation_errors_and_writes_nothing(qtbot: Any, ctx: Any) -> None:
    errors: list[Exception] = []
    done: list[Any] = []

    def write(session: Any) -> Any:
        projects.create_project(session, name="留下的项目")
        return projects.create_project(session, name="")  # invalid: rolls both back

    task = ops.run_write(ctx, None, write, on_error=errors.append, on_done=done.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert done == []
    assert isinstance(errors[0], ValidationError) and ops.validation_field(errors[0]) == "name"
    with ctx.db.session() as s:
        from crm.queries.project_list import total_count

        assert total_count(s) == 0


def test_own_progress_signals_and_no_dialog(qtbot: Any, ctx: Any) -> None:
    from PySide6.QtWidgets import QProgressDialog, QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[tuple[int, int, str]] = []
    release = threading.Event()

    def work(progress: ops.Progress) -> str:
        progress.fraction(0.5)
        progress.report(3, 4, "三/四")
        release.wait(5)
        return "done"

    task = ops.run_op(parent, work, show_progress=False, ctx=ctx)
    task.progressed.connect(lambda *args: seen.append(args))
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    assert task.running and not task._timer.isActive()  # the caller shows its own progress
    release.set()
    with qtbot.waitSignal(task.succeeded, timeout=5000) as signal:
        pass
    assert signal.args == ["done"] and not task.running
    assert seen == [(500, ops.FRACTION_STEPS, ""), (3, 4, "三/四")]
    assert parent.findChildren(QProgressDialog) == []


def test_failure_after_cancel_is_a_cancellation(qtbot: Any, ctx: Any, answers: Any) -> None:
    started = threading.Event()
    cancelled: list[bool] = []
    errors: list[Exception] = []

    def work(progress: ops.Progress) -> None:
        started.set()
        while not progress.should_cancel():
            pass
        raise CrmError("已取消", "cancelled")  # what crm functions raise when told to stop

    task = ops.run_op(
        None, work, on_error=errors.append, on_cancelled=lambda: cancelled.append(True), ctx=ctx
    )
    assert started.wait(5)
    task.cancel()
    assert task.is_cancelled
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        pass
    assert cancelled == [True] and errors == [] and answers["errors"] == []


def test_nothing_reaches_a_deleted_parent(qtbot: Any, ctx: Any) -> None:
    from PySide6.QtWidgets import QWidget
    from shiboken6 import isValid

    parent = QWidget()
    release = threading.Event()
    done: list[Any] = []

    def work(_progress: ops.Progress) -> int:
        release.wait(5)
        return 1

    task = ops.run_op(parent, work, on_done=done.append, ctx=ctx)
    parent.deleteLater()
    qtbot.waitUntil(lambda: not isValid(parent), timeout=5000)
    release.set()
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert done == [] and task.result == 1


def test_a_write_waiting_on_a_locked_database_keeps_the_window_responsive(
    qtbot: Any, ctx: Any, answers: Any
) -> None:
    """Another process holds the write lock: Save is disabled while the write waits on the
    worker, the window keeps handling events (a timer fires), and the write lands after."""
    import sqlite3
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QPushButton

    from crm.queries.project_list import total_count

    other = sqlite3.connect(str(ctx.db.path), timeout=0)
    other.execute("BEGIN IMMEDIATE")  # the lock an import in another process would hold
    save = QPushButton("保存")
    qtbot.addWidget(save)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    done: list[Any] = []
    started = time.monotonic()

    def write(session: Any) -> Any:  # BEGIN IMMEDIATE: it waits for the lock (busy timeout)
        return projects.create_project(session, name="等锁的项目")

    notices: list[str] = []
    ctx.bus.busy.connect(notices.append)
    task = ops.run_write(ctx, None, write, on_done=done.append, busy=[save])
    assert time.monotonic() - started < 0.1  # run_write returned at once
    assert not save.isEnabled()  # no second press while it waits
    qtbot.wait(600)
    assert not task.done and done == []  # still waiting on the lock ...
    assert len(ticks) >= 10  # ... while the GUI thread ran its timers
    qtbot.waitUntil(lambda: notices != [], timeout=3000)  # ... and the window says why
    assert notices == [ops.busy_text("zh")] and notices[0].startswith("数据库正忙")
    other.rollback()
    other.close()
    with qtbot.waitSignal(task.finished, timeout=15000):
        pass
    timer.stop()
    assert len(done) == 1 and done[0].table == "project"
    assert notices[-1] == ""  # the notice is cleared once the write went through
    assert save.isEnabled() and answers["errors"] == []
    with ctx.db.read() as s:
        assert total_count(s) == 1


def test_writes_run_one_after_the_other_in_the_order_asked(qtbot: Any, ctx: Any) -> None:
    order: list[str] = []
    main = threading.get_ident()

    def write(name: str) -> Any:
        def fn(session: Any) -> Any:
            assert threading.get_ident() != main  # never on the GUI thread
            order.append(name)
            return projects.create_project(session, name=name)

        return fn

    tasks = [ops.run_write(ctx, None, write(f"项目{i}")) for i in range(5)]
    qtbot.waitUntil(lambda: all(t.done for t in tasks), timeout=10000)
    assert order == [f"项目{i}" for i in range(5)]


def test_a_write_announces_what_it_changed_as_one_change_set(qtbot: Any, ctx: Any) -> None:
    from crm.services.result import ChangeSet

    seen: list[ChangeSet] = []
    ctx.bus.changed.connect(seen.append)
    task = ops.run_write(
        ctx, None, lambda s: projects.create_project(s, name="新项目"), changes={"stage_event"}
    )
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert len(seen) == 1
    ((table, record_id, op),) = seen[0].items
    assert (table, record_id, op) == ("project", task.result.id, "insert")
    assert seen[0].tables() == {"project", "stage_event"}


def test_an_unexpected_error_reads_as_one_sentence_not_its_class() -> None:
    from sqlalchemy.orm.exc import StaleDataError

    from ui.ops import error_text

    text = error_text(StaleDataError("UPDATE statement on table 'project' ..."), "zh")
    assert text.startswith("这条记录已不能修改") and "StaleDataError" not in text
    assert "程序内部错误" in error_text(ZeroDivisionError("x"), "zh")
