"""sign-offs: a manager signs off a printed brief (who, when, which brief, its figures' digest)

Revision ID: 0011_signoffs
Revises: 0010_accounts
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_signoffs"
down_revision: str | None = "0010_accounts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "brief_signoff",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("period_code", sa.String(length=40), nullable=False),
        sa.Column("scope_code", sa.String(length=200), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("login", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.Column("previous_digest", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_brief_signoff")),
    )
    op.create_index(
        "ix_brief_signoff_brief", "brief_signoff", ["kind", "period_code", "scope_code"]
    )


def downgrade() -> None:
    op.drop_index("ix_brief_signoff_brief", table_name="brief_signoff")
    op.drop_table("brief_signoff")
