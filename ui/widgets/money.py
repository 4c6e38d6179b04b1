"""Money on screen: 万元 stored, shown as 万元 or 亿元 by the user's choice; an exact editor."""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from crm.money import round_half_up, shown_places, typed_wan, wan_to_yi

UNIT_WAN = "wan"
UNIT_YI = "yi"


def format_amount(value: Decimal | None, unit: str = UNIT_WAN) -> str:
    """万元 value as display text in the chosen unit (亿元: 2 places, more for a small amount
    that is not zero; 万元: up to 2 places)."""
    if value is None:
        return ""
    value = Decimal(value)  # ints (a sum of nothing) format like any amount
    if unit == UNIT_YI:  # a small amount keeps the places that show it (1.5万元: 0.0002)
        yi = wan_to_yi(value)
        places = shown_places(yi, 2)
        return f"{round_half_up(yi, places):,.{places}f}"
    rounded = round_half_up(value, 2)
    return f"{rounded:,.2f}".rstrip("0").rstrip(".") if rounded % 1 else f"{rounded:,.0f}"


def amount_unit(settings: QSettings) -> str:
    return str(settings.value("display/amount_unit", UNIT_WAN))


class MoneyEdit(QLineEdit):
    """Exact decimal input in 万元; `value()` is a Decimal or None (empty or unreadable).

    A unit may be typed after the number as clerks write it (1.5亿, 3000万, 800000元): it is
    read by the importer's rule (crm.money.typed_wan) and the text becomes the
    万元 figure when editing ends, so 1.5亿 is 15000, never 1.5."""

    value_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: The unit of a bare number (and of the figure shown): 万元 unless set_unit says 亿元.
        self.unit = UNIT_WAN
        self.setValidator(QRegularExpressionValidator(_TYPED_AMOUNT, self))
        self.setPlaceholderText(self.tr("万元"))
        self.setToolTip(self.tr("金额以万元计；也可写 1.5亿、3000万 或 800000元"))
        self.textChanged.connect(lambda _t: self.value_changed.emit(self.value()))
        self.editingFinished.connect(self._show_in_wan)

    def set_unit(self, unit: str) -> None:
        """Read a bare number in `unit` (亿元 beside a table in 亿元); the amount kept is the
        same, shown in the new unit. The caller sets the placeholder that names the unit."""
        value = self.value()
        self.unit = unit
        if unit == UNIT_YI:
            self.setToolTip(self.tr("金额以亿元计；也可写 3000万 或 800000元"))
        else:
            self.setToolTip(self.tr("金额以万元计；也可写 1.5亿、3000万 或 800000元"))
        if value is not None:
            self.blockSignals(True)  # the same amount: no value_changed
            self.set_value(value)
            self.blockSignals(False)

    def value(self) -> Decimal | None:
        """The amount in 万元 (the stored unit), whatever unit it was typed in."""
        text = self.text().strip()
        if not text:
            return None
        if self.unit == UNIT_YI and not _UNIT.search(text):
            text += "亿"
        try:
            return typed_wan(text)
        except (ValueError, ArithmeticError):
            return None

    def set_value(self, value: Decimal | None) -> None:
        """Show a 万元 amount in this edit's unit."""
        if value is not None and self.unit == UNIT_YI:
            value = wan_to_yi(value)
        self.setText("" if value is None else format(value.normalize(), "f"))

    def _show_in_wan(self) -> None:
        """A unit typed after the number becomes the figure in this edit's unit."""
        if _UNIT.search(self.text()) and (value := self.value()) is not None:
            self.set_value(value)


#: Digits (with thousands separators), up to six decimals, then a unit word if any; the
#: validator accepts what can still become this as it is typed.
_TYPED_AMOUNT = r"^[\d,]{0,16}(\.\d{0,6})?\s*(亿元?|万元?|元)?$"
_UNIT = re.compile("[亿万元]")
