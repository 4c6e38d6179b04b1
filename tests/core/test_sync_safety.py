"""What a package must never do: come from the future, from a newer program, or half-apply."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from datetime import datetime
from pathlib import Path

import pytest

from crm.models import new_id
from crm.schema import SCHEMA_HEAD
from crm.services import companies, projects
from crm.sync.errors import SyncError
from crm.sync.exchange import encode_body, export_package, import_package
from crm.sync.identity import load_or_create_keys
from crm.sync.package import Header, seal
from crm.sync.peers import local_identity
from tests.core.sync_helpers import digest, make_site, pair_all


@pytest.fixture
def sites(sqlite_template: Path, tmp_path: Path):
    bureau = make_site(sqlite_template, tmp_path, "bureau")
    team = make_site(sqlite_template, tmp_path, "team")
    pair_all(bureau, team)
    yield bureau, team
    bureau.close()
    team.close()


def _forged(team, bureau, changes, *, schema: str = SCHEMA_HEAD) -> bytes:
    """A package signed by the team's real key, with contents of the test's choosing."""
    with bureau.session() as s:
        receiver = local_identity(s.connection(), bureau.site_id)[1]
    header = Header(
        sender=team.site_id,
        receiver=bureau.site_id,
        package_id=new_id(),
        created_at=datetime.now().isoformat(),
        schema=schema,
        ack=0,
        first_seq=1,
        last_seq=len(changes),
        changes=len(changes),
    )
    return seal(
        header, encode_body(changes), sender=load_or_create_keys(team.site_id), receiver=receiver
    )


def _change(team, hlc: str) -> dict:
    return {
        "id": new_id(), "table_name": "park", "record_id": new_id(), "op": "insert",
        "field": "name", "old_value": None, "new_value": "东盟经开区", "changed_by": "x",
        "changed_at": datetime.now(), "hlc": hlc, "site_id": team.site_id, "prev_id": None,
        "context": None, "supersedes": None,
    }  # fmt: skip


def test_changes_stamped_far_in_the_future_are_refused(sites, tmp_path: Path) -> None:
    bureau, team = sites
    two_days = int(time.time() * 1000) + 2 * 24 * 3600 * 1000
    path = tmp_path / "future.zspkg"
    path.write_bytes(_forged(team, bureau, [_change(team, f"{two_days:013d}-000000")]))
    before = digest(bureau)
    with pytest.raises(SyncError) as caught:
        import_package(bureau, path)
    assert caught.value.code == "clock_ahead" and "时钟" in caught.value.message_zh
    assert digest(bureau) == before


def test_a_package_from_a_newer_program_is_refused(sites, tmp_path: Path) -> None:
    bureau, team = sites
    now = int(time.time() * 1000)
    path = tmp_path / "newer.zspkg"
    path.write_bytes(
        _forged(team, bureau, [_change(team, f"{now:013d}-000000")], schema="9999_future")
    )
    before = digest(bureau)
    with pytest.raises(SyncError) as caught:
        import_package(bureau, path)
    assert caught.value.code == "newer_schema" and "升级" in caught.value.message_zh
    assert digest(bureau) == before


def test_an_old_package_replayed_after_newer_ones_changes_nothing(sites, tmp_path: Path) -> None:
    bureau, team = sites
    with team.session() as s:
        cid = companies.create_company(s, name="华为技术有限公司").id
        pid = projects.create_project(s, name="云计算中心", company_id=cid).id
    old = tmp_path / "old.zspkg"
    export_package(team, bureau.site_id, old)
    import_package(bureau, old)
    with team.session() as s:
        projects.update_project(s, pid, notes="第二次拜访")
    new = tmp_path / "new.zspkg"
    export_package(team, bureau.site_id, new)
    import_package(bureau, new)
    after = digest(bureau)
    result = import_package(bureau, old)
    assert result.summary.applied == 0
    assert digest(bureau) == after == digest(team)


_CHILD = textwrap.dedent(
    """
    import os, sys
    os.environ["CRM_HOME"] = sys.argv[3]
    from crm.db import open_database
    from crm.sync.exchange import import_package
    db = open_database(sys.argv[1])
    print("ready", flush=True)
    import_package(db, sys.argv[2])
    print("done", flush=True)
    """
)


def test_kill_during_import_is_all_or_nothing(sites, tmp_path: Path) -> None:
    """kill -9 at random moments of an import: the database opens sound, holds either none
    or all of the package, and the next attempt completes it."""
    bureau, team = sites
    with team.session() as s:
        for number in range(40):
            cid = companies.create_company(s, name=f"测试企业{number}有限公司").id
            projects.create_project(
                s, name=f"项目{number}", company_id=cid, planned_investment="100"
            )
    package = tmp_path / "big.zspkg"
    export_package(team, bureau.site_id, package)
    path = bureau.path
    before, full = digest(bureau), digest(team)
    bureau.close()
    rng = random.Random(7)
    outcomes = set()
    for attempt in range(6):
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(path), str(package), os.environ["CRM_HOME"]],
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).resolve().parents[2],
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.6) if attempt else 0.05)
        child.send_signal(signal.SIGKILL)
        child.wait()
        from crm.db import open_database

        reopened = open_database(path)
        with reopened.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        state = digest(reopened)
        assert state in (before, full)
        outcomes.add(state == full)
        reopened.close()
        if state == full:
            break
    from crm.db import open_database

    reopened = open_database(path)
    import_package(reopened, package)
    assert digest(reopened) == full
    reopened.close()
    assert outcomes  # at least one kill landed mid-import or after it


def test_changes_that_do_not_fit_are_one_sentence_and_nothing_written(
    sites, tmp_path: Path
) -> None:
    """A project pointing at a company this site never received (a package from a broken or
    incompatible program): one sentence, nothing written — never a database traceback."""
    bureau, team = sites
    now = int(time.time() * 1000)
    change = _change(team, f"{now:013d}-000000")
    change.update(
        table_name="project",
        field="*",
        new_value='{"name": "孤立项目", "company_id": "no-such-company"}',
    )
    path = tmp_path / "orphan.zspkg"
    path.write_bytes(_forged(team, bureau, [change]))
    before = digest(bureau)
    with pytest.raises(SyncError) as caught:
        import_package(bureau, path)
    assert caught.value.code == "incompatible_changes"
    assert "未写入任何数据" in caught.value.message_zh
    assert digest(bureau) == before


_SYNC_CHILD = textwrap.dedent(
    """
    import os, sys
    os.environ["CRM_HOME"] = sys.argv[3]
    from crm.db import open_database
    from crm.sync.exchange import sync_with_server
    laptop, hub = open_database(sys.argv[1]), open_database(sys.argv[2])
    print("ready", flush=True)
    sync_with_server(laptop, hub, batch=20)
    print("done", flush=True)
    """
)


def test_kill_during_server_sync_loses_nothing(sqlite_template: Path, tmp_path: Path) -> None:
    """kill -9 at random moments of a server sync: both databases open sound, and the next
    sync completes it (each batch is one transaction on each side, cursors inside them)."""
    from crm.db import open_database
    from crm.sync.exchange import sync_with_server

    laptop, hub = (
        make_site(sqlite_template, tmp_path, "laptop"),
        make_site(sqlite_template, tmp_path, "hub"),
    )
    for site, prefix in ((laptop, "队"), (hub, "局")):
        with site.session() as s:
            for number in range(30):
                cid = companies.create_company(s, name=f"{prefix}企业{number}有限公司").id
                projects.create_project(s, name=f"{prefix}项目{number}", company_id=cid)
    paths = laptop.path, hub.path
    laptop.close()
    hub.close()
    rng = random.Random(11)
    for _attempt in range(4):
        child = subprocess.Popen(
            [sys.executable, "-c", _SYNC_CHILD, str(paths[0]), str(paths[1]),
             os.environ["CRM_HOME"]],
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).resolve().parents[2],
        )  # fmt: skip
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.8))
        child.send_signal(signal.SIGKILL)
        child.wait()
        for path in paths:
            reopened = open_database(path)
            with reopened.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            reopened.close()
    laptop, hub = open_database(paths[0]), open_database(paths[1])
    sync_with_server(laptop, hub)
    sync_with_server(laptop, hub)
    assert digest(laptop) == digest(hub)
    laptop.close()
    hub.close()
