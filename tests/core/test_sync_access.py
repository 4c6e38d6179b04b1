"""The bureau checks a team laptop's package against the team's account: changes to the
team's own projects are applied, those touching another team's project are refused and
listed, and nothing of them is written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from crm.accounts import add_user, sign_in
from crm.models import Activity, Project
from crm.services import activities, projects, teams
from crm.sync.exchange import export_package, import_package
from crm.sync.refusals import bind_peer
from tests.core.sync_helpers import make_site, pair_all, send


@pytest.fixture
def sites(sqlite_template: Path, tmp_path: Path):
    bureau = make_site(sqlite_template, tmp_path, "bureau")
    laptop = make_site(sqlite_template, tmp_path, "laptop")
    pair_all(bureau, laptop)
    yield bureau, laptop
    bureau.close()
    laptop.close()


def test_package_touching_another_teams_project_is_partly_refused(sites, tmp_path) -> None:
    bureau, laptop = sites
    with bureau.session() as s:
        team_a = teams.create_team(s, name="驻深圳招商工作队").id
        team_b = teams.create_team(s, name="驻上海招商工作队").id
        own = projects.create_project(s, name="深圳电池项目", team_id=team_a).id
        other = projects.create_project(s, name="上海芯片项目", team_id=team_b).id
        add_user(s, login="boss", name="管理员", roles="admin", password="boss-pass-1")
    with bureau.session() as s:
        add_user(s, login="szteam", name="深圳队", roles="member", password="team-pass-1",
                 team=team_a)  # fmt: skip
        bind_peer(s, laptop.site_id, "szteam")
    send(bureau, laptop, tmp_path)

    with laptop.session() as s:  # the laptop's local profile may change anything locally
        projects.update_project(s, own, notes="已约见董事长")
        projects.update_project(s, other, notes="顺手改了别队的项目")
        new_lead = projects.create_project(s, name="深圳储能线索", team_id=team_a).id
        activities.log_activity(s, occurred_on=date(2026, 6, 1), kind="visit", project_id=other)
        activities.log_activity(s, occurred_on=date(2026, 6, 2), kind="visit", project_id=own)
    path = tmp_path / "laptop.zspkg"
    export_package(laptop, bureau.site_id, path)

    sign_in(bureau, "boss", "boss-pass-1")
    result = import_package(bureau, path)
    refused = {(r.table_name, r.record_id) for r in result.summary.refused}
    with bureau.read() as s:
        other_activity = s.scalar(select(Activity.id).where(Activity.project_id == other))
        own_activity = s.scalar(select(Activity.id).where(Activity.project_id == own))
        assert s.get(Project, own).notes == "已约见董事长"
        assert s.get(Project, new_lead).name == "深圳储能线索"
        assert s.get(Project, other).notes == ""
        assert own_activity is not None and other_activity is None
    assert ("project", other) in refused and len(refused) == 2
    assert {r.table_name for r in result.summary.refused} == {"project", "activity"}
    # Named as people know them: the activity by the project it was logged on.
    lines = {r.table_name: r.line("跟进记录" if r.of_project else "项目", True) for r in
             result.summary.refused}  # fmt: skip
    assert lines["project"].startswith("已拒绝：项目“上海芯片项目”（1 项修改）")
    assert lines["activity"].startswith("已拒绝：项目“上海芯片项目”的跟进记录（")
    reason = next(r for r in result.summary.refused if r.table_name == "project").reason_zh
    assert reason == "用户“深圳队”（工作队队员）无权修改这条记录。"


def test_a_peer_without_an_account_keeps_every_right(sites, tmp_path) -> None:
    bureau, laptop = sites
    with bureau.session() as s:
        team_b = teams.create_team(s, name="驻上海招商工作队").id
        other = projects.create_project(s, name="上海芯片项目", team_id=team_b).id
    send(bureau, laptop, tmp_path)
    with laptop.session() as s:
        projects.update_project(s, other, notes="局机关的另一台电脑")
    send(laptop, bureau, tmp_path)
    with bureau.read() as s:
        assert s.get(Project, other).notes == "局机关的另一台电脑"


def test_sync_import_lists_the_refused_changes(sites, tmp_path, monkeypatch, capsys) -> None:
    from crm.cli import main

    bureau, laptop = sites
    with bureau.session() as s:
        team_a = teams.create_team(s, name="驻深圳招商工作队").id
        team_b = teams.create_team(s, name="驻上海招商工作队").id
        other = projects.create_project(s, name="上海芯片项目", team_id=team_b).id
        add_user(s, login="boss", name="管理员", roles="admin", password="boss-pass-1")
    with bureau.session() as s:
        add_user(s, login="szteam", name="深圳队", roles="member", password="team-pass-1",
                 team=team_a)  # fmt: skip
        bind_peer(s, laptop.site_id, "szteam")
    send(bureau, laptop, tmp_path)
    with laptop.session() as s:
        projects.update_project(s, other, notes="顺手改了别队的项目")
    path = tmp_path / "laptop.zspkg"
    export_package(laptop, bureau.site_id, path)
    monkeypatch.setenv("CRM_PASSWORD", "boss-pass-1")
    assert main(["--db", str(bureau.path), "--user", "boss", "sync", "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert (
        "已拒绝：项目“上海芯片项目”（1 项修改）：用户“深圳队”（工作队队员）无权修改这条记录。"
        in out
    )


@pytest.fixture
def member_laptop(sqlite_template: Path, tmp_path: Path):
    """A hub with two teams' projects and a member of the first, whose laptop (synced once)
    then edits a project of each team: (hub, laptop, own project, other team's project)."""
    from crm.sync.exchange import sync_with_server

    hub = make_site(sqlite_template, tmp_path, "hub")
    laptop = make_site(sqlite_template, tmp_path, "laptop2")
    with hub.session() as s:
        team_a = teams.create_team(s, name="驻深圳招商工作队").id
        team_b = teams.create_team(s, name="驻上海招商工作队").id
        own = projects.create_project(s, name="深圳电池项目", team_id=team_a).id
        other = projects.create_project(s, name="上海芯片项目", team_id=team_b).id
        add_user(s, login="boss", name="管理员", roles="admin", password="boss-pass-1")
    with hub.session() as s:
        add_user(s, login="zhang", name="张三", roles="member", password="zhang-pass-1",
                 team=team_a)  # fmt: skip
    sync_with_server(laptop, hub)  # the hub's data reaches the laptop
    with laptop.session() as s:
        projects.update_project(s, own, notes="已约见")
        projects.update_project(s, other, notes="越权修改")
    yield hub, laptop, own, other
    laptop.close()
    hub.close()


def test_server_sync_checks_the_laptop_against_the_hub_account(member_laptop) -> None:
    from crm.sync.exchange import sync_with_server

    hub, laptop, own, other = member_laptop
    sign_in(hub, "zhang", "zhang-pass-1")
    result = sync_with_server(laptop, hub)
    assert [(r.table_name, r.record_id) for r in result.summary.refused] == [("project", other)]
    with hub.read() as s:
        assert (s.get(Project, own).notes, s.get(Project, other).notes) == ("已约见", "")


def test_a_server_sync_says_what_the_hub_refused(member_laptop, monkeypatch, capsys) -> None:
    """A member's laptop edits another team's project and syncs with the hub: the hub keeps
    it out, and the command says so by name (it said only 发送 2 项)."""
    from crm.cli import main

    hub, laptop, _own, _other = member_laptop
    monkeypatch.setenv("CRM_PASSWORD", "zhang-pass-1")
    code = main(["--db", str(laptop.path), "--user", "zhang", "sync", "with", str(hub.path)])
    out = capsys.readouterr().out
    assert code == 0
    said = "已拒绝：项目“上海芯片项目”（1 项修改）：用户“张三”（工作队队员）无权修改这条记录。"
    assert said in out
