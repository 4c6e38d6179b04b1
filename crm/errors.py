"""Errors the core raises. Each carries a stable code and both interface languages."""

from __future__ import annotations

from dataclasses import dataclass
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
