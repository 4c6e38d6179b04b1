"""What a service returns: which record changed, how, and any warnings to show."""

from __future__ import annotations

from dataclasses import dataclass

from crm.errors import Warning_


@dataclass(frozen=True)
class Changed:
    table: str
    id: str
    op: str  # insert / update / delete / restore / stage
    warnings: tuple[Warning_, ...] = ()
