"""The change log: one row per changed field. What offline sync exchanges (docs/sync.md)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from crm.models.base import Base, new_id


class ChangeLog(Base):
    """op: insert / update / delete / restore. Bulk loads write one `insert` row per record
    with field `*` and the whole row as JSON in new_value."""

    __tablename__ = "change_log"
    __table_args__ = (
        Index("ix_change_log_record", "table_name", "record_id"),
        Index("ix_change_log_hlc", "hlc"),
        Index("ix_change_log_seq", "seq"),
        # Rows of transactions still being written; numbered at commit (crm.changeseq).
        Index(
            "ix_change_log_unnumbered",
            "hlc",
            "id",
            sqlite_where=text("seq IS NULL"),
            postgresql_where=text("seq IS NULL"),
        ),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(10))
    field: Mapped[str] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(100))
    changed_at: Mapped[datetime] = mapped_column(DateTime)
    hlc: Mapped[str] = mapped_column(String(20))  # 13-digit ms, "-", 6-digit counter
    site_id: Mapped[str] = mapped_column(String(36))
    #: The change whose value this one replaced (on its site, when made); None for the first.
    prev_id: Mapped[str | None] = mapped_column(String(36))
    #: Deletes: JSON list of the change ids the deleting site held for the record's fields.
    context: Mapped[str | None] = mapped_column(Text)
    #: Conflict resolutions: JSON list of the losing change ids the user decided about.
    supersedes: Mapped[str | None] = mapped_column(Text)
    #: Local arrival order (commit order) on this site; never exchanged.
    seq: Mapped[int | None] = mapped_column(BigInteger)
