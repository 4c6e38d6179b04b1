"""The bureau's settings travel as changes; each computer's own settings stay where they are."""

from __future__ import annotations

from sqlalchemy import select

from crm.db import Database
from crm.models import ChangeLog, Project
from crm.services import projects
from crm.services.settings import get_setting, set_setting
from crm.sync.exchange import export_package, import_package
from tests.core.sync_helpers import send
from tests.core.test_sync_basics import sites  # noqa: F401  (bureau, team: paired)


def _set(db: Database, **values: object) -> None:
    with db.session() as s:
        for key, value in values.items():
            set_setting(s, key, value)


def _get(db: Database, key: str) -> object:
    with db.session() as s:
        return get_setting(s, key)


def _setting_log(db: Database, key: str) -> list[ChangeLog]:
    with db.session() as s:
        return list(
            s.scalars(
                select(ChangeLog)
                .where(ChangeLog.table_name == "setting", ChangeLog.record_id == key)
                .order_by(ChangeLog.seq)
            )
        )


def test_a_shared_setting_is_logged_and_a_computers_own_is_not(
    sites,  # noqa: F811  (the fixture imported above)
) -> None:
    bureau, _team = sites
    _set(bureau, stalled_no_update_days=45, user_name="王芳", bureau_name="南宁市投促局")
    _set(bureau, stalled_no_update_days=45)  # unchanged: nothing more
    _set(bureau, stalled_no_update_days=60)
    log = _setting_log(bureau, "stalled_no_update_days")
    assert [(c.field, c.old_value, c.new_value) for c in log] == [
        ("value", "30", "45"),  # 30 days: the default, never set here before
        ("value", "45", "60"),
    ]
    assert log[1].prev_id == log[0].id and log[0].site_id == bureau.site_id
    # A computer's own settings are in its change log too (who changed them), but never
    # numbered for sync: they do not travel (the next test sends them nowhere).
    own = _setting_log(bureau, "user_name") + _setting_log(bureau, "bureau_name")
    assert {(c.record_id, c.new_value) for c in own} >= {
        ("user_name", '"王芳"'),
        ("bureau_name", '"南宁市投促局"'),
    }
    assert {c.seq for c in own} == {0}


def test_the_bureaus_settings_reach_the_team_and_the_teams_own_stay(
    sites,  # noqa: F811  (the fixture imported above)
    tmp_path,
) -> None:
    bureau, team = sites
    _set(team, user_name="李明", stalled_no_update_days=30)
    _set(
        bureau,
        user_name="王芳",
        stalled_no_update_days=45,
        project_code_pattern="NN{year}-{seq:04d}",
    )
    path = tmp_path / "局.zspkg"
    export_package(bureau, team.site_id, path)
    preview = import_package(team, path, dry_run=True)
    assert preview.summary.changed["setting"] == 2  # the preview says so; nothing written yet
    assert _get(team, "stalled_no_update_days") == 30
    import_package(team, path, expect_state=preview.state_seq)
    assert _get(team, "stalled_no_update_days") == 45
    assert _get(team, "project_code_pattern") == "NN{year}-{seq:04d}"
    assert _get(team, "user_name") == "李明"
    # Re-importing the same package changes nothing.
    assert import_package(team, path).summary.applied == 0


def test_two_sites_changing_one_setting_end_with_the_same_value(
    sites,  # noqa: F811  (the fixture imported above)
    tmp_path,
) -> None:
    bureau, team = sites
    _set(team, stalled_no_update_days=20)
    _set(bureau, stalled_no_update_days=40)  # later: it wins everywhere
    send(team, bureau, tmp_path)
    send(bureau, team, tmp_path)
    assert _get(team, "stalled_no_update_days") == _get(bureau, "stalled_no_update_days") == 40
    # Both values stay in the history.
    values = {c.new_value for c in _setting_log(team, "stalled_no_update_days")}
    assert {"20", "40"} <= values


def test_a_new_bureau_region_reclassifies_the_teams_projects(
    sites,  # noqa: F811  (the fixture imported above)
    tmp_path,
) -> None:
    bureau, team = sites
    with team.session() as s:
        pid = projects.create_project(s, name="柳州螺蛳粉产业园", source_region_code="450200").id
    send(team, bureau, tmp_path)
    with team.session() as s:
        assert s.get(Project, pid).source_class == "in_province"  # 柳州: outside 南宁市
    # The bureau turns out to be the province's: 柳州 is its own area now.
    _set(bureau, bureau_region_code="450000", bureau_level="province")
    send(bureau, team, tmp_path)
    assert _get(team, "bureau_level") == "province"
    for site in (bureau, team):
        with site.session() as s:
            assert s.get(Project, pid).source_class == "in_city"
