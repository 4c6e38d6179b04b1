"""What kind of value a logged field holds (an amount in 万元, a flag, a code), in one place
for the window (ui.field_labels) and the command line, and a logged value as a message or
the command line writes it: 24000万元, 是, 签约, 2026-12-04 18:38 (not '24000', 'True',
'signed' or a time to the microsecond)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from crm.codes import AgreementType, Coded, FundsSource, ProblemCategory, SourceClass, Stage
from crm.money import wan_text, wan_text_en

#: Fields holding an amount in 万元.
MONEY_FIELDS = frozenset(
    {
        "planned_investment",
        "foreign_investment",
        "expected_annual_output",
        "amount",
        "fixed_asset_amount",
    }
)
BOOLEAN_FIELDS = frozenset({"is_major", "not_applicable", "confidential"})
#: Fields holding a code of crm.codes, shown by its label.
CODED_FIELDS: dict[str, type[Coded]] = {
    "stage": Stage,
    "agreement_type": AgreementType,
    "source": FundsSource,
    "source_class": SourceClass,
    "category": ProblemCategory,  # a problem's, a request's
}
_YES_NO = {"zh": ("是", "否"), "en": ("yes", "no")}


def is_true(value: str) -> bool:
    """A logged flag (stored as 1/true)."""
    return value in ("1", "true", "True")


def shown_value(field: str, value: str | None, language: str = "zh") -> str:
    """A logged value of `field` as a message writes it ('' for none)."""
    if value is None or value == "":
        return ""
    if field in MONEY_FIELDS:
        try:
            amount = Decimal(value)
        except InvalidOperation:
            return value
        return wan_text(amount) if language == "zh" else wan_text_en(amount)
    if field in BOOLEAN_FIELDS:
        yes, no = _YES_NO["en" if language == "en" else "zh"]
        return yes if is_true(value) else no
    if field in CODED_FIELDS:
        try:
            return CODED_FIELDS[field](value).label(language)
        except ValueError:
            return value
    if field.endswith("_at"):
        return shown_time(value)
    return value


def shown_time(value: str) -> str:
    """A logged timestamp (a field ending in _at) to the minute; text that is none as it is."""
    try:
        return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return value
