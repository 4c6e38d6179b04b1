"""Bounds checked before a ledger file is read, so that a hostile or broken file is refused
in one sentence instead of taking gigabytes or minutes.

The defaults are far above any real ledger (a 100k-project ledger with 80 columns is about
8 M cells, 150 MB of sheet XML, under 300 columns) and can be raised per import.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from crm.ledger.problems import LedgerError

MB = 1 << 20


@dataclass(frozen=True)
class ReadLimits:
    max_file_mb: int = 300
    #: Uncompressed size of one zip part, and of all parts together.
    max_part_mb: int = 1024
    max_total_mb: int = 2048
    #: Uncompressed / compressed size of a part over 1 MB (zip bombs compress 1000:1).
    max_ratio: int = 200
    max_shared_strings: int = 3_000_000
    #: Rows × columns of one sheet's grid (the reader builds the whole rectangle).
    max_cells: int = 40_000_000
    max_columns: int = 1_000
    #: Characters of one CSV field (Excel's own cell limit is 32,767).
    max_field_chars: int = 32_767


DEFAULT_LIMITS = ReadLimits()


def check_file_size(path: Path, limits: ReadLimits) -> None:
    size = path.stat().st_size
    if size > limits.max_file_mb * MB:
        raise LedgerError(
            "too_big", f"文件 {size // MB} MB > {limits.max_file_mb} MB", where=path.name
        )


def check_zip_parts(path: Path, archive: zipfile.ZipFile, limits: ReadLimits) -> None:
    """Declared part sizes (the zip reader refuses a part longer than declared)."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > limits.max_part_mb * MB:
            raise LedgerError(
                "too_big", f"{info.filename} {info.file_size // MB} MB", where=path.name
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MB and ratio > limits.max_ratio:
            raise LedgerError("too_big", f"{info.filename} 压缩比 {ratio:.0f}:1", where=path.name)
    if total > limits.max_total_mb * MB:
        raise LedgerError("too_big", f"解压后 {total // MB} MB", where=path.name)


_SST_COUNT = re.compile(rb'uniqueCount="(\d+)"')
_SI = re.compile(rb"<(?:\w+:)?si[\s>/]")


def check_shared_strings(path: Path, archive: zipfile.ZipFile, limits: ReadLimits) -> None:
    """The declared count, then the real one (counted in pieces, never held whole)."""
    try:
        stream = archive.open("xl/sharedStrings.xml")
    except KeyError:
        return
    with stream:
        head = stream.read(4096)
        declared = _SST_COUNT.search(head)
        if declared and int(declared.group(1)) > limits.max_shared_strings:
            raise LedgerError(
                "too_big", f"共享字符串 {int(declared.group(1)):,} 个", where=path.name
            )
        count, chunk, tail = 0, head, b""
        while chunk:
            count += len(_SI.findall(tail + chunk)) - len(_SI.findall(tail))
            if count > limits.max_shared_strings:
                raise LedgerError("too_big", f"共享字符串超过 {count:,} 个", where=path.name)
            tail = chunk[-16:]
            chunk = stream.read(MB)


_CELL_COLUMN = re.compile(rb'<(?:\w+:)?c\s[^>]*?r="([A-Z]{1,3})\d')
_ROW_NUMBER = re.compile(rb'<(?:\w+:)?row\s[^>]*?r="(\d{1,9})"')
_ROW_ELEMENT = re.compile(rb"<(?:\w+:)?row[\s>]")


def check_sheet_grid(
    path: Path, archive: zipfile.ZipFile, member: str, sheet: str, limits: ReadLimits
) -> None:
    """Rows × columns of the rectangle the reader will build, from the cell references."""
    max_row, max_col, rows_seen = 0, 0, 0
    columns: set[bytes] = set()
    with archive.open(member) as stream:
        tail = b""
        while chunk := stream.read(4 * MB):
            # A reference cut by the chunk boundary is found whole in the tail + next chunk.
            data = tail + chunk
            cut = data.rfind(b"<")
            body, tail = (
                (data[:cut], data[cut:]) if cut > 0 and len(data) - cut < 512 else (data, b"")
            )
            columns.update(_CELL_COLUMN.findall(body))
            numbers = _ROW_NUMBER.findall(body)
            if numbers:
                max_row = max(max_row, max(int(n) for n in numbers))
            rows_seen += len(_ROW_ELEMENT.findall(body))
    columns.update(_CELL_COLUMN.findall(tail))
    if columns:
        max_col = max(_column_number(c) for c in columns)
    height = max(max_row, rows_seen)
    if max_col > limits.max_columns:
        raise LedgerError("too_many_columns", f"“{sheet}” {max_col:,} > {limits.max_columns:,}",
                          where=path.name)  # fmt: skip
    if height * max(max_col, 1) > limits.max_cells:
        raise LedgerError("too_big", f"“{sheet}” {height:,} 行 × {max_col:,} 列", where=path.name)


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number
