"""counties: the GB/T 2260 county level (county table, filled from the shipped list when the
database is opened) and the county a park lies in
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from crm.migrations.ddl import columns, create_code_table, foreign_key

revision: str = "0009_counties"
down_revision: str | None = "0008_requests"


def upgrade() -> None:
    create_code_table(
        "county",
        6,
        *columns("""
            name         String(50)
            short_name   String(50)
            parent_code  String(6)
        """),
        foreign_key("county", "parent_code", "region", "code"),
    )
    # The park table is small: a batch rebuild gives the column its foreign key on SQLite too.
    with op.batch_alter_table("park", schema=None) as batch_op:
        batch_op.add_column(sa.Column("county_code", sa.String(length=6), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_park_county_code_county"), "county", ["county_code"], ["code"]
        )


def downgrade() -> None:
    with op.batch_alter_table("park", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_park_county_code_county"), type_="foreignkey")
        batch_op.drop_column("county_code")
    op.drop_table("county")
