"""open next steps: each activity keeps whether its next step awaits a follow-up
(crm.follow_ups), and one index answers "open steps due by a day" from its entries alone

The navigation counted the open next steps with an EXISTS per due activity: 2.5 s over the
large demo's million activities at every start of the window. The flag is filled here by the
rule as it stands (written out, as a migration's SQL must be: the live rule may change later
and `crm check --repair` brings old rows to it).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0013_open_next_steps"
down_revision: str | None = "0012_recent_projects_cover"

INDEX_COLUMNS = ["next_step_open", "next_step_due", "project_id", "team_id", "deleted_at"]

FILL = """
UPDATE activity SET next_step_open = CASE WHEN EXISTS (
    SELECT 1 FROM activity AS later
     WHERE later.deleted_at IS NULL
       AND later.occurred_on > activity.occurred_on
       AND ((activity.project_id IS NOT NULL AND later.project_id = activity.project_id)
         OR (activity.project_id IS NULL AND activity.company_id IS NOT NULL
             AND later.company_id = activity.company_id))
) THEN {false} ELSE {true} END
 WHERE next_step != '' AND deleted_at IS NULL
"""


def upgrade() -> None:
    with op.batch_alter_table("activity") as batch:
        batch.add_column(
            sa.Column("next_step_open", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    postgresql = op.get_bind().dialect.name == "postgresql"
    op.execute(
        FILL.format(true="true" if postgresql else "1", false="false" if postgresql else "0")
    )
    op.create_index("ix_activity_open_step", "activity", INDEX_COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_activity_open_step", table_name="activity")
    with op.batch_alter_table("activity") as batch:
        batch.drop_column("next_step_open")
