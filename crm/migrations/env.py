"""Alembic environment. The application passes its open connection in `config.attributes`."""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import BigInteger

import crm.models
from crm.models.base import Money

target_metadata = crm.models.Base.metadata


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    # Migrations must not import application types: Money is a BIGINT of fen on disk.
    if type_ == "type" and isinstance(obj, Money):
        return f"sa.{BigInteger().__class__.__name__}()"
    return False


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    # SQLite's FTS5 search tables are made by raw SQL in migration 0002, not by models.
    return not (type_ == "table" and name is not None and name.startswith("search_fts"))


def run_migrations(connection: Any) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        render_item=render_item,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    from crm.db import make_engine, resolve_url

    engine = make_engine(context.config.get_main_option("sqlalchemy.url") or resolve_url())
    with engine.connect() as conn:
        run_migrations(conn)
        conn.commit()


run()
