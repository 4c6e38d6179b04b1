"""Data safety at the cached scale: a checked backup, the check at open, the hostile-file
checks before an xlsx is read.

Floors (same run):
- backup: raw sqlite3 `Connection.backup` into a new file (no temp name, fsync, check);
- unchanged backup: the same raw copy (what was made every time before);
- check at open: none (time-boxed at 1.5 s; goal absolute);
- pre-read checks of a ledger xlsx: calamine reading the same file (both must inflate
  every sheet: a cell far away hides anywhere, so the checks cannot skip any).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from benchmarks.runner import Case, Context
from crm import backup
from crm.check import OPEN_CHECK_SECONDS, quick_check_at_open


def cases(ctx: Context) -> list[Case]:
    copy = ctx.scratch / "safety.sqlite"
    ledger = ctx.scratch / "safety-ledger.xlsx"
    raw = ctx.scratch / "raw-copy.sqlite"

    def prepare() -> None:
        if not copy.exists():
            with sqlite3.connect(ctx.path) as source, sqlite3.connect(copy) as dest:
                source.backup(dest)
        if not ledger.exists():
            from crm.ledger import export_ledger

            with ctx.db.read() as session:
                export_ledger(session, ledger)

    def fresh_backup() -> None:
        for item in backup.list_backups(copy):
            item.path.unlink()

    def raw_copy() -> None:
        raw.unlink(missing_ok=True)
        with sqlite3.connect(copy) as source, sqlite3.connect(raw) as dest:
            source.backup(dest)

    def pre_read_checks() -> None:
        import zipfile

        from crm.ledger import limits
        from crm.ledger.reader import _sheet_members

        with zipfile.ZipFile(ledger) as archive:
            limits.check_zip_parts(ledger, archive, limits.DEFAULT_LIMITS)
            limits.check_shared_strings(ledger, archive, limits.DEFAULT_LIMITS)
            for sheet, member in _sheet_members(archive).items():
                limits.check_sheet_grid(ledger, archive, member, sheet, limits.DEFAULT_LIMITS)

    def calamine_read() -> None:
        import python_calamine as calamine

        book = calamine.CalamineWorkbook.from_path(str(ledger))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python(skip_empty_area=False)

    prepare()
    return [
        Case("backup: checked copy (quick_check, fsync, rename)",
             lambda: backup.create_backup(copy, force=True), raw_copy, repeat=3,
             setup=fresh_backup, goal="≤ 3× raw copy",
             meets=lambda m, f: f is not None and m <= 3 * f),
        Case("backup: unchanged data (no copy)", lambda: backup.create_backup(copy), raw_copy,
             setup=lambda: backup.create_backup(copy), goal="< raw copy",
             meets=lambda m, f: f is not None and m < f),
        Case("open: time-boxed quick_check", lambda: quick_check_at_open(Path(copy)),
             goal=f"≤ {OPEN_CHECK_SECONDS * 1000:.0f} ms",
             meets=lambda m, f: m <= OPEN_CHECK_SECONDS * 1000 + 100),
        Case("import: size checks before reading the ledger xlsx", pre_read_checks,
             calamine_read, repeat=3, goal="≤ 1.5× reading it",
             meets=lambda m, f: f is not None and m <= 1.5 * f,
             note="both inflate every sheet; most of the checks' time is zlib"),
    ]  # fmt: skip
