"""issue numbers: a sign-off records the 期号 its brief or notice was issued under (第N期)
and the year it counts in, so a reprint shows the same number and the next signing of that
kind in that year takes the next one (crm.signoff)

Sign-offs made before keep no number: their reprints print none, as a draft does.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0014_issue_numbers"
down_revision: str | None = "0013_open_next_steps"


def upgrade() -> None:
    with op.batch_alter_table("brief_signoff") as batch:
        batch.add_column(sa.Column("issue_no", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("issue_year", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("brief_signoff") as batch:
        batch.drop_column("issue_year")
        batch.drop_column("issue_no")
