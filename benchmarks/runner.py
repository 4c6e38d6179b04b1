"""The benchmark runner: one cached demo database, every `benchmarks/bench_*.py`, one table.

Each module exposes `cases(ctx) -> list[Case]`. A case measures its own work and, in the same
run, a floor: the same work done the fastest possible way (raw SQL, raw sqlite3), so the
ratio stays meaningful on a slow or busy machine.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import shutil
import statistics
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from crm import migrate
from crm.db import Database, open_database, sqlite_url
from crm.demo import GENERATOR_VERSION, generate_demo

HERE = Path(__file__).resolve().parent
CACHE_DIR = HERE / ".cache"

Unit = Literal["ms", "rows/s"]


@dataclass
class Case:
    """One measurement. `run` (and `floor`) return the number of rows handled when unit is
    rows/s; for ms their result is ignored. `setup` runs untimed before every call of either.
    A case with `recorded` set is not run: the value (ms) was measured earlier, e.g. while
    building the cache."""

    name: str
    run: Callable[[], object] | None
    floor: Callable[[], object] | None = None
    unit: Unit = "ms"
    goal: str = ""
    repeat: int = 5
    setup: Callable[[], object] | None = None
    warmup: bool = True
    #: Whether a measurement meets the goal: (measured, floor or None) → bool.
    meets: Callable[[float, float | None], bool] | None = None
    recorded: float | None = None
    note: str = ""
    #: Time run and floor call by call, alternating, so that a busy machine's swings fall on
    #: both alike (for cases whose ratio is the point, e.g. "< 1.10× without").
    interleave: bool = False


@dataclass
class Result:
    case: Case
    measured: float | None = None
    floor: float | None = None
    error: str = ""

    @property
    def ratio(self) -> float | None:
        """How many times the floor's cost the measured work costs (1.0 = as fast as raw)."""
        if not self.measured or not self.floor:
            return None
        if self.case.unit == "rows/s":
            return self.floor / self.measured
        return self.measured / self.floor

    @property
    def ok(self) -> bool | None:
        if self.measured is None or self.case.meets is None:
            return None
        return self.case.meets(self.measured, self.floor)


@dataclass
class Context:
    """What cases get: the cached demo database (opened), where it is, and scratch space."""

    scale: str
    seed: int
    path: Path
    db: Database
    info: dict[str, Any]
    scratch: Path
    built_now: bool = False
    #: Called at the end of the run (cases register their own connections here).
    closers: list[Callable[[], object]] = field(default_factory=list)
    _template: Path | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return sqlite_url(self.path)

    @property
    def today(self) -> date:
        """The date the cached data was generated for."""
        return date.fromisoformat(self.info["today"])

    @property
    def build_seconds(self) -> float | None:
        return self.info.get("seconds")

    def scratch_database(self, name: str) -> Database:
        """A fresh, empty database (reference data only) in the scratch folder."""
        if self._template is None:
            self._template = self.scratch / "template.sqlite"
            template = open_database(self._template)
            with template.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            template.close()
        path = self.scratch / f"{name}.sqlite"
        shutil.copy(self._template, path)
        return open_database(path)

    def close(self) -> None:
        for close in reversed(self.closers):
            close()
        self.db.close()


# --- the cached database --------------------------------------------------------------


def cache_paths(scale: str, seed: int) -> tuple[Path, Path]:
    stem = CACHE_DIR / f"{scale}-{seed}"
    return stem.with_suffix(".sqlite"), stem.with_suffix(".json")


def _cache_is_current(path: Path, info_path: Path) -> dict[str, Any] | None:
    if not path.exists() or not info_path.exists():
        return None
    info = json.loads(info_path.read_text(encoding="utf-8"))
    current = (
        info.get("generator_version") == GENERATOR_VERSION
        and info.get("schema_revision") == migrate.head_revision()
    )
    return info if current else None


def build_cache(scale: str, seed: int, *, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Generate the demo database into a temporary file, then move it into place."""
    path, info_path = cache_paths(scale, seed)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.sqlite")
    _remove_sqlite(partial)
    log(f"building the {scale} demo database (seed {seed}) at {path} …")
    db = open_database(partial)
    today = date.today()
    try:
        summary = generate_demo(
            db, scale=scale, seed=seed, today=today, progress=_progress_line(log)
        )
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    print(file=sys.stderr)
    _remove_sqlite(path)
    partial.rename(path)
    _remove_sqlite(partial)
    info = {
        "scale": scale,
        "seed": seed,
        "today": today.isoformat(),
        "seconds": round(summary.seconds, 2),
        "records": summary.records,
        "change_log_rows": summary.change_log_rows,
        "counts": summary.counts,
        "generator_version": GENERATOR_VERSION,
        "schema_revision": migrate.head_revision(),
        "built_at": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    info_path.write_text(json.dumps(info, indent=2, ensure_ascii=False), encoding="utf-8")
    log(
        f"built in {summary.seconds:.1f} s: {summary.records:,} records "
        f"+ {summary.change_log_rows:,} change-log rows"
    )
    return info


def _progress_line(log: Callable[[str], None]) -> Callable[[int, int], None]:
    last = [-1]

    def show(done: int, total: int) -> None:
        percent = done * 100 // max(total, 1)
        if percent // 5 != last[0]:
            last[0] = percent // 5
            print(f"\r  {percent:3d}%", end="", file=sys.stderr, flush=True)

    return show


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def open_context(scale: str, seed: int, *, rebuild: bool = False) -> Context:
    path, info_path = cache_paths(scale, seed)
    info = None if rebuild else _cache_is_current(path, info_path)
    built_now = info is None
    if info is None:
        info = build_cache(scale, seed)
    scratch = Path(tempfile.mkdtemp(prefix="crm-bench-"))
    return Context(scale, seed, path, open_database(path), info, scratch, built_now)


# --- running cases --------------------------------------------------------------------


def discover() -> list[str]:
    """Module names benchmarks.bench_* in name order."""
    return sorted(
        f"benchmarks.{m.name}"
        for m in pkgutil.iter_modules([str(HERE)])
        if m.name.startswith("bench_")
    )


def measure(fn: Callable[[], object], case: Case) -> float:
    """Median over `case.repeat` calls: milliseconds, or rows per second."""
    if case.warmup:
        if case.setup:
            case.setup()
        fn()
    values = []
    for _ in range(max(1, case.repeat)):
        if case.setup:
            case.setup()
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
        if case.unit == "rows/s":
            values.append(float(result) / elapsed)  # type: ignore[arg-type]
        else:
            values.append(elapsed * 1000)
    return statistics.median(values)


def measure_interleaved(
    run: Callable[[], object], floor: Callable[[], object], case: Case
) -> tuple[float, float]:
    """Medians (ms) of run and floor timed alternately, each after its untimed setup."""
    times: tuple[list[float], list[float]] = ([], [])
    for index in range(max(1, case.repeat) + (1 if case.warmup else 0)):
        pair = ((0, run), (1, floor)) if index % 2 else ((1, floor), (0, run))
        for slot, fn in pair:
            if case.setup:
                case.setup()
            start = time.perf_counter()
            fn()
            if index or not case.warmup:
                times[slot].append((time.perf_counter() - start) * 1000)
    return statistics.median(times[0]), statistics.median(times[1])


def run_case(case: Case) -> Result:
    if case.recorded is not None or case.run is None:
        return Result(case, measured=case.recorded)
    try:
        if case.interleave and case.floor:
            measured, floor = measure_interleaved(case.run, case.floor, case)
            return Result(case, measured, floor)
        measured = measure(case.run, case)
        floor = measure(case.floor, case) if case.floor else None
        return Result(case, measured, floor)
    except Exception as exc:  # one failing case must not hide the others
        traceback.print_exc()
        return Result(case, error=f"{type(exc).__name__}: {exc}")


def collect(ctx: Context, only: str = "") -> list[Result]:
    """Run every case, or those of modules named like `only` (bench_core, core), or else the
    cases whose name contains `only` (demo.generate)."""
    modules = discover()
    by_module = [m for m in modules if only and only in m.rsplit(".", 1)[-1]]
    if by_module:
        modules, only = by_module, ""
    results: list[Result] = []
    for module_name in modules:
        try:
            module = importlib.import_module(module_name)
            cases = module.cases(ctx)
        except Exception as exc:
            traceback.print_exc()
            results.append(Result(Case(module_name, None), error=f"{type(exc).__name__}: {exc}"))
            continue
        for case in cases:
            if only and only not in case.name:
                continue
            print(f"  {case.name} …", file=sys.stderr, flush=True)
            results.append(run_case(case))
    return results


# --- the table ------------------------------------------------------------------------


def _value(value: float | None, unit: Unit) -> str:
    if value is None:
        return "—"
    if unit == "rows/s":
        return f"{value:,.0f} rows/s"
    return f"{value:,.1f} ms" if value < 100 else f"{value:,.0f} ms"


def format_table(results: list[Result]) -> str:
    header = ("case", "measured", "floor", "ratio", "goal", "ok")
    rows = [header]
    for r in results:
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "—"
        ok = {True: "yes", False: "NO", None: ""}[r.ok]
        measured = r.error or _value(r.measured, r.case.unit)
        if r.case.note:
            measured = f"{measured} ({r.case.note})"
        rows.append((r.case.name, measured, _value(r.floor, r.case.unit), ratio, r.case.goal, ok))
    widths = [max(_width(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
