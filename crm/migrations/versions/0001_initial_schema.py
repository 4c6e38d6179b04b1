"""initial schema"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from crm.migrations.ddl import (
    check,
    columns,
    create_code_table,
    create_indexes,
    create_tracked_table,
    foreign_key,
    label_columns,
    primary_key,
    unique,
)


revision: str = '0001'
down_revision: str | None = None


def upgrade() -> None:
    op.create_table('change_log',
    *columns("""
        id          String(36)
        table_name  String(40)
        record_id   String(36)
        op          String(10)
        field       String(60)
        old_value   Text         null
        new_value   Text         null
        changed_by  String(100)
        changed_at  DateTime
        hlc         String(20)
        site_id     String(36)
    """),
    primary_key('change_log', 'id')
    )
    create_indexes('change_log', {
        'ix_change_log_hlc': ['hlc'], 'ix_change_log_record': ['table_name', 'record_id'],
    })
    create_code_table('country', 2, *label_columns())
    create_code_table('industry', 4, *columns("""
        name     String(100)
        level    String(10)
        section  String(1)
    """))
    create_code_table('industry_chain', 40, *label_columns(), *columns("sort_order  Integer"))
    create_code_table('region', 6, *columns("""
        name         String(50)
        short_name   String(50)
        level        String(10)
        parent_code  String(6)   null
    """))
    create_code_table('region_group', 40, *label_columns(), *columns("is_key  Boolean"))
    op.create_table('setting',
    *columns("""
        key    String(100)
        value  Text
    """),
    primary_key('setting', 'key')
    )
    create_code_table('tag_kind', 40, *label_columns(), *columns("""
        publisher       String(200)
        has_rank        Boolean
        validity_years  Integer      null
        is_500          Boolean
    """))
    create_tracked_table('company',
    *columns("""
        name             String(200)
        name_normalized  String(200)
        former_names     Text
        english_name     String(300)
        uscc             String(18)   null
        hq_region_code   String(6)    null
        hq_country_code  String(2)
        ownership        String(20)   null
        industry_code    String(4)    null
        chain_code       String(40)   null
        parent_id        String(36)   null
        website          String(300)
        notes            Text
    """),
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
    *columns("""
        name         String(200)
        region_code  String(6)    null
    """),
    foreign_key('park', 'region_code', 'region', 'code'),
    unique('park', 'name'),
    )
    op.create_table('region_group_member',
    *columns("""
        group_code   String(40)
        region_code  String(6)
    """),
    foreign_key('region_group_member', 'group_code', 'region_group', 'code', ondelete='CASCADE'),
    foreign_key('region_group_member', 'region_code', 'region', 'code'),
    primary_key('region_group_member', 'group_code', 'region_code')
    )
    create_tracked_table('team',
    *columns("""
        name                 String(200)
        home_unit            String(200)
        station_region_code  String(6)    null
        region_group_code    String(40)   null
        leader_name          String(100)
        active_from          Date         null
        active_to            Date         null
        notes                Text
    """),
    foreign_key('team', 'region_group_code', 'region_group', 'code'),
    foreign_key('team', 'station_region_code', 'region', 'code'),
    unique('team', 'name'),
    )
    create_tracked_table('company_tag',
    *columns("""
        company_id    String(36)
        tag           String(40)
        edition_year  Integer     null
        rank          Integer     null
        valid_until   Date        null
    """),
    foreign_key('company_tag', 'company_id', 'company'),
    foreign_key('company_tag', 'tag', 'tag_kind', 'code'),
    )
    create_indexes('company_tag', {'ix_company_tag_company_tag': ['company_id', 'tag']})
    create_tracked_table('contact',
    *columns("""
        company_id  String(36)
        name        String(100)
        title       String(100)
        phone       String(40)
        email       String(200)
        wechat      String(100)
        notes       Text
    """),
    foreign_key('contact', 'company_id', 'company'),
    )
    create_indexes('contact', {'ix_contact_company_id': ['company_id']})
    create_tracked_table('project',
    *columns("""
        name                    String(300)
        name_normalized         String(300)
        code                    String(60)   null
        company_id              String(36)   null
        industry_code           String(4)    null
        chain_code              String(40)   null
        planned_investment      BigInteger
        foreign_investment      BigInteger   null
        source_region_code      String(6)    null
        source_country_code     String(2)
        source_class            String(20)   null
        landing_region_code     String(12)   null
        park_id                 String(36)   null
        responsible_unit        String(200)
        responsible_person      String(100)
        team_id                 String(36)   null
        is_major                Boolean
        expected_jobs           Integer      null
        expected_annual_output  BigInteger   null
        stage                   String(20)
        stage_on                Date         null
        signed_on               Date         null
        agreement_type          String(20)   null
        funded_on               Date         null
        started_on              Date         null
        operating_on            Date         null
        dropped_on              Date         null
        drop_reason             Text
        expected_signing_on     Date         null
        expected_start_on       Date         null
        expected_operation_on   Date         null
        notes                   Text
    """),
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
    *columns("""
        team_id      String(36)
        person_name  String(100)
        role         String(20)
        phone        String(40)
        from_on      Date         null
        to_on        Date         null
    """),
    foreign_key('team_member', 'team_id', 'team'),
    )
    create_indexes('team_member', {'ix_team_member_team_id': ['team_id']})
    create_tracked_table('team_target',
    *columns("""
        team_id             String(36)
        year                Integer
        signed_investment   BigInteger  null
        signed_projects     Integer     null
        funds_in_place      BigInteger  null
        projects_over_100m  Integer     null
    """),
    foreign_key('team_target', 'team_id', 'team'),
    unique('team_target', 'team_id', 'year'),
    )
    create_tracked_table('activity',
    *columns("""
        occurred_on    Date
        kind           String(20)
        project_id     String(36)  null
        company_id     String(36)  null
        team_id        String(36)  null
        participants   Text
        summary        Text
        next_step      Text
        next_step_due  Date        null
    """),
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
    *columns("""
        project_id          String(36)
        received_on         Date
        amount              BigInteger
        fixed_asset_amount  BigInteger  null
        source              String(20)
        note                Text
    """),
    check('funds_entry', 'amount_nonnegative', 'amount >= 0'),
    foreign_key('funds_entry', 'project_id', 'project'),
    )
    create_indexes('funds_entry', {
        'ix_funds_entry_project': ['project_id'],
        'ix_funds_entry_stats': ['received_on', 'project_id', 'amount'],
    })
    create_tracked_table('problem',
    *columns("""
        project_id        String(36)
        category          String(20)
        description       Text
        responsible_unit  String(200)
        raised_on         Date
        due_on            Date         null
        status            String(20)
        resolution        Text
        resolved_on       Date         null
    """),
    foreign_key('problem', 'project_id', 'project'),
    )
    create_indexes('problem', {
        'ix_problem_project': ['project_id'], 'ix_problem_status_due': ['status', 'due_on'],
    })
    create_tracked_table('stage_event',
    *columns("""
        project_id      String(36)
        stage           String(20)
        occurred_on     Date        null
        not_applicable  Boolean
        kind            String(20)
        agreement_type  String(20)  null
        comment         Text
        sequence        Integer
    """),
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
