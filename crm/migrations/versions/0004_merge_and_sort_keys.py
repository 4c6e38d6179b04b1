"""merged duplicates point to their survivor; pinyin sort keys beside the search index"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004_merge_and_sort_keys"
down_revision: str | None = "0003"


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in ("project", "company"):
        name = f"fk_{table}_merged_into_id_{table}"
        if sqlite:
            # A nullable column with a REFERENCES clause is added in place: no copy of a
            # 100k-row table (batch mode would rebuild it).
            op.execute(
                f"ALTER TABLE {table} ADD COLUMN merged_into_id VARCHAR(36) "
                f"CONSTRAINT {name} REFERENCES {table} (id)"
            )
        else:
            op.add_column(table, sa.Column("merged_into_id", sa.String(length=36), nullable=True))
            op.create_foreign_key(name, table, table, ["merged_into_id"], ["id"])
    # Existing entries get their keys when the search index is rebuilt (crm.search
    # INDEX_VERSION), by the same code that keeps them fresh.
    op.add_column(
        "search_entry", sa.Column("sort_key", sa.Text(), nullable=False, server_default="")
    )
    op.create_index(
        "ix_search_entry_sort", "search_entry", ["table_name", "sort_key", "record_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_search_entry_sort", table_name="search_entry")
    with op.batch_alter_table("search_entry") as batch_op:
        batch_op.drop_column("sort_key")
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in ("company", "project"):
        with op.batch_alter_table(table) as batch_op:
            if not sqlite:  # SQLite keeps no name for a column's own REFERENCES clause;
                # rebuilding the table without the column drops the reference with it.
                batch_op.drop_constraint(f"fk_{table}_merged_into_id_{table}", type_="foreignkey")
            batch_op.drop_column("merged_into_id")
