"""The probe that retired ui/qtfixes.py: the pinned PySide6 keeps its references to None, True
and False across signals (PySide6 6.12.0 lost one per signal on Python 3.11 and aborted the
interpreter; the pin excludes it). Should a future PySide6 lose them again, this fails."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

SIGNALS = 2_000


class _Probe(QObject):
    fired = Signal(object)


def test_signals_from_python_and_from_cpp_keep_the_singletons(qapp: Any) -> None:
    probe = _Probe()
    probe.fired.connect(lambda _value: None)
    probe.objectNameChanged.connect(lambda _name: None)
    singletons = (None, True, False)
    before = [sys.getrefcount(obj) for obj in singletons]
    for index in range(SIGNALS):
        probe.fired.emit(None)  # a Python-side emit (lost a True per call on 6.12.0)
        probe.setObjectName(f"probe{index}")  # a C++ signal to a Python slot (lost a None)
    after = [sys.getrefcount(obj) for obj in singletons]
    lost = [b - a for b, a in zip(before, after, strict=True)]
    assert all(n < SIGNALS // 2 for n in lost), lost


def test_the_probe_sees_a_loss(qapp: Any) -> None:
    """The measure itself: references taken away show as a loss of that size."""
    before = sys.getrefcount(None)
    held = [None] * SIGNALS
    assert sys.getrefcount(None) - before >= SIGNALS
    del held
