"""A laptop meets a hub that holds another bureau's data (user test, finding 26): a sync that
fails writes nothing on either side, same-name parks, teams and programmes made on both sides
do not stop it and never rename what a site already holds, upgrading is advised only across
versions, and two unrelated databases are merged only when the person confirms."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from crm.cli import main
from crm.db import Database
from crm.models import ChangeLog, ListEntry, Park, Programme, Project, Team
from crm.models.sync import SyncConflict, SyncPeer
from crm.services import companies, dispatch, projects, teams
from crm.sync import exchange
from crm.sync.errors import SyncError
from crm.sync.exchange import UnrelatedSites, export_package, import_package, sync_with_server
from tests.core.sync_helpers import digest, make_site, pair_all, send
from tests.core.test_sync_safety import _change, _forged
from tests.core.test_sync_server import hub  # noqa: F401  (SQLite, and PostgreSQL if set)

PARK = "宾阳黎塘工业园区"
PROGRAMME = "千企技改"
TEAM = "宾阳县驻广州招商工作队"


def _projects(db: Database, prefix: str, count: int) -> list[str]:
    with db.session() as s:
        ids = []
        for number in range(count):
            cid = companies.create_company(s, name=f"{prefix}企业{number}有限公司").id
            ids.append(projects.create_project(s, name=f"{prefix}项目{number}", company_id=cid).id)
        return ids


def _state(db: Database) -> tuple[str, int, int, int]:
    """What a person could see change: the data, and the log and peers sync keeps."""
    with db.session() as s:
        return (
            digest(db),
            s.scalar(select(func.count()).select_from(Project)),
            s.scalar(select(func.count()).select_from(ChangeLog)),
            s.scalar(select(func.count()).select_from(SyncPeer)),
        )


def _fail_on(monkeypatch: pytest.MonkeyPatch, target: Database, call: int) -> None:
    """apply_changes raises on its `call`-th batch written into `target`."""
    real = exchange.apply_changes
    calls = {"n": 0}

    def failing(conn: Any, changes: Any, **kwargs: Any) -> Any:
        if conn.engine.url == target.engine.url:
            calls["n"] += 1
            if calls["n"] == call:
                raise SyncError("注入的故障", "injected failure", code="injected")
        return real(conn, changes, **kwargs)

    monkeypatch.setattr(exchange, "apply_changes", failing)


def test_a_sync_failing_after_some_batches_reached_the_hub_leaves_the_hub_unchanged(
    hub: Database,  # noqa: F811
    sqlite_template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    laptop = make_site(sqlite_template, tmp_path, "laptop")
    _projects(laptop, "队", 6)
    _projects(hub, "局", 2)
    hub_before, laptop_before = _state(hub), _state(laptop)
    _fail_on(monkeypatch, hub, call=3)  # two batches of the laptop's projects are in
    with pytest.raises(SyncError):
        sync_with_server(laptop, hub, batch=3)
    assert _state(hub) == hub_before
    assert _state(laptop) == laptop_before
    monkeypatch.undo()
    result = sync_with_server(laptop, hub, batch=3)
    assert result.sent > 0 and result.received > 0
    assert digest(laptop) == digest(hub)
    laptop.close()


def test_a_sync_failing_while_receiving_leaves_both_sides_unchanged(
    hub: Database,  # noqa: F811
    sqlite_template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Everything was sent, then receiving failed: the hub does not keep what was sent."""
    laptop = make_site(sqlite_template, tmp_path, "laptop")
    _projects(laptop, "队", 3)
    _projects(hub, "局", 3)
    hub_before, laptop_before = _state(hub), _state(laptop)
    _fail_on(monkeypatch, laptop, call=1)
    with pytest.raises(SyncError):
        sync_with_server(laptop, hub, batch=3)
    assert _state(hub) == hub_before
    assert _state(laptop) == laptop_before
    laptop.close()


def test_a_cancelled_sync_keeps_nothing(
    hub: Database,  # noqa: F811
    sqlite_template: Path,
    tmp_path: Path,
) -> None:
    laptop = make_site(sqlite_template, tmp_path, "laptop")
    _projects(laptop, "队", 6)
    before = _state(hub)
    calls = {"n": 0}

    def cancel_after_two() -> bool:
        calls["n"] += 1
        return calls["n"] > 2

    with pytest.raises(exchange.Cancelled):
        sync_with_server(laptop, hub, batch=3, should_cancel=cancel_after_two)
    assert _state(hub) == before
    laptop.close()


def _own_park_programme_team(db: Database, prefix: str) -> tuple[str, str, str, str]:
    """A park, a programme and a team made on this site, and a project in all three."""
    with db.session() as s:
        park = projects.create_park(s, name=PARK).id
        programme = dispatch.create_programme(s, name=PROGRAMME).id
        team = teams.create_team(s, name=TEAM).id
        cid = companies.create_company(s, name=f"{prefix}新材料有限公司").id
        project = projects.create_project(
            s, name=f"{prefix}新材料项目", company_id=cid, park_id=park, team_id=team
        ).id
        dispatch.put_on_list(s, project_id=project, year=2026, level="市级", programme_id=programme)
    return park, programme, team, project


def _names(db: Database, model: Any) -> dict[str, str]:
    with db.session() as s:
        return {row.id: row.name for row in s.execute(select(model.id, model.name))}


def _check_own_records_kept(
    db: Database, own: tuple[str, str, str, str], other: tuple[str, str, str, str]
) -> None:
    park, programme, team, project = own
    for model, mine, theirs, name in (
        (Park, park, other[0], PARK),
        (Programme, programme, other[1], PROGRAMME),
        (Team, team, other[2], TEAM),
    ):
        names = _names(db, model)
        assert names[mine] == name  # what this site already held keeps its name
        assert names[theirs] == f"{name}（重复 {theirs[-8:]}）"  # the newcomer is marked
    with db.session() as s:
        row = s.get(Project, project)
        assert (row.park_id, row.team_id) == (park, team)
        entry = s.scalars(select(ListEntry).where(ListEntry.project_id == project)).one()
        assert entry.programme_id == programme
        unique = {
            (c.table_name, c.record_id)
            for c in s.scalars(select(SyncConflict))
            if c.kind == "unique" and c.table_name != "project"  # both made code ZS2026-00001
        }
    # Each marked newcomer is listed for a person to merge or rename.
    assert unique == {("park", other[0]), ("programme", other[1]), ("team", other[2])}


def test_same_names_made_on_both_sides_sync_and_each_site_keeps_its_own(
    hub: Database,  # noqa: F811
    sqlite_template: Path,
    tmp_path: Path,
) -> None:
    laptop = make_site(sqlite_template, tmp_path, "laptop")
    on_hub = _own_park_programme_team(hub, "局")
    on_laptop = _own_park_programme_team(laptop, "队")
    result = sync_with_server(laptop, hub)
    assert result.sent > 0 and result.received > 0
    _check_own_records_kept(hub, on_hub, on_laptop)
    _check_own_records_kept(laptop, on_laptop, on_hub)
    # Syncing again is not refused and has nothing to exchange.
    again = sync_with_server(laptop, hub)
    assert (again.sent, again.received) == (0, 0)
    _check_own_records_kept(hub, on_hub, on_laptop)
    laptop.close()


def test_same_names_in_a_package_preview_and_import(
    sqlite_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bureau = make_site(sqlite_template, tmp_path, "bureau")
    team = make_site(sqlite_template, tmp_path, "team")
    pair_all(bureau, team)
    on_bureau = _own_park_programme_team(bureau, "局")
    on_team = _own_park_programme_team(team, "队")
    path = tmp_path / "team.zspkg"
    export_package(team, bureau.site_id, path)
    before = digest(bureau)
    preview = import_package(bureau, path, dry_run=True)
    assert preview.summary.new["programme"] == 1 and preview.summary.new["park"] == 1
    assert digest(bureau) == before
    import_package(bureau, path)
    _check_own_records_kept(bureau, on_bureau, on_team)
    where = str(bureau.path)
    bureau.close()
    team.close()
    assert main(["--db", where, "sync", "conflicts"]) == 0
    listed = capsys.readouterr().out
    assert f"名称重复 园区“{PARK}（重复 {on_team[0][-8:]}）”" in listed
    assert f"名称重复 专项“{PROGRAMME}（重复 {on_team[1][-8:]}）”" in listed


def _orphan_package(
    template: Path, tmp_path: Path, schema: str | None = None
) -> tuple[Database, Database, Path]:
    """Two paired sites and a package from the team whose project points at a company the
    bureau never received (a constraint the bureau's database breaks on), forged with the
    sender's schema revision `schema` (default: this program's)."""
    bureau = make_site(template, tmp_path, "bureau")
    team = make_site(template, tmp_path, "team")
    pair_all(bureau, team)
    change = _change(team, f"{int(time.time() * 1000):013d}-000000")
    change.update(
        table_name="project",
        field="*",
        new_value='{"name": "孤立项目", "company_id": "no-such-company"}',
    )
    path = tmp_path / "orphan.zspkg"
    extra = {} if schema is None else {"schema": schema}
    path.write_bytes(_forged(team, bureau, [change], **extra))
    return bureau, team, path


def test_a_constraint_broken_by_the_same_version_does_not_advise_upgrading(
    sqlite_template: Path, tmp_path: Path
) -> None:
    bureau, team, path = _orphan_package(sqlite_template, tmp_path)
    with pytest.raises(SyncError) as caught:
        import_package(bureau, path)
    assert caught.value.code == "incompatible_changes"
    assert "升级" not in caught.value.message_zh
    assert "双方的程序版本相同" in caught.value.message_zh
    assert "未写入任何数据" in caught.value.message_zh
    bureau.close()
    team.close()


def test_a_constraint_broken_across_versions_advises_upgrading(
    sqlite_template: Path, tmp_path: Path
) -> None:
    from crm.migrate import known_revisions
    from crm.schema import SCHEMA_HEAD

    older = next(r for r in known_revisions() if r != SCHEMA_HEAD)
    bureau, team, path = _orphan_package(sqlite_template, tmp_path, schema=older)
    with pytest.raises(SyncError) as caught:
        import_package(bureau, path)
    assert "对方的程序版本与本站点不同" in caught.value.message_zh
    assert "升级到同一版本" in caught.value.message_zh
    bureau.close()
    team.close()


def test_a_server_sync_never_advises_upgrading(
    hub: Database,  # noqa: F811
    sqlite_template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Both databases are opened by this program: the same version on both sides."""
    from crm.sync import apply

    laptop = make_site(sqlite_template, tmp_path, "laptop")
    _projects(laptop, "队", 1)

    def broken(*_args: Any) -> Any:
        raise IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed: x.y"))

    monkeypatch.setattr(apply, "_apply_changes", broken)
    with pytest.raises(SyncError) as caught:
        sync_with_server(laptop, hub)
    assert "升级" not in caught.value.message_zh and "技术支持" in caught.value.message_zh
    laptop.close()


@pytest.fixture
def few(monkeypatch: pytest.MonkeyPatch) -> int:
    """A bureau's worth of projects, made small to keep the tests quick."""
    monkeypatch.setattr(exchange, "UNRELATED_MIN_PROJECTS", 4)
    return 4


def test_two_unrelated_databases_are_merged_only_when_confirmed(
    hub: Database,  # noqa: F811
    sqlite_template: Path,
    tmp_path: Path,
    few: int,
) -> None:
    laptop = make_site(sqlite_template, tmp_path, "laptop")
    _projects(laptop, "队", few + 1)
    _projects(hub, "局", few)
    hub_before, laptop_before = _state(hub), _state(laptop)
    with pytest.raises(UnrelatedSites) as caught:
        sync_with_server(laptop, hub)
    assert caught.value.message_zh == (
        "本站点（5 个项目）与服务器（4 个项目）从未同步过，也没有一个相同的项目，像是两个单位"
        "各自的数据库：同步会把两边的数据合并在一起。未写入任何数据；确认要合并，请加 --yes "
        "重新运行。"
    )
    assert _state(hub) == hub_before and _state(laptop) == laptop_before
    sync_with_server(laptop, hub, merge_unrelated=True)
    assert digest(laptop) == digest(hub)
    with hub.session() as s:
        assert s.scalar(select(func.count()).select_from(Project)) == 2 * few + 1
    # Once met, they sync without a question.
    _projects(laptop, "队新", 1)
    assert sync_with_server(laptop, hub).sent > 0
    laptop.close()


def test_a_laptop_copied_from_the_hub_is_not_asked(
    sqlite_template: Path, tmp_path: Path, few: int
) -> None:
    from tests.core.test_sync_names import _copy

    hub = make_site(sqlite_template, tmp_path, "hub")  # noqa: F811  (SQLite only)
    _projects(hub, "局", few)
    laptop = _copy(hub, tmp_path / "laptop.sqlite")
    _projects(laptop, "队", few)
    sync_with_server(laptop, hub)
    assert digest(laptop) == digest(hub)
    laptop.close()
    hub.close()


def test_sync_with_by_command_line_asks_for_yes(
    sqlite_template: Path,
    tmp_path: Path,
    few: int,
    capsys: pytest.CaptureFixture[str],
) -> None:
    hub = make_site(sqlite_template, tmp_path, "hub")  # noqa: F811  (SQLite only)
    laptop = make_site(sqlite_template, tmp_path, "laptop")
    _projects(hub, "局", few)
    _projects(laptop, "队", few)
    paths = str(laptop.path), str(hub.path)
    hub.close()
    laptop.close()
    code = main(["--db", paths[0], "sync", "with", paths[1]])
    _out, err = capsys.readouterr()
    assert code == 1
    assert "从未同步过" in err and "请加 --yes 重新运行" in err
    code = main(["--db", paths[0], "sync", "with", paths[1], "--yes"])
    out, _err = capsys.readouterr()
    assert code == 0 and out.startswith("已与服务器同步：发送 ")


@pytest.mark.parametrize("kind", ["profile", "target"])
def test_one_record_per_project_or_year_made_on_both_sides_still_syncs(
    sqlite_template: Path, tmp_path: Path, kind: str
) -> None:
    a = make_site(sqlite_template, tmp_path, "a")
    b = make_site(sqlite_template, tmp_path, "b")
    pair_all(a, b)
    (project,) = _projects(a, "甲", 1)
    with a.session() as s:
        team = teams.create_team(s, name=TEAM).id
    send(a, b, tmp_path)
    for site, value in ((a, 3), (b, 4)):
        with site.session() as s:
            if kind == "profile":
                dispatch.set_profile(s, project_id=project, leader_name=f"{value}号领导")
            else:
                teams.set_target(s, team_id=team, year=2026, signed_projects=value)
    send(a, b, tmp_path)
    send(b, a, tmp_path)
    assert digest(a) == digest(b)
