"""Hybrid logical clock: timestamps that order changes across offline laptops.

Format `"{wall_ms:013d}-{counter:04d}"`, sortable as text. The site id travels beside it.
"""

from __future__ import annotations

import threading
import time


class HybridClock:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._wall = 0
        self._counter = 0

    def now(self) -> str:
        with self._lock:
            physical = time.time_ns() // 1_000_000
            if physical > self._wall:
                self._wall, self._counter = physical, 0
            else:
                self._counter += 1
            return f"{self._wall:013d}-{self._counter:04d}"

    def observe(self, stamp: str) -> None:
        """Advance past a timestamp received from another site."""
        wall_text, _, counter_text = stamp.partition("-")
        wall, counter = int(wall_text), int(counter_text)
        with self._lock:
            if (wall, counter) > (self._wall, self._counter):
                self._wall, self._counter = wall, counter


CLOCK = HybridClock()
