"""When a form may show a field's error: after the user edited that field, or once a save was
attempted. A new, empty form therefore opens without red "please fill in" messages, while its
Save button stays disabled until the required fields are filled."""

from __future__ import annotations

from collections.abc import Mapping


class ErrorGate:
    """Remembers the fields the user touched and whether a save was attempted."""

    def __init__(self) -> None:
        self.touched: set[str] = set()
        self.attempted = False
        #: While a form fills itself (loading a record), changes are not the user's edits.
        self.loading = False

    def touch(self, field: str) -> None:
        if not self.loading:
            self.touched.add(field)

    def attempt(self) -> None:
        self.attempted = True

    def visible(self, errors: Mapping[str, str]) -> dict[str, str]:
        """The errors to show now (all of them, once a save was attempted)."""
        if self.attempted:
            return dict(errors)
        return {field: text for field, text in errors.items() if field in self.touched}
