"""search index (names + pinyin), FTS5 trigram on SQLite"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from crm.migrations.ddl import columns, primary_key

revision: str = "0002"
down_revision: str | None = "0001"

FTS_STATEMENTS = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "haystack, content='search_entry', content_rowid='rowid', tokenize='trigram')",
    "CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN "
    "INSERT INTO search_fts(rowid, haystack) VALUES (new.rowid, new.haystack); END",
    "CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, haystack) VALUES ('delete', old.rowid, old.haystack); END",
    "CREATE TRIGGER search_entry_au AFTER UPDATE ON search_entry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, haystack) VALUES ('delete', old.rowid, old.haystack); "
    "INSERT INTO search_fts(rowid, haystack) VALUES (new.rowid, new.haystack); END",
)


def upgrade() -> None:
    op.create_table(
        "search_entry",
        *columns("""
            table_name  String(20)
            record_id   String(36)
            haystack    Text
        """),
        primary_key("search_entry", "table_name", "record_id"),
    )
    op.create_table(
        "search_state",
        *columns("""
            table_name      String(20)
            row_count       Integer
            max_updated_at  DateTime    null
            version         Integer
        """),
        primary_key("search_state", "table_name"),
    )
    # Plain CREATE INDEX: no table rebuild on SQLite.
    op.create_index("ix_project_updated_at", "project", ["updated_at"], unique=False)
    op.create_index("ix_company_updated_at", "company", ["updated_at"], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        for statement in FTS_STATEMENTS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("search_entry_au", "search_entry_ad", "search_entry_ai"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS search_fts")
    op.drop_index("ix_company_updated_at", table_name="company")
    op.drop_index("ix_project_updated_at", table_name="project")
    op.drop_table("search_state")
    op.drop_table("search_entry")
