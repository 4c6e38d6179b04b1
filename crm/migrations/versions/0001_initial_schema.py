"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 15:08:46.588881
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from crm.migrations.ddl import (
    check,
    create_indexes,
    create_tracked_table,
    foreign_key,
    label_columns,
    primary_key,
    unique,
)


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('change_log',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('op', sa.String(length=10), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=False),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.Column('changed_by', sa.String(length=100), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('hlc', sa.String(length=20), nullable=False),
    sa.Column('site_id', sa.String(length=36), nullable=False),
    primary_key('change_log', 'id')
    )
    create_indexes('change_log', {
        'ix_change_log_hlc': ['hlc'], 'ix_change_log_record': ['table_name', 'record_id'],
    })
    op.create_table('country',
    sa.Column('code', sa.String(length=2), nullable=False),
    *label_columns(),
    primary_key('country', 'code')
    )
    op.create_table('industry',
    sa.Column('code', sa.String(length=4), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('level', sa.String(length=10), nullable=False),
    sa.Column('section', sa.String(length=1), nullable=False),
    primary_key('industry', 'code')
    )
    op.create_table('industry_chain',
    sa.Column('code', sa.String(length=40), nullable=False),
    *label_columns(),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    primary_key('industry_chain', 'code')
    )
    op.create_table('region',
    sa.Column('code', sa.String(length=6), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('short_name', sa.String(length=50), nullable=False),
    sa.Column('level', sa.String(length=10), nullable=False),
    sa.Column('parent_code', sa.String(length=6), nullable=True),
    primary_key('region', 'code')
    )
    op.create_table('region_group',
    sa.Column('code', sa.String(length=40), nullable=False),
    *label_columns(),
    sa.Column('is_key', sa.Boolean(), nullable=False),
    primary_key('region_group', 'code')
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    primary_key('setting', 'key')
    )
    op.create_table('tag_kind',
    sa.Column('code', sa.String(length=40), nullable=False),
    *label_columns(),
    sa.Column('publisher', sa.String(length=200), nullable=False),
    sa.Column('has_rank', sa.Boolean(), nullable=False),
    sa.Column('validity_years', sa.Integer(), nullable=True),
    sa.Column('is_500', sa.Boolean(), nullable=False),
    primary_key('tag_kind', 'code')
    )
    create_tracked_table('company',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_normalized', sa.String(length=200), nullable=False),
    sa.Column('former_names', sa.Text(), nullable=False),
    sa.Column('english_name', sa.String(length=300), nullable=False),
    sa.Column('uscc', sa.String(length=18), nullable=True),
    sa.Column('hq_region_code', sa.String(length=6), nullable=True),
    sa.Column('hq_country_code', sa.String(length=2), nullable=False),
    sa.Column('ownership', sa.String(length=20), nullable=True),
    sa.Column('industry_code', sa.String(length=4), nullable=True),
    sa.Column('chain_code', sa.String(length=40), nullable=True),
    sa.Column('parent_id', sa.String(length=36), nullable=True),
    sa.Column('website', sa.String(length=300), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    foreign_key('company', 'chain_code', 'industry_chain', 'code'),
    foreign_key('company', 'hq_country_code', 'country', 'code'),
    foreign_key('company', 'hq_region_code', 'region', 'code'),
    foreign_key('company', 'industry_code', 'industry', 'code'),
    foreign_key('company', 'parent_id', 'company'),
    unique('company', 'uscc'),
    )
    create_indexes('company', {
        'ix_company_name_normalized': ['name_normalized'], 'ix_company_parent_id': ['parent_id'],
    })
    create_tracked_table('park',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('region_code', sa.String(length=6), nullable=True),
    foreign_key('park', 'region_code', 'region', 'code'),
    unique('park', 'name'),
    )
    op.create_table('region_group_member',
    sa.Column('group_code', sa.String(length=40), nullable=False),
    sa.Column('region_code', sa.String(length=6), nullable=False),
    foreign_key('region_group_member', 'group_code', 'region_group', 'code', ondelete='CASCADE'),
    foreign_key('region_group_member', 'region_code', 'region', 'code'),
    primary_key('region_group_member', 'group_code', 'region_code')
    )
    create_tracked_table('team',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('home_unit', sa.String(length=200), nullable=False),
    sa.Column('station_region_code', sa.String(length=6), nullable=True),
    sa.Column('region_group_code', sa.String(length=40), nullable=True),
    sa.Column('leader_name', sa.String(length=100), nullable=False),
    sa.Column('active_from', sa.Date(), nullable=True),
    sa.Column('active_to', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    foreign_key('team', 'region_group_code', 'region_group', 'code'),
    foreign_key('team', 'station_region_code', 'region', 'code'),
    unique('team', 'name'),
    )
    create_tracked_table('company_tag',
    sa.Column('company_id', sa.String(length=36), nullable=False),
    sa.Column('tag', sa.String(length=40), nullable=False),
    sa.Column('edition_year', sa.Integer(), nullable=True),
    sa.Column('rank', sa.Integer(), nullable=True),
    sa.Column('valid_until', sa.Date(), nullable=True),
    foreign_key('company_tag', 'company_id', 'company'),
    foreign_key('company_tag', 'tag', 'tag_kind', 'code'),
    )
    create_indexes('company_tag', {'ix_company_tag_company_tag': ['company_id', 'tag']})
    create_tracked_table('contact',
    sa.Column('company_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('title', sa.String(length=100), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('wechat', sa.String(length=100), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    foreign_key('contact', 'company_id', 'company'),
    )
    create_indexes('contact', {'ix_contact_company_id': ['company_id']})
    create_tracked_table('project',
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('name_normalized', sa.String(length=300), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=True),
    sa.Column('company_id', sa.String(length=36), nullable=True),
    sa.Column('industry_code', sa.String(length=4), nullable=True),
    sa.Column('chain_code', sa.String(length=40), nullable=True),
    sa.Column('planned_investment', sa.BigInteger(), nullable=False),
    sa.Column('foreign_investment', sa.BigInteger(), nullable=True),
    sa.Column('source_region_code', sa.String(length=6), nullable=True),
    sa.Column('source_country_code', sa.String(length=2), nullable=False),
    sa.Column('source_class', sa.String(length=20), nullable=True),
    sa.Column('landing_region_code', sa.String(length=12), nullable=True),
    sa.Column('park_id', sa.String(length=36), nullable=True),
    sa.Column('responsible_unit', sa.String(length=200), nullable=False),
    sa.Column('responsible_person', sa.String(length=100), nullable=False),
    sa.Column('team_id', sa.String(length=36), nullable=True),
    sa.Column('is_major', sa.Boolean(), nullable=False),
    sa.Column('expected_jobs', sa.Integer(), nullable=True),
    sa.Column('expected_annual_output', sa.BigInteger(), nullable=True),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('stage_on', sa.Date(), nullable=True),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('agreement_type', sa.String(length=20), nullable=True),
    sa.Column('funded_on', sa.Date(), nullable=True),
    sa.Column('started_on', sa.Date(), nullable=True),
    sa.Column('operating_on', sa.Date(), nullable=True),
    sa.Column('dropped_on', sa.Date(), nullable=True),
    sa.Column('drop_reason', sa.Text(), nullable=False),
    sa.Column('expected_signing_on', sa.Date(), nullable=True),
    sa.Column('expected_start_on', sa.Date(), nullable=True),
    sa.Column('expected_operation_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    check('project', 'planned_nonnegative', 'planned_investment >= 0'),
    foreign_key('project', 'chain_code', 'industry_chain', 'code'),
    foreign_key('project', 'company_id', 'company'),
    foreign_key('project', 'industry_code', 'industry', 'code'),
    foreign_key('project', 'park_id', 'park'),
    foreign_key('project', 'source_country_code', 'country', 'code'),
    foreign_key('project', 'source_region_code', 'region', 'code'),
    foreign_key('project', 'team_id', 'team'),
    unique('project', 'code'),
    )
    create_indexes('project', {
        'ix_project_company_id': ['company_id'],
        'ix_project_stage': ['stage'],
        'ix_project_stats_signed': ['signed_on', 'planned_investment'],
        'ix_project_team': ['team_id'],
    })
    create_tracked_table('team_member',
    sa.Column('team_id', sa.String(length=36), nullable=False),
    sa.Column('person_name', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('from_on', sa.Date(), nullable=True),
    sa.Column('to_on', sa.Date(), nullable=True),
    foreign_key('team_member', 'team_id', 'team'),
    )
    create_indexes('team_member', {'ix_team_member_team_id': ['team_id']})
    create_tracked_table('team_target',
    sa.Column('team_id', sa.String(length=36), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('signed_investment', sa.BigInteger(), nullable=True),
    sa.Column('signed_projects', sa.Integer(), nullable=True),
    sa.Column('funds_in_place', sa.BigInteger(), nullable=True),
    sa.Column('projects_over_100m', sa.Integer(), nullable=True),
    foreign_key('team_target', 'team_id', 'team'),
    unique('team_target', 'team_id', 'year'),
    )
    create_tracked_table('activity',
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=True),
    sa.Column('company_id', sa.String(length=36), nullable=True),
    sa.Column('team_id', sa.String(length=36), nullable=True),
    sa.Column('participants', sa.Text(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('next_step', sa.Text(), nullable=False),
    sa.Column('next_step_due', sa.Date(), nullable=True),
    foreign_key('activity', 'company_id', 'company'),
    foreign_key('activity', 'project_id', 'project'),
    foreign_key('activity', 'team_id', 'team'),
    )
    create_indexes('activity', {
        'ix_activity_company': ['company_id'],
        'ix_activity_due': ['next_step_due'],
        'ix_activity_project_date': ['project_id', 'occurred_on'],
        'ix_activity_team_date': ['team_id', 'occurred_on'],
    })
    create_tracked_table('funds_entry',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('fixed_asset_amount', sa.BigInteger(), nullable=True),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    check('funds_entry', 'amount_nonnegative', 'amount >= 0'),
    foreign_key('funds_entry', 'project_id', 'project'),
    )
    create_indexes('funds_entry', {
        'ix_funds_entry_project': ['project_id'],
        'ix_funds_entry_stats': ['received_on', 'project_id', 'amount'],
    })
    create_tracked_table('problem',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('responsible_unit', sa.String(length=200), nullable=False),
    sa.Column('raised_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('resolution', sa.Text(), nullable=False),
    sa.Column('resolved_on', sa.Date(), nullable=True),
    foreign_key('problem', 'project_id', 'project'),
    )
    create_indexes('problem', {
        'ix_problem_project': ['project_id'], 'ix_problem_status_due': ['status', 'due_on'],
    })
    create_tracked_table('stage_event',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=True),
    sa.Column('not_applicable', sa.Boolean(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('agreement_type', sa.String(length=20), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    foreign_key('stage_event', 'project_id', 'project'),
    )
    create_indexes('stage_event', {'ix_stage_event_project_id': ['project_id']})


TABLES = (
    'change_log', 'country', 'industry', 'industry_chain', 'region', 'region_group', 'setting',
    'tag_kind', 'company', 'park', 'region_group_member', 'team', 'company_tag', 'contact',
    'project', 'team_member', 'team_target', 'activity', 'funds_entry', 'problem', 'stage_event',
)


def downgrade() -> None:
    # A table's indexes go with it.
    for table in reversed(TABLES):
        op.drop_table(table)
