"""sign-offs: a manager signs off a printed brief (who, when, which brief, its figures' digest)"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from crm.migrations.ddl import columns, primary_key

revision: str = "0011_signoffs"
down_revision: str | None = "0010_accounts"


def upgrade() -> None:
    op.create_table(
        "brief_signoff",
        *columns("""
            id               String(36)
            kind             String(20)
            period_code      String(40)
            scope_code       String(200)
            digest           String(64)
            login            String(60)
            name             String(100)
            signed_at        DateTime
            previous_digest  String(64)
        """),
        primary_key("brief_signoff", "id"),
    )
    op.create_index(
        "ix_brief_signoff_brief", "brief_signoff", ["kind", "period_code", "scope_code"]
    )


def downgrade() -> None:
    op.drop_index("ix_brief_signoff_brief", table_name="brief_signoff")
    op.drop_table("brief_signoff")
