"""Record ids for bulk imports: UUID text like crm.models.new_id, made faster and in increasing
order: version-7 UUIDs (RFC 9562: the time first), where new_id makes version 4.

uuid.uuid4() builds a UUID object per id (about 5 µs); a 100k-row import makes close to a
million ids (records and their change-log rows). Here they are made BATCH at a time and
formatted directly, in the text form of a version-7 UUID
("xxxxxxxx-xxxx-7xxx-[89ab]xxx-xxxxxxxxxxxx"). The first twelve hex digits are the
millisecond the batch was made and the next three count within the batch (RFC 9562's
monotonic counter in rand_a), so an import's ids
climb: each new key lands beside the last one in the primary-key index (and the change
log's record index) instead of on a random page of a big database's million-entry indexes —
on the large demo database that random I/O was most of a dispatch sheet's import. The other
60 bits are random (os.urandom), so ids made at the same moment on two sites still differ.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

BATCH = 4096  # 16**3: the counter's three hex digits


class RandomIds:
    """A callable making increasing version-7 UUID text ids, BATCH at a time."""

    def __init__(self) -> None:
        self._ids: Iterator[str] = iter(())
        self._last = 0

    def __call__(self) -> str:
        try:
            return next(self._ids)
        except StopIteration:
            self._last = max(time.time_ns() // 1_000_000, self._last + 1)
            self._ids = iter(uuid7_batch(BATCH, self._last))
            return next(self._ids)


def uuid7_batch(n: int, millis: int | None = None) -> list[str]:
    """n ids (n ≤ BATCH) sharing the millisecond prefix, counting up in order."""
    assert n <= BATCH
    stamp = f"{(time.time_ns() // 1_000_000 if millis is None else millis) & (2**48 - 1):012x}"
    raw = bytearray(os.urandom(8 * n))
    raw[0::8] = bytes(b & 0x3F | 0x80 for b in raw[0::8])  # RFC 4122 variant
    h = raw.hex()
    head = f"{stamp[:8]}-{stamp[8:]}-7"
    tails = [(h[i : i + 4], h[i + 4 : i + 16]) for i in range(0, 16 * n, 16)]
    return [f"{head}{k:03x}-{a}-{b}" for k, (a, b) in enumerate(tails)]
