"""Desktop-client benchmarks: start-up, first paint, search-as-you-type, filter, sort, scroll,
detail panel. Each case has a floor: the same data fetched the fastest way (raw SQL).

Used by the benchmark runner through `cases(ctx)`; also runnable alone:

    python -m benchmarks.bench_ui DB_PATH [--repeat N]
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]

try:  # the shared runner's case type, when it exists
    from benchmarks.runner import Case  # type: ignore[attr-defined]
except Exception:  # standalone use

    @dataclass
    class Case:  # type: ignore[no-redef]
        name: str
        run: Callable[[], Any]
        floor: Callable[[], Any] | None = None
        #: Called before each timed run, untimed.
        setup: Callable[[], Any] | None = None


COLD_START = """
import time, sys
t0 = time.perf_counter()
from ui.app import make_app
app = make_app([sys.argv[0]])
from crm.db import open_database
from ui.main_window import MainWindow
db = open_database(sys.argv[1])
w = MainWindow(db, start_screen="projects")
w.resize(1280, 800)
w.show()
screen = w.screen("projects")
screen.table.viewport().repaint()
app.processEvents()
print(time.perf_counter() - t0)
heavy = [m for m in ("pandas", "reportlab", "openpyxl") if m in sys.modules]
print(",".join(heavy))
"""


def _database(ctx: Any) -> Any:
    return getattr(ctx, "db", None) or getattr(ctx, "database", None) or ctx


class UiBench:
    """One window on the benchmark database, reused by the cases."""

    def __init__(self, db: Any) -> None:
        # Window settings go to a scratch folder, never the user's own.
        os.environ.setdefault("CRM_HOME", tempfile.mkdtemp(prefix="crm-bench-ui-"))
        from ui.app import make_app

        self.app = make_app([sys.argv[0]], language="zh")
        from ui.main_window import MainWindow

        self.db = db
        self.window = MainWindow(db, start_screen="projects")
        self.window.resize(1280, 800)
        self.window.show()
        from PySide6.QtCore import QThreadPool

        while not self.window.search_index_ready():  # the index is warmed before measuring
            QThreadPool.globalInstance().waitForDone(50)
            self.app.processEvents()
        self.screen = self.window.screen("projects")
        self.table = self.screen.table
        self.app.processEvents()
        self._rng = random.Random(7)
        self._texts = ["xinneng", "zgsh", "guangfu", "shenzhen", "gfzj", "新材料", "nanning"]
        self._short = ["新", "新能", "光伏", "电"]
        self._n = 0

    def close(self) -> None:
        self.idle()
        self.window.hide()
        self.window.deleteLater()
        self.app.processEvents()

    def paint(self) -> None:
        self.table.viewport().repaint()

    def idle(self) -> None:
        """Let the previous operation's background id load finish (not part of a measurement)."""
        from PySide6.QtCore import QThreadPool

        from ui import ops

        model = self.screen.model
        while True:
            QThreadPool.globalInstance().waitForDone()
            self.app.processEvents()
            idle = QThreadPool.globalInstance().activeThreadCount() == 0 and ops.idle()
            if model.complete and idle:
                break
            time.sleep(0.005)  # the rest-of-ids timer has not fired yet

    def _next(self, items: list[str]) -> str:
        self._n += 1
        return items[self._n % len(items)]

    # -- measured --------------------------------------------------------------------------------
    def warm_start(self) -> None:
        from PySide6.QtCore import QThreadPool

        from ui.main_window import MainWindow

        window = MainWindow(self.db, start_screen="projects")
        window.resize(1280, 800)
        window.show()
        window.screen("projects").table.viewport().repaint()
        QThreadPool.globalInstance().waitForDone()
        self.app.processEvents()
        window.hide()
        window.deleteLater()

    def first_paint(self) -> None:
        self.screen.model.reload()  # first screenful now, the rest from a worker
        self.paint()

    def search(self, text: str) -> None:
        self.screen.filter_bar.search.setText(text)
        self.screen.filter_bar.search.flush()  # what the debounce timer does: reloads the model
        self.paint()

    def search_long(self) -> None:
        self.search(self._next(self._texts))

    def search_short(self) -> None:
        self.search(self._next(self._short))

    def clear_search(self) -> None:
        self.screen.filter_bar.search.setText("")
        self.screen.filter_bar.search.flush()

    def filter_change(self) -> None:
        stages = [["signed"], ["started", "operating"], ["negotiating"], []]
        self.screen.filter_bar.stages.set_values(self._next_list(stages))  # reloads the model
        self.paint()

    def _next_list(self, items: list[list[str]]) -> list[str]:
        self._n += 1
        return items[self._n % len(items)]

    def sort_indexed(self) -> None:
        keys = [("signed_on", True), ("team", False), ("updated_at", False), ("signed_on", False)]
        self._n += 1
        key, descending = keys[self._n % len(keys)]
        self.screen.model.set_sort(key, descending)
        self.paint()

    def sort_by_name(self) -> None:
        """Names in pinyin order (stored sort keys joined in SQL), projects and investors."""
        keys = [("name", False), ("company", False), ("name", True), ("team", False)]
        self._n += 1
        key, descending = keys[self._n % len(keys)]
        self.screen.model.set_sort(key, descending)
        self.paint()

    def scroll_jump(self) -> None:
        rows = self.screen.model.rowCount()
        if rows:
            row = self._rng.randrange(rows)
            self.table.scrollTo(self.screen.model.index(row, 0))
        self.paint()

    def open_detail(self) -> None:
        """Until the panel shows the project (its read runs on a worker)."""
        rows = self.screen.model.rowCount()
        if rows:
            self.screen.show_detail(self.screen.model.id_at(self._rng.randrange(rows)))
            self._land()

    def _land(self) -> None:
        """Process events until every read and write the window started has delivered."""
        from ui import ops

        while not ops.idle():
            self.app.processEvents()
            time.sleep(0.0005)

    # -- floors (raw SQL doing the same fetch) ----------------------------------------------------
    def floor_first_page(self) -> None:
        with self.db.engine.connect() as conn:
            conn.exec_driver_sql(
                "SELECT id FROM project WHERE deleted_at IS NULL ORDER BY updated_at DESC LIMIT 300"
            ).fetchall()

    def floor_sorted_page(self) -> None:
        with self.db.engine.connect() as conn:
            conn.exec_driver_sql(
                "SELECT id FROM project WHERE deleted_at IS NULL ORDER BY signed_on DESC LIMIT 300"
            ).fetchall()

    def floor_name_page(self) -> None:
        """A first page by name in code-point order: what a plain column sort costs."""
        with self.db.engine.connect() as conn:
            conn.exec_driver_sql(
                "SELECT id FROM project WHERE deleted_at IS NULL ORDER BY name LIMIT 300"
            ).fetchall()

    def floor_short(self) -> None:
        text = self._short[self._n % len(self._short)]
        with self.db.engine.connect() as conn:
            conn.exec_driver_sql(
                "SELECT id FROM project WHERE name LIKE ? LIMIT 300", (f"%{text}%",)
            ).fetchall()

    def floor_search(self) -> None:
        text = self._texts[self._n % len(self._texts)]
        with self.db.engine.connect() as conn:
            conn.exec_driver_sql(
                "SELECT record_id FROM search_entry WHERE haystack LIKE ?", (f"%{text}%",)
            ).fetchall()

    def floor_page_by_ids(self) -> None:
        """What a scroll jump must read at least: one page (100 rows) of the list by id."""
        model = self.screen.model
        rows = model.rowCount()
        if not rows:
            return
        start = (self._rng.randrange(rows) // 100) * 100
        ids = model.ids[start : start + 100]
        marks = ",".join("?" * len(ids))
        with self.db.engine.connect() as conn:
            conn.exec_driver_sql(
                f"SELECT * FROM project WHERE id IN ({marks})", tuple(ids)
            ).fetchall()

    def floor_detail(self) -> None:
        with self.db.engine.connect() as conn:
            conn.exec_driver_sql("SELECT * FROM project LIMIT 1 OFFSET 500").fetchall()


def cold_start_seconds(db_path: str) -> tuple[float, str]:
    home = tempfile.mkdtemp(prefix="crm-bench-cold-")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CRM_HOME": home}
    out = subprocess.run(
        [sys.executable, "-c", COLD_START, db_path],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    return float(out[0]), out[1] if len(out) > 1 else ""


def _under(limit_ms: float) -> Callable[[float, float | None], bool]:
    return lambda measured, _floor: measured < limit_ms


#: (name, method, floor method, goal text, limit in ms)
PLAN: tuple[tuple[str, str, str | None, str, float], ...] = (
    ("ui.warm_start_window_painted", "warm_start", "floor_first_page", "< 400 ms warm", 400),
    ("ui.list_first_paint", "first_paint", "floor_first_page", "< 100 ms", 100),
    ("ui.search_keystroke_3plus_chars", "search_long", "floor_search", "< 30 ms median", 30),
    ("ui.search_keystroke_1_2_chinese", "search_short", "floor_short", "< 50 ms median", 50),
    ("ui.filter_change", "filter_change", "floor_first_page", "< 100 ms", 100),
    ("ui.sort_indexed_column", "sort_indexed", "floor_sorted_page", "< 200 ms", 200),
    ("ui.sort_by_name_pinyin", "sort_by_name", "floor_name_page", "< 200 ms", 200),
    ("ui.scroll_jump_repaint", "scroll_jump", "floor_page_by_ids", "< 16 ms median", 16),
    ("ui.open_detail_panel", "open_detail", "floor_detail", "< 100 ms", 100),
)


def cases(ctx: Any) -> list[Case]:
    db = _database(ctx)
    path = getattr(ctx, "path", None) or getattr(db, "path", None)
    bench = UiBench(db)
    closers = getattr(ctx, "closers", None)
    if closers is not None:
        closers.append(bench.close)
    made = [
        _case(name, getattr(bench, run), floor and getattr(bench, floor), goal, limit, bench)
        for name, run, floor, goal, limit in PLAN
    ]
    if path is not None:
        made.insert(0, _cold_case(str(path)))
    return made


def _case(
    name: str,
    run: Callable[[], Any],
    floor: Callable[[], Any] | None,
    goal: str,
    limit: float,
    bench: UiBench,
) -> Any:
    try:  # the shared runner's Case: untimed setup before every call, a goal, a verdict
        return Case(name, run, floor, goal=goal, repeat=15, setup=bench.idle, meets=_under(limit))  # type: ignore[call-arg]
    except TypeError:
        return Case(name, run, floor, setup=bench.idle)


def _cold_case(path: str) -> Any:
    """A fresh interpreter: import, open the database, show the window, paint the table
    (timed inside the child, so interpreter start-up to painted table, median of 3)."""
    runs = [cold_start_seconds(path) for _ in range(3)]
    heavy = {name for _seconds, found in runs for name in found.split(",") if name}
    median_ms = statistics.median(seconds for seconds, _found in runs) * 1000
    note = f"heavy modules at start: {', '.join(sorted(heavy))}" if heavy else ""
    try:
        return Case(  # type: ignore[call-arg]
            "ui.cold_start_window_painted",
            None,
            goal="< 2 s cold",
            recorded=median_ms,
            note=note,
            meets=lambda measured, _floor: measured < 2000 and not heavy,
        )
    except TypeError:
        return Case("ui.cold_start_window_painted", lambda: median_ms, None)


def _median_ms(fn: Callable[[], Any], repeat: int, setup: Callable[[], Any] | None = None) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="UI benchmarks on an existing database")
    parser.add_argument("db")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    seconds, heavy = cold_start_seconds(args.db)
    heavy_text = heavy or "none"
    print(f"ui.cold_start_window_painted: {seconds * 1000:.0f} ms (heavy modules: {heavy_text})")
    from crm.db import open_database

    db = open_database(args.db)
    for case in cases(db)[1:] if db.path else cases(db):
        measured = _median_ms(case.run, args.repeat, getattr(case, "setup", None))
        floor = _median_ms(case.floor, args.repeat) if case.floor else float("nan")
        print(f"{case.name}: median {measured:.1f} ms (floor {floor:.1f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
