"""Two and three sites exchanging packages: what a team laptop and the bureau do."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from crm.models import ChangeLog, Project
from crm.models.sync import SyncConflict
from crm.services import companies, funds, projects, stages
from crm.sync.errors import SyncError
from crm.sync.exchange import export_package, import_package
from tests.core.sync_helpers import digest, make_site, pair_all, send


@pytest.fixture
def sites(sqlite_template: Path, tmp_path: Path):
    bureau = make_site(sqlite_template, tmp_path, "bureau")
    team = make_site(sqlite_template, tmp_path, "team")
    pair_all(bureau, team)
    yield bureau, team
    bureau.close()
    team.close()


def _project(db, name="新能源电池项目", **fields) -> str:
    with db.session() as s:
        company = companies.create_company(s, name="宁德时代新能源科技股份有限公司").id
        return projects.create_project(
            s, name=name, company_id=company, planned_investment="50000", **fields
        ).id


def test_team_work_reaches_the_bureau_and_back(sites, tmp_path: Path) -> None:
    bureau, team = sites
    pid = _project(team)
    with team.session() as s:
        stages.move_stage(
            s, pid, to_stage="signed", on=date(2026, 3, 2), skipped={"negotiating": None}
        )
        funds.record_funds(s, project_id=pid, received_on=date(2026, 4, 1), amount="12000")
    assert send(team, bureau, tmp_path) > 0
    assert digest(team) == digest(bureau)
    with bureau.session() as s:
        project = s.get(Project, pid)
        assert project.stage == "funded" and project.signed_on == date(2026, 3, 2)
        projects.update_project(s, pid, responsible_person="李科长")
    send(bureau, team, tmp_path)
    assert digest(team) == digest(bureau)
    with team.session() as s:
        assert s.get(Project, pid).responsible_person == "李科长"


def test_reimporting_a_package_changes_nothing(sites, tmp_path: Path) -> None:
    bureau, team = sites
    _project(team)
    path = tmp_path / "p.zspkg"
    export_package(team, bureau.site_id, path)
    first = import_package(bureau, path)
    before = digest(bureau)
    with bureau.session() as s:
        rows = len(s.scalars(select(ChangeLog.id)).all())
    again = import_package(bureau, path)
    assert first.summary.applied > 0 and again.summary.applied == 0
    assert digest(bureau) == before
    with bureau.session() as s:
        assert len(s.scalars(select(ChangeLog.id)).all()) == rows


def test_concurrent_edits_keep_the_loser_as_a_conflict(sites, tmp_path: Path) -> None:
    bureau, team = sites
    pid = _project(bureau)
    send(bureau, team, tmp_path)
    with bureau.session() as s:
        projects.update_project(s, pid, responsible_person="局里定的")
    with team.session() as s:
        projects.update_project(s, pid, responsible_person="队里定的")  # later: wins
    send(team, bureau, tmp_path)
    send(bureau, team, tmp_path)
    assert digest(team) == digest(bureau)
    for site in sites:
        with site.session() as s:
            assert s.get(Project, pid).responsible_person == "队里定的"
            conflicts = s.scalars(select(SyncConflict)).all()
            assert [(c.kind, c.field) for c in conflicts] == [("field", "responsible_person")]
            loser = s.get(ChangeLog, conflicts[0].loser_id)
            assert loser.new_value == "局里定的"


def test_conflicts_keep_their_ids_while_others_are_settled(sites, tmp_path: Path) -> None:
    """Two fields of one project edited on both sides: a manager lists the two conflicts and
    settles them one by one with the ids listed. Settling the first rewrote the record's
    list with new ids, so the second id was refused as 可能已被处理 (user test 2, F2)."""
    from crm.sync.conflicts import list_conflicts, resolve_conflict

    bureau, team = sites
    pid = _project(bureau)
    send(bureau, team, tmp_path)
    with bureau.session() as s:
        projects.update_project(s, pid, responsible_person="局里定的", planned_investment="60000")
    with team.session() as s:  # later: wins both
        projects.update_project(s, pid, responsible_person="队里定的", planned_investment="70000")
    send(team, bureau, tmp_path)
    with bureau.session() as s:
        listed = {c.field: c.id for c in list_conflicts(s)}
    assert set(listed) == {"responsible_person", "planned_investment"}
    with bureau.session() as s:
        left = resolve_conflict(s, listed["planned_investment"], keep="winner",
                                site_id=bureau.site_id, actor="局长")  # fmt: skip
    assert left == 1
    with bureau.session() as s:
        resolve_conflict(s, listed["responsible_person"], keep="loser",
                         site_id=bureau.site_id, actor="局长")  # fmt: skip
    with bureau.read() as s:
        assert s.get(Project, pid).responsible_person == "局里定的"
        assert s.scalars(select(SyncConflict)).all() == []


def test_edit_concurrent_with_delete_keeps_the_record_visible(sites, tmp_path: Path) -> None:
    bureau, team = sites
    pid = _project(bureau)
    send(bureau, team, tmp_path)
    with bureau.session() as s:
        projects.delete_project(s, pid)
    with team.session() as s:
        projects.update_project(s, pid, notes="企业确认下月来考察")
    send(team, bureau, tmp_path)
    send(bureau, team, tmp_path)
    assert digest(team) == digest(bureau)
    for site in sites:
        with site.session() as s:
            assert s.get(Project, pid).deleted_at is None
            kinds = {c.kind for c in s.scalars(select(SyncConflict))}
            assert kinds == {"delete"}


def test_a_delete_after_seeing_the_edit_is_no_conflict(sites, tmp_path: Path) -> None:
    bureau, team = sites
    pid = _project(bureau)
    send(bureau, team, tmp_path)
    with team.session() as s:
        projects.update_project(s, pid, notes="已电话联系")
    send(team, bureau, tmp_path)
    with bureau.session() as s:
        projects.delete_project(s, pid)
    send(bureau, team, tmp_path)
    assert digest(team) == digest(bureau)
    with team.session() as s:
        assert s.get(Project, pid).deleted_at is not None
        assert s.scalars(select(SyncConflict)).all() == []


def test_tampered_package_is_refused_and_nothing_written(sites, tmp_path: Path) -> None:
    bureau, team = sites
    _project(team)
    path = tmp_path / "p.zspkg"
    export_package(team, bureau.site_id, path)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    before = digest(bureau)
    with pytest.raises(SyncError) as caught:
        import_package(bureau, path)
    assert caught.value.code in {"bad_signature", "cannot_decrypt"}
    assert digest(bureau) == before


def test_package_for_another_site_is_refused(sqlite_template: Path, tmp_path: Path) -> None:
    bureau = make_site(sqlite_template, tmp_path, "bureau")
    team = make_site(sqlite_template, tmp_path, "team")
    other = make_site(sqlite_template, tmp_path, "other")
    pair_all(bureau, team, other)
    _project(team)
    path = tmp_path / "p.zspkg"
    export_package(team, bureau.site_id, path)
    with pytest.raises(SyncError) as caught:
        import_package(other, path)
    assert caught.value.code in {"wrong_receiver"}


def test_one_code_claimed_on_two_laptops(sqlite_template: Path, tmp_path: Path) -> None:
    """Two teams each create project ZS2026-00001 offline: the earlier keeps the code, the other
    keeps its data with the code empty, and both sites list it for a person to settle."""
    bureau = make_site(sqlite_template, tmp_path, "bureau")
    a = make_site(sqlite_template, tmp_path, "a")
    b = make_site(sqlite_template, tmp_path, "b")
    pair_all(bureau, a, b)
    first = _project(a, name="铝材深加工项目", code="ZS2026-00001")
    second = _project(b, name="数据中心项目", code="ZS2026-00001")
    send(b, bureau, tmp_path)
    send(a, bureau, tmp_path)
    for site in (a, b):
        send(bureau, site, tmp_path)
    send(a, bureau, tmp_path)
    send(b, bureau, tmp_path)
    assert digest(a) == digest(b) == digest(bureau)
    for site in (bureau, a, b):
        with site.session() as s:
            assert s.get(Project, first).code == "ZS2026-00001"
            assert s.get(Project, second).code is None
            assert s.get(Project, second).name == "数据中心项目"
            unique = [c for c in s.scalars(select(SyncConflict)) if c.kind == "unique"]
            assert [(c.record_id, c.detail) for c in unique] == [(second, "ZS2026-00001")]


def test_a_copied_database_file_becomes_a_site_of_its_own(sites, tmp_path: Path) -> None:
    """A clerk hands a team a copy of the bureau's file: it must not share the bureau's id."""
    import shutil

    from crm.db import open_database

    bureau, _team = sites
    _project(bureau)
    copy = tmp_path / "laptop.sqlite"
    with bureau.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(bureau.path, copy)
    laptop = open_database(copy)
    try:
        assert laptop.site_id != bureau.site_id
        reopened = open_database(bureau.path)
        assert reopened.site_id == bureau.site_id
        reopened.close()
        with laptop.session() as s:
            from crm.models.sync import SyncPeer

            assert s.scalars(select(SyncPeer)).all() == []  # it pairs afresh
    finally:
        laptop.close()


def test_a_chain_named_in_a_laptop_ledger_travels_before_its_projects(
    sites, tmp_path: Path
) -> None:
    """A team imports a ledger naming a new industry chain (created with consent): the
    bureau receives the chain with the project, not a project pointing at nothing."""
    from openpyxl import Workbook

    from crm.ledger import ImportOptions, apply_plan, build_plan
    from crm.models import IndustryChain

    bureau, team = sites
    book = Workbook()
    sheet = book.active
    sheet.append(["序号", "项目名称", "投资方", "总投资（万元）", "投资来源地", "产业链"])
    sheet.append([1, "氢燃料电池项目", "国氢科技有限公司", 50000, "北京市", "氢能产业链"])
    path = tmp_path / "ledger.xlsx"
    book.save(path)
    apply_plan(team, build_plan(team, path, ImportOptions(create_missing=True)))
    send(team, bureau, tmp_path)
    assert digest(team) == digest(bureau)
    with bureau.session() as s:
        project = s.scalars(select(Project).where(Project.name == "氢燃料电池项目")).one()
        assert s.get(IndustryChain, project.chain_code).name_zh == "氢能产业链"
