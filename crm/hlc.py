"""Hybrid logical clock: timestamps that order changes across offline laptops.

Format `"{wall_ms:013d}-{counter:06d}"`, sortable as text. The site id travels beside it.
"""

from __future__ import annotations

import threading
import time

MAX_COUNTER = 999_999


class HybridClock:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._wall = 0
        self._counter = 0

    def now(self) -> str:
        return self.reserve(1)[0]

    def reserve(self, count: int) -> list[str]:
        """`count` consecutive stamps in one step (bulk loads)."""
        with self._lock:
            physical = time.time_ns() // 1_000_000
            if physical > self._wall:
                self._wall, self._counter = physical, -1
            stamps: list[str] = []
            while len(stamps) < count:
                if self._counter >= MAX_COUNTER:  # logical time runs ahead of the wall
                    self._wall, self._counter = self._wall + 1, -1
                first = self._counter + 1
                last = min(MAX_COUNTER, first + count - len(stamps) - 1)
                prefix = f"{self._wall:013d}-"
                stamps.extend(map((prefix + "{:06d}").format, range(first, last + 1)))
                self._counter = last
            return stamps

    def observe(self, stamp: str) -> None:
        """Advance past a timestamp received from another site."""
        wall_text, _, counter_text = stamp.partition("-")
        wall, counter = int(wall_text), int(counter_text)
        with self._lock:
            if (wall, counter) > (self._wall, self._counter):
                self._wall, self._counter = wall, counter


CLOCK = HybridClock()
