"""The reference-count guard: many signals (from Python and from C++) cannot abort the process."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLineEdit

from ui import qtfixes


class _Emitter(QObject):
    fired = Signal(object)


def test_many_signals_leave_the_singletons_alive(qapp: Any) -> None:
    qtfixes.install()
    emitter = _Emitter()
    emitter.fired.connect(lambda _value: None)
    edit = QLineEdit()
    edit.textChanged.connect(lambda _text: None)
    for index in range(20_000):
        emitter.fired.emit(None)
        edit.setText(str(index))
    # Still alive and usable: the interpreter would have aborted otherwise on a buggy PySide6.
    assert sys.getrefcount(None) > 0 and sys.getrefcount(True) > 0
    if qtfixes._installed:
        assert sys.getrefcount(None) > qtfixes.HEADROOM // 2
