"""The second wall on PostgreSQL: an application role that does not own the tables, and
row-level security on projects.

The owner (who runs the migrations) creates the application role with `crm init`; the window
and the command line then connect as that role. Each connection says who it acts for
(`app.user_id`, set on every checkout); the policy lets a confidential project through only
to its own team and to staff and above. The owner is not bound by the policy (PostgreSQL
never binds a superuser, and the policy lets the owner through so that administration and
scripts keep working): crm.access still checks everything in the core.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import make_url

from crm.access import LEDGER_ROLES

_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
SEES_ALL = "|".join(sorted(LEDGER_ROLES))


def announce_user(engine: Engine, user_id: str) -> None:
    """Set `app.user_id` on every connection this engine hands out."""

    def _checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SELECT set_config('app.user_id', %s, false)", (user_id,))

    event.listen(engine, "checkout", _checkout)


def _policy_sql(schema: str, app_role: str) -> list[str]:
    # SECURITY DEFINER: the function reads the accounts table, which the application role
    # itself may not read (password hashes); session_user is the role that connected.
    return [
        f"""
        CREATE OR REPLACE FUNCTION "{schema}".crm_project_visible(conf boolean, team text)
        RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = "{schema}", pg_temp AS $$
          SELECT NOT conf
              OR NOT pg_has_role(session_user, '{app_role}', 'MEMBER')
              OR EXISTS (
                   SELECT 1 FROM user_account u
                   WHERE u.id = current_setting('app.user_id', true)
                     AND (u.team_id = team OR u.roles ~ '({SEES_ALL})'))
        $$""",
        f'REVOKE ALL ON FUNCTION "{schema}".crm_project_visible(boolean, text) FROM PUBLIC',
        f'GRANT EXECUTE ON FUNCTION "{schema}".crm_project_visible(boolean, text) TO "{app_role}"',
        f'ALTER TABLE "{schema}".project ENABLE ROW LEVEL SECURITY',
        f'ALTER TABLE "{schema}".project FORCE ROW LEVEL SECURITY',
        f'DROP POLICY IF EXISTS crm_project_team ON "{schema}".project',
        f"""CREATE POLICY crm_project_team ON "{schema}".project FOR ALL
            USING ("{schema}".crm_project_visible(confidential, team_id))
            WITH CHECK ("{schema}".crm_project_visible(confidential, team_id))""",
    ]


def _grants_sql(schema: str, app_role: str) -> list[str]:
    return [
        f'GRANT USAGE ON SCHEMA "{schema}" TO "{app_role}"',
        f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "{schema}" TO "{app_role}"',
        f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO "{app_role}"',
        # Sign-in needs the accounts table (through the program, which checks the hash);
        # changing accounts is an administrator's work through the core.
        f'REVOKE DELETE ON "{schema}".user_account FROM "{app_role}"',
        f'REVOKE UPDATE, DELETE ON "{schema}".change_log FROM "{app_role}"',
    ]


@dataclass(frozen=True)
class AppRole:
    name: str
    password: str
    url: str


def create_app_role(conn: Connection, url: str, *, name: str, password: str = "") -> AppRole:
    """Create (or update) the application role with its grants and the row policy, in the
    schema the owner's connection works in. Returns the URL to connect as it."""
    if not _ROLE_NAME.match(name):
        raise ValueError(f"bad role name {name!r}")
    schema = conn.exec_driver_sql("SELECT current_schema()").scalar()
    exists = conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).scalar()
    if not exists:  # a role already made keeps its password unless a new one is given
        password = password or secrets.token_urlsafe(18)
        conn.exec_driver_sql(f'CREATE ROLE "{name}" LOGIN NOSUPERUSER NOBYPASSRLS')
    if password:
        conn.exec_driver_sql(f"ALTER ROLE \"{name}\" PASSWORD '{_quote(password)}'")
    for statement in [*_grants_sql(schema, name), *_policy_sql(schema, name)]:
        conn.exec_driver_sql(statement)
    app_url = make_url(url).set(username=name, password=password or "PASSWORD")
    return AppRole(name, password, app_url.render_as_string(hide_password=False))


def _quote(text: str) -> str:
    return text.replace("'", "''")


def owns_tables(conn: Connection) -> bool:
    """Whether this connection's role owns the tables (row-level security does not bind it)."""
    owner = conn.exec_driver_sql(
        "SELECT pg_has_role(current_user, tableowner, 'MEMBER') FROM pg_tables "
        "WHERE schemaname = current_schema() AND tablename = 'project'"
    ).scalar()
    return bool(owner)


def drop_app_role(conn: Connection, name: str) -> None:
    """Remove the role (tests; a bureau that moves its data elsewhere)."""
    conn.exec_driver_sql(f'DROP OWNED BY "{name}"')
    conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{name}"')
