"""Errors the core raises. Each carries a stable code and both interface languages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


class CrmError(Exception):
    """Base of every error meant for a user; `str()` gives Chinese then English."""

    code: str = "error"

    def __init__(self, message_zh: str, message_en: str, *, code: str | None = None) -> None:
        self.message_zh = message_zh
        self.message_en = message_en
        if code:
            self.code = code
        super().__init__(f"{message_zh} / {message_en}")

    def message(self, language: str = "zh") -> str:
        return self.message_en if language.startswith("en") else self.message_zh


class ValidationError(CrmError):
    """Bad input for one field: which field, which value, what is wrong."""

    code = "invalid"

    def __init__(
        self,
        field: str,
        value: Any,
        message_zh: str,
        message_en: str,
        *,
        code: str | None = None,
    ) -> None:
        self.field = field
        self.value = value
        super().__init__(message_zh, message_en, code=code)


def not_before(
    field: str,
    day: date | None,
    earlier: date | None,
    what: tuple[str, str],
    than: tuple[str, str],
    *,
    code: str = "date_order",
) -> None:
    """Refuse `day` (the value of `field`) when it lies before `earlier`; a missing date is no
    order. `what` and `than` name the two dates (Chinese, English), as in
    办结日期（…）早于答复日期（…）."""
    if day is not None and earlier is not None and day < earlier:
        raise ValidationError(
            field,
            day,
            f"{what[0]}（{day}）早于{than[0]}（{earlier}）",
            f"{what[1]} ({day}) is before {than[1]} ({earlier})",
            code=code,
        )


def end_not_before_start(field: str, start: date | None, end: date | None) -> None:
    """A span (membership, assignment …) may not end before it starts."""
    not_before(field, end, start, ("结束日期", "The end date"), ("开始日期", "the start date"))


class EditConflict(CrmError):
    """Someone else changed a field this form edits since it was opened: saving would
    overwrite their change unseen."""

    code = "edit_conflict"


class SignInError(CrmError):
    """Signing in was refused (wrong password, locked, disabled): nothing runs."""

    code = "sign_in_failed"


class NotFoundError(CrmError):
    code = "not_found"


class DatabaseBusyError(CrmError):
    """Another writer (an import, a sync, another window) held the database past the wait."""

    code = "busy"


class DatabaseOpenError(CrmError):
    """The database cannot be opened: network share, newer schema, failed upgrade."""

    code = "db_open"


@dataclass(frozen=True)
class Warning_:
    """A rule that is allowed to pass but that the user should see."""

    code: str
    field: str
    message_zh: str
    message_en: str
