"""What a write returns: which records changed, how, and any warnings to show.

Every service returns a `Changed` (one record) and anything that writes many records a
`ChangeSet`; both answer `tables()` and `ids(table)`, so the window's change signal can carry
either and each screen refreshes only what concerns it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from crm.errors import Warning_

#: Kinds of change (`op`): insert / update / delete / restore / stage / agreement (an
#: upgraded agreement, 升格) / merge.
OPS = frozenset({"insert", "update", "delete", "restore", "stage", "agreement", "merge"})


@dataclass(frozen=True)
class Changed:
    table: str
    id: str
    op: str  # one of OPS
    warnings: tuple[Warning_, ...] = ()

    def tables(self) -> frozenset[str]:
        return frozenset({self.table})

    def ids(self, table: str) -> frozenset[str]:
        return frozenset({self.id}) if table == self.table else frozenset()

    def as_set(self) -> ChangeSet:
        return ChangeSet(frozenset({(self.table, self.id, self.op)}), self.warnings)


@dataclass(frozen=True)
class ChangeSet:
    """Several records changed by one action (an import, a merge, a sync, a setting)."""

    items: frozenset[tuple[str, str, str]] = frozenset()  # (table, id, op); id "*" = many
    warnings: tuple[Warning_, ...] = ()
    #: Tables changed wholesale (e.g. a bulk load): every record may have changed.
    whole_tables: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, changes: Iterable[Changed | ChangeSet]) -> ChangeSet:
        result = cls()
        for change in changes:
            result = result | (change.as_set() if isinstance(change, Changed) else change)
        return result

    @classmethod
    def tables_only(cls, tables: Iterable[str]) -> ChangeSet:
        return cls(whole_tables=frozenset(tables))

    def tables(self) -> frozenset[str]:
        return frozenset(table for table, _id, _op in self.items) | self.whole_tables

    def ids(self, table: str) -> frozenset[str]:
        return frozenset(i for t, i, _op in self.items if t == table)

    def as_set(self) -> ChangeSet:
        return self

    def __or__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(
            self.items | other.items,
            self.warnings + other.warnings,
            self.whole_tables | other.whole_tables,
        )

    def __bool__(self) -> bool:
        return bool(self.items or self.whole_tables)
