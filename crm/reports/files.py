"""Writing output files (PDF, xlsx, JSON) safely: one clear error line for a bad path, and
no half-written or temporary file left behind. No reportlab here, so `crm stats` stays light."""

from __future__ import annotations

import contextlib
from pathlib import Path

from crm.errors import CrmError

__all__ = ["check_targets", "check_writable", "write_file_atomically"]


def check_targets(*paths: str | Path | None) -> None:
    """Fail on an output path that cannot be written before any work is done (None: no file)."""
    for target in paths:
        if target is not None:
            check_writable(Path(target))


def check_writable(path: Path) -> None:
    """Refuse, with one clear line, a target that is a folder."""
    if path.is_dir():
        raise CrmError(
            f"输出路径是文件夹，请给出文件名：{path}",
            f"The output path is a folder, give a file name: {path}",
            code="bad_output",
        )


def write_file_atomically(path: str | Path, data: bytes) -> None:
    """Write beside the target and rename, so a half-written file never replaces a good one.
    Any failure is one CrmError naming the path, and leaves no temporary file behind."""
    path = Path(path)
    check_writable(path)
    temporary = path.with_name(f".{path.name}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
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
