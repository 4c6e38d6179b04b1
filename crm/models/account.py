"""People who sign in (accounts), their roles, and the sign-in log.

Accounts belong to one database and never travel with sync (a team laptop keeps a local
profile instead, see crm.access). Passwords are stored only as argon2 hashes (crm.accounts).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from crm.models.base import Base, new_id, utcnow


class UserAccount(Base):
    __tablename__ = "user_account"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    login: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    unit: Mapped[str] = mapped_column(String(200), default="")
    team_id: Mapped[str | None] = mapped_column(ForeignKey("team.id"))
    #: Role codes (crm.access.ROLES) separated by commas; the rights are their union.
    roles: Mapped[str] = mapped_column(String(100))
    active_from: Mapped[date | None]
    active_to: Mapped[date | None]
    #: Deferred: on PostgreSQL the application role may not read it (crm.access_pg).
    password_hash: Mapped[str] = mapped_column(String(200), default="", deferred=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SignInEvent(Base):
    """One attempt to sign in: who, when, from where, and how it ended."""

    __tablename__ = "sign_in_event"
    __table_args__ = (Index("ix_sign_in_event_at", "at"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    login: Mapped[str] = mapped_column(String(60))
    #: ok, wrong_password, unknown_user, locked, inactive
    outcome: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(20), default="")


class BriefSignoff(Base):
    """A manager signed off a printed brief: who, when, which brief (kind, period, scope) and
    a digest of its figures, so a later print or re-signing can tell whether they changed."""

    __tablename__ = "brief_signoff"
    __table_args__ = (Index("ix_brief_signoff_brief", "kind", "period_code", "scope_code"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    #: brief, dispatch, ranking, requests (crm brief --kind).
    kind: Mapped[str] = mapped_column(String(20))
    period_code: Mapped[str] = mapped_column(String(40))
    scope_code: Mapped[str] = mapped_column(String(200))
    #: SHA-256 (hex) of the figures as JSON (crm.signoff.figures_digest).
    digest: Mapped[str] = mapped_column(String(64))
    login: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(100))
    signed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    #: The digest of the sign-off this one follows ('' for the first): differs when the
    #: figures changed in between.
    previous_digest: Mapped[str] = mapped_column(String(64), default="")
    #: The issue number printed as 第N期 (None: signed before numbers were kept) and the
    #: year the numbering of its kind counts in (the issue date's year).
    issue_no: Mapped[int | None] = mapped_column(Integer)
    issue_year: Mapped[int | None] = mapped_column(Integer)
