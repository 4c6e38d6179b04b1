"""A team laptop's package that changes a shared setting of the bureau is refused unless the
laptop's account may change settings (an administrator) or the value is the bureau's already:
the setting keeps its value, the refused change is not written (nor kept to travel on), the
refusal is listed, and the rest of the package is applied."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from crm.accounts import add_user, sign_in
from crm.cli import main
from crm.db import Database
from crm.models import ChangeLog, Project
from crm.services import projects, teams
from crm.services.settings import get_setting, set_setting
from crm.sync.exchange import export_package, import_package
from crm.sync.refusals import bind_peer
from tests.core.sync_helpers import make_site, pair_all, send

KEY = "stalled_no_update_days"


@pytest.fixture
def sites(sqlite_template: Path, tmp_path: Path):
    bureau = make_site(sqlite_template, tmp_path, "bureau")
    laptop = make_site(sqlite_template, tmp_path, "laptop")
    pair_all(bureau, laptop)
    with bureau.session() as s:
        team = teams.create_team(s, name="驻深圳招商工作队").id
        project = projects.create_project(s, name="深圳电池项目", team_id=team).id
        set_setting(s, KEY, 45)
        add_user(s, login="boss", name="管理员", roles="admin", password="boss-pass-1")
        add_user(s, login="ops", name="运维", roles="admin", password="ops-pass-1")
        add_user(s, login="sz", name="深圳队", roles="leader", password="sz-pass-1", team=team)
    send(bureau, laptop, tmp_path)
    yield bureau, laptop, project
    bureau.close()
    laptop.close()


def _laptop_package(laptop: Database, bureau: Database, path: Path, days: int, project: str):
    """The laptop sets the shared setting and notes its own team's project."""
    with laptop.session() as s:
        set_setting(s, KEY, days)
        projects.update_project(s, project, notes="已约见董事长")
    export_package(laptop, bureau.site_id, path)


def _bind(bureau: Database, laptop: Database, login: str) -> None:
    with bureau.session() as s:
        bind_peer(s, laptop.site_id, login)


def _setting_changes_from(bureau: Database, laptop: Database) -> list[str]:
    with bureau.read() as s:
        return list(
            s.scalars(
                select(ChangeLog.new_value).where(
                    ChangeLog.table_name == "setting", ChangeLog.site_id == laptop.site_id
                )
            )
        )


def test_a_team_changing_a_shared_setting_is_refused_and_listed(sites, tmp_path) -> None:
    bureau, laptop, project = sites
    _bind(bureau, laptop, "sz")
    path = tmp_path / "laptop.zspkg"
    _laptop_package(laptop, bureau, path, 90, project)
    sign_in(bureau, "boss", "boss-pass-1")
    result = import_package(bureau, path)

    assert [(r.table_name, r.record_id, r.changes) for r in result.summary.refused] == [
        ("setting", KEY, 1)
    ]
    assert result.summary.refused[0].reason_zh == "用户“深圳队”（工作队队长）无权修改设置。"
    with bureau.read() as s:
        assert get_setting(s, KEY) == 45
        assert s.get(Project, project).notes == "已约见董事长"  # the rest is applied
    assert _setting_changes_from(bureau, laptop) == []  # not written, so it never travels on


def test_the_refused_setting_is_listed_by_crm_sync_import(
    sites, tmp_path, monkeypatch, capsys
) -> None:
    bureau, laptop, project = sites
    _bind(bureau, laptop, "sz")
    path = tmp_path / "laptop.zspkg"
    _laptop_package(laptop, bureau, path, 90, project)
    monkeypatch.setenv("CRM_PASSWORD", "boss-pass-1")
    assert main(["--db", str(bureau.path), "--user", "boss", "sync", "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"已拒绝：设置 {KEY}（1 项修改）：用户“深圳队”（工作队队长）无权修改设置。" in out


def test_setting_the_bureaus_own_value_is_no_refusal(sites, tmp_path) -> None:
    bureau, laptop, project = sites
    _bind(bureau, laptop, "sz")
    with laptop.session() as s:
        set_setting(s, KEY, 60)  # changed on the laptop, then back to the bureau's value
    path = tmp_path / "laptop.zspkg"
    _laptop_package(laptop, bureau, path, 45, project)
    result = import_package(bureau, path)
    assert result.summary.refused == []
    with bureau.read() as s:
        assert get_setting(s, KEY) == 45


def test_an_administrators_laptop_may_change_the_setting(sites, tmp_path) -> None:
    bureau, laptop, project = sites
    _bind(bureau, laptop, "ops")
    path = tmp_path / "laptop.zspkg"
    _laptop_package(laptop, bureau, path, 90, project)
    result = import_package(bureau, path)
    assert result.summary.refused == []
    with bureau.read() as s:
        assert get_setting(s, KEY) == 90
        assert s.get(Project, project).notes == "已约见董事长"
    assert _setting_changes_from(bureau, laptop) == ["90"]
