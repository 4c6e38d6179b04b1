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
