"""dispatch: key-project lists, completion entries, targets"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from crm.migrations.ddl import check, columns, create_indexes, create_tracked_table, foreign_key, unique


revision: str = "0007_dispatch"
down_revision: str | None = "0006_sync"


def upgrade() -> None:
    create_tracked_table('programme',
    *columns("""
        name   String(100)
        notes  Text
    """),
    unique('programme', 'name'),
    )
    create_tracked_table('target',
    *columns("""
        year         Integer
        scope        String(20)
        region_code  String(6)   null
        park_id      String(36)  null
        measure      String(30)
        value        BigInteger
    """),
    check('target', 'value_nonnegative', 'value >= 0'),
    foreign_key('target', 'park_id', 'park'),
    )
    create_indexes('target', {'ix_target_year': ['year', 'scope', 'measure']})
    create_tracked_table('completion_entry',
    *columns("""
        project_id      String(36)
        period_end      Date
        period_kind     String(10)
        amount          BigInteger
        year_to_date    BigInteger
        cumulative      BigInteger  null
        image_progress  Text
        progress_note   Text
        issues          Text
    """),
    check('completion_entry', 'amount_nonnegative', 'amount >= 0'),
    foreign_key('completion_entry', 'project_id', 'project'),
    )
    create_indexes('completion_entry', {
        'ix_completion_entry_cover': ['project_id', 'period_end', 'deleted_at', 'year_to_date', 'amount'],
        'ix_completion_entry_period': ['period_end', 'deleted_at'],
    })
    create_tracked_table('dispatch_profile',
    *columns("""
        project_id              String(36)
        construction_nature     String(20)   null
        expected_completion_on  Date         null
        completed_on            Date         null
        pooled_on               Date         null
        leader_name             String(100)
    """),
    foreign_key('dispatch_profile', 'project_id', 'project'),
    unique('dispatch_profile', 'project_id'),
    )
    create_tracked_table('project_list_entry',
    *columns("""
        project_id    String(36)
        year          Integer
        level         String(20)
        programme_id  String(36)  null
        year_plan     BigInteger
    """),
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
