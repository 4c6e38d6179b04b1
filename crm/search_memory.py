"""Name search's memory of one table: every haystack joined into one text (crm.search).

Held by the database's `SearchCache` (crm.search_cache) and used only under its lock.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from itertools import accumulate

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.models.search import SearchEntry

_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")
#: What the index had seen of a table when the names were loaded: (marker, newest, version).
StateKey = tuple[int, datetime | None, int]
#: A table as it was last seen: (insert marker, newest updated_at).
Signature = tuple[int, datetime | None]


class MemoryNames:
    """Every haystack of one table in memory, joined into one text: a single substring scan
    over it takes a few milliseconds, where LIKE over the table takes tens (and trigrams need
    three characters). Not thread-safe itself: its owner (crm.search_cache) holds the lock."""

    def __init__(self) -> None:
        #: The index state the names were loaded from (None: not loaded).
        self.seen: StateKey | None = None
        #: The table's signature up to which records the index had not seen were added here
        #: by a search that may not write the index (crm.search.catch_up).
        self.caught_up: Signature | None = None
        self.haystacks: dict[str, str] = {}
        self._joined: tuple[list[str], Blob, Blob] = ([], Blob([]), Blob([]))
        self._overlay: dict[str, str] = {}
        self._stale = True
        #: The last word looked for and the records holding it, while the names are unchanged.
        self._last: tuple[str, list[str]] | None = None

    def load(self, session: Session, table: str, seen: StateKey) -> None:
        rows = session.execute(
            select(SearchEntry.record_id, SearchEntry.haystack).where(
                SearchEntry.table_name == table
            )
        )
        self.haystacks = dict(rows.all())
        self.seen = seen
        self.caught_up = None
        self._stale = True
        self._overlay = {}
        self._last = None

    def update(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Records changed since the join go to a small overlay (re-joining 100k names after
        every edit would cost a third of a second); many changes mean a re-join."""
        self._last = None
        for record_id, hay in pairs:
            self.haystacks[record_id] = hay
            self._overlay[record_id] = hay
        if len(self._overlay) > OVERLAY_LIMIT:
            self._stale = True

    def join(self) -> None:
        """Join the names now if they need it (a worker warming them, not the first search)."""
        if self._stale:
            self._join()

    def _join(self) -> None:
        ids = list(self.haystacks)
        texts = [self.haystacks[i] for i in ids]
        # Words in Latin letters and digits (pinyin, initials, codes) are looked for in the text
        # with every other character blanked out: one byte a character instead of two, and no
        # word (never holding a space) matches where it did not before. Chinese words never
        # match pinyin: they search only the (much shorter) non-ASCII parts.
        latin = _NOT_ASCII.sub(" ", "\n".join(texts)).split("\n")
        cjk = [" | ".join(p for p in text.split(" | ") if not p.isascii()) for text in texts]
        self._joined = (ids, Blob(latin), Blob(cjk))
        self._overlay = {}
        self._stale = False

    def matching(self, words: Sequence[str]) -> list[str]:
        haystacks = self.haystacks
        found = self._containing(words[0])
        if len(words) > 1:
            rest = words[1:]
            found = [rid for rid in found if all(w in haystacks[rid] for w in rest)]
        return found

    def _containing(self, word: str) -> list[str]:
        """Records whose text holds `word`. Typing adds to the word: the records holding the
        previous word are then the only candidates, far fewer than the whole text to scan."""
        last = self._last
        if last is not None and last[0] in word and len(last[1]) <= REFINE_LIMIT:
            haystacks = self.haystacks
            found = [rid for rid in last[1] if word in haystacks[rid]]
        else:
            self.join()
            ids, latin, cjk = self._joined
            overlay = self._overlay
            blob = latin if word.isascii() else cjk
            # A record changed since the join is judged from its new text (the overlay).
            found = [ids[r] for r in blob.records_containing(word) if ids[r] not in overlay]
            found.extend(rid for rid, hay in overlay.items() if word in hay)
        self._last = (word, found)
        return found


class Blob:
    """Texts joined by newlines (which never occur inside one), with where each starts."""

    def __init__(self, texts: list[str]) -> None:
        self.starts = list(accumulate((len(t) + 1 for t in texts), initial=0))[:-1]
        self.text = "\n".join(texts)

    def records_containing(self, word: str) -> Iterator[int]:
        text, starts = self.text, self.starts
        at = text.find(word)
        while at >= 0:
            record = bisect_right(starts, at) - 1
            yield record
            # One hit per record is enough: continue from the next record.
            following = starts[record + 1] if record + 1 < len(starts) else len(text)
            at = text.find(word, following)


#: Changed records kept beside the joined text before a re-join.
OVERLAY_LIMIT = 2000
#: Up to this many records holding the previous word are checked one by one for a longer
#: word; more, and scanning the joined text is as quick.
REFINE_LIMIT = 10_000
