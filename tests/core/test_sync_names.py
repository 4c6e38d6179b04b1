"""Each site has its own name: the bureau tells 171 team laptops apart by it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from crm.cli import main
from crm.db import Database, open_database
from crm.models import ChangeLog
from crm.models.sync import SyncPeer
from crm.services import companies, projects, teams
from crm.services.settings import set_setting
from crm.sync.errors import SyncError
from crm.sync.exchange import export_package, import_package, outgoing, sync_with_server
from crm.sync.peers import find_peer, list_peers, set_site_name, site_name
from tests.core.sync_helpers import make_site, pair_all
from tests.core.test_sync_server import hub  # noqa: F401  (SQLite, and PostgreSQL if set)

BUREAU = "南宁市投资促进局"  # tests/conftest.py TEST_BUREAU
TEAM = "上林县驻长沙招商工作队"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _copy(source: Database, path: Path) -> Database:
    """A laptop set up from a copy of the bureau's file (it becomes a site of its own)."""
    with source.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(source.path, path)
    return open_database(path)


def _name(db: Database) -> str:
    with db.session() as s:
        return site_name(s.connection())


@pytest.fixture
def bureau(sqlite_template: Path, tmp_path: Path):
    database = make_site(sqlite_template, tmp_path, "bureau")
    with database.session() as s:
        for name in (TEAM, "马山县驻深圳招商工作队"):
            teams.create_team(s, name=name)
    yield database
    database.close()


def _team_id(db: Database, name: str) -> str:
    from crm.models import Team

    with db.session() as s:
        return s.scalar(select(Team.id).where(Team.name == name))


def _laptop(bureau: Database, tmp_path: Path, team: str) -> Database:
    laptop = _copy(bureau, tmp_path / f"{team}.sqlite")
    with laptop.session() as s:
        set_setting(s, "my_team_id", _team_id(laptop, team))
    return laptop


def test_laptops_copied_from_the_bureau_are_named_by_their_teams(
    bureau: Database, tmp_path: Path
) -> None:
    shanglin = _laptop(bureau, tmp_path, TEAM)
    mashan = _laptop(bureau, tmp_path, "马山县驻深圳招商工作队")
    try:
        assert _name(bureau) == BUREAU
        assert _name(shanglin) == TEAM
        assert _name(mashan) == "马山县驻深圳招商工作队"
        pair_all(bureau, shanglin, mashan)
        with bureau.session() as s:
            conn = s.connection()
            assert [p.name for p in list_peers(conn)] == sorted([TEAM, "马山县驻深圳招商工作队"])
            # `--to NAME` picks one laptop: the names are no longer all the bureau's.
            assert find_peer(conn, TEAM) == shanglin.site_id
        with shanglin.session() as s:
            cid = companies.create_company(s, name="广西北部湾投资集团有限公司").id
            projects.create_project(s, name="北龙高端装备制造基地项目", company_id=cid)
        export_package(shanglin, bureau.site_id, tmp_path / "队.zspkg")
        result = import_package(bureau, tmp_path / "队.zspkg")
        assert result.sender_name == TEAM
    finally:
        shanglin.close()
        mashan.close()


def test_a_name_given_here_names_the_site_and_never_travels(
    bureau: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    laptop = _laptop(bureau, tmp_path, TEAM)
    pair_all(bureau, laptop)
    laptop.close()
    path = str(tmp_path / f"{TEAM}.sqlite")
    identity = tmp_path / "laptop.json"
    code, out, _ = _run(
        capsys, "--db", path, "sync", "id", "--name", "  上林队 笔记本2 ", "--out", str(identity)
    )
    assert code == 0 and "本站点名称：上林队 笔记本2" in out
    assert json.loads(identity.read_text(encoding="utf-8"))["name"] == "上林队 笔记本2"
    code, out, _ = _run(capsys, "--db", path, "sync", "status")
    assert "本站点：上林队 笔记本2" in out
    laptop = open_database(path)
    try:
        with laptop.session() as s:
            # Computer-own: no change that could travel to the bureau.
            logged = s.scalars(select(ChangeLog).where(ChangeLog.record_id == "site_name")).all()
            assert logged == []
            waiting = outgoing(s.connection(), bureau.site_id, 0)
            assert "site_name" not in {c["record_id"] for c in waiting}
        # A copy of this laptop's file is another site: it does not call itself 上林队 笔记本2,
        # nor by the laptop's team: the copy's profile (user, team) is cleared until someone
        # says who works on it (user test 3, finding 8), so the bureau's name it is.
        copy = _copy(laptop, tmp_path / "copy.sqlite")
        assert _name(copy) == "南宁市投资促进局"
        copy.close()
        # An empty name: back to the default.
        with laptop.session() as s:
            assert set_site_name(s, "") == TEAM
    finally:
        laptop.close()


def test_an_existing_pair_learns_the_new_name_from_the_next_package(
    sqlite_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Paired before sites had names of their own: both called themselves the bureau."""
    bureau = make_site(sqlite_template, tmp_path, "bureau")
    laptop = make_site(sqlite_template, tmp_path, "laptop")
    pair_all(bureau, laptop)
    with bureau.session() as s:
        assert [p.name for p in list_peers(s.connection())] == [BUREAU]
    laptop.close()
    laptop_path = str(tmp_path / "laptop.sqlite")
    assert _run(capsys, "--db", laptop_path, "sync", "id", "--name", TEAM)[0] == 0
    package = tmp_path / "队.zspkg"
    code, out, _ = _run(
        capsys, "--db", laptop_path, "sync", "export", "--to", BUREAU, "--out", str(package)
    )
    assert code == 0
    bureau_path = str(bureau.path)
    bureau.close()
    code, out, _ = _run(capsys, "--db", bureau_path, "sync", "import", str(package), "--dry-run")
    assert f"来自“{TEAM}”的" in out
    code, out, _ = _run(capsys, "--db", bureau_path, "sync", "import", str(package))
    assert code == 0 and f"已导入：来自“{TEAM}”的" in out
    code, out, _ = _run(capsys, "--db", bureau_path, "sync", "peers")
    assert f"- {TEAM}（同步包）" in out and f"- {BUREAU}" not in out
    code, out, _ = _run(
        capsys, "--db", bureau_path, "sync", "export", "--to", TEAM, "--out", str(tmp_path / "局")
    )
    assert code == 0 and f"发往“{TEAM}”" in out


def test_two_peers_of_one_name_are_named_in_the_refusal(bureau: Database, tmp_path: Path) -> None:
    a, b = (_copy(bureau, tmp_path / f"{n}.sqlite") for n in "ab")  # both: the bureau's name
    try:
        pair_all(bureau, a, b)
        with bureau.session() as s, pytest.raises(SyncError) as caught:
            find_peer(s.connection(), BUREAU)
        assert a.site_id in caught.value.message_zh and b.site_id in caught.value.message_zh
    finally:
        a.close()
        b.close()


def test_a_server_sync_refreshes_the_names_both_ways(
    hub: Database,  # noqa: F811  (the fixture imported above)
    bureau: Database,
    tmp_path: Path,
) -> None:
    laptop = _copy(bureau, tmp_path / "laptop.sqlite")
    try:
        sync_with_server(laptop, hub)
        with laptop.session() as s:
            set_site_name(s, TEAM)
        with hub.session() as s:
            set_site_name(s, "局机关服务器")
        sync_with_server(laptop, hub)
        with hub.session() as s:
            assert s.scalar(select(SyncPeer.name)) == TEAM
        with laptop.session() as s:
            assert s.scalar(select(SyncPeer.name)) == "局机关服务器"
    finally:
        laptop.close()
