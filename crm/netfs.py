"""Detect database paths on network shares, where SQLite's locking is unsafe."""

from __future__ import annotations

import sys
from pathlib import Path

NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs", "nfs4", "cifs", "smbfs", "smb3", "sshfs", "fuse.sshfs", "afs", "9p",
        "glusterfs", "fuse.glusterfs", "ceph", "fuse.ceph", "davfs", "fuse.davfs2",
        "fuse.rclone", "lustre", "ncpfs",
    }
)  # fmt: skip


def is_network_path(path: Path, mounts_file: Path = Path("/proc/mounts")) -> bool:
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":
        return _windows_drive_is_remote(path)
    return _mount_type(path.resolve(), mounts_file) in NETWORK_FILESYSTEMS


def _mount_type(path: Path, mounts_file: Path) -> str:
    try:
        lines = mounts_file.read_text().splitlines()
    except OSError:
        return ""
    best, best_type = "", ""
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        inside = str(path) == mount_point or str(path).startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) > len(best):
            best, best_type = mount_point, parts[2]
    return best_type


def _windows_drive_is_remote(path: Path) -> bool:  # pragma: no cover - Windows only
    import ctypes

    drive = path.resolve().drive + "\\"
    drive_remote = 4
    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive) == drive_remote)  # type: ignore[attr-defined]
