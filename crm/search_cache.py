"""What name search keeps in memory for one database, with its one owner and its one lock.

The `Database` (crm.db) holds a `SearchCache` and hands it to every session it opens
(`session.info`); crm.search reaches it only through the session. Re-indexing (a write, on the
window's database worker or an import) and searches (on other workers) use the same names:
every read and write of them takes the lock, so a search sees a record's old or new name,
never a half-joined set, and a change made during a re-join is not lost.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

#: The key of the cache in `Session.info`.
SESSION_KEY = "search_cache"


@dataclass
class SearchCache:
    #: Held while the in-memory names are read or changed (re-entrant: warming loads, then joins).
    lock: threading.RLock = field(default_factory=threading.RLock)
    #: Held by the one thread re-indexing changed records; others search the index as it stands.
    refreshing: threading.Lock = field(default_factory=threading.Lock)
    #: table → its names in memory (crm.search_memory.MemoryNames), once warmed.
    names: dict[str, Any] = field(default_factory=dict)
    #: Whether the database has the FTS5 trigram table (None until asked).
    has_fts: bool | None = None


def cache_of(session: Session) -> SearchCache:
    """The cache of the session's database. A session not opened by a `Database` (a bare
    Session in a script) gets one of its own: nothing warm, so searches use the index."""
    cache = session.info.get(SESSION_KEY)
    if cache is None:
        cache = session.info[SESSION_KEY] = SearchCache()
    return cache
