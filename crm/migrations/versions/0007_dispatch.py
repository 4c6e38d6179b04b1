"""dispatch: key-project lists, completion entries, targets

Revision ID: 0007_dispatch
Revises: 0006_sync
Create Date: 2026-12-02 07:50:36.237828
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from crm.migrations.ddl import check, create_indexes, create_tracked_table, foreign_key, unique


revision: str = "0007_dispatch"
down_revision: str | None = "0006_sync"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_tracked_table('programme',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    unique('programme', 'name'),
    )
    create_tracked_table('target',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=20), nullable=False),
    sa.Column('region_code', sa.String(length=6), nullable=True),
    sa.Column('park_id', sa.String(length=36), nullable=True),
    sa.Column('measure', sa.String(length=30), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    check('target', 'value_nonnegative', 'value >= 0'),
    foreign_key('target', 'park_id', 'park'),
    )
    create_indexes('target', {'ix_target_year': ['year', 'scope', 'measure']})
    create_tracked_table('completion_entry',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('period_kind', sa.String(length=10), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('year_to_date', sa.BigInteger(), nullable=False),
    sa.Column('cumulative', sa.BigInteger(), nullable=True),
    sa.Column('image_progress', sa.Text(), nullable=False),
    sa.Column('progress_note', sa.Text(), nullable=False),
    sa.Column('issues', sa.Text(), nullable=False),
    check('completion_entry', 'amount_nonnegative', 'amount >= 0'),
    foreign_key('completion_entry', 'project_id', 'project'),
    )
    create_indexes('completion_entry', {
        'ix_completion_entry_cover': ['project_id', 'period_end', 'deleted_at', 'year_to_date', 'amount'],
        'ix_completion_entry_period': ['period_end', 'deleted_at'],
    })
    create_tracked_table('dispatch_profile',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('construction_nature', sa.String(length=20), nullable=True),
    sa.Column('expected_completion_on', sa.Date(), nullable=True),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('pooled_on', sa.Date(), nullable=True),
    sa.Column('leader_name', sa.String(length=100), nullable=False),
    foreign_key('dispatch_profile', 'project_id', 'project'),
    unique('dispatch_profile', 'project_id'),
    )
    create_tracked_table('project_list_entry',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('programme_id', sa.String(length=36), nullable=True),
    sa.Column('year_plan', sa.BigInteger(), nullable=False),
    check('project_list_entry', 'year_plan_nonnegative', 'year_plan >= 0'),
    foreign_key('project_list_entry', 'programme_id', 'programme'),
    foreign_key('project_list_entry', 'project_id', 'project'),
    )
    create_indexes('project_list_entry', {
        'ix_project_list_entry_project_id': ['project_id'],
        'ix_project_list_entry_year': ['year', 'deleted_at', 'project_id'],
    })


def downgrade() -> None:
    # A table's indexes go with it.
    for table in ('project_list_entry', 'dispatch_profile', 'completion_entry', 'target', 'programme'):
        op.drop_table(table)
