"""Ledger import and export at the scale of the cached demo database.

- read: our reader on the projects workbook vs python-calamine reading it directly (≤ 1.5×).
- import end to end: read → plan → apply into an empty database (goal < 10 s for 100k rows).
- import writes: apply_plan vs raw sqlite3 executemany of exactly the rows it wrote (≤ 4×).
- import peak memory: the end-to-end import in a child process (goal < 500 MB).
- export: the whole ledger vs raw sqlite3 reads + plain openpyxl write-only rows.
The projects workbook is made with the export of the cached demo database.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import python_calamine
from openpyxl import Workbook as OpenpyxlWorkbook

from benchmarks.runner import Case, Context
from crm.db import Database
from crm.ledger import ImportOptions, apply_plan, build_plan, export_ledger, read_workbook

WRITTEN_TABLES = (
    "industry_chain",
    "park",
    "team",
    "company",
    "company_tag",
    "project",
    "stage_event",
    "funds_entry",
    "change_log",
)
READ_RATIO_GOAL, INSERT_RATIO_GOAL, IMPORT_SECONDS_GOAL, MEMORY_MB_GOAL = 1.5, 4.0, 10.0, 500


class LedgerBench:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.workbook = ctx.scratch / "projects.xlsx"
        with ctx.db.session() as s:
            self.rows = export_ledger(s, self.workbook, sheets=("projects",)).counts["projects"]
        self.db: Database | None = None
        self.plan: Any = None
        self.n = 0
        self.applied = False
        self.captured: dict[str, tuple[list[Any], int]] = {}

    # --- read ---------------------------------------------------------------------------

    def read(self) -> None:
        read_workbook(self.workbook)

    def read_floor(self) -> None:
        book = python_calamine.CalamineWorkbook.from_path(str(self.workbook))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python(skip_empty_area=False)

    # --- import -----------------------------------------------------------------------------

    def _fresh(self) -> Database:
        if self.db is not None:
            self.db.close()
        self.n += 1
        self.db = self.ctx.scratch_database(f"import-{self.n}")
        self.ctx.closers.append(self.db.close)
        return self.db

    def _options(self) -> ImportOptions:
        # The workbook comes from the cached database: into a new one, its 系统编号 are unknown.
        return ImportOptions(today=self.ctx.today, create_missing=True, ignore_unknown_ids=True)

    def end_to_end(self) -> None:
        db = self._fresh()
        apply_plan(db, build_plan(db, self.workbook, self._options()))

    def prepare(self) -> None:
        """Untimed, before each write measurement: keep what the last import wrote (the
        floor inserts exactly those rows), then plan again into a fresh database."""
        if self.applied and self.db is not None and self.db.path is not None:
            source = sqlite3.connect(self.db.path)
            self.captured = {
                t: (
                    source.execute(f"SELECT * FROM {t}").fetchall(),
                    len(source.execute(f"PRAGMA table_info({t})").fetchall()),
                )
                for t in WRITTEN_TABLES
            }
            source.close()
            self.applied = False
        db = self._fresh()
        self.plan = build_plan(db, self.workbook, self._options())

    def apply_only(self) -> None:
        assert self.db is not None
        apply_plan(self.db, self.plan)
        self.applied = True

    def apply_floor(self) -> None:
        """Raw sqlite3 executemany of the rows the import wrote, into the same empty schema."""
        assert self.db is not None and self.db.path is not None
        path = self.db.path
        self.db.close()
        self.db = None
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("BEGIN")
        for table, (rows, width) in self.captured.items():
            conn.executemany(
                f"INSERT OR IGNORE INTO {table} VALUES ({','.join('?' * width)})", rows
            )
        conn.execute("COMMIT")
        conn.close()

    def peak_memory(self) -> tuple[float, float]:
        """(seconds, peak MB) of one end-to-end import in a fresh interpreter."""
        db = self._fresh()
        path = db.path
        db.close()
        self.db = None
        script = (
            "import json, resource, sys, time\n"
            "from datetime import date\n"
            "from crm.db import open_database\n"
            "from crm.ledger import ImportOptions, apply_plan, build_plan\n"
            "db = open_database(sys.argv[1]); start = time.perf_counter()\n"
            "options = ImportOptions(today=date.fromisoformat(sys.argv[3]), create_missing=True,"
            " ignore_unknown_ids=True)\n"
            "apply_plan(db, build_plan(db, sys.argv[2], options))\n"
            "seconds = time.perf_counter() - start\n"
            # VmHWM is this process's own peak; ru_maxrss also counts the parent's memory
            # (Linux carries the forking process's peak across exec), so use it only as a fallback.
            "try:\n"
            "    status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
            "    peak = int(status.split()[0]) / 1024\n"
            "except (OSError, IndexError, ValueError):\n"
            "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
            "print(json.dumps([seconds, peak]))\n"
        )
        out = subprocess.run(
            [
                sys.executable,
                "-c",
                script,
                str(path),
                str(self.workbook),
                self.ctx.today.isoformat(),
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parents[1],
        )
        seconds, megabytes = json.loads(out.stdout.strip().splitlines()[-1])
        return seconds, megabytes

    # --- export -------------------------------------------------------------------------------

    def export(self) -> None:
        with self.ctx.db.session() as s:
            export_ledger(s, self.ctx.scratch / "ledger.xlsx")

    def export_floor(self) -> None:
        conn = sqlite3.connect(self.ctx.path)
        book = OpenpyxlWorkbook(write_only=True)
        for table in ("project", "company", "funds_entry", "team", "activity", "problem"):
            sheet = book.create_sheet(table)
            for row in conn.execute(f"SELECT * FROM {table} WHERE deleted_at IS NULL"):
                sheet.append(row)
        conn.close()
        book.save(self.ctx.scratch / "floor.xlsx")


def cases(ctx: Context) -> list[Case]:
    bench = LedgerBench(ctx)
    k = f"{bench.rows // 1000}k" if bench.rows >= 1000 else str(bench.rows)
    seconds, megabytes = bench.peak_memory()
    return [
        Case(
            f"ledger.read projects workbook {k} rows",
            bench.read,
            bench.read_floor,
            goal=f"≤ {READ_RATIO_GOAL}× calamine",
            repeat=3,
            meets=lambda m, f: f is not None and m <= READ_RATIO_GOAL * f,
        ),
        Case(
            f"ledger.import {k} projects end to end",
            bench.end_to_end,
            None,
            goal=f"< {IMPORT_SECONDS_GOAL:.0f} s",
            repeat=1,
            warmup=False,
            meets=lambda m, _f: m < IMPORT_SECONDS_GOAL * 1000,
        ),
        Case(
            f"ledger.import {k} writes (apply) vs raw executemany",
            bench.apply_only,
            bench.apply_floor,
            goal=f"≤ {INSERT_RATIO_GOAL:.0f}× floor",
            repeat=1,
            setup=bench.prepare,
            warmup=False,
            meets=lambda m, f: f is not None and m <= INSERT_RATIO_GOAL * f,
        ),
        Case(
            f"ledger.import {k} peak memory",
            None,
            recorded=seconds * 1000,
            goal=f"< {MEMORY_MB_GOAL} MB",
            note=f"peak {megabytes:.0f} MB",
            meets=lambda _m, _f: megabytes < MEMORY_MB_GOAL,
        ),
        Case(
            f"ledger.export whole demo ledger ({ctx.scale})",
            bench.export,
            bench.export_floor,
            goal="—",
            repeat=1,
            warmup=False,
        ),
    ]
