"""Open next steps: every writer keeps each activity's stored flag equal to the rule.

The rule (crm.follow_ups): a next step is open while the activity names one, is live, and no
later live activity is logged on its project (or, without a project, on its company). The
counts below are worked out by hand from the activities each test logs.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from sqlalchemy import func, select, update
from sync_helpers import make_site, pair_all, send

from crm import follow_ups
from crm.check import check_database
from crm.db import Database, open_database
from crm.demo import generate_demo
from crm.ledger import ImportOptions, apply_plan, build_plan, export_ledger
from crm.models import Activity
from crm.queries.activities import ActivityFilter, activity_ids, count_activities
from crm.services.activities import delete_activity, log_activity, update_activity
from crm.services.companies import create_company
from crm.services.merge import merge_projects, plan_project_merge
from crm.services.projects import create_project

TODAY = date(2026, 6, 15)
DUE = ActivityFilter(due_by=date(2026, 6, 30))


def _open(db: Database) -> set[str]:
    with db.session() as s:
        return set(activity_ids(s, DUE))


def _stale(db: Database) -> int:
    with db.engine.connect() as conn:
        return follow_ups.stale_flags(conn)


def _step(s, on: date, **fields) -> str:
    return log_activity(
        s, occurred_on=on, kind="visit", next_step="报送方案", next_step_due=date(2026, 6, 20),
        **fields,
    ).id  # fmt: skip


def test_a_later_visit_closes_a_step_and_undoing_it_reopens_it(db: Database) -> None:
    with db.session() as s:
        firm = create_company(s, name="华为技术有限公司").id
        project = create_project(s, name="华为云计算中心", company_id=firm).id
        other = create_project(s, name="某物流园").id
        first = _step(s, date(2026, 6, 1), project_id=project, company_id=firm)
        lone = _step(s, date(2026, 6, 2), company_id=firm)  # the company, no project
    assert _open(db) == {first, lone}
    with db.session() as s:  # a later visit of the project: closes its step; the company's
        later = log_activity(s, occurred_on=date(2026, 6, 5), kind="visit", project_id=project,
                             company_id=firm).id  # fmt: skip
    assert _open(db) == set()
    with db.session() as s:  # moved to another project: the first step is open again
        update_activity(s, later, project_id=other, company_id=None)
    assert _open(db) == {first, lone}
    with db.session() as s:  # back, then deleted: open again
        update_activity(s, later, project_id=project, company_id=firm)
    assert _open(db) == set()
    with db.session() as s:
        delete_activity(s, later)
    assert _open(db) == {first, lone}
    with db.session() as s:  # a step no longer named is not open
        update_activity(s, lone, next_step="", next_step_due=None)
    assert _open(db) == {first}
    with db.session() as s:
        assert count_activities(s, DUE) == 1
    assert _stale(db) == 0


def test_an_earlier_visit_closes_nothing_and_the_same_day_neither(db: Database) -> None:
    with db.session() as s:
        project = create_project(s, name="某新材料项目").id
        step = _step(s, date(2026, 6, 10), project_id=project)
        log_activity(s, occurred_on=date(2026, 6, 1), kind="phone", project_id=project)
        log_activity(s, occurred_on=date(2026, 6, 10), kind="phone", project_id=project)
    assert _open(db) == {step}
    assert _stale(db) == 0


def test_merging_projects_moves_the_visits_that_close_steps(db: Database) -> None:
    with db.session() as s:
        kept = create_project(s, name="比亚迪电池项目").id
        gone = create_project(s, name="比亚迪电池项目（重复）").id
        step = _step(s, date(2026, 6, 1), project_id=kept)
        log_activity(s, occurred_on=date(2026, 6, 8), kind="visit", project_id=gone)
    assert _open(db) == {step}
    with db.session() as s:
        plan = plan_project_merge(s, survivor_id=kept, loser_id=gone)
        merge_projects(s, survivor_id=kept, loser_id=gone, plan=plan)
    assert _open(db) == set()
    assert _stale(db) == 0


def test_the_bulk_import_keeps_the_flags_as_the_services_do(
    sqlite_template: Path, tmp_path: Path
) -> None:
    """A demo exported and imported back through the bulk writer and through the services:
    the same open steps as the demo, whose flags its generator set by the rule."""
    source_path = tmp_path / "demo.sqlite"
    shutil.copy(sqlite_template, source_path)
    source = open_database(source_path)
    generate_demo(source, scale="tiny", seed=5, today=TODAY)
    ledger = tmp_path / "ledger.xlsx"
    with source.session() as s:
        export_ledger(s, ledger)
        expected = count_activities(s, DUE)
    assert expected > 0 and _stale(source) == 0
    for threshold in (0, 10**9):  # bulk writer, then services
        path = tmp_path / f"import-{threshold}.sqlite"
        shutil.copy(sqlite_template, path)
        target = open_database(path)
        options = ImportOptions(today=TODAY, bulk_threshold=threshold, ignore_unknown_ids=True)
        apply_plan(target, build_plan(target, ledger, options))
        with target.session() as s:
            assert count_activities(s, DUE) == expected
        assert _stale(target) == 0
        target.close()
    source.close()


def test_sync_closes_a_step_with_a_visit_logged_on_another_site(
    sqlite_template: Path, tmp_path: Path
) -> None:
    bureau = make_site(sqlite_template, tmp_path, "bureau")
    team = make_site(sqlite_template, tmp_path, "team")
    pair_all(bureau, team)
    with bureau.session() as s:
        firm = create_company(s, name="宁德时代新能源科技股份有限公司").id
        step = _step(s, date(2026, 6, 1), company_id=firm)
    send(bureau, team, tmp_path)
    assert _open(team) == {step}
    with team.session() as s:  # the team visits a project of the same company
        project = create_project(s, name="宁德时代电池项目", company_id=firm).id
        log_activity(s, occurred_on=date(2026, 6, 9), kind="visit", project_id=project,
                     company_id=firm)  # fmt: skip
    assert _open(team) == set()
    send(team, bureau, tmp_path)
    assert _open(bureau) == set()
    assert _stale(bureau) == 0 and _stale(team) == 0
    bureau.close()
    team.close()


def test_check_finds_a_wrong_flag_and_repair_sets_it_by_the_rule(db: Database) -> None:
    with db.session() as s:
        project = create_project(s, name="某光伏项目").id
        step = _step(s, date(2026, 6, 1), project_id=project)
    with db.engine.begin() as conn:  # as a writer that forgot the rule would leave it
        conn.execute(update(Activity).where(Activity.id == step).values(next_step_open=False))
    assert _open(db) == set()
    with db.engine.begin() as conn:
        report = check_database(conn)
    assert [(f.code, f.count, f.repairable) for f in report.findings] == [("derived", 1, True)]
    with db.engine.begin() as conn:
        repaired = check_database(conn, repair=True)
    assert repaired.repaired == {"open_steps": 1}
    assert _open(db) == {step}


def test_the_demo_sets_every_flag_by_the_rule(sqlite_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    shutil.copy(sqlite_template, path)
    database = open_database(path)
    generate_demo(database, scale="tiny", seed=2, today=TODAY)
    by_rule = (
        select(func.count())
        .select_from(Activity)
        .where(follow_ups.is_open(), Activity.next_step_due <= DUE.due_by)
    )
    with database.engine.connect() as conn:
        expected = conn.scalar(by_rule)
    assert expected > 0
    assert len(_open(database)) == expected
    assert _stale(database) == 0
    database.close()
