"""The second wall on PostgreSQL: through the application role, raw SQL cannot read another
team's confidential lead or anything that belongs to it, cannot write outside the signed-in
person's team, cannot read password hashes and cannot claim to be someone else; `crm init`
run again leaves one of everything.

The owner here is an ordinary role (CREATEROLE, owning the schema), as at a bureau: the
policies bind it too (FORCE ROW LEVEL SECURITY) and must let it through."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError, ProgrammingError

from tests.conftest import PG_SKIP_REASON, PG_URL

pytestmark = pytest.mark.skipif(not PG_URL, reason=PG_SKIP_REASON)


@pytest.fixture
def owner_url(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, str]]:
    """An owner's URL (a role of its own, owning a schema of its own), and a fresh
    application role name."""
    tag = uuid.uuid4().hex[:10]
    schema, owner, role = f"t_{tag}", f"crm_owner_{tag}", f"crm_app_{tag}"
    admin = sa.create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE ROLE "{owner}" LOGIN CREATEROLE'))
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}" AUTHORIZATION "{owner}"'))
    monkeypatch.setenv("CRM_APP_PASSWORD", "app-pass-" + uuid.uuid4().hex[:8])
    url = sa.make_url(PG_URL).set(username=owner, password=None)
    query = dict(url.query) | {"options": f"-csearch_path={schema}"}
    try:
        yield url.set(query=query).render_as_string(hide_password=False), role
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
            for name in (role, owner):
                found = conn.execute(
                    sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": name}
                )
                if found.scalar():
                    conn.execute(sa.text(f'DROP OWNED BY "{name}"'))
                    conn.execute(sa.text(f'DROP ROLE "{name}"'))
        admin.dispose()


def _init(url: str, role: str, capsys: pytest.CaptureFixture[str]) -> str:
    from crm.cli import main

    assert main(["--db", url, "init", "--app-role", role]) == 0
    printed = capsys.readouterr().out
    found = re.search(r"CRM_DATABASE_URL='([^']+)'", printed)
    assert found is not None, printed
    return found.group(1)


def _filler(column: sa.Column[Any]) -> Any:
    """A value for a required column of a record's table (only which project it belongs to
    matters here)."""
    kind = column.type
    if isinstance(kind, sa.Date):
        return date(2026, 3, 1)
    if getattr(kind, "python_type", None) is Decimal or type(kind).__name__ == "Money":
        return Decimal(100)
    if isinstance(kind, sa.Integer):
        return 2026
    return "x"


def _add_records(conn: sa.Connection, project_id: str, company_id: str) -> dict[str, str]:
    """One row in every table that belongs to a project (and in the tables hanging off those),
    with a change-log row about each and the project's name-index entry: table → id."""
    from crm.access_pg import project_parts
    from crm.models import Base

    parts = project_parts()
    made: dict[str, str] = {}
    tables = [name for name, _ in parts.parts] + [name for name, _, _ in parts.sub_parts]
    for name in tables:
        table = Base.metadata.tables[name]
        values: dict[str, Any] = {"id": str(uuid.uuid4())}
        for column in table.c:
            if column.nullable or column.default is not None or column.primary_key:
                continue
            targets = {fk.column.table.name for fk in column.foreign_keys}
            if "project" in targets:
                values[column.name] = project_id
            elif "company" in targets:
                values[column.name] = company_id
            elif targets:
                values[column.name] = made[next(iter(targets))]
            else:
                values[column.name] = _filler(column)
        if "project_id" in table.c:
            values["project_id"] = project_id
        conn.execute(sa.insert(table).values(**values))
        made[name] = values["id"]
    for name, record in [*made.items(), ("project", project_id)]:
        conn.exec_driver_sql(
            "INSERT INTO change_log (id, table_name, record_id, op, field, changed_by, "
            "changed_at, hlc, site_id) VALUES (%s, %s, %s, 'update', 'notes', 'test', now(), "
            "'0000000000000-000000', 'test')",
            (str(uuid.uuid4()), name, record),
        )
    conn.exec_driver_sql(
        "INSERT INTO search_entry (table_name, record_id, haystack, sort_key) "
        "VALUES ('project', %s, 'x', 'x') ON CONFLICT DO NOTHING",
        (project_id,),
    )
    return made


@pytest.fixture
def bureau(owner_url: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """Two teams, each with a confidential lead holding one record of every kind, a public
    project of team B; accounts: boss (admin), zhang (member of A), li (viewer)."""
    from crm.accounts import add_user
    from crm.db import open_database
    from crm.services.companies import create_company
    from crm.services.projects import create_project
    from crm.services.teams import create_team

    url, role = owner_url
    app_url = _init(url, role, capsys)
    owner = open_database(url)
    try:
        with owner.session() as s:
            team_a = create_team(s, name="驻深圳招商工作队").id
            team_b = create_team(s, name="驻上海招商工作队").id
            company = create_company(s, name="深圳某某科技有限公司").id
            a_public = create_project(s, name="甲队公开项目", team_id=team_a).id
            a_secret = create_project(s, name="甲队保密线索", team_id=team_a, confidential=True).id
            b_secret = create_project(s, name="乙队保密线索", team_id=team_b, confidential=True).id
            b_public = create_project(s, name="乙队公开项目", team_id=team_b).id
            add_user(s, login="boss", name="管理员", roles="admin", password="boss-pass-1")
        with owner.session() as s:
            add_user(s, login="zhang", name="张三", roles="member", password="zhang-pass-1",
                     team=team_a)  # fmt: skip
            add_user(s, login="li", name="李四", roles="viewer", password="li-pass-12")
        with owner.engine.begin() as conn:
            records = {
                a_secret: _add_records(conn, a_secret, company),
                b_secret: _add_records(conn, b_secret, company),
            }
    finally:
        owner.close()
    return {
        "url": url, "app_url": app_url, "role": role, "team_a": team_a, "team_b": team_b,
        "a_public": a_public, "a_secret": a_secret, "b_secret": b_secret,
        "b_public": b_public, "records": records,
    }  # fmt: skip


def _signed_in(app_url: str, login: str, password: str) -> Any:
    from crm.accounts import sign_in
    from crm.db import open_database

    db = open_database(app_url)
    sign_in(db, login, password)
    return db


def _count(conn: sa.Connection, sql: str, *params: Any) -> int:
    return int(conn.exec_driver_sql(sql, params).scalar() or 0)


def test_team_member_cannot_read_other_teams_confidential_lead_with_raw_sql(
    bureau: dict[str, Any],
) -> None:
    from crm.db import open_database

    b = bureau
    assert b["app_url"].startswith(f"postgresql+psycopg://{b['role']}:")
    raw = "SELECT name FROM project ORDER BY name"
    app = open_database(b["app_url"])
    try:
        with app.engine.connect() as conn:  # nobody signed in: no confidential lead at all
            assert [r[0] for r in conn.exec_driver_sql(raw)] == ["乙队公开项目", "甲队公开项目"]
    finally:
        app.close()
    app = _signed_in(b["app_url"], "zhang", "zhang-pass-1")
    try:
        with app.engine.connect() as conn:
            names = [r[0] for r in conn.exec_driver_sql(raw)]
            owner_of = conn.exec_driver_sql(
                "SELECT tableowner = current_user FROM pg_tables "
                "WHERE tablename = 'project' AND schemaname = current_schema()"
            ).scalar()
        assert names == ["乙队公开项目", "甲队保密线索", "甲队公开项目"]
        assert owner_of is False
    finally:
        app.close()
    staff = _signed_in(b["app_url"], "boss", "boss-pass-1")
    try:
        with staff.engine.connect() as conn:
            assert _count(conn, "SELECT count(*) FROM project") == 4
    finally:
        staff.close()


def test_records_of_another_teams_confidential_lead_are_hidden_in_every_table(
    bureau: dict[str, Any],
) -> None:
    b = bureau
    theirs, ours = b["records"][b["b_secret"]], b["records"][b["a_secret"]]
    assert len(theirs) >= 10  # activity, problem, funds, stages, requests and their visits …
    seen: dict[str, dict[str, int]] = {}
    for login, password in [("zhang", "zhang-pass-1"), ("li", "li-pass-12"),
                            ("boss", "boss-pass-1")]:  # fmt: skip
        db = _signed_in(b["app_url"], login, password)
        try:
            with db.engine.connect() as conn:
                counts = {}
                for table, record in [*theirs.items(), *ours.items()]:
                    key = f"{table}:{'B' if record in theirs.values() else 'A'}"
                    counts[key] = _count(
                        conn, f"SELECT count(*) FROM {table} WHERE id = %s", record
                    )
                for project, side in [(b["b_secret"], "B"), (b["a_secret"], "A")]:
                    ids = [project, *b["records"][project].values()]
                    counts[f"change_log:{side}"] = _count(
                        conn, "SELECT count(*) FROM change_log WHERE record_id = ANY(%s)", ids
                    )
                    counts[f"search_entry:{side}"] = _count(
                        conn, "SELECT count(*) FROM search_entry WHERE record_id = %s", project
                    )
                seen[login] = counts
        finally:
            db.close()
    tables = sorted({key.split(":")[0] for key in seen["boss"]})
    # The member sees their own team's lead and all it holds, nothing of the other team's;
    # a viewer sees neither; the administrator sees both.
    assert all(seen["boss"][f"{t}:{side}"] > 0 for t in tables for side in "AB")
    assert {t: seen["zhang"][f"{t}:A"] for t in tables} == {
        t: seen["boss"][f"{t}:A"] for t in tables
    }
    assert {t: seen["zhang"][f"{t}:B"] for t in tables} == dict.fromkeys(tables, 0)
    assert sum(seen["li"].values()) == 0


def test_member_writes_only_their_own_teams_records(bureau: dict[str, Any]) -> None:
    from crm.models import Problem, Project

    b = bureau
    db = _signed_in(b["app_url"], "zhang", "zhang-pass-1")

    def problem(project_id: str) -> Any:  # Core, no check of the program's: SQL as sent
        return sa.insert(Problem.__table__).values(
            project_id=project_id, category="land", description="用地指标",
            raised_on=date(2026, 3, 1),
        )  # fmt: skip

    try:
        with db.engine.begin() as conn:  # their own team's lead: allowed
            conn.execute(problem(b["a_secret"]))
            renamed = conn.exec_driver_sql(
                "UPDATE project SET name = '甲队公开项目（改）' WHERE id = %s", (b["a_public"],)
            ).rowcount
        assert renamed == 1
        # Another team's public project: read, but neither changed nor added to.
        with db.engine.begin() as conn:
            assert _count(conn, "SELECT count(*) FROM project WHERE id = %s", b["b_public"]) == 1
            changed = conn.exec_driver_sql(
                "UPDATE project SET name = '乙队（改）' WHERE id = %s", (b["b_public"],)
            ).rowcount
            assert changed == 0
            moved = conn.exec_driver_sql(
                "UPDATE activity SET summary = 'x' WHERE project_id = %s", (b["b_secret"],)
            ).rowcount
            assert moved == 0
        refused = [
            problem(b["b_public"]),
            sa.update(Project.__table__)
            .where(Project.__table__.c.id == b["a_public"])
            .values(team_id=b["team_b"]),
            sa.insert(Project.__table__).values(name="乙队新线索", team_id=b["team_b"]),
        ]
        for statement in refused:
            with pytest.raises(DBAPIError, match="row-level security"), db.engine.begin() as c:
                c.execute(statement)
    finally:
        db.close()
    viewer = _signed_in(b["app_url"], "li", "li-pass-12")
    try:
        with viewer.engine.begin() as conn:
            changed = conn.exec_driver_sql(
                "UPDATE project SET notes = 'x' WHERE id = %s", (b["a_public"],)
            ).rowcount
        assert changed == 0
    finally:
        viewer.close()


def test_services_write_through_the_application_role(bureau: dict[str, Any]) -> None:
    """The program's own writes (change log numbered at commit, name index) pass the wall."""
    from crm.services.projects import create_project, update_project

    b = bureau
    db = _signed_in(b["app_url"], "zhang", "zhang-pass-1")
    try:
        with db.session() as s:
            new_id = create_project(s, name="甲队新线索", team_id=b["team_a"]).id
        with db.session() as s:
            update_project(s, new_id, notes="已对接")
        with db.engine.connect() as conn:
            logged = _count(
                conn, "SELECT count(*) FROM change_log WHERE record_id = %s AND seq IS NOT NULL",
                new_id,
            )  # fmt: skip
        assert logged >= 2
    finally:
        db.close()


def test_a_members_visit_closes_another_teams_open_step_on_the_same_company(
    bureau: dict[str, Any],
) -> None:
    """The open-step flag is derived (crm.follow_ups): a member's visit to a company closes
    team B's step on it, a row the member may not update — the owner's function does it."""
    from crm.queries.activities import ActivityFilter, activity_ids
    from crm.services.activities import log_activity
    from crm.services.companies import create_company

    b = bureau
    owner = _signed_in(b["url"], "boss", "boss-pass-1")  # the ledger's staff and above
    try:
        with owner.session() as s:
            firm = create_company(s, name="南宁某某新材料有限公司").id
            step = log_activity(
                s, occurred_on=date(2026, 6, 1), kind="visit", company_id=firm,
                team_id=b["team_b"], next_step="报送方案", next_step_due=date(2026, 6, 20),
            ).id  # fmt: skip
    finally:
        owner.close()
    due = ActivityFilter(due_by=date(2026, 6, 30))
    db = _signed_in(b["app_url"], "zhang", "zhang-pass-1")
    try:
        with db.session() as s:
            assert activity_ids(s, due) == [step]
            log_activity(s, occurred_on=date(2026, 6, 9), kind="visit", company_id=firm,
                         project_id=b["a_public"])  # fmt: skip
        with db.session() as s:
            assert activity_ids(s, due) == []
        with db.engine.connect() as conn:  # and the row itself, not just this member's view
            assert _count(conn, "SELECT count(*) FROM activity WHERE next_step_open") == 0
    finally:
        db.close()


def test_application_role_cannot_read_password_hashes(bureau: dict[str, Any]) -> None:
    from crm.db import open_database

    app = open_database(bureau["app_url"])
    try:
        for forbidden in [
            "SELECT password_hash FROM user_account",
            "SELECT * FROM crm_sign_in_token",
        ]:
            with (
                pytest.raises(ProgrammingError, match="permission denied"),
                app.engine.connect() as c,
            ):
                c.exec_driver_sql(forbidden).all()
        with app.engine.connect() as conn:  # the salt and cost only, never the hash
            salt = conn.exec_driver_sql("SELECT crm_password_salt('zhang')").scalar()
        assert salt.startswith("$argon2id$") and salt.count("$") == 5
        assert salt.rsplit("$", 1)[1] == "43"
    finally:
        app.close()


def test_sign_in_and_lock_out_through_the_application_role(bureau: dict[str, Any]) -> None:
    from crm.accounts import MAX_FAILURES, sign_in
    from crm.db import open_database
    from crm.errors import SignInError

    app = open_database(bureau["app_url"])
    try:
        assert sign_in(app, "zhang", "zhang-pass-1").team_id == bureau["team_a"]
        with pytest.raises(SignInError, match="用户名或密码错误"):
            sign_in(app, "zhang", "wrong-pass-1")
        for _ in range(MAX_FAILURES - 2):
            with pytest.raises(SignInError, match="用户名或密码错误"):
                sign_in(app, "zhang", "wrong-pass-1")
        with pytest.raises(SignInError, match="锁定"):
            sign_in(app, "zhang", "wrong-pass-1")  # the fifth failure in a row
        with pytest.raises(SignInError, match="锁定"):
            sign_in(app, "zhang", "zhang-pass-1")  # locked: even the right password
        assert sign_in(app, "li", "li-pass-12").login == "li"  # others are not
        sign_in(app, "boss", "boss-pass-1")  # sign-ins are an administrator's to read
        with app.engine.connect() as conn:
            outcomes = [
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT outcome FROM sign_in_event WHERE login = 'zhang' ORDER BY at"
                )
            ]
        assert outcomes == ["ok", *["wrong_password"] * (MAX_FAILURES - 1), "locked", "locked"]
    finally:
        app.close()


def test_a_connection_cannot_claim_to_be_someone_else(bureau: dict[str, Any]) -> None:
    from crm.db import open_database

    app = _signed_in(bureau["app_url"], "zhang", "zhang-pass-1")
    try:
        with app.engine.begin() as conn:
            boss = conn.exec_driver_sql("SELECT id FROM user_account WHERE login = 'boss'").scalar()
            conn.exec_driver_sql("SELECT set_config('app.user_id', %s, false)", (boss,))
            conn.exec_driver_sql("SELECT set_config('app.session', %s, false)", (boss,))
            assert _count(conn, "SELECT count(*) FROM project WHERE confidential") == 0
            made_admin = conn.exec_driver_sql(
                "UPDATE user_account SET roles = 'admin' WHERE login = 'zhang'"
            ).rowcount
            assert made_admin == 0
        with pytest.raises(DBAPIError, match="row-level security"), app.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO user_account (id, login, name, roles, unit, failed_attempts, "
                "created_at, password_hash) VALUES ('x', 'mole', 'x', 'admin', '', 0, "
                "now(), 'x')"
            )
    finally:
        app.close()
    fresh = open_database(bureau["app_url"])  # nobody signed in on a database with accounts
    try:
        with fresh.engine.connect() as conn:
            assert _count(conn, "SELECT count(*) FROM activity") == 0
    finally:
        fresh.close()


def test_accounts_are_managed_through_the_application_role(bureau: dict[str, Any]) -> None:
    from crm.access import AccessDenied
    from crm.accounts import add_user, list_users, set_password, sign_in

    admin = _signed_in(bureau["app_url"], "boss", "boss-pass-1")
    try:
        with admin.session() as s:
            add_user(s, login="wang", name="王五", roles="member", password="wang-pass-1",
                     team=bureau["team_a"])  # fmt: skip
        with admin.session() as s:
            set_password(s, "li", "li-new-pass-1")  # an administrator resets a password
        with admin.read() as s:
            rows = {row.login: row for row in list_users(s)}
        assert rows["wang"].has_password and rows["wang"].roles == ("member",)
    finally:
        admin.close()
    member = _signed_in(bureau["app_url"], "wang", "wang-pass-1")
    try:
        with member.session() as s:
            set_password(s, "wang", "wang-pass-2")  # a person changes their own
        with pytest.raises(AccessDenied), member.session() as s:
            set_password(s, "li", "li-pass-hack")
        sign_in(member, "wang", "wang-pass-2")
        sign_in(member, "li", "li-new-pass-1")
    finally:
        member.close()


def _objects(url: str) -> tuple[list[tuple[str, str]], int, list[str]]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            policies = [
                (r[0], r[1])
                for r in conn.exec_driver_sql(
                    "SELECT tablename, policyname FROM pg_policies "
                    "WHERE schemaname = current_schema() ORDER BY 1, 2"
                )
            ]
            functions = _count(
                conn,
                "SELECT count(*) FROM pg_proc WHERE pronamespace = current_schema()::regnamespace",
            )
            forced = [
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT relname FROM pg_class WHERE relnamespace = "
                    "current_schema()::regnamespace AND relforcerowsecurity ORDER BY 1"
                )
            ]
    finally:
        engine.dispose()
    return policies, functions, forced


def test_init_run_again_brings_role_and_policies_up_to_date_once(
    owner_url: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    from crm.access_pg import project_parts

    url, role = owner_url
    first_url = _init(url, role, capsys)
    first = _objects(url)
    second_url = _init(url, role, capsys)
    third_url = _init(url, role, capsys)
    assert first_url == second_url == third_url  # the password given is kept
    assert _objects(url) == first
    policies, _functions, forced = first
    parts = project_parts()
    expected = {"project", "change_log", "search_entry", "user_account", "sign_in_event"}
    expected |= {"sync_conflict"}
    expected |= {name for name, _ in parts.parts} | {name for name, _, _ in parts.sub_parts}
    assert set(forced) == expected
    assert {t for t, _ in policies} == expected
    assert ("project", "crm_read") in policies and ("project", "crm_update") in policies


def test_owner_is_warned_that_rls_does_not_bind_it(owner_url, monkeypatch, capsys) -> None:
    from crm.cli import main

    url, role = owner_url
    _init(url, role, capsys)
    monkeypatch.setenv("CRM_NEW_PASSWORD", "boss-pass-1")
    assert main(["--db", url, "user", "add", "boss", "--name", "管理员", "--role", "admin"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("CRM_PASSWORD", "boss-pass-1")
    assert main(["--db", url, "--user", "boss", "user", "list"]) == 0
    assert "行级安全策略对其不起作用" in capsys.readouterr().err
    assert os.environ["CRM_APP_PASSWORD"]


def test_first_account_and_sign_in_through_the_application_role(
    owner_url: tuple[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from crm.cli import main

    url, role = owner_url
    app_url = _init(url, role, capsys)
    monkeypatch.setenv("CRM_NEW_PASSWORD", "boss-pass-1")
    add = ["--db", app_url, "user", "add", "boss", "--name", "管理员", "--role", "admin"]
    assert main(add) == 0
    monkeypatch.setenv("CRM_PASSWORD", "boss-pass-1")
    assert main(["--db", app_url, "--user", "boss", "user", "list"]) == 0
    shown = capsys.readouterr()
    assert "boss" in shown.out and "行级安全" not in shown.err  # not the owner: no warning
    monkeypatch.setenv("CRM_PASSWORD", "wrong-pass-1")
    assert main(["--db", app_url, "--user", "boss", "user", "list"]) == 2
    assert "用户名或密码错误" in capsys.readouterr().err
    engine = sa.create_engine(app_url)  # now that there are accounts: nobody adds one unsigned
    try:
        with pytest.raises(DBAPIError, match="row-level security"), engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO user_account (id, login, name, roles, unit, failed_attempts, "
                "created_at, password_hash) VALUES ('x', 'mole', 'x', 'admin', '', 0, now(), 'x')"
            )
    finally:
        engine.dispose()


def test_sign_ins_are_read_by_administrators_and_logged_only_by_the_database(
    bureau: dict[str, Any],
) -> None:
    from crm.accounts import sign_in
    from crm.errors import SignInError

    seen: dict[str, int] = {}
    for login, password in [("zhang", "zhang-pass-1"), ("li", "li-pass-12"),
                            ("boss", "boss-pass-1")]:  # fmt: skip
        db = _signed_in(bureau["app_url"], login, password)  # logged by crm_sign_in
        try:
            with db.engine.connect() as conn:
                seen[login] = _count(conn, "SELECT count(*) FROM sign_in_event")
            for statement in [
                "INSERT INTO sign_in_event (id, at, login, outcome, channel) "
                "VALUES ('x', now(), 'boss', 'ok', 'cli')",
                "UPDATE sign_in_event SET outcome = 'ok'",
                "DELETE FROM sign_in_event",
            ]:
                with (
                    pytest.raises(ProgrammingError, match="permission denied"),
                    db.engine.begin() as conn,
                ):
                    conn.exec_driver_sql(statement)
            with pytest.raises(SignInError, match="用户名或密码错误"):
                sign_in(db, login, "wrong-pass-1")  # a failure is logged too
        finally:
            db.close()
    assert seen["zhang"] == seen["li"] == 0
    assert seen["boss"] == 5  # the four before and its own
    owner = sa.create_engine(bureau["url"])
    try:
        with owner.connect() as conn:
            outcomes = conn.exec_driver_sql(
                "SELECT login, outcome FROM sign_in_event ORDER BY at"
            ).all()
    finally:
        owner.dispose()
    assert [tuple(r) for r in outcomes] == [
        (login, outcome) for login in ("zhang", "li", "boss")
        for outcome in ("ok", "wrong_password")
    ]  # fmt: skip


def _conflict(conn: sa.Connection, record_id: str) -> None:
    conn.exec_driver_sql(
        "INSERT INTO sync_conflict (id, kind, table_name, record_id, field, detail) "
        "VALUES (%s, 'field', 'project', %s, 'notes', '')",
        (str(uuid.uuid4()), record_id),
    )


def test_sync_conflicts_are_read_like_the_change_log_and_cleared_by_any_edit(
    bureau: dict[str, Any],
) -> None:
    """A conflict on another team's confidential lead is hidden from a member as the lead is;
    one on a record the member may edit is cleared by their edit (the refresh after every
    commit), so no stale entry is left for a manager to settle against the newer edit."""
    from crm.services.projects import update_project
    from crm.sync.apply import SYNCED_TABLES
    from crm.sync.conflict_rows import refresh_conflicts

    b = bureau
    with sa.create_engine(b["url"]).begin() as conn:
        _conflict(conn, b["a_public"])  # stale: no rival change in the log
        _conflict(conn, b["b_secret"])
    member = _signed_in(b["app_url"], "zhang", "zhang-pass-1")
    try:
        with member.engine.connect() as conn:
            listed = "SELECT record_id FROM sync_conflict"
            assert {r for (r,) in conn.exec_driver_sql(listed)} == {b["a_public"]}
        with member.session() as s:
            update_project(s, b["a_public"], notes="成员修改")
        with member.engine.connect() as conn:
            assert _count(conn, "SELECT count(*) FROM sync_conflict") == 0
    finally:
        member.close()
    admin = _signed_in(b["app_url"], "boss", "boss-pass-1")
    try:
        with admin.engine.begin() as conn:  # staff and above see every conflict
            listed = "SELECT record_id FROM sync_conflict"
            assert {r for (r,) in conn.exec_driver_sql(listed)} == {b["b_secret"]}
            _conflict(conn, b["b_public"])  # a sync import's rewrite of a record's list
            refresh_conflicts(conn, SYNCED_TABLES["project"], [b["b_public"]])
            assert _count(conn, "SELECT count(*) FROM sync_conflict") == 1
    finally:
        admin.close()


def test_an_outdated_password_hash_is_upgraded_at_sign_in_through_the_database(
    bureau: dict[str, Any],
) -> None:
    from argon2 import PasswordHasher

    from crm.accounts import sign_in

    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
    owner = sa.create_engine(bureau["url"])

    def stored() -> str:
        with owner.connect() as conn:
            found = "SELECT password_hash FROM user_account WHERE login = 'zhang'"
            return str(conn.exec_driver_sql(found).scalar())

    try:
        with owner.begin() as conn:
            conn.exec_driver_sql(
                "UPDATE user_account SET password_hash = %s WHERE login = 'zhang'",
                (weak.hash("zhang-pass-1"),),
            )
        app = _signed_in(bureau["app_url"], "zhang", "zhang-pass-1")
        try:
            upgraded = stored()
            current = PasswordHasher()
            assert not current.check_needs_rehash(upgraded)
            assert current.verify(upgraded, "zhang-pass-1")
            sign_in(app, "zhang", "zhang-pass-1")  # and the new hash signs in
            assert stored() == upgraded  # current already: left as it is
        finally:
            app.close()
    finally:
        owner.dispose()


def test_init_brings_a_database_made_by_an_earlier_version_up_to_the_new_policies(
    owner_url: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A bureau's database initialised before sign-ins and sync conflicts had policies gets
    them (and the functions they call) when the owner runs `crm init` after the upgrade."""
    from crm.accounts import add_user
    from crm.db import open_database

    url, role = owner_url
    app_url = _init(url, role, capsys)
    owner = open_database(url)
    try:
        with owner.session() as s:
            add_user(s, login="boss", name="管理员", roles="admin", password="boss-pass-1")
        with owner.engine.begin() as conn:  # what the earlier version left
            for table in ("sign_in_event", "sync_conflict"):
                for policy in ("crm_read", "crm_insert", "crm_update", "crm_delete"):
                    conn.exec_driver_sql(f"DROP POLICY IF EXISTS {policy} ON {table}")
                conn.exec_driver_sql(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
                conn.exec_driver_sql(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
                conn.exec_driver_sql(f'GRANT ALL ON {table} TO "{role}"')
            _conflict(conn, str(uuid.uuid4()))
    finally:
        owner.close()

    def seen_by_a_stranger() -> tuple[int, int]:
        engine = sa.create_engine(app_url)  # nobody signed in
        try:
            with engine.connect() as conn:
                return (
                    _count(conn, "SELECT count(*) FROM sign_in_event"),
                    _count(conn, "SELECT count(*) FROM sync_conflict"),
                )
        finally:
            engine.dispose()

    def policies() -> int:
        with sa.create_engine(url).connect() as conn:
            found = (
                "SELECT count(*) FROM pg_policies "
                "WHERE tablename = 'sync_conflict' AND schemaname = current_schema()"
            )
            return _count(conn, found)

    _signed_in(app_url, "boss", "boss-pass-1").close()
    assert seen_by_a_stranger() == (1, 1)
    assert policies() == 0
    _init(url, role, capsys)
    # Sign-ins are hidden from a stranger; a conflict on no hidden record is read like the
    # change log it comes from, now under its policies.
    assert seen_by_a_stranger() == (0, 1)
    assert policies() == 4
    admin = _signed_in(app_url, "boss", "boss-pass-1")
    try:
        with admin.engine.connect() as conn:
            assert _count(conn, "SELECT count(*) FROM sign_in_event") == 2
            assert _count(conn, "SELECT count(*) FROM sync_conflict") == 1
    finally:
        admin.close()


def test_parallel_workers_apply_the_same_rules(bureau: dict[str, Any]) -> None:
    """The policies' functions are PARALLEL SAFE (a member's statements may use several
    cores, as the owner's do): a worker knows who is signed in as the leader does."""
    b = bureau
    db = _signed_in(b["app_url"], "zhang", "zhang-pass-1")
    try:
        with db.engine.begin() as conn:
            version = int(conn.exec_driver_sql("SHOW server_version_num").scalar() or 0)
            forced = "debug_parallel_query" if version >= 160000 else "force_parallel_mode"
            settings = [f"{forced} = on", "parallel_setup_cost = 0", "parallel_tuple_cost = 0"]
            for setting in [*settings, "min_parallel_table_scan_size = 0"]:
                conn.exec_driver_sql(f"SET LOCAL {setting}")
            plan = " ".join(
                r[0] for r in conn.exec_driver_sql("EXPLAIN SELECT count(*) FROM activity")
            )
            assert "Gather" in plan
            seen = {
                project: _count(
                    conn, "SELECT count(*) FROM activity WHERE project_id = %s", project
                )
                for project in (b["a_secret"], b["b_secret"])
            }
            names = [r[0] for r in conn.exec_driver_sql("SELECT name FROM project ORDER BY 1")]
    finally:
        db.close()
    assert seen == {b["a_secret"]: 1, b["b_secret"]: 0}
    assert names == ["乙队公开项目", "甲队保密线索", "甲队公开项目"]


def test_a_confidential_project_of_no_team_is_read_by_staff_and_above_only(
    bureau: dict[str, Any],
) -> None:
    owner = sa.create_engine(bureau["url"])
    try:
        with owner.begin() as conn:
            conn.exec_driver_sql(
                "UPDATE project SET team_id = NULL WHERE id = %s", (bureau["b_secret"],)
            )
    finally:
        owner.dispose()
    seen = {}
    for login, password in [("zhang", "zhang-pass-1"), ("li", "li-pass-12"),
                            ("boss", "boss-pass-1")]:  # fmt: skip
        db = _signed_in(bureau["app_url"], login, password)
        try:
            with db.engine.connect() as conn:
                seen[login] = _count(
                    conn, "SELECT count(*) FROM project WHERE id = %s", bureau["b_secret"]
                )
        finally:
            db.close()
    assert seen == {"zhang": 0, "li": 0, "boss": 1}


def test_the_projects_list_counts_what_each_person_sees(bureau: dict[str, Any]) -> None:
    """The list's count (on PostgreSQL part by part: projects not confidential, then the
    team's own confidential ones) agrees with its rows through the application role, and
    with what the core alone shows through the owner's connection; deleted ones count for
    nobody."""
    from crm.accounts import actor_of_account
    from crm.db import open_database
    from crm.models import UserAccount
    from crm.queries.project_list import ProjectQuery
    from crm.services.projects import create_project, delete_project

    def actor(login: str) -> Any:
        with owner.read() as s:
            account = s.scalars(sa.select(UserAccount).where(UserAccount.login == login))
            return actor_of_account(account.one())

    b = bureau
    owner = open_database(b["url"])
    try:
        owner.user = actor("boss")
        with owner.session() as s:
            gone = create_project(s, name="甲队已删除项目", team_id=b["team_a"]).id
        with owner.session() as s:
            delete_project(s, gone)
        expected = {"zhang": 3, "li": 2, "boss": 4}  # zhang: both public ones and A's lead
        for login, password in [("zhang", "zhang-pass-1"), ("li", "li-pass-12"),
                                ("boss", "boss-pass-1")]:  # fmt: skip
            owner.user = actor(login)
            with owner.read() as s:
                core_only = (ProjectQuery().count(s), len(ProjectQuery().ids(s)))
            db = _signed_in(b["app_url"], login, password)
            try:
                with db.read() as s:
                    both_walls = (ProjectQuery().count(s), len(ProjectQuery().ids(s)))
            finally:
                db.close()
            assert core_only == both_walls == (expected[login],) * 2, login
    finally:
        owner.close()


def test_init_says_when_the_role_existed_and_keeps_its_password(
    owner_url: tuple[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A second database on the same server (or init run again without CRM_APP_PASSWORD):
    the role is the server's and keeps its password, which init does not know — it says so
    instead of printing a bare PASSWORD placeholder."""
    from crm.cli import main

    url, role = owner_url
    _init(url, role, capsys)
    monkeypatch.delenv("CRM_APP_PASSWORD")
    assert main(["--db", url, "init", "--app-role", role]) == 0
    printed = capsys.readouterr().out
    assert f"{role}:PASSWORD@" in printed
    assert f"角色 {role} 已存在（PostgreSQL 的角色对整个服务器有效），密码不变" in printed


def test_the_owner_sets_a_locked_out_only_administrators_password_without_signing_in(
    owner_url: tuple[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Anyone with the shared URL can lock the only administrator out (five wrong passwords);
    the tables' owner, through the owner's URL, sets the password — which lifts the lock —
    with `crm user passwd` and no sign-in. Other commands still ask for one."""
    from crm.cli import main

    url, role = owner_url
    app_url = _init(url, role, capsys)
    monkeypatch.setenv("CRM_NEW_PASSWORD", "boss-pass-1")
    assert (
        main(["--db", app_url, "user", "add", "boss", "--name", "管理员", "--role", "admin"]) == 0
    )
    monkeypatch.setenv("CRM_PASSWORD", "wrong-pass-1")
    for _ in range(6):
        assert main(["--db", app_url, "--user", "boss", "user", "list"]) == 2
    capsys.readouterr()
    monkeypatch.setenv("CRM_PASSWORD", "boss-pass-1")
    assert main(["--db", app_url, "--user", "boss", "user", "list"]) == 2
    assert "由数据库所有者用其地址运行 crm user passwd" in capsys.readouterr().err
    assert main(["--db", url, "user", "list"]) == 2  # the owner still signs in for the rest
    assert main(["--db", app_url, "user", "passwd", "boss"]) == 2  # and the app role always
    capsys.readouterr()
    monkeypatch.setenv("CRM_NEW_PASSWORD", "boss-pass-2")
    assert main(["--db", url, "user", "passwd", "boss"]) == 0
    assert "以数据表所有者身份重设密码" in capsys.readouterr().err
    monkeypatch.setenv("CRM_PASSWORD", "boss-pass-2")
    assert main(["--db", app_url, "--user", "boss", "user", "list"]) == 0
