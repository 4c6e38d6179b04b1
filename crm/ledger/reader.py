"""Read a ledger file into plain rows: .xlsx / .xls / .ods with python-calamine, .csv by hand.

The encoding of a CSV is detected (UTF-8 with or without BOM, UTF-16 with BOM, else
GB18030, the superset of the GBK that Chinese Excel writes). Formula cells are read as their
cached values; cells whose formula was never calculated are listed so they can be reported.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree import ElementTree

import python_calamine as calamine

from crm.ledger import limits as bounds
from crm.ledger.export_stamp import ExportStamp, read_stamp
from crm.ledger.limits import DEFAULT_LIMITS, ReadLimits
from crm.ledger.problems import ImportCancelled, LedgerError
from crm.progress import Progress, ShouldCancel

Cell = Any  # str | float | int | bool | date | datetime | time | timedelta

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_NOT_TEXT_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"\x1f\x8b",
    b"Rar!",
    b"7z\xbc\xaf",
)


@dataclass
class RawSheet:
    """One sheet as read: rows of cells (0-based), merged ranges, uncalculated formula cells."""

    name: str
    rows: list[list[Cell]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    #: (row, column), 0-based, of formula cells that have no cached value.
    formulas_without_value: set[tuple[int, int]] = field(default_factory=set)


@dataclass
class Workbook:
    path: Path
    kind: str  # xlsx / xls / ods / csv
    sheets: list[RawSheet]
    encoding: str | None = None
    #: When the file was exported by this program (None: any other spreadsheet).
    stamp: ExportStamp | None = None

    def sheet(self, name: str) -> RawSheet:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise LedgerError("no_sheet", name)


def read_workbook(
    path: str | Path,
    *,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Workbook:
    """Every sheet of the file; raises LedgerError with a clear message for unusable files
    (and for files beyond `limits`, checked before the cells are read)."""
    path = Path(path)
    if path.is_dir():
        raise LedgerError("is_folder", path)
    if not path.is_file():
        raise LedgerError("no_file", path)
    with path.open("rb") as f:
        head = f.read(8)
    if path.stat().st_size == 0:
        raise LedgerError("empty_file", where=path.name)
    bounds.check_file_size(path, limits)
    if path.suffix.lower() in EXCEL_SUFFIXES and not head.startswith((OLE_MAGIC, ZIP_MAGIC)):
        # A text (or HTML) file renamed .xlsx: say so, rather than "no header found".
        raise LedgerError("not_excel", path.suffix.lower(), where=path.name)
    if head.startswith(OLE_MAGIC):
        _refuse_encrypted(path)
        book = _read_calamine(path, "xls", progress, should_cancel)
    elif head.startswith(ZIP_MAGIC):
        book = _read_zip(path, progress, should_cancel, limits)
    else:
        book = _read_csv(path, limits)
    if not any(any(_filled(c) for c in row) for s in book.sheets for row in s.rows):
        raise LedgerError("empty_file", where=path.name)
    return book


def _filled(cell: Cell) -> bool:
    return cell is not None and cell != ""


def _refuse_encrypted(path: Path) -> None:
    # Encrypted OOXML is an OLE container holding an "EncryptedPackage" stream.
    data = path.read_bytes()[: 4 << 20]
    if _ENCRYPTED in data:
        raise LedgerError("password", where=path.name)


def _read_zip(
    path: Path, progress: Progress | None, should_cancel: ShouldCancel | None, limits: ReadLimits
) -> Workbook:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            bounds.check_zip_parts(path, archive, limits)
            if "xl/workbook.xml" in names:
                bounds.check_shared_strings(path, archive, limits)
                for sheet, member in _sheet_members(archive).items():
                    if member in names:
                        bounds.check_sheet_grid(path, archive, member, sheet, limits)
    except (zipfile.BadZipFile, ElementTree.ParseError, OSError, EOFError) as exc:
        raise LedgerError("corrupt", _short(exc), where=path.name) from exc
    if "xl/workbook.xml" in names:
        book = _read_calamine(path, "xlsx", progress, should_cancel)
        _mark_formulas(path, book)
        book.stamp = read_stamp(path)
        return book
    if "content.xml" in names:
        return _read_calamine(path, "ods", progress, should_cancel)
    raise LedgerError("not_spreadsheet", where=path.name)


#: The format calamine reads a file as from its name.
_SUFFIX_KINDS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".ods": "ods"}


def _read_calamine(
    path: Path, kind: str, progress: Progress | None, should_cancel: ShouldCancel | None
) -> Workbook:
    try:
        if _SUFFIX_KINDS.get(path.suffix.lower()) == kind:
            book = calamine.CalamineWorkbook.from_path(str(path))
        else:  # named for another format (an .xlsx renamed .xls): calamine reads by content
            with path.open("rb") as handle:
                book = calamine.CalamineWorkbook.from_filelike(handle)
    except calamine.PasswordError as exc:
        raise LedgerError("password", where=path.name) from exc
    except Exception as exc:  # ZipError, XmlError, CalamineError: all mean "damaged"
        raise LedgerError("corrupt", _short(exc), where=path.name) from exc
    sheets = []
    try:
        names = [m.name for m in book.sheets_metadata if str(m.typ).endswith("WorkSheet")]
        for index, name in enumerate(names):
            if should_cancel and should_cancel():
                raise ImportCancelled
            if progress:
                progress(index, len(names), name)
            sheet = book.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            merged = list(sheet.merged_cell_ranges or [])
            sheets.append(RawSheet(name, rows, merged))
    except (ImportCancelled, LedgerError):
        raise
    except calamine.PasswordError as exc:
        raise LedgerError("password", where=path.name) from exc
    except Exception as exc:
        raise LedgerError("corrupt", _short(exc), where=path.name) from exc
    finally:
        book.close()
    return Workbook(path, kind, sheets)


def _short(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) < 200 else text[:199] + "…"


# --- formulas without cached values -------------------------------------------------------

_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]+</(?:\w+:)?v>|<(?:\w+:)?is>")
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _mark_formulas(path: Path, book: Workbook) -> None:
    """calamine gives a formula's cached value, or an empty cell when there is none: find those."""
    try:
        with zipfile.ZipFile(path) as archive:
            for sheet_name, member in _sheet_members(archive).items():
                if not _may_have_formulas(archive, member):
                    continue  # no formula at all: the common case, one pass without a regex
                data = archive.read(member)
                target = next((s for s in book.sheets if s.name == sheet_name), None)
                if target is not None:
                    target.formulas_without_value = _uncalculated(data)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return  # calamine read it; a missing marker only costs a less precise message


def _sheet_members(archive: zipfile.ZipFile) -> dict[str, str]:
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    members = {}
    for sheet in book.iter():
        if sheet.tag.endswith("}sheet") and sheet.get(_NS_REL) in targets:
            target = targets[sheet.get(_NS_REL)]
            path = (
                target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl", target))
            )
            members[sheet.get("name", "")] = path
    return members


_SCAN_CHUNK = 1 << 20


def _may_have_formulas(archive: zipfile.ZipFile, member: str) -> bool:
    """Whether the sheet's XML has a formula element, read in pieces: a 100k-row sheet is
    over 100 MB of XML, which need not sit in memory next to the rows just read."""
    with archive.open(member) as stream:
        chunk = stream.read(_SCAN_CHUNK)
        needle = b"<" + _prefix(chunk) + b"f"
        overlap, tail = len(needle) - 1, b""
        while chunk:
            # A needle cut in two by the chunk boundary is found in tail + the chunk's start.
            if chunk.find(needle) >= 0 or (tail + chunk[:overlap]).find(needle) >= 0:
                return True
            tail = chunk[-overlap:]
            chunk = stream.read(_SCAN_CHUNK)
    return False


def _prefix(data: bytes) -> bytes:
    """The namespace prefix of the sheet's elements (“x:” in <x:worksheet>), usually none."""
    match = re.search(rb"<(\w+:)?worksheet[\s>]", data[:4096])
    return match.group(1) or b"" if match else b""


def _uncalculated(data: bytes) -> set[tuple[int, int]]:
    found = set()
    for match in _FORMULA.finditer(data):
        start = data.rfind(b"<c ", 0, match.start())
        end = data.find(b"</c>", match.end())
        if start < 0 or end < 0:
            continue
        cell = data[start:end]
        if _VALUE.search(cell):
            continue
        ref = _CELL_REF.search(cell)
        if ref:
            found.add((int(ref.group(2)) - 1, _column_index(ref.group(1).decode())))
    return found


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def column_letter(index: int) -> str:
    """0 → A, 27 → AB."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --- CSV --------------------------------------------------------------------------------------


def _read_csv(path: Path, limits: ReadLimits) -> Workbook:
    data = path.read_bytes()
    if any(data.startswith(m) for m in _NOT_TEXT_MAGIC):
        raise LedgerError("not_spreadsheet", where=path.name)
    text, encoding = decode_text(data)
    if text is None:
        raise LedgerError("not_spreadsheet", where=path.name)
    if not text.strip():
        raise LedgerError("empty_file", where=path.name)
    rows = _csv_rows(path, text, limits)
    return Workbook(path, "csv", [RawSheet(path.stem, rows)], encoding=encoding)


#: Control characters (NUL …) that no ledger text holds; tab and line breaks are allowed.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _csv_rows(path: Path, text: str, limits: ReadLimits) -> list[list[str]]:
    """Rows of a CSV; every broken line is named: a quote never closed (which would swallow
    the rows after it into one cell), a field beyond the limit, control characters."""
    dialect = _dialect(text)
    reader = csv.reader(io.StringIO(text, newline=""), dialect=dialect, strict=True)
    rows: list[list[str]] = []
    line = 1
    try:
        for row in reader:
            if len(row) > limits.max_columns:
                raise LedgerError(
                    "too_many_columns", f"第{line}行 {len(row):,} > {limits.max_columns:,}",
                    where=path.name,
                )  # fmt: skip
            for cell in row:
                _check_csv_cell(path, cell, line, dialect.delimiter, limits)
            rows.append(row)
            line = reader.line_num + 1
    except csv.Error as exc:
        reason = str(exc)
        if "unexpected end of data" in reason:  # a quote opened and never closed
            raise LedgerError("csv_quote", line, where=path.name) from exc
        if "field limit" in reason:  # the csv module's own limit (131,072), past ours
            raise LedgerError("csv_field", f"第{line}行：超过 131,072", where=path.name) from exc
        raise LedgerError("csv_broken", f"第{line}行（{reason}）", where=path.name) from exc
    return rows


def _check_csv_cell(path: Path, cell: str, line: int, delimiter: str, limits: ReadLimits) -> None:
    if len(cell) > limits.max_field_chars:
        raise LedgerError(
            "csv_field", f"第{line}行：{len(cell):,} > {limits.max_field_chars:,}", where=path.name
        )
    if "\n" in cell and any(part.count(delimiter) >= 2 for part in cell.split("\n")):
        # A quote opened and closed rows later: whole lines ended up in one cell.
        raise LedgerError("csv_quote", line, where=path.name)
    if CONTROL_CHARS.search(cell):
        raise LedgerError("control_char", f"第{line}行", where=path.name)


#: How many NUL bytes a text file may hold before it is taken for binary data.
_STRAY_NULS = 8


def decode_text(data: bytes) -> tuple[str | None, str]:
    """Text of a CSV and the encoding found; (None, "") for binary data."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:  # odd length: the file was cut off
            raise LedgerError("utf16_broken", exc.start) from exc
    # Binary data is full of NUL bytes; a text file with a stray one or two (pasted from a
    # system's export) is read, and the line holding it refused by name (CONTROL_CHARS).
    if data[:65536].count(b"\x00") > _STRAY_NULS:
        return None, ""
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None, ""


def _dialect(text: str) -> type[csv.Dialect]:
    """Comma, tab or semicolon: whichever the first lines use most (title rows have none)."""
    lines = text[:65536].splitlines()[:30]
    counts = {d: sum(line.count(d) for line in lines) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])

    class Dialect(csv.excel):
        delimiter = best if counts[best] else ","

    return Dialect
