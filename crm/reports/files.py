"""Writing output files (PDF, xlsx, JSON) safely: one clear error line for a bad path, and
no half-written or temporary file left behind. No reportlab here, so `crm stats` stays light."""

from __future__ import annotations

import contextlib
from pathlib import Path

from crm.errors import CrmError

__all__ = ["check_targets", "check_writable", "write_file_atomically"]


def check_targets(*paths: str | Path | None) -> None:
    """Fail on an output path that cannot be written before any work is done (None: no file);
    a .pdf or .xlsx target must be named so (the kind of file is taken from the name)."""
    for target in paths:
        if target is not None:
            check_writable(Path(target))


#: What a file named so must be: a PDF written as report.docx opens nowhere.
_KINDS = {".pdf": "PDF", ".xlsx": "Excel (.xlsx)", ".json": "JSON"}


def check_writable(path: Path, *, suffixes: tuple[str, ...] = ()) -> None:
    """Refuse, with one clear line, before any work: a folder; a place whose folder does not
    exist (a typo in the path must not grow a tree of new folders); a name that does not end
    in one of `suffixes` (when given)."""
    if path.is_dir():
        raise CrmError(
            f"这是一个文件夹，不是文件：{path}（请给出文件名）",
            f"This is a folder, not a file: {path} (give a file name)",
            code="is_folder",
        )
    if not path.parent.is_dir():
        raise CrmError(
            f"无法写入 {path}：文件夹 {path.parent} 不存在",
            f"Cannot write {path}: the folder {path.parent} does not exist",
            code="cannot_write",
        )
    if suffixes and path.suffix.lower() not in suffixes:
        kinds = "、".join(_KINDS.get(s, s) for s in suffixes)
        kinds_en = ", ".join(_KINDS.get(s, s) for s in suffixes)
        raise CrmError(
            f"这里写出的是 {kinds} 文件，文件名应以 {'、'.join(suffixes)} 结尾：{path}",
            f"This writes a {kinds_en} file; its name should end in {', '.join(suffixes)}: {path}",
            code="wrong_suffix",
        )


def write_file_atomically(path: str | Path, data: bytes) -> None:
    """Write beside the target and rename, so a half-written file never replaces a good one.
    Any failure is one CrmError naming the path, and leaves no temporary file behind."""
    path = Path(path)
    check_writable(path)
    temporary = path.with_name(f".{path.name}.part")
    try:
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError as exc:
        _remove_quietly(temporary)
        reason = exc.strerror or type(exc).__name__
        raise CrmError(
            f"无法写入文件：{path}（{reason}）",
            f"Cannot write the file: {path} ({reason})",
            code="bad_output",
        ) from exc


def _remove_quietly(path: Path) -> None:
    # Nothing may have been written there, or the place refuses even the removal.
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
