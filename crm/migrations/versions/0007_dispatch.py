"""dispatch: key-project lists, completion entries, targets

Revision ID: 0007_dispatch
Revises: 0006_sync
Create Date: 2026-12-02 07:50:36.237828
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0007_dispatch"
down_revision: str | None = "0006_sync"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('programme',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme')),
    sa.UniqueConstraint('name', name=op.f('uq_programme_name'))
    )
    op.create_table('target',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=20), nullable=False),
    sa.Column('region_code', sa.String(length=6), nullable=True),
    sa.Column('park_id', sa.String(length=36), nullable=True),
    sa.Column('measure', sa.String(length=30), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('value >= 0', name=op.f('ck_target_value_nonnegative')),
    sa.ForeignKeyConstraint(['park_id'], ['park.id'], name=op.f('fk_target_park_id_park')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_target'))
    )
    with op.batch_alter_table('target', schema=None) as batch_op:
        batch_op.create_index('ix_target_year', ['year', 'scope', 'measure'], unique=False)

    op.create_table('completion_entry',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('period_kind', sa.String(length=10), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('year_to_date', sa.BigInteger(), nullable=False),
    sa.Column('cumulative', sa.BigInteger(), nullable=True),
    sa.Column('image_progress', sa.Text(), nullable=False),
    sa.Column('progress_note', sa.Text(), nullable=False),
    sa.Column('issues', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_completion_entry_amount_nonnegative')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_completion_entry_project_id_project')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_completion_entry'))
    )
    with op.batch_alter_table('completion_entry', schema=None) as batch_op:
        batch_op.create_index('ix_completion_entry_cover', ['project_id', 'period_end', 'deleted_at', 'year_to_date', 'amount'], unique=False)
        batch_op.create_index('ix_completion_entry_period', ['period_end', 'deleted_at'], unique=False)

    op.create_table('dispatch_profile',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('construction_nature', sa.String(length=20), nullable=True),
    sa.Column('expected_completion_on', sa.Date(), nullable=True),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('pooled_on', sa.Date(), nullable=True),
    sa.Column('leader_name', sa.String(length=100), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_dispatch_profile_project_id_project')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispatch_profile')),
    sa.UniqueConstraint('project_id', name=op.f('uq_dispatch_profile_project_id'))
    )
    op.create_table('project_list_entry',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('programme_id', sa.String(length=36), nullable=True),
    sa.Column('year_plan', sa.BigInteger(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('year_plan >= 0', name=op.f('ck_project_list_entry_year_plan_nonnegative')),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_project_list_entry_programme_id_programme')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_project_list_entry_project_id_project')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_list_entry'))
    )
    with op.batch_alter_table('project_list_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_list_entry_project_id'), ['project_id'], unique=False)
        batch_op.create_index('ix_project_list_entry_year', ['year', 'deleted_at', 'project_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('project_list_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_project_list_entry_year')
        batch_op.drop_index(batch_op.f('ix_project_list_entry_project_id'))

    op.drop_table('project_list_entry')
    op.drop_table('dispatch_profile')
    with op.batch_alter_table('completion_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_completion_entry_period')
        batch_op.drop_index('ix_completion_entry_cover')

    op.drop_table('completion_entry')
    with op.batch_alter_table('target', schema=None) as batch_op:
        batch_op.drop_index('ix_target_year')

    op.drop_table('target')
    op.drop_table('programme')
