"""Work around reference-count bugs of PySide6 6.12.0 on Python < 3.12.

Measured here: every Python-side `SignalInstance.emit()` drops one reference to `True`, and
every C++ signal delivered to a Python slot drops one reference to `None`. Python 3.12 made
these objects immortal, so there it is harmless; on 3.11 the count reaches zero after enough
signals and the interpreter aborts ("bool_dealloc" / "none_dealloc"), in a long session or at
exit of a test run.

The fix does what Python 3.12 does: it gives None, True and False a reference count so large
that no number of lost references can bring it to zero. It is applied only when a probe at
start-up shows the loss, so a fixed PySide6 needs no change here.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

#: Added to the reference counts: 2**40 lost references before any trouble.
HEADROOM = 1 << 40
_PROBES = 100
_installed = False


class _Probe(QObject):
    fired = Signal(object)


def references_lost() -> bool:
    """Emit from Python and from C++ (objectNameChanged) a hundred times: do None/True lose?"""
    probe = _Probe()
    probe.fired.connect(lambda _value: None)
    probe.objectNameChanged.connect(lambda _name: None)
    singletons = (None, True, False)
    before = [sys.getrefcount(obj) for obj in singletons]
    for index in range(_PROBES):
        probe.fired.emit(None)
        probe.setObjectName(f"probe{index}")
    after = [sys.getrefcount(obj) for obj in singletons]
    return any(b - a >= _PROBES // 2 for b, a in zip(before, after, strict=True))


def install() -> bool:
    """Make None, True and False effectively immortal when this PySide6 loses references."""
    global _installed
    if _installed:
        return True
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not references_lost():
        return False
    for obj in (None, True, False):
        # ob_refcnt is the first field of every CPython object (non-debug builds).
        ctypes.c_ssize_t.from_address(id(obj)).value += HEADROOM
    _installed = True
    return True
