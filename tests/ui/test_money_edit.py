"""An amount field reads a unit typed after the number as the importer does: a clerk who
types 1.5亿 records 15000万元, never 1.5万元 (the 亿 was swallowed before)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from ui.widgets.money import MoneyEdit


def type_text(edit: MoneyEdit, text: str) -> None:
    """Key by key, as typed (QTest.keyClicks takes no Chinese characters): the validator
    sees each one."""
    for ch in text:
        QApplication.sendEvent(
            edit, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch)
        )


@pytest.mark.parametrize(
    ("typed", "wan", "shown"),
    [
        ("1.5亿", Decimal(15000), "15000"),
        ("1.5亿元", Decimal(15000), "15000"),
        ("3000万", Decimal(3000), "3000"),
        ("800000元", Decimal(80), "80"),
        ("12,000", Decimal(12000), "12,000"),  # no unit: left as typed
        ("2500.5", Decimal("2500.5"), "2500.5"),
    ],
)
def test_a_typed_unit_is_read_and_the_field_shows_wan(
    qtbot: Any, typed: str, wan: Decimal, shown: str
) -> None:
    edit = MoneyEdit()
    qtbot.addWidget(edit)
    type_text(edit, typed)
    assert edit.text() == typed and edit.value() == wan
    edit.editingFinished.emit()
    assert edit.text() == shown and edit.value() == wan


def test_what_is_not_an_amount_cannot_be_typed(qtbot: Any) -> None:
    edit = MoneyEdit()
    qtbot.addWidget(edit)
    type_text(edit, "1.5亿美元abc")
    assert edit.text() == "1.5亿元" and edit.value() == Decimal(15000)  # 美, a, b, c refused
    edit.clear()
    assert edit.value() is None


def test_a_small_amount_in_yi_is_not_shown_as_zero() -> None:
    from ui.widgets.money import UNIT_YI, format_amount

    assert format_amount(Decimal("1.5"), UNIT_YI) == "0.0002"  # 1.5万元, not 0.00
    assert format_amount(Decimal(30), UNIT_YI) == "0.003"
    assert format_amount(Decimal(12000), UNIT_YI) == "1.20"
    assert format_amount(Decimal(0), UNIT_YI) == "0.00"
