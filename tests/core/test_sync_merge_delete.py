"""A merge made on one site reaches the others whole: the loser deleted there too."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from crm.models import Company
from crm.services import companies, merge, projects
from crm.sync.conflicts import list_conflicts, possible_duplicates
from tests.core.sync_helpers import digest, make_site, pair_all, send


def test_a_merge_of_a_company_made_on_two_laptops_syncs_whole(
    sqlite_template: Path, tmp_path: Path
) -> None:
    team = make_site(sqlite_template, tmp_path, "team")
    bureau = make_site(sqlite_template, tmp_path, "bureau")
    pair_all(team, bureau)
    name = "比亚迪股份有限公司"
    with team.session() as s:
        made_by_team = companies.create_company(s, name=name).id
        projects.create_project(s, name="新能源汽车零部件项目", company_id=made_by_team)
    with bureau.session() as s:
        made_by_bureau = companies.create_company(s, name=name).id
    send(team, bureau, tmp_path)
    with bureau.session() as s:
        (group,) = possible_duplicates(s)
        assert set(group.ids) == {made_by_team, made_by_bureau}
        plan = merge.plan_company_merge(s, survivor_id=made_by_bureau, loser_id=made_by_team)
        merge.merge_companies(s, survivor_id=made_by_bureau, loser_id=made_by_team, plan=plan)
    send(bureau, team, tmp_path)
    for site in (team, bureau):
        with site.session() as s:
            loser = s.get(Company, made_by_team)
            # Deleted and pointing to the survivor on both sites; not an edit against a delete.
            assert loser.deleted_at is not None and loser.merged_into_id == made_by_bureau
            live = s.scalars(select(Company.id).where(Company.deleted_at.is_(None))).all()
            assert made_by_team not in live
            assert list_conflicts(s) == [] and possible_duplicates(s) == []
    assert digest(team) == digest(bureau)
    team.close()
    bureau.close()


def test_a_record_carries_its_creation_time_to_every_site(
    sqlite_template: Path, tmp_path: Path
) -> None:
    """Stage events replay in (sequence, created_at, id) order: the same created_at
    everywhere keeps two sites' replays, and so their stages, the same."""
    from datetime import date

    from crm.models import StageEvent
    from crm.services import stages

    team = make_site(sqlite_template, tmp_path, "team")
    bureau = make_site(sqlite_template, tmp_path, "bureau")
    pair_all(team, bureau)
    with team.session() as s:
        pid = projects.create_project(s, name="数据中心项目").id
        stages.move_stage(s, pid, to_stage="negotiating", on=date(2026, 5, 1))
    send(team, bureau, tmp_path)
    made: dict[str, dict[str, object]] = {}
    for name, site in (("team", team), ("bureau", bureau)):
        with site.session() as s:
            made[name] = dict(s.execute(select(StageEvent.id, StageEvent.created_at)).all())
    assert made["team"] == made["bureau"] and len(made["team"]) == 2
    team.close()
    bureau.close()


def test_a_project_merged_away_while_edited_elsewhere_is_not_restored(
    sqlite_template: Path, tmp_path: Path
) -> None:
    """The bureau merges ZS-2 into ZS-1 while the team edits ZS-2: a delete-against-edit
    conflict. Restoring ZS-2 left an empty copy still marked merged (its records stayed with
    ZS-1: user test 2, F18); it is refused in one sentence, and keeping the delete settles it."""
    import pytest

    from crm.errors import ValidationError
    from crm.models import Project
    from crm.sync.conflicts import resolve_conflict

    team = make_site(sqlite_template, tmp_path, "team")
    bureau = make_site(sqlite_template, tmp_path, "bureau")
    pair_all(team, bureau)
    try:
        with bureau.session() as s:
            kept = projects.create_project(s, name="铝材项目", code="ZS-1").id
            gone = projects.create_project(s, name="铝材项目", code="ZS-2").id
        send(bureau, team, tmp_path)
        with bureau.session() as s:
            plan = merge.plan_project_merge(s, survivor_id=kept, loser_id=gone)
            merge.merge_projects(s, survivor_id=kept, loser_id=gone, plan=plan)
        with team.session() as s:
            projects.update_project(s, gone, responsible_person="笔记本上改的")
        send(team, bureau, tmp_path)
        with bureau.session() as s:
            (conflict,) = [c for c in list_conflicts(s) if c.kind == "delete"]
        with pytest.raises(ValidationError) as refused, bureau.session() as s:
            resolve_conflict(s, conflict.id, keep="restore", site_id=bureau.site_id, actor="局长")
        assert refused.value.message("zh").startswith("这条记录已合并到“ZS-1”")
        with bureau.session() as s:
            resolve_conflict(s, conflict.id, keep="delete", site_id=bureau.site_id, actor="局长")
        with bureau.read() as s:
            loser = s.get(Project, gone)
            assert loser.deleted_at is not None and loser.merged_into_id == kept
            assert [c for c in list_conflicts(s) if c.kind == "delete"] == []
    finally:
        team.close()
        bureau.close()
