"""The second wall on PostgreSQL: through the application role, raw SQL cannot read another
team's confidential lead (row-level security), whatever the program does."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from tests.conftest import PG_SKIP_REASON, PG_URL

pytestmark = pytest.mark.skipif(not PG_URL, reason=PG_SKIP_REASON)


@pytest.fixture
def owner_url(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, str]]:
    """An owner's URL working in a schema of its own, and a fresh application role name."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    role = f"crm_app_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in PG_URL else "?"
    monkeypatch.setenv("CRM_APP_PASSWORD", "app-pass-" + uuid.uuid4().hex[:8])
    try:
        yield f"{PG_URL}{separator}options=-csearch_path%3D{schema}", role
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
            if conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}):
                conn.execute(sa.text(f'DROP OWNED BY "{role}"'))
                conn.execute(sa.text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()


def test_team_member_cannot_read_other_teams_confidential_lead_with_raw_sql(
    owner_url: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    from crm.accounts import add_user, sign_in
    from crm.cli import main
    from crm.db import open_database
    from crm.services.projects import create_project
    from crm.services.teams import create_team

    url, role = owner_url
    assert main(["--db", url, "init", "--app-role", role]) == 0
    printed = capsys.readouterr().out
    app_url = re.search(r"CRM_DATABASE_URL='([^']+)'", printed).group(1)
    assert app_url.startswith(f"postgresql+psycopg://{role}:")

    owner = open_database(url)
    with owner.session() as s:
        team_a = create_team(s, name="驻深圳招商工作队").id
        team_b = create_team(s, name="驻上海招商工作队").id
        create_project(s, name="甲队公开项目", team_id=team_a)
        create_project(s, name="甲队保密线索", team_id=team_a, confidential=True)
        create_project(s, name="乙队保密线索", team_id=team_b, confidential=True)
        add_user(s, login="boss", name="管理员", roles="admin", password="boss-pass-1")
    with owner.session() as s:
        add_user(
            s, login="zhang", name="张三", roles="member", password="zhang-pass-1", team=team_a
        )
    owner.close()

    app = open_database(app_url)
    try:
        raw = "SELECT name FROM project ORDER BY name"
        with app.engine.connect() as conn:  # nobody signed in: no confidential lead at all
            assert [r[0] for r in conn.exec_driver_sql(raw)] == ["甲队公开项目"]
        sign_in(app, "zhang", "zhang-pass-1")
        with app.engine.connect() as conn:
            names = [r[0] for r in conn.exec_driver_sql(raw)]
            owner_of = conn.exec_driver_sql(
                "SELECT tableowner = current_user FROM pg_tables "
                "WHERE tablename = 'project' AND schemaname = current_schema()"
            ).scalar()
        assert names == ["甲队保密线索", "甲队公开项目"]
        assert owner_of is False
    finally:
        app.close()

    staff = open_database(app_url)
    try:
        sign_in(staff, "boss", "boss-pass-1")
        with staff.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM project").scalar() == 3
    finally:
        staff.close()


def test_owner_is_warned_that_rls_does_not_bind_it(owner_url, monkeypatch, capsys) -> None:
    from crm.cli import main

    url, role = owner_url
    assert main(["--db", url, "init", "--app-role", role]) == 0
    monkeypatch.setenv("CRM_NEW_PASSWORD", "boss-pass-1")
    assert main(["--db", url, "user", "add", "boss", "--name", "管理员", "--role", "admin"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("CRM_PASSWORD", "boss-pass-1")
    assert main(["--db", url, "--user", "boss", "user", "list"]) == 0
    assert "行级安全策略对其不起作用" in capsys.readouterr().err
    assert os.environ["CRM_APP_PASSWORD"]
