"""A package carries only what the people at both ends may read: the bureau's package to team
B leaves out team A's confidential lead and everything of it; team A's package carries it; once
the lead is no longer confidential, B's next package brings its whole history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from crm.access import Actor
from crm.accounts import add_user
from crm.codes import Role
from crm.db import Database
from crm.models import Activity, Problem, Project, Team
from crm.services import activities, problems, projects, teams
from crm.sync.exchange import export_package, import_package
from crm.sync.package import open_package
from crm.sync.peers import local_identity, peer_identity
from crm.sync.refusals import bind_peer
from tests.core.sync_helpers import make_site, pair_all

SECRET = "甲队保密储能线索"
SECRET_NOTE = "董事长私下透露的扩产计划"
SECRET_PROBLEM = "保密项目的用地指标"


@pytest.fixture
def sites(sqlite_template: Path, tmp_path: Path):
    bureau = make_site(sqlite_template, tmp_path, "bureau")
    team_a = make_site(sqlite_template, tmp_path, "team_a")
    team_b = make_site(sqlite_template, tmp_path, "team_b")
    pair_all(bureau, team_a, team_b)
    with bureau.session() as s:
        a = teams.create_team(s, name="驻深圳招商工作队").id
        b = teams.create_team(s, name="驻上海招商工作队").id
        secret = projects.create_project(s, name=SECRET, team_id=a, confidential=True).id
        projects.create_project(s, name="甲队公开项目", team_id=a)
        activities.log_activity(
            s, occurred_on=date(2026, 6, 1), kind="visit", project_id=secret, summary=SECRET_NOTE
        )
        problems.raise_problem(
            s, project_id=secret, category="land", description=SECRET_PROBLEM,
            raised_on=date(2026, 6, 2),
        )  # fmt: skip
        add_user(s, login="boss", name="管理员", roles="admin", password="boss-pass-1")
        add_user(s, login="wang", name="王甲", roles="member", password="wang-pass-1", team=a)
        add_user(s, login="li", name="李乙", roles="leader", password="li-pass-1", team=b)
        bind_peer(s, team_a.site_id, "wang")
        bind_peer(s, team_b.site_id, "li")
    yield bureau, team_a, team_b, secret
    for site in (bureau, team_a, team_b):
        site.close()


def _body(sender: Database, receiver: Database, path: Path) -> bytes:
    """The decrypted changes of a package, as the receiver reads them."""
    with receiver.session() as s:
        conn = s.connection()
        keys = local_identity(conn, receiver.site_id)[0]
        identity = peer_identity(conn, sender.site_id)
    assert identity is not None
    return open_package(path.read_bytes(), sender=identity, receiver=keys)[1]


def test_team_bs_package_leaves_out_team_as_confidential_lead(sites, tmp_path) -> None:
    bureau, team_a, team_b, secret = sites
    to_b, to_a = tmp_path / "to_b.zspkg", tmp_path / "to_a.zspkg"
    export_package(bureau, team_b.site_id, to_b)
    export_package(bureau, team_a.site_id, to_a)

    body_b = _body(bureau, team_b, to_b)
    for text in (SECRET, SECRET_NOTE, SECRET_PROBLEM, secret):
        assert text.encode() not in body_b
        assert text.encode() not in to_b.read_bytes()
    assert "甲队公开项目".encode() in body_b
    body_a = _body(bureau, team_a, to_a)
    for text in (SECRET, SECRET_NOTE, SECRET_PROBLEM):
        assert text.encode() in body_a

    import_package(team_b, to_b)
    import_package(team_a, to_a)
    with team_b.read() as s:
        assert s.scalars(select(Project.name).order_by(Project.name)).all() == ["甲队公开项目"]
        assert s.scalar(select(Activity.id)) is None
        assert s.scalar(select(Problem.id)) is None
    with team_a.read() as s:
        assert s.get(Project, secret).name == SECRET
        assert s.scalar(select(Activity.summary)) == SECRET_NOTE
        assert s.scalar(select(Problem.description)) == SECRET_PROBLEM


def test_a_lead_made_public_reaches_team_b_with_its_history(sites, tmp_path) -> None:
    bureau, _team_a, team_b, secret = sites
    first = tmp_path / "first.zspkg"
    export_package(bureau, team_b.site_id, first)
    import_package(team_b, first)
    # Team B confirms what it holds (its package back), so the bureau's cursor moves past
    # the lead's first changes: they are not offered again by the cursor.
    back = tmp_path / "back.zspkg"
    export_package(team_b, bureau.site_id, back)
    import_package(bureau, back)
    with bureau.session() as s:
        projects.update_project(s, secret, confidential=False)
    second = tmp_path / "second.zspkg"
    export_package(bureau, team_b.site_id, second)
    import_package(team_b, second)
    with team_b.read() as s:
        project = s.get(Project, secret)
        assert project is not None and project.name == SECRET and not project.confidential
        assert s.scalar(select(Activity.summary)) == SECRET_NOTE
        assert s.scalar(select(Problem.description)) == SECRET_PROBLEM


def test_a_team_laptop_exporting_as_a_member_leaves_out_other_teams_leads(sites, tmp_path) -> None:
    """A laptop that holds team A's lead exports, signed in as another team's leader, a
    package without it (the exporting person's rights bound it too)."""
    bureau, team_a, team_b, _secret = sites
    to_a = tmp_path / "to_a.zspkg"
    export_package(bureau, team_a.site_id, to_a)
    import_package(team_a, to_a)
    with team_a.read() as s:
        other_team = s.scalar(select(Team.id).where(Team.name == "驻上海招商工作队"))
    team_a.user = Actor("zhao", "赵", frozenset({Role.LEADER}), team_id=other_team)
    out = tmp_path / "a_to_b.zspkg"
    export_package(team_a, team_b.site_id, out)
    body = _body(team_a, team_b, out)
    assert SECRET.encode() not in body and SECRET_NOTE.encode() not in body


def test_a_server_sync_brings_a_team_only_what_its_account_may_read(
    sqlite_template: Path, tmp_path: Path
) -> None:
    from crm.accounts import sign_in
    from crm.sync.exchange import sync_with_server

    hub = make_site(sqlite_template, tmp_path, "hub")
    laptop = make_site(sqlite_template, tmp_path, "laptop_b")
    try:
        with hub.session() as s:
            a = teams.create_team(s, name="驻深圳招商工作队").id
            b = teams.create_team(s, name="驻上海招商工作队").id
            projects.create_project(s, name=SECRET, team_id=a, confidential=True)
            projects.create_project(s, name="乙队公开项目", team_id=b)
            add_user(s, login="boss", name="管理员", roles="admin", password="boss-pass-1")
            add_user(s, login="li", name="李乙", roles="leader", password="li-pass-1", team=b)
        sign_in(hub, "li", "li-pass-1")
        sync_with_server(laptop, hub)
        with laptop.read() as s:
            assert s.scalars(select(Project.name)).all() == ["乙队公开项目"]
    finally:
        laptop.close()
        hub.close()
