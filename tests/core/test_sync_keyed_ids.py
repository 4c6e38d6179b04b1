"""One dispatch profile per project and one target per team and year, made on two sites before
they sync: both sites address the same record (its id comes from the key), so the sync merges
them field by field instead of failing for good; records made before, under random ids, are
filed under the key's id when they meet another record of their key (docs/sync.md rule 4)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from crm.db import Database
from crm.models import ChangeLog, DispatchProfile, TeamTarget, new_id
from crm.services import companies, dispatch, projects, teams
from crm.sync.conflicts import list_conflicts, resolve_conflict
from crm.sync.exchange import sync_with_server
from crm.sync.keyed_ids import profile_id, team_target_id
from tests.core.sync_helpers import digest, make_site, pair_all, send
from tests.core.test_sync_server import hub  # noqa: F401  (SQLite, and PostgreSQL if set)

TEAM = "宾阳县驻广州招商工作队"


def _project(db: Database) -> str:
    with db.session() as s:
        cid = companies.create_company(s, name="广西甲新材料有限公司").id
        return projects.create_project(s, name="甲新材料项目", company_id=cid).id


def _old_profile(db: Database, project_id: str, leader: str) -> str:
    """A profile as the program made it before: under a random id."""
    with db.session() as s:
        profile = DispatchProfile(id=new_id(), project_id=project_id, leader_name=leader)
        s.add(profile)
        s.flush()
        return profile.id


def _profiles(db: Database, project_id: str) -> list[tuple[str, str]]:
    """(id, 包保领导) of the project's profiles, live or not: the key allows one row."""
    with db.session() as s:
        return [
            (p.id, p.leader_name)
            for p in s.scalars(
                select(DispatchProfile).where(DispatchProfile.project_id == project_id)
            )
        ]


def _conflicts(db: Database) -> list[tuple[str, str, str, str | None, str | None]]:
    with db.session() as s:
        return sorted(
            (
                c.kind,
                c.table_name,
                c.field,
                c.winner.value if c.winner else None,
                c.loser.value if c.loser else None,
            )
            for c in list_conflicts(s)
        )


def _sites(template: Path, folder: Path, *names: str) -> list[Database]:
    sites = [make_site(template, folder, name) for name in names]
    pair_all(*sites)
    return sites


def test_ids_come_from_the_key() -> None:
    assert profile_id("p1") == profile_id("p1") != profile_id("p2")
    assert team_target_id("t1", 2026) != team_target_id("t1", 2025)
    assert team_target_id("t1", 2026) != profile_id("t1")
    assert len(profile_id("p1")) == 36


def test_profile_and_target_made_on_both_sides_are_one_record_with_a_conflict(
    sqlite_template: Path, tmp_path: Path
) -> None:
    a, b = _sites(sqlite_template, tmp_path, "a", "b")
    project = _project(a)
    with a.session() as s:
        team = teams.create_team(s, name=TEAM).id
    send(a, b, tmp_path)
    for site, value in ((a, 3), (b, 4)):
        with site.session() as s:
            dispatch.set_profile(
                s, project_id=project, leader_name=f"{value}号领导", construction_nature="new"
            )
            teams.set_target(s, team_id=team, year=2026, signed_projects=value)
    send(a, b, tmp_path)
    send(b, a, tmp_path)
    assert digest(a) == digest(b)
    for site in (a, b):
        # One record each, the later edit (b's) shown, the other value listed for a person.
        assert _profiles(site, project) == [(profile_id(project), "4号领导")]
        with site.session() as s:
            target = s.scalars(select(TeamTarget)).one()
        assert (target.id, target.signed_projects) == (team_target_id(team, 2026), 4)
        # The field both set alike (建设性质 new) is no conflict.
        assert _conflicts(site) == [
            ("field", "dispatch_profile", "leader_name", "4号领导", "3号领导"),
            ("field", "team_target", "signed_projects", "4", "3"),
        ]


def test_an_old_profile_meets_a_new_one_and_they_merge(
    sqlite_template: Path, tmp_path: Path
) -> None:
    """The bureau made the profile under a random id before upgrading, the team laptop made
    one after: the old one's changes are filed under the key's id on every site that has both,
    and a third site that had the old one first ends the same."""
    bureau, laptop, third = _sites(sqlite_template, tmp_path, "bureau", "laptop", "third")
    project = _project(bureau)
    send(bureau, laptop, tmp_path)
    old = _old_profile(bureau, project, "张副县长")
    send(bureau, third, tmp_path)  # the third site holds the old record only
    with laptop.session() as s:
        dispatch.set_profile(s, project_id=project, leader_name="李副县长", pooled_on="2026-03-01")
    send(laptop, bureau, tmp_path)
    send(bureau, laptop, tmp_path)
    keyed = profile_id(project)
    for site in (bureau, laptop):
        assert _profiles(site, project) == [(keyed, "李副县长")]
        with site.session() as s:
            assert s.scalar(select(DispatchProfile.pooled_on).where(DispatchProfile.id == keyed))
            assert not s.scalar(
                select(func.count()).select_from(ChangeLog).where(ChangeLog.record_id == old)
            )
        assert _conflicts(site) == [
            ("field", "dispatch_profile", "leader_name", "李副县长", "张副县长")
        ]
    assert digest(bureau) == digest(laptop)
    # The third site gets the old record's changes under the key's id from the laptop.
    send(laptop, third, tmp_path)
    send(bureau, third, tmp_path)
    assert _profiles(third, project) == [(keyed, "李副县长")]
    assert digest(third) == digest(bureau)
    assert _conflicts(third) == _conflicts(bureau)
    # Settling the conflict on one site settles it everywhere; edits go on as usual.
    with third.session() as s:
        (conflict,) = list_conflicts(s)
        resolve_conflict(s, conflict.id, keep="loser", site_id=third.site_id, actor="张三")
    with laptop.session() as s:
        dispatch.set_profile(s, project_id=project, construction_nature="upgrade")
    for sender, receiver in ((third, bureau), (laptop, bureau), (bureau, laptop), (bureau, third)):
        send(sender, receiver, tmp_path)
    for site in (bureau, laptop, third):
        assert _profiles(site, project) == [(keyed, "张副县长")]
        assert _conflicts(site) == []
    assert digest(bureau) == digest(laptop) == digest(third)


def test_two_old_records_of_one_key_merge_under_the_keys_id(
    sqlite_template: Path, tmp_path: Path
) -> None:
    """Two sites that made a profile for one project under random ids (their sync failed
    before this release) sync now, to one record."""
    a, b = _sites(sqlite_template, tmp_path, "a", "b")
    project = _project(a)
    send(a, b, tmp_path)
    _old_profile(a, project, "甲领导")
    _old_profile(b, project, "乙领导")
    send(a, b, tmp_path)
    send(b, a, tmp_path)
    assert _profiles(a, project) == _profiles(b, project) == [(profile_id(project), "乙领导")]
    assert digest(a) == digest(b)
    assert (
        _conflicts(a)
        == _conflicts(b)
        == [("field", "dispatch_profile", "leader_name", "乙领导", "甲领导")]
    )


def test_an_old_target_deleted_here_meets_a_new_one_made_there(
    sqlite_template: Path, tmp_path: Path
) -> None:
    """A delete that never saw the other site's target keeps it visible and asks a person."""
    a, b = _sites(sqlite_template, tmp_path, "a", "b")
    with a.session() as s:
        team = teams.create_team(s, name=TEAM).id
    send(a, b, tmp_path)
    with a.session() as s:
        old = TeamTarget(id=new_id(), team_id=team, year=2026, signed_projects=5)
        s.add(old)
        s.flush()
        old_id = old.id
    with a.session() as s:
        s.get(TeamTarget, old_id).deleted_at = datetime(2026, 6, 1)
    with b.session() as s:
        teams.set_target(s, team_id=team, year=2026, signed_projects=7)
    send(a, b, tmp_path)
    send(b, a, tmp_path)
    assert digest(a) == digest(b)
    for site in (a, b):
        with site.session() as s:
            rows = [(t.id, t.signed_projects, t.deleted_at) for t in s.scalars(select(TeamTarget))]
        assert rows == [(team_target_id(team, 2026), 7, None)]
        kinds = [
            (kind, field, winner, loser) for kind, _t, field, winner, loser in _conflicts(site)
        ]
        assert kinds[0][:2] == ("delete", "deleted_at")
        assert kinds[1:] == [("field", "signed_projects", "7", "5")]


def test_an_old_profile_meets_a_new_one_through_the_hub(
    hub: Database,  # noqa: F811
    sqlite_template: Path,
    tmp_path: Path,
) -> None:
    laptop = make_site(sqlite_template, tmp_path, "laptop")
    project = _project(hub)
    sync_with_server(laptop, hub)
    _old_profile(laptop, project, "张副县长")
    with hub.session() as s:
        dispatch.set_profile(s, project_id=project, leader_name="李副县长")
    result = sync_with_server(laptop, hub)
    assert result.sent > 0 and result.received > 0
    for site in (hub, laptop):
        assert _profiles(site, project) == [(profile_id(project), "李副县长")]
        assert _conflicts(site) == [
            ("field", "dispatch_profile", "leader_name", "李副县长", "张副县长")
        ]
    assert digest(hub) == digest(laptop)
    again = sync_with_server(laptop, hub)
    assert (again.sent, again.received) == (0, 0)
    laptop.close()


def test_a_dispatch_sheet_imported_on_both_sides_syncs(
    sqlite_template: Path, tmp_path: Path
) -> None:
    """The bureau imports the week's sheet in bulk, a team laptop imports the same sheet row
    by row through the services: both make the project's new profile under one id."""
    from crm.ledger import ImportOptions, apply_plan, build_plan
    from tests.core.dispatch_seed import seed_dispatch
    from tests.core.test_dispatch_import import _sheet

    bureau, laptop = _sites(sqlite_template, tmp_path, "bureau", "laptop")
    with bureau.session() as s:
        ids = seed_dispatch(s)
    send(bureau, laptop, tmp_path)
    header = ["项目名称", "建设性质", "2026年计划投资", "1-11月下旬累计完成投资", "形象进度"]
    rows = [
        ["新能源电池项目", "新建", 30000, 7000, "设备进场"],
        ["储备项目", "迁建", 0, 100, "开工准备"],
    ]
    path = _sheet(tmp_path / "d.xlsx", rows, header=header)
    for site, threshold in ((bureau, 1), (laptop, 1_000_000)):
        result = apply_plan(site, build_plan(site, path, ImportOptions(bulk_threshold=threshold)))
        assert result.bulk == (site is bureau)
        for key in ("p2", "p4"):
            assert _profiles(site, ids[key]) == [(profile_id(ids[key]), "")]
        with site.session() as s:
            fields = set(s.scalars(select(ChangeLog.field).where(
                ChangeLog.record_id == profile_id(ids["p4"]))))  # fmt: skip
        assert ("*" in fields) == (site is bureau)  # the bulk writer's whole-record rows
    send(bureau, laptop, tmp_path)
    send(laptop, bureau, tmp_path)
    assert digest(bureau) == digest(laptop)
    with bureau.session() as s:
        natures = dict(s.execute(select(DispatchProfile.project_id,
                                        DispatchProfile.construction_nature)).all())  # fmt: skip
    assert (natures[ids["p2"]], natures[ids["p4"]]) == ("new", "relocation")
    assert _conflicts(bureau) == _conflicts(laptop) == []
