"""Shared fixtures: every test gets its own CRM_HOME and its own database.

`db` runs each test on SQLite and, when CRM_TEST_PG_URL is set, again on PostgreSQL
(each PostgreSQL test in a schema of its own, dropped afterwards).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_URL = os.environ.get("CRM_TEST_PG_URL", "")
PG_SKIP_REASON = (
    "PostgreSQL tests need CRM_TEST_PG_URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)"
)


@pytest.fixture(autouse=True)
def crm_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "crm-home"
    monkeypatch.setenv("CRM_HOME", str(home))
    monkeypatch.delenv("CRM_DATABASE_URL", raising=False)
    monkeypatch.setenv("CRM_USER", "tester")
    return home


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with reference data, made once per worker and copied per test."""
    from crm.db import open_database

    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    database = open_database(path)
    configure_test_bureau(database)
    with database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return path


@pytest.fixture(params=["sqlite", "pg"])
def db(request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path) -> Iterator:
    """An open, empty (reference data only) database; SQLite, then PostgreSQL if configured."""
    from crm.db import open_database

    if request.param == "sqlite":
        path = tmp_path / "test.sqlite"
        shutil.copy(sqlite_template, path)
        database = open_database(path)
        yield database
        database.close()
        return
    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    yield from _postgres_database(open_database)


@pytest.fixture
def sqlite_db(sqlite_template: Path, tmp_path: Path) -> Iterator:
    """SQLite only, for tests of SQLite-specific behaviour and for speed-sensitive GUI tests."""
    from crm.db import open_database

    path = tmp_path / "test.sqlite"
    shutil.copy(sqlite_template, path)
    database = open_database(path)
    yield database
    database.close()


#: The bureau the tests' databases belong to (a new database has none until the first start).
TEST_BUREAU = {"bureau_name": "南宁市投资促进局", "bureau_region_code": "450100", "user_name": ""}


def configure_test_bureau(database) -> None:
    from crm.services.settings import set_setting

    with database.session() as session:
        for key, value in TEST_BUREAU.items():
            set_setting(session, key, value)


@contextmanager
def postgres_schema() -> Iterator[tuple[str, str]]:
    """(url, schema): a PostgreSQL schema of its own, dropped afterwards."""
    import sqlalchemy as sa

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{separator}options=-csearch_path%3D{schema}", schema
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _postgres_database(open_database) -> Iterator:
    with postgres_schema() as (url, _schema):
        database = open_database(url)
        configure_test_bureau(database)
        try:
            yield database
        finally:
            database.close()


def pytest_report_header() -> str:
    if PG_URL:
        return f"PostgreSQL tests: on ({PG_URL})"
    return f"PostgreSQL tests: skipped — {PG_SKIP_REASON}"
