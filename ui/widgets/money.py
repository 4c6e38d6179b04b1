"""Money on screen: 万元 stored, shown as 万元 or 亿元 by the user's choice; an exact editor."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from crm.money import round_half_up, wan_to_yi

UNIT_WAN = "wan"
UNIT_YI = "yi"


def format_amount(value: Decimal | None, unit: str = UNIT_WAN) -> str:
    """万元 value as display text in the chosen unit (亿元: 2 places; 万元: up to 2 places)."""
    if value is None:
        return ""
    value = Decimal(value)  # ints (a sum of nothing) format like any amount
    if unit == UNIT_YI:
        return f"{round_half_up(wan_to_yi(value), 2):,.2f}"
    rounded = round_half_up(value, 2)
    return f"{rounded:,.2f}".rstrip("0").rstrip(".") if rounded % 1 else f"{rounded:,.0f}"


def amount_unit(settings: QSettings) -> str:
    return str(settings.value("display/amount_unit", UNIT_WAN))


class MoneyEdit(QLineEdit):
    """Exact decimal input in 万元; `value()` is a Decimal or None (empty)."""

    value_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(QRegularExpressionValidator(r"^\d{0,12}(\.\d{0,6})?$", self))
        self.setPlaceholderText(self.tr("万元"))
        self.textChanged.connect(lambda _t: self.value_changed.emit(self.value()))

    def value(self) -> Decimal | None:
        text = self.text().replace(",", "").strip()
        if not text:
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            return None

    def set_value(self, value: Decimal | None) -> None:
        self.setText("" if value is None else format(value.normalize(), "f"))
