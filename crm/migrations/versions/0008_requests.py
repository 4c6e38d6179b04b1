"""enterprise requests, return visits, key-enterprise liaisons, bureau lists

Revision ID: 0008_requests
Revises: 0006_sync
Create Date: 2026-12-02 07:50:33.717769
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from crm.migrations.ddl import create_indexes, create_tracked_table, foreign_key


revision: str = "0008_requests"
down_revision: str | None = "0007_dispatch"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_tracked_table(
        "enterprise_liaison",
        sa.Column("company_id", sa.String(length=36), nullable=False),
        sa.Column("commissioner", sa.String(length=100), nullable=False),
        sa.Column("leader", sa.String(length=100), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("end_on", sa.Date(), nullable=True),
        foreign_key("enterprise_liaison", "company_id", "company"),
    )
    create_indexes("enterprise_liaison", {"ix_enterprise_liaison_company_id": ["company_id"]})
    create_tracked_table(
        "enterprise_request",
        sa.Column("company_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=36), nullable=True),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("handling_unit", sa.String(length=200), nullable=False),
        sa.Column("co_units", sa.String(length=1000), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("reject_reason", sa.Text(), nullable=False),
        sa.Column("reply", sa.Text(), nullable=False),
        sa.Column("replied_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("satisfaction", sa.String(length=20), nullable=True),
        sa.Column("escalated_on", sa.Date(), nullable=True),
        sa.Column("escalation_unit", sa.String(length=200), nullable=False),
        sa.Column("reopened_count", sa.Integer(), nullable=False),
        foreign_key("enterprise_request", "company_id", "company"),
        foreign_key("enterprise_request", "project_id", "project"),
    )
    create_indexes("enterprise_request", {
        "ix_enterprise_request_company": ["company_id"],
        "ix_enterprise_request_received": ["received_on"],
        "ix_enterprise_request_status_due": ["status", "due_on"],
    })
    create_tracked_table(
        "request_visit",
        sa.Column("request_id", sa.String(length=36), nullable=False),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("visited_by", sa.String(length=100), nullable=False),
        sa.Column("satisfaction", sa.String(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        foreign_key("request_visit", "request_id", "enterprise_request"),
    )
    create_indexes("request_visit", {"ix_request_visit_request_id": ["request_id"]})

    # Plain ADD COLUMN (no table rebuild); existing lists are the shipped ones, not the bureau's.
    op.add_column("company_tag", sa.Column("level", sa.String(length=20), nullable=True))
    op.add_column(
        "tag_kind",
        sa.Column("is_bureau", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("tag_kind", schema=None) as batch_op:
        batch_op.drop_column("is_bureau")

    with op.batch_alter_table("company_tag", schema=None) as batch_op:
        batch_op.drop_column("level")

    # A table's indexes go with it.
    for table in ("request_visit", "enterprise_request", "enterprise_liaison"):
        op.drop_table(table)
