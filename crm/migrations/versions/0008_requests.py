"""enterprise requests, return visits, key-enterprise liaisons, bureau lists"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from crm.migrations.ddl import columns, create_indexes, create_tracked_table, foreign_key


revision: str = "0008_requests"
down_revision: str | None = "0007_dispatch"


def upgrade() -> None:
    create_tracked_table(
        "enterprise_liaison",
        *columns("""
            company_id    String(36)
            commissioner  String(100)
            leader        String(100)
            start_on      Date
            end_on        Date         null
        """),
        foreign_key("enterprise_liaison", "company_id", "company"),
    )
    create_indexes("enterprise_liaison", {"ix_enterprise_liaison_company_id": ["company_id"]})
    create_tracked_table(
        "enterprise_request",
        *columns("""
            company_id       String(36)
            project_id       String(36)    null
            channel          String(20)
            received_on      Date
            category         String(20)
            content          Text
            handling_unit    String(200)
            co_units         String(1000)
            due_on           Date          null
            status           String(20)
            reject_reason    Text
            reply            Text
            replied_on       Date          null
            closed_on        Date          null
            satisfaction     String(20)    null
            escalated_on     Date          null
            escalation_unit  String(200)
            reopened_count   Integer
        """),
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
        *columns("""
            request_id    String(36)
            visited_on    Date
            visited_by    String(100)
            satisfaction  String(20)
            notes         Text
        """),
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
