"""enterprise requests, return visits, key-enterprise liaisons, bureau lists

Revision ID: 0008_requests
Revises: 0006_sync
Create Date: 2026-12-02 07:50:33.717769
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0008_requests"
down_revision: str | None = "0007_dispatch"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "enterprise_liaison",
        sa.Column("company_id", sa.String(length=36), nullable=False),
        sa.Column("commissioner", sa.String(length=100), nullable=False),
        sa.Column("leader", sa.String(length=100), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("end_on", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_enterprise_liaison_company_id_company")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enterprise_liaison")),
    )
    with op.batch_alter_table("enterprise_liaison", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_enterprise_liaison_company_id"), ["company_id"], unique=False
        )

    op.create_table(
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
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_enterprise_request_company_id_company")
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"], name=op.f("fk_enterprise_request_project_id_project")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enterprise_request")),
    )
    with op.batch_alter_table("enterprise_request", schema=None) as batch_op:
        batch_op.create_index("ix_enterprise_request_company", ["company_id"], unique=False)
        batch_op.create_index("ix_enterprise_request_received", ["received_on"], unique=False)
        batch_op.create_index(
            "ix_enterprise_request_status_due", ["status", "due_on"], unique=False
        )

    op.create_table(
        "request_visit",
        sa.Column("request_id", sa.String(length=36), nullable=False),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("visited_by", sa.String(length=100), nullable=False),
        sa.Column("satisfaction", sa.String(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["enterprise_request.id"],
            name=op.f("fk_request_visit_request_id_enterprise_request"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_visit")),
    )
    with op.batch_alter_table("request_visit", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_request_visit_request_id"), ["request_id"], unique=False
        )

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

    with op.batch_alter_table("request_visit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_request_visit_request_id"))

    op.drop_table("request_visit")
    with op.batch_alter_table("enterprise_request", schema=None) as batch_op:
        batch_op.drop_index("ix_enterprise_request_status_due")
        batch_op.drop_index("ix_enterprise_request_received")
        batch_op.drop_index("ix_enterprise_request_company")

    op.drop_table("enterprise_request")
    with op.batch_alter_table("enterprise_liaison", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enterprise_liaison_company_id"))

    op.drop_table("enterprise_liaison")
