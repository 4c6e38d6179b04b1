"""One hash of the live domain state, so anyone can check that two databases hold the same data.

Every domain table's live rows, every column but the bookkeeping ones (who/when a row was
written here, which differ between copies by nature), in a canonical order: tables in
dependency order, rows by id, columns by name, values in the change log's text form.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.audit import encode
from crm.models import BOOKKEEPING_COLUMNS, DOMAIN_MODELS

#: Besides who/when: `id` stays (it is what identifies a row everywhere).
_LEFT_OUT = BOOKKEEPING_COLUMNS - {"id"}


def state_digest(session: Session) -> str:
    """SHA-256 (hex) over the live rows of every domain table."""
    digest = hashlib.sha256()
    for model in DOMAIN_MODELS:
        table = model.__table__  # type: ignore[attr-defined]
        columns = sorted(
            (c for c in table.c if c.key not in _LEFT_OUT and c.key != "deleted_at"),
            key=lambda c: c.key,
        )
        digest.update(f"\x1e{table.name}\x1f".encode())
        digest.update("\x1f".join(c.key for c in columns).encode())
        query = (
            select(*columns)
            .where(table.c.deleted_at.is_(None))
            .order_by(table.c.id)
            .execution_options(yield_per=5000)
        )
        for row in session.execute(query):
            digest.update(b"\x1d")
            digest.update("\x1f".join(_text(v) for v in row).encode())
    return digest.hexdigest()


def _text(value: object) -> str:
    encoded = encode(value)
    return "\x00" if encoded is None else encoded
