"""工具 → 操作记录 names each record as people know it: an activity by its project (or, without
one, its company), an enterprise request by its company."""

from __future__ import annotations

from datetime import date

from crm.queries.audit import AuditFilter, audit_rows
from crm.services import activities, companies, projects, requests


def test_activities_and_requests_are_named_by_their_project_or_company(db) -> None:
    with db.session() as s:
        company = companies.create_company(s, name="深圳市汇川技术股份有限公司").id
        project = projects.create_project(s, name="伺服电机生产基地项目", company_id=company).id
        on_project = activities.log_activity(
            s, occurred_on=date(2026, 11, 3), kind="visit", project_id=project
        ).id
        on_company = activities.log_activity(
            s, occurred_on=date(2026, 11, 4), kind="phone", company_id=company
        ).id
        request = requests.raise_request(
            s, company_id=company, channel="visit", received_on=date(2026, 11, 5),
            category="land", content="用地指标", today=date(2026, 11, 5),
        ).id  # fmt: skip
    with db.read() as s:
        named = {(r.table_name, r.record_id): r.record_name for r in audit_rows(s, AuditFilter())}
    assert named[("activity", on_project)] == "伺服电机生产基地项目"
    assert named[("activity", on_company)] == "深圳市汇川技术股份有限公司"
    assert named[("enterprise_request", request)] == "深圳市汇川技术股份有限公司"


def test_members_contacts_and_parks_are_named_by_their_team_company_or_name(db) -> None:
    from crm.services import teams

    with db.session() as s:
        team = teams.create_team(s, name="驻深圳招商工作队").id
        member = teams.add_member(s, team_id=team, person_name="李明", from_on=date(2026, 1, 1)).id
        company = companies.create_company(s, name="深圳市汇川技术股份有限公司").id
        contact = companies.add_contact(s, company_id=company, name="王经理").id
        park = projects.create_park(s, name="南宁高新技术产业开发区").id
    with db.read() as s:
        named = {(r.table_name, r.record_id): r.record_name for r in audit_rows(s, AuditFilter())}
    assert named[("team_member", member)] == "驻深圳招商工作队"
    assert named[("contact", contact)] == "深圳市汇川技术股份有限公司"
    assert named[("park", park)] == "南宁高新技术产业开发区"


def test_the_author_of_a_change_reads_as_the_person_with_their_login(db) -> None:
    """On a database with accounts the log keeps the login; people read the name beside it
    (操作记录 and a project's 变更记录), and the user filter offers the same words."""
    from crm.accounts import add_user, sign_in
    from crm.queries.audit import audit_users
    from crm.queries.project_detail import project_detail

    with db.session() as s:
        add_user(s, login="wangfang", name="王芳", roles="admin", password="correct horse 1")
    db.sign_in(sign_in(db, "wangfang", "correct horse 1"))
    with db.session() as s:
        project = projects.create_project(s, name="伺服电机生产基地项目").id
    with db.read() as s:
        rows = [r for r in audit_rows(s, AuditFilter(user="wangfang")) if r.record_id == project]
        users = audit_users(s)
        history = project_detail(s, project).history
    assert rows and {r.changed_by for r in rows} == {"王芳（wangfang）"}
    assert ("wangfang", "王芳（wangfang）") in users
    assert history and {h.changed_by for h in history} == {"王芳（wangfang）"}
