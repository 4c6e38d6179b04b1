"""Name search's memory of one table: every haystack joined into one text (crm.search).

Held by the database's `SearchCache` (crm.search_cache) and used only under its lock.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from itertools import accumulate
from typing import Any

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
    three characters). Words are looked up in an index of the text's grams first (`Grams`):
    a millisecond or two instead of a scan. Not thread-safe itself: its owner
    (crm.search_cache) holds the lock."""

    def __init__(self) -> None:
        #: The index state the names were loaded from (None: not loaded).
        self.seen: StateKey | None = None
        #: The table's signature up to which records the index had not seen were added here
        #: by a search that may not write the index (crm.search.catch_up).
        self.caught_up: Signature | None = None
        self.haystacks: dict[str, str] = {}
        self._joined: tuple[list[str], Blob, Blob] = ([], Blob([]), Blob([]))
        self._grams: tuple[Grams, Grams] | None = None
        self._overlay: dict[str, str] = {}
        self._stale = True
        #: The last word looked for and the records holding it, while the names are unchanged.
        self._last: tuple[str, list[str]] | None = None
        #: Bumped when the names are loaded anew: a join built from older names is dropped.
        self._generation = 0
        #: While a worker joins outside the lock: the records changed since it took its copy
        #: (None when no join is under way).
        self._since_copy: dict[str, str] | None = None

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
        self._generation += 1

    def update(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Records changed since the join go to a small overlay (re-joining 100k names after
        every edit would cost a third of a second); many changes mean a re-join."""
        self._last = None
        for record_id, hay in pairs:
            self.haystacks[record_id] = hay
            self._overlay[record_id] = hay
            if self._since_copy is not None:
                self._since_copy[record_id] = hay
        if len(self._overlay) > OVERLAY_LIMIT:
            self._stale = True

    def join(self) -> None:
        """Join the names now if they need it (under the lock: the first search before any
        worker warmed them)."""
        copy = self.copy_to_join()
        if copy is not None:
            self.install(copy, copy.build())

    def copy_to_join(self) -> NamesCopy | None:
        """Under the lock: what a join needs, or None when the names are joined. The join
        itself (`NamesCopy.build`, about 1.5 s for 100k projects) then runs outside the lock,
        and searches meanwhile scan the names one by one (tens of milliseconds)."""
        if not self._stale:
            return None
        self._since_copy = {}
        return NamesCopy(self._generation, list(self.haystacks), list(self.haystacks.values()))

    def install(self, copy: NamesCopy, joined: Joined) -> None:
        """Under the lock: take a join built from `copy`. Records changed since the copy stay
        in the overlay; a join of names since loaded anew is dropped (the next warm joins)."""
        changed, self._since_copy = self._since_copy or {}, None
        if copy.generation != self._generation:
            return
        self._joined, self._grams = joined.blobs, joined.grams
        self._overlay = changed
        self._stale = len(changed) > OVERLAY_LIMIT
        self._last = None

    def abandon_join(self) -> None:
        """Under the lock: the join from the last copy failed; searches join for themselves."""
        self._since_copy = None

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
        elif self._stale and self._since_copy is not None:  # a worker is joining: no waiting
            found = [rid for rid, hay in self.haystacks.items() if word in hay]
        else:
            self.join()
            ids, latin, cjk = self._joined
            overlay = self._overlay
            grams = self._grams[0 if word.isascii() else 1] if self._grams else None
            records = grams.records_containing(word) if grams is not None else None
            if records is None:
                records = (latin if word.isascii() else cjk).records_containing(word)
            # A record changed since the join is judged from its new text (the overlay).
            if overlay:
                found = [ids[r] for r in records if ids[r] not in overlay]
            else:
                found = [ids[r] for r in records]
            found.extend(rid for rid, hay in overlay.items() if word in hay)
        self._last = (word, found)
        return found


@dataclass(frozen=True)
class Joined:
    """The joined texts (ids, Latin-only blob, Chinese-only blob) and their gram indexes."""

    blobs: tuple[list[str], Blob, Blob]
    grams: tuple[Grams, Grams]


@dataclass(frozen=True)
class NamesCopy:
    """The names as they were when a join began (its own lists: safe outside the lock)."""

    generation: int
    ids: list[str]
    texts: list[str]

    def build(self) -> Joined:
        ids, texts = self.ids, self.texts
        # Words in Latin letters and digits (pinyin, initials, codes) are looked for in the text
        # with every other character blanked out: one byte a character instead of two, and no
        # word (never holding a space) matches where it did not before. Chinese words never
        # match pinyin: they search only the (much shorter) non-ASCII parts.
        latin = Blob(_NOT_ASCII.sub(" ", "\n".join(texts)).split("\n"))
        cjk = Blob([" | ".join(p for p in text.split(" | ") if not p.isascii()) for text in texts])
        grams = (Grams(latin, texts, latin_trigrams), Grams(cjk, texts, cjk_characters))
        return Joined((ids, latin, cjk), grams)


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


class Grams:
    """Which records hold each gram of a joined text, in numpy arrays (compressed rows: the
    records of one gram are one slice): a word is then looked for only in the records
    holding its rarest gram, a few thousand at most, instead of in the whole text (seven
    million characters for 100k projects). Built with the join, on the worker warming the
    names (about a second for 100k projects); 4 bytes a distinct (gram, record) pair.

    The grams: runs of three Latin letters or digits (`latin_trigrams`), single non-ASCII
    characters (`cjk_characters`)."""

    def __init__(self, blob: Blob, texts: list[str], grams: GramReader) -> None:
        import numpy as np  # here, not at import: start-up does not wait for numpy

        codes, whole = grams.read(blob.text)
        lengths = np.diff(np.append(np.asarray(blob.starts, dtype=np.int64), len(blob.text) + 1))
        record_at = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)[: len(codes)]
        keys = np.unique((codes[whole] << _RECORD_BITS) | record_at[whole])
        self.grams, first = np.unique(keys >> _RECORD_BITS, return_index=True)
        self.bounds = np.append(first, len(keys))
        self.records = (keys & ((1 << _RECORD_BITS) - 1)).astype(np.int32)
        #: Each record's text as joined, to check candidates (a record changed since is judged
        #: from the overlay by the caller).
        self.texts = texts
        self.reader = grams

    def records_containing(self, word: str) -> list[int] | None:
        """Records (ascending) whose text holds `word`; None when the word holds no gram (the
        caller scans)."""
        codes, whole = self.reader.read(word)
        codes = codes[whole]
        if not len(codes):
            return None
        if not len(self.grams):
            return []  # no record holds any gram
        at = self.grams.searchsorted(codes).clip(max=len(self.grams) - 1)
        if (self.grams[at] != codes).any():
            return []  # a gram no record holds
        sizes = self.bounds[at + 1] - self.bounds[at]
        rarest = int(at[sizes.argmin()])
        candidates = self.records[self.bounds[rarest] : self.bounds[rarest + 1]].tolist()
        if len(word) == self.reader.size:
            return candidates  # the word is one gram: every holder matches
        texts = self.texts
        return [r for r in candidates if word in texts[r]]


@dataclass(frozen=True)
class GramReader:
    """How a text is cut into grams: `read(text)` gives the code of the gram starting at each
    character and whether that gram is whole (indexed)."""

    size: int
    read: Callable[[str], tuple[Any, Any]]


def _latin_trigrams(text: str) -> tuple[Any, Any]:
    import numpy as np

    codes = _letter_codes()[np.frombuffer(text.encode("ascii", "replace"), dtype=np.uint8)]
    first, second, third = codes[:-2], codes[1:-1], codes[2:]
    whole = (first > 0) & (second > 0) & (third > 0)
    return (first * _ALPHABET + second) * _ALPHABET + third, whole


def _cjk_characters(text: str) -> tuple[Any, Any]:
    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    return codes, codes > 0x7F


@lru_cache(maxsize=1)
def _letter_codes() -> Any:
    """Letters and digits are 1–36 in a trigram's code; anything else (0) breaks a trigram."""
    import numpy as np

    table = np.zeros(256, dtype=np.int64)
    for code, byte in enumerate(b"abcdefghijklmnopqrstuvwxyz0123456789", start=1):
        table[byte] = code
    return table


_ALPHABET = 37
_RECORD_BITS = 24  # up to 16 million records a table
latin_trigrams = GramReader(3, _latin_trigrams)
cjk_characters = GramReader(1, _cjk_characters)


#: Changed records kept beside the joined text before a re-join.
OVERLAY_LIMIT = 2000
#: Up to this many records holding the previous word are checked one by one for a longer
#: word; more, and scanning the joined text is as quick.
REFINE_LIMIT = 10_000
