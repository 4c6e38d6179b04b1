"""accounts: users with roles and argon2 password hashes, the sign-in log, confidential projects"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from crm.migrations.ddl import columns, foreign_key, primary_key, unique

revision: str = "0010_accounts"
down_revision: str | None = "0009_counties"


def upgrade() -> None:
    op.create_table(
        "user_account",
        *columns("""
            id               String(36)
            login            String(60)
            name             String(100)
            unit             String(200)
            team_id          String(36)   null
            roles            String(100)
            active_from      Date         null
            active_to        Date         null
            password_hash    String(200)
            failed_attempts  Integer
            locked_until     DateTime     null
            created_at       DateTime
        """),
        foreign_key("user_account", "team_id", "team"),
        primary_key("user_account", "id"),
        unique("user_account", "login"),
    )
    op.create_table(
        "sign_in_event",
        *columns("""
            id       String(36)
            at       DateTime
            login    String(60)
            outcome  String(20)
            channel  String(20)
        """),
        primary_key("sign_in_event", "id"),
    )
    op.create_index("ix_sign_in_event_at", "sign_in_event", ["at"])
    # Plain ADD COLUMN (no rebuild of the project table); every existing project is open.
    op.add_column(
        "project",
        sa.Column("confidential", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_index(
        "ix_project_access", "project", ["confidential", "team_id", "deleted_at"]
    )
    # The account a paired site's changes are checked against (crm.access); none: all rights.
    op.add_column("sync_peer", sa.Column("login", sa.String(length=60), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_peer") as batch:
        batch.drop_column("login")
    op.drop_index("ix_project_access", table_name="project")
    with op.batch_alter_table("project") as batch:
        batch.drop_column("confidential")
    op.drop_index("ix_sign_in_event_at", table_name="sign_in_event")
    op.drop_table("sign_in_event")
    op.drop_table("user_account")
