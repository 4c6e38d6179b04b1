"""Server sync with the hub database (PostgreSQL in CI), and settling conflicts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from crm.db import Database
from crm.errors import CrmError
from crm.models import Project
from crm.models.sync import SyncConflict
from crm.services import companies, projects, stages
from crm.sync.conflicts import list_conflicts, resolve_conflict
from crm.sync.exchange import sync_with_server
from tests.conftest import PG_SKIP_REASON, PG_URL, _postgres_database
from tests.core.sync_helpers import digest, make_site


@pytest.fixture(params=["sqlite", "pg"])
def hub(
    request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path
) -> Iterator[Database]:
    if request.param == "sqlite":
        database = make_site(sqlite_template, tmp_path, "hub")
        yield database
        database.close()
        return
    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    from crm.db import open_database

    yield from _postgres_database(open_database)


def _project(db: Database, name: str) -> str:
    with db.session() as s:
        cid = companies.create_company(s, name=f"{name}投资有限公司").id
        return projects.create_project(s, name=name, company_id=cid, planned_investment="30000").id


def test_laptops_meet_through_the_hub(hub: Database, sqlite_template: Path, tmp_path: Path) -> None:
    a = make_site(sqlite_template, tmp_path, "a")
    b = make_site(sqlite_template, tmp_path, "b")
    pid = _project(a, "锂电池正极材料项目")
    _project(b, "冷链物流园项目")
    for _ in range(2):
        for laptop in (a, b):
            sync_with_server(laptop, hub, batch=5)
    assert digest(a) == digest(b) == digest(hub)
    with b.session() as s:
        stages.move_stage(
            s, pid, to_stage="signed", on=date(2026, 6, 1), skipped={"negotiating": None}
        )
    sync_with_server(b, hub)
    sync_with_server(a, hub)
    with a.session() as s:
        assert s.get(Project, pid).stage == "signed"
    assert digest(a) == digest(b) == digest(hub)


def test_a_dropped_connection_loses_nothing(
    hub: Database, sqlite_template: Path, tmp_path: Path
) -> None:
    a = make_site(sqlite_template, tmp_path, "a")
    for number in range(6):
        _project(a, f"项目{number}")
    calls = {"n": 0}

    def drop_after_two() -> bool:
        calls["n"] += 1
        return calls["n"] > 2

    with pytest.raises(CrmError):
        sync_with_server(a, hub, batch=3, should_cancel=drop_after_two)
    assert digest(a) != digest(hub)
    result = sync_with_server(a, hub, batch=3)
    assert result.sent > 0
    assert digest(a) == digest(hub)


def test_settling_a_conflict_travels_like_any_change(
    hub: Database, sqlite_template: Path, tmp_path: Path
) -> None:
    a = make_site(sqlite_template, tmp_path, "a")
    b = make_site(sqlite_template, tmp_path, "b")
    pid = _project(a, "光伏组件项目")
    sync_with_server(a, hub)
    sync_with_server(b, hub)
    with a.session() as s:
        projects.update_project(s, pid, responsible_unit="市投促局")
    with b.session() as s:
        projects.update_project(s, pid, responsible_unit="高新区管委会")
    for laptop in (a, b, a):
        sync_with_server(laptop, hub)
    with a.session() as s:
        (conflict,) = list_conflicts(s)
        assert conflict.kind == "field" and conflict.field == "responsible_unit"
        assert {conflict.winner.value, conflict.loser.value} == {"市投促局", "高新区管委会"}
        loser_value = conflict.loser.value
        remaining = resolve_conflict(
            s, conflict.id, keep="loser", site_id=a.site_id, actor="王科长"
        )
        assert remaining == 0
    for laptop in (a, b):
        sync_with_server(laptop, hub)
    for site in (a, b, hub):
        with site.session() as s:
            assert s.get(Project, pid).responsible_unit == loser_value
            assert s.scalars(select(SyncConflict)).all() == []
    assert digest(a) == digest(b) == digest(hub)
