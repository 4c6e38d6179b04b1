"""Ids of the records there is one of per natural key: a project's dispatch profile, a team's
target for a year.

Such a record made on two sites before they sync is one fact entered twice. With a random id
each, the second could not be stored (the key is unique) and every later sync of the pair
failed. Made from the key instead (a version-5 UUID of table and key), both sites' records
have the same id: two edits of one record, merged field by field like any other
(docs/sync.md rule 4). Records made before keep their random ids; when one meets another
record of its key, the sync makes them this one record (crm.sync.apply._rehome).
"""

from __future__ import annotations

import uuid
from typing import Any

#: Fixed for ever: every site and every version must derive the same ids.
_NAMESPACE = uuid.UUID("5b0c7a8e-3f1d-5e26-9c4b-2a7d1e6f8b93")

#: Table → the columns of its natural key (unique together in the schema).
ONE_PER_KEY: dict[str, tuple[str, ...]] = {
    "dispatch_profile": ("project_id",),
    "team_target": ("team_id", "year"),
}


def keyed_id(table: str, key: tuple[Any, ...]) -> str:
    """The id of `table`'s record for `key` (values of ONE_PER_KEY[table], in order)."""
    text = "\x1f".join([table, *(str(int(v)) if isinstance(v, int) else str(v) for v in key)])
    return str(uuid.uuid5(_NAMESPACE, text))


def profile_id(project_id: str) -> str:
    """The id of a project's dispatch profile."""
    return keyed_id("dispatch_profile", (project_id,))


def team_target_id(team_id: str, year: int) -> str:
    """The id of a team's target for a year."""
    return keyed_id("team_target", (team_id, year))
