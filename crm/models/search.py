"""The search index: one text per searchable record (names, former names, pinyin, initials).

Kept fresh lazily by crm.search (a cheap signature check per search), so ORM writes,
bulk loads and other processes all stay findable without hooks. On SQLite an FTS5 trigram
table (made by migration 0002, not a model) indexes `haystack` for substring search.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm.models.base import Base
from crm.models.company import Company
from crm.models.project import Project


class SearchEntry(Base):
    __tablename__ = "search_entry"
    table_name: Mapped[str] = mapped_column(String(20), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    haystack: Mapped[str] = mapped_column(Text, default="")
    #: The name as it sorts in Chinese (pinyin syllable by syllable): lists sort by it in SQL.
    sort_key: Mapped[str] = mapped_column(Text, default="")


class SearchState(Base):
    """What the index last saw of a table: row count and newest updated_at."""

    __tablename__ = "search_state"
    table_name: Mapped[str] = mapped_column(String(20), primary_key=True)
    row_count: Mapped[int] = mapped_column(Integer, default=0)
    max_updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=0)


# The freshness check reads max(updated_at); an index makes that a single lookup. The projects
# list's default order (newest change first) walks the project one, which also holds what the
# list's filters test (a search's ids and investors, a member's access), so a first page never
# reads the table (migration 0012).
Index(
    "ix_project_recent_cover",
    Project.updated_at,
    Project.deleted_at,
    Project.id,
    Project.company_id,
    Project.confidential,
    Project.team_id,
)
Index("ix_company_updated_at", Company.updated_at)
Index("ix_search_entry_sort", SearchEntry.table_name, SearchEntry.sort_key, SearchEntry.record_id)
