"""Sync bookkeeping of this site: its peers and their cursors, the counter, open conflicts.

None of these rows travel: each site keeps its own.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm.models.base import Base, new_id, utcnow


class SyncPeer(Base):
    """A paired site: its public identity and how far each side has got."""

    __tablename__ = "sync_peer"
    site_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    sign_public: Mapped[str] = mapped_column(String(64))  # base64 of the raw Ed25519 key
    box_public: Mapped[str] = mapped_column(String(64))  # base64 of the raw X25519 key
    fingerprint: Mapped[str] = mapped_column(String(60))
    paired_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    #: Our own `seq` up to which the peer has confirmed holding our changes.
    acked: Mapped[int] = mapped_column(BigInteger, default=0)
    #: The peer's `seq` up to which we hold its changes.
    received: Mapped[int] = mapped_column(BigInteger, default=0)
    last_sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: The account (crm.access) whose rights the site's changes get; None: every right.
    login: Mapped[str | None] = mapped_column(String(60))
    last_received_at: Mapped[datetime | None] = mapped_column(DateTime)


class SyncCounter(Base):
    """Named counters; `seq` numbers the change log in commit order."""

    __tablename__ = "sync_counter"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class SyncConflict(Base):
    """A change that lost to a concurrent one and waits for a person's decision.

    kind: field (two values for one field), delete (an edit concurrent with a delete),
    unique (two records claim one key), rule (a merged state breaks a domain rule).
    """

    __tablename__ = "sync_conflict"
    __table_args__ = (Index("ix_sync_conflict_record", "table_name", "record_id"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(20))
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(60), default="")
    winner_id: Mapped[str | None] = mapped_column(String(36))
    loser_id: Mapped[str | None] = mapped_column(String(36))
    detail: Mapped[str] = mapped_column(Text, default="")


class SyncGroup(Base):
    """The `seq` range of one commit (or one bulk chunk): server syncs send whole groups, so a
    record never arrives with half of the changes that made it."""

    __tablename__ = "sync_group"
    last_seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    first_seq: Mapped[int] = mapped_column(BigInteger)
