"""Migrations are history: the schema each revision makes (up and down) never changes.

Each step's schema is dumped (SQLite: the text of every CREATE statement; PostgreSQL: the
catalog's columns, constraints and index definitions) and compared with its recorded
fingerprint. Refactoring a migration (e.g. moving builders into crm/migrations/ddl.py) must
leave every fingerprint as it is; a new migration adds its own revision to the tables below.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory

from crm.db import make_engine, sqlite_url
from crm.migrate import alembic_config
from tests.conftest import PG_SKIP_REASON, PG_URL, postgres_schema

LAST_RECORDED = "0010_accounts"

# sha256 of the schema dump after each step, up from nothing, then down again.
SQLITE = {
    "up 0001": "368a7142e91c40bfd88f4faa315e019ded7f532f45d1b9e0b17c1608be917b5c",
    "up 0002": "81726c2da3521e88de42290a1650b03c9305cad5a1804a58e4e71e6467af6a84",
    "up 0003": "19b314d0025aebd7f516bc3a42a5adc0fe6a610c52d938be94860bd0fccbbc9a",
    "up 0004": "3cfcbd5d99c712eb50d41ed7f3ac1706f95adc7117a23279caf5612bf633c99e",
    "up 0005": "eb5dac2eeb8d728c7dc411e6a58f5fff86727fe51fb6509f7f7c80a83f0c5d06",
    "up 0006": "f694000c0027adcd02bfb4062bb75d936c5bfd9ceba1a7ae17df564adbd84d95",
    "up 0007": "2e4a0c59170028223a5263a1d870af07006465a2a0cbc92b2e6fe8d78bad952f",
    "up 0008": "3db393849484497a2e947ba9dd9497a5da5d7592fe4ac186b2216d7bb64ebb84",
    "up 0009": "31dc80ac386d277205aa918a213d9cfbe26613c69d71d23af95edab948a9bbdd",
    "up 0010": "df0d524360384ea615489c03d061039bcfcb382ab4e2fad0f539656e34f91609",
    "down 0009": "f277ddf5d860df7848d798c32418731b0e9ce223d88aadab4d05110e4720c62a",
    "down 0008": "2d60f36db8401eb27f22988d46f55a8a62a51e53da3446c447cafd25d8ac70bd",
    "down 0007": "5785aa104f6add066161803648cfc99f58d125e3e23e151c9294ec50976f9d1b",
    "down 0006": "2bb42cc5bd4e3b3ff905b0393ca74315d4ed828b665692ef8362181eba5f01d5",
    "down 0005": "0d95bd7a21a968065172bd325d24251fdc9ef7122f85e55d833f269fd8082e76",
    "down 0004": "c0fb8f759c217d1addb35181e178f495ae029d3bf68baa04857724427c368f36",
    "down 0003": "99c4695dbd647cbec1d5100ac1a20a6213d63bf24ee1903bda18f22b5a145fdf",
    "down 0002": "6ef6c068c0729c805648fb4e742cdfaacb7a7d04cb0c543b2a512eaf0775efef",
    "down 0001": "4b8fb571c537969f2275c128d9ce0193410a96f7e0d6c0845694e86ff72125f4",
    "down base": "510d2a57ccd2c5f3ae33714b178d7943ed612c5b5561f77fc042392cf955554c",
}
POSTGRESQL = {
    "up 0001": "9df7b4cd80ca840b94ea4fcfd87568d649765918885447d857aa7eb5b38d20bd",
    "up 0002": "9d9190b9b5dc24bcd5f25bfbcd8bbe6725f3f60ee6fb36d286c2c72010b82210",
    "up 0003": "8525f375d1c7dffeb58c19d6358b2d112a22ff4b722cad16d13d9f78739ba5bd",
    "up 0004": "48b17f95667a99dec4a3b3645fed8de68018607e0997c9c9369ca02940c86122",
    "up 0005": "6a473e03814a56cc19299c279345f1de63645b50896e8ec14d3a236487c2b49a",
    "up 0006": "0de919779875b4ffd1608e3e6dae1d7ed0dbd3ef209c2442460376547e7b05d2",
    "up 0007": "f3eb8fe509378ff123eed0a00273453f44b400fbf3f60519f1674346d92d73fe",
    "up 0008": "d46d9b816882d34b14ada7c3f922f7db8d3759c712d76c8fe2f5eccb6e06c758",
    "up 0009": "8e1b5d76bb706ac3998fbb98aec155fdc4b87420c5f19186cb53f93d37089b31",
    "up 0010": "a6946c075a230b87902b9338d3963648c2a3a9a9778a950ffb38854d1164c6c6",
    "down 0009": "8e1b5d76bb706ac3998fbb98aec155fdc4b87420c5f19186cb53f93d37089b31",
    "down 0008": "d46d9b816882d34b14ada7c3f922f7db8d3759c712d76c8fe2f5eccb6e06c758",
    "down 0007": "f3eb8fe509378ff123eed0a00273453f44b400fbf3f60519f1674346d92d73fe",
    "down 0006": "0de919779875b4ffd1608e3e6dae1d7ed0dbd3ef209c2442460376547e7b05d2",
    "down 0005": "6a473e03814a56cc19299c279345f1de63645b50896e8ec14d3a236487c2b49a",
    "down 0004": "48b17f95667a99dec4a3b3645fed8de68018607e0997c9c9369ca02940c86122",
    "down 0003": "8525f375d1c7dffeb58c19d6358b2d112a22ff4b722cad16d13d9f78739ba5bd",
    "down 0002": "9d9190b9b5dc24bcd5f25bfbcd8bbe6725f3f60ee6fb36d286c2c72010b82210",
    "down 0001": "9df7b4cd80ca840b94ea4fcfd87568d649765918885447d857aa7eb5b38d20bd",
    "down base": "225bb4b8b431ee92fa35900ed35c1454cd54bc68b129dd1d2b430ddbab226abe",
}


def revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    chain = [rev.revision for rev in script.iterate_revisions(LAST_RECORDED, "base")]
    return list(reversed(chain))


def sqlite_schema(conn: sa.Connection) -> str:
    rows = conn.exec_driver_sql(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
    ).all()
    return "\n".join(" | ".join(str(part) for part in row) for row in rows)


def postgresql_schema(conn: sa.Connection, schema: str) -> str:
    queries = {
        "column": (
            "SELECT table_name, column_name, ordinal_position, data_type,"
            " character_maximum_length, is_nullable, column_default"
            " FROM information_schema.columns WHERE table_schema = :s"
            " ORDER BY table_name, ordinal_position"
        ),
        "constraint": (
            "SELECT t.relname, c.conname, pg_get_constraintdef(c.oid)"
            " FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid"
            " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = :s"
            " ORDER BY t.relname, c.conname"
        ),
        "index": (
            "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = :s"
            " ORDER BY tablename, indexname"
        ),
    }
    lines = []
    for kind, query in queries.items():
        for row in conn.execute(sa.text(query), {"s": schema}):
            lines.append(kind + " | " + " | ".join(str(part) for part in row))
    return "\n".join(lines).replace(f'"{schema}".', "").replace(f"{schema}.", "")


def canonical(text: str) -> str:
    """The dump with each table's constraint lines sorted: a batch rebuild (SQLite) reflects
    the table and writes its constraints in set order, which varies from run to run."""
    lines = [line.rstrip(", ") for line in text.splitlines()]
    slots = [i for i, line in enumerate(lines) if line.lstrip().startswith("CONSTRAINT ")]
    starts = [i for i in slots if i - 1 not in slots]
    for start in starts:
        end = start
        while end + 1 in slots:
            end += 1
        lines[start : end + 1] = sorted(lines[start : end + 1])
    return "\n".join(lines)


def _step(conn: sa.Connection, direction: str, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = conn
    getattr(command, direction)(config, revision)


def walk(engine: sa.Engine, dump) -> Iterator[tuple[str, str]]:
    """(step, schema dump) for every step up to LAST_RECORDED and back down to nothing."""
    chain = revisions()
    downs = [*reversed(chain[:-1]), "base"]
    for direction, targets in (("upgrade", chain), ("downgrade", downs)):
        for target in targets:
            with engine.begin() as conn:
                if engine.dialect.name == "sqlite":
                    conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
                _step(conn, direction, target)
            with engine.connect() as conn:
                yield f"{direction.removesuffix('grade')} {target[:4]}", canonical(dump(conn))


def fingerprints(engine: sa.Engine, dump) -> dict[str, str]:
    return {step: hashlib.sha256(text.encode()).hexdigest() for step, text in walk(engine, dump)}


def test_sqlite_schema_of_every_revision_is_unchanged(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(tmp_path / "history.sqlite"))
    try:
        assert fingerprints(engine, sqlite_schema) == SQLITE
    finally:
        engine.dispose()


@pytest.mark.skipif(not PG_URL, reason=PG_SKIP_REASON)
def test_postgresql_schema_of_every_revision_is_unchanged() -> None:
    with postgres_schema() as (url, schema):
        engine = make_engine(url)
        try:
            found = fingerprints(engine, lambda conn: postgresql_schema(conn, schema))
        finally:
            engine.dispose()
    assert found == POSTGRESQL


def test_a_column_table_reads_each_line_or_refuses_it() -> None:
    from crm.migrations.ddl import columns

    made = columns("""
        code   String(6)
        notes  Text       null
    """)
    assert [(c.name, str(c.type), c.nullable) for c in made] == [
        ("code", "VARCHAR(6)", False),
        ("notes", "TEXT", True),
    ]
    # A typo must never make another schema quietly.
    for line in ("code String", "notes Text(6)", "code Strng(6)", "notes Text nul"):
        with pytest.raises(ValueError):
            columns(line)
