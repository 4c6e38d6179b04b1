"""recent projects cover: the projects list's default order (newest change first) read from
one index that also holds what its filters test (deleted, id, investor, confidential, team)

A first page of a search or of a team member's list walks this index and never the table
(the index on updated_at alone looked every row up: 17 ms instead of 3 ms for a search
matching 9,000 of 100,000 projects). It replaces ix_project_updated_at, whose one column it
starts with (the search index's freshness check reads max(updated_at) from it).
"""
from __future__ import annotations

from alembic import op

revision: str = "0012_recent_projects_cover"
down_revision: str | None = "0011_signoffs"

COLUMNS = ["updated_at", "deleted_at", "id", "company_id", "confidential", "team_id"]


def upgrade() -> None:
    op.create_index("ix_project_recent_cover", "project", COLUMNS)
    op.drop_index("ix_project_updated_at", table_name="project")


def downgrade() -> None:
    op.create_index("ix_project_updated_at", "project", ["updated_at"])
    op.drop_index("ix_project_recent_cover", table_name="project")
