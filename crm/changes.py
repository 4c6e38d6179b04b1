"""The merge rules of docs/sync.md, pure: from a record's set of changes to its fields' values.

Used by the change log when a change is written (which change it replaces, what a delete has
seen) and by sync when changes arrive (winners, conflicts, deletes against edits). Nothing
here reads the database or the order in which changes arrived.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

import orjson

#: The field of a change that loaded a whole record at once (its fields as JSON).
WHOLE_RECORD = "*"
DELETED_AT = "deleted_at"


class Change(NamedTuple):
    """One change-log row, as the merge rules see it (a tuple: a package makes 100,000)."""

    id: str
    field: str
    value: str | None
    hlc: str
    site_id: str
    prev_id: str | None = None
    context: tuple[str, ...] = ()
    supersedes: tuple[str, ...] = ()
    actor: str = ""

    @property
    def order(self) -> tuple[str, str, str]:
        """Later changes win: HLC, then site id, then change id (ties never happen twice)."""
        return (self.hlc, self.site_id, self.id)


def _order(change: Change) -> tuple[str, str, str]:
    return (change.hlc, change.site_id, change.id)


def decode_ids(text: str | None) -> tuple[str, ...]:
    return tuple(orjson.loads(text)) if text else ()


def encode_ids(ids: Iterable[str]) -> str | None:
    ordered = sorted(set(ids))
    return orjson.dumps(ordered).decode() if ordered else None


def whole_record_values(change_value: str | None) -> dict[str, str | None]:
    """The fields a `*` change set, in the change log's text form."""
    if not change_value:
        return {}
    values: dict[str, object] = orjson.loads(change_value)
    return {k: v if type(v) is str else _as_text(v) for k, v in values.items()}


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


@dataclass
class FieldState:
    """A field's changes: the winner, the heads, and the losers still to decide."""

    changes: list[Change] = field(default_factory=list)

    @cached_property
    def winner(self) -> Change | None:
        return max(self.changes, key=_order) if self.changes else None

    def heads(self, replaced: set[str]) -> list[Change]:
        return [c for c in self.changes if c.id not in replaced]

    def conflicts(self, replaced: set[str]) -> list[Change]:
        """Heads other than the winner whose value differs from it."""
        winner = self.winner
        if winner is None:
            return []
        return [c for c in self.heads(replaced) if c.id != winner.id and c.value != winner.value]


@dataclass(eq=False)
class RecordChanges:
    """All changes of one record, viewed field by field (`*` changes count for every field).

    Fields are looked at lazily: a record loaded in bulk has one `*` change for thirty
    columns, and most questions concern one or two of them.
    """

    per_field: dict[str, list[Change]]
    whole: list[Change]
    by_id: dict[str, Change]
    columns: list[str]
    defaults: Mapping[str, str | None]
    _column_set: frozenset[str] = field(init=False)
    _states: dict[str, FieldState] = field(init=False, default_factory=dict)
    _whole_values: dict[str, dict[str, str | None]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._column_set = frozenset(self.columns)

    @classmethod
    def of(
        cls,
        changes: Iterable[Change],
        columns: Iterable[str],
        defaults: Mapping[str, str | None] | None = None,
    ) -> RecordChanges:
        """`defaults`: each column's value when a `*` change leaves it out."""
        per_field: dict[str, list[Change]] = defaultdict(list)
        whole: list[Change] = []
        by_id: dict[str, Change] = {}
        for change in changes:
            by_id[change.id] = change
            if change.field == WHOLE_RECORD:
                whole.append(change)
            else:
                per_field[change.field].append(change)
        return cls(dict(per_field), whole, by_id, list(columns), defaults or {})

    @property
    def field_names(self) -> list[str]:
        """Every field any change names (all columns once a `*` change is there)."""
        if self.whole:
            return list(dict.fromkeys([*self.columns, *self.per_field]))
        return list(self.per_field)

    def state(self, name: str) -> FieldState:
        state = self._states.get(name)
        if state is None:
            changes = list(self.per_field.get(name, ()))
            if self.whole and name in self.columns:
                for change in self.whole:
                    value = self._whole_of(change).get(name, self.defaults.get(name))
                    changes.append(
                        Change(
                            change.id, name, value, change.hlc, change.site_id, actor=change.actor
                        )
                    )
            state = self._states[name] = FieldState(changes)
        return state

    def first(self) -> Change:
        return min(self.by_id.values(), key=lambda c: c.order)

    def last(self) -> Change:
        return max(self.by_id.values(), key=lambda c: c.order)

    def field_replaced(self, name: str) -> set[str]:
        """Replaced ids as seen from one field: a `*` change is replaced in a field only by a
        change of that field (a later edit of another field leaves it the head here)."""
        own = self.per_field.get(name, ())
        ids = {c.id for c in self.state(name).changes}
        done: set[str] = set()
        for change in own:
            if change.prev_id in ids:
                done.add(change.prev_id)
            done.update(i for i in change.supersedes if i in ids)
        return done

    def winner(self, name: str) -> Change | None:
        return self.state(name).winner

    def values(
        self, names: Iterable[str], defaults: Mapping[str, str | None]
    ) -> dict[str, str | None]:
        """Each field's winning value (`defaults` where no change names it): the same as
        `winner(name).value` field by field, without building a state for every field of a
        record loaded in bulk (a field no change names itself is won by the latest `*`)."""
        latest = max(self.whole, key=_order) if self.whole else None
        loaded = self._whole_of(latest) if latest is not None else {}
        own = self.defaults
        if latest is not None and not self.per_field:  # loaded in bulk, never edited
            columns = self._column_set
            return {
                name: loaded.get(name, own.get(name)) if name in columns else defaults.get(name)
                for name in names
            }
        out: dict[str, str | None] = {}
        for name in names:
            if latest is not None and name not in self.per_field and name in self._column_set:
                out[name] = loaded.get(name, self.defaults.get(name))
                continue
            winner = self.winner(name)
            out[name] = winner.value if winner is not None else defaults.get(name)
        return out

    def _whole_of(self, change: Change) -> dict[str, str | None]:
        values = self._whole_values.get(change.id)
        if values is None:
            values = self._whole_values[change.id] = whole_record_values(change.value)
        return values

    def current_id(self, name: str) -> str | None:
        """The id of the change holding the field's value now (what a new change replaces)."""
        winner = self.winner(name)
        return winner.id if winner else None

    def head_ids(self) -> set[str]:
        """Every change of the record nothing has replaced: what a delete has seen."""
        heads: set[str] = set()
        for name in self.field_names:
            heads.update(c.id for c in self.state(name).heads(self.field_replaced(name)))
        return heads

    def conflict_fields(self) -> list[str]:
        """Fields that can hold a conflict: two heads need a change naming the field itself
        (one `*` change alone never disagrees with itself)."""
        return sorted(self.per_field)

    def conflicts(self, name: str) -> list[Change]:
        state = self.state(name)
        found = state.conflicts(self.field_replaced(name))
        if name == DELETED_AT:
            # Two sites deleting the same record agree; only delete against restore differs.
            winner = state.winner
            deleted = winner is not None and winner.value is not None
            found = [c for c in found if (c.value is not None) != deleted]
        return found

    def known_to(self, delete: Change) -> set[str]:
        """Ids of the changes the deleting site held: its context and their ancestors."""
        known: set[str] = set()
        stack = list(delete.context)
        while stack:
            change_id = stack.pop()
            if change_id in known:
                continue
            known.add(change_id)
            change = self.by_id.get(change_id)
            if change is not None:
                if change.prev_id:
                    stack.append(change.prev_id)
                stack.extend(change.supersedes)
        return known

    def edits_unknown_to_delete(self) -> list[Change]:
        """When the winning `deleted_at` change deletes: the edits it did not know of."""
        if DELETED_AT not in self.per_field:
            return []
        delete = self.winner(DELETED_AT)
        if delete is None or delete.value is None or self.by_id.get(delete.id) is None:
            return []
        if self.by_id[delete.id].field == WHOLE_RECORD:
            return []
        known = self.known_to(delete)
        return sorted(
            (
                c
                for c in self.by_id.values()
                if c.field != DELETED_AT and c.id not in known and c.id != delete.id
            ),
            key=lambda c: c.order,
        )


def field_values(
    record: RecordChanges, names: Iterable[str], defaults: Mapping[str, str | None]
) -> dict[str, str | None]:
    """The value of each named field: its winner's, else the column's default."""
    values = {}
    for name in names:
        winner = record.winner(name)
        values[name] = winner.value if winner is not None else defaults.get(name)
    return values
