"""The second wall on PostgreSQL: an application role that does not own the tables, row-level
security on every record that belongs to a project, and passwords the role cannot read.

The owner (who runs the migrations) creates the application role with `crm init` (run again,
it brings role, grants, functions and policies up to date). The window and the command line
connect as that role, which is bound by these rules whatever SQL it sends:

- **Who is signed in** is known to the database, not claimed by the connection: `crm_sign_in`
  (SECURITY DEFINER, owned by the owner) checks the password and issues a random token, which
  the program sets on every connection it checks out (`app.session`). A token is all a
  connection can show; setting someone else's user id gets it nothing.
- **One rule** for what a person may read and write: `crm_user_scope(kind)` answers `*`
  (every team: staff, manager, admin, or a database without accounts), a team id (a member's
  or leader's own team) or '' (nothing beyond what is not confidential; nothing to write).
  The write policies compare a row's team with that answer through `_may` below, evaluated
  once per statement (an InitPlan), so a list of 100k projects does not call a function per
  row. Reading a confidential project tests its team against a set (`crm_read_teams`) by
  hash: no InitPlan, whose parameter would keep any statement with a subquery on projects
  from running in parallel (the functions are PARALLEL SAFE for the same reason).
- **Records of a project** (every table with a `project_id`, the tables hanging off those,
  the change log and the name index) are hidden when their project is: a small set of ids
  (`crm_hidden_projects`, `crm_hidden_records`) tested by hash, not a look-up per row.
- **Sign-ins** follow crm.access's actions (`POLICY_ACTIONS`): the sign-in log is read by
  whoever may `view_sign_ins` and written only by `crm_sign_in`. **Sync conflicts** are read
  like the change log they come from (not those of hidden records) and written by anyone:
  every commit rewrites the conflicts of the records it touched.
- **Passwords**: the role may not read `user_account.password_hash`. The program asks for the
  hash's parameters and salt (`crm_password_salt`), hashes the typed password with them and
  hands the result to `crm_sign_in`, which compares, counts failures, locks and logs.
- The owner is not bound (policies let the tables' owner through so that administration and
  scripts keep working): crm.access still checks everything in the core.
"""

from __future__ import annotations

import base64
import re
import secrets
from dataclasses import dataclass
from typing import Any

from argon2.low_level import Type, hash_secret
from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import make_url

from crm import follow_ups
from crm.access import ACTIONS, LEDGER_ROLES
from crm.codes import Role

_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
#: The GUC carrying this connection's sign-in token.
SESSION_SETTING = "app.session"
#: Sign-in tokens older than this are removed at the next sign-in.
TOKEN_DAYS = 90
#: user_account columns the application role may read (never password_hash).
ACCOUNT_COLUMNS = (
    "id",
    "login",
    "name",
    "unit",
    "team_id",
    "roles",
    "active_from",
    "active_to",
    "failed_attempts",
    "locked_until",
    "created_at",
)


def _sql_list(values: Any) -> str:
    return "ARRAY[" + ", ".join(f"'{v}'" for v in sorted(values)) + "]::text[]"


def _may(team_sql: str, scope_sql: str) -> str:
    """The rule, in one place: a row of team `team_sql` may be read (written) by a scope."""
    return f"({scope_sql} IN ('*', COALESCE({team_sql}, '-')))"


#: Actions of crm.access a policy asks about: crm_user_scope(action) answers '*' when the
#: signed-in person's roles allow it, else ''.
POLICY_ACTIONS = ("manage_users", "view_sign_ins")


def _action_cases() -> str:
    """The CASE branches of crm_user_scope for POLICY_ACTIONS, from crm.access's own table."""
    return " ".join(
        f"WHEN kind = '{action}' THEN CASE WHEN r && {_sql_list(r.value for r in ACTIONS[action])}"
        " THEN '*' ELSE '' END"
        for action in POLICY_ACTIONS
    )


def _scope(schema: str, kind: str) -> str:
    """The connection's scope for `kind` (read, write or one of POLICY_ACTIONS), once per
    statement."""
    return f"(SELECT \"{schema}\".crm_scope('{kind}'))"


# -- the tables a project's confidentiality reaches ------------------------------------------
@dataclass(frozen=True)
class Parts:
    """Tables with a project_id (their team column if any), and tables hanging off those."""

    parts: tuple[tuple[str, bool], ...]
    sub_parts: tuple[tuple[str, str, str], ...]  # (table, column, parent table)


def project_parts() -> Parts:
    from crm.models import Base

    parts = []
    for table in Base.metadata.sorted_tables:
        if "project_id" in table.c and table.name != "project":
            parts.append((table.name, "team_id" in table.c))
    names = {name for name, _ in parts}
    subs = []
    for table in Base.metadata.sorted_tables:
        if table.name in names or table.name == "project":
            continue
        for fk in table.foreign_keys:
            if fk.column.table.name in names:
                subs.append((table.name, fk.parent.name, fk.column.table.name))
    return Parts(tuple(parts), tuple(subs))


# -- functions -----------------------------------------------------------------------------
def _functions_sql(schema: str, app: str, parts: Parts) -> list[str]:
    s = f'"{schema}"'
    definer = f"SECURITY DEFINER SET search_path = {s}, pg_temp"
    # What the policies call: read-only, so a statement they bind may still run in parallel
    # (one function left PARALLEL UNSAFE, the default, keeps every query to one process: the
    # owner's brief would use two cores and a member's one).
    read_only = "STABLE PARALLEL SAFE"
    me = f"current_setting('{SESSION_SETTING}', true)"
    active = (
        "(u.active_from IS NULL OR u.active_from <= {d}) "
        "AND (u.active_to IS NULL OR u.active_to >= {d})"
    )
    today = "(now() AT TIME ZONE 'utc')::date"
    read_scope = f"(SELECT {s}.crm_user_scope('read'))"  # once, not per row
    hidden_parts = [
        f"SELECT c.id FROM {s}.{name} c WHERE c.project_id IN (SELECT h FROM hidden)"
        for name, _ in parts.parts
    ]
    hidden_subs = [
        f"SELECT c.id FROM {s}.{name} c WHERE c.{column} IN "
        f"(SELECT c2.id FROM {s}.{parent} c2 WHERE c2.project_id IN (SELECT h FROM hidden))"
        for name, column, parent in parts.sub_parts
    ]
    from crm.accounts import LOCK_MINUTES, MAX_FAILURES

    return [
        f"""CREATE TABLE IF NOT EXISTS {s}.crm_sign_in_token (
              token text PRIMARY KEY, user_id text NOT NULL, issued_at timestamp NOT NULL)""",
        # The hidden set is read from this small index alone (confidential rows only).
        f"CREATE INDEX IF NOT EXISTS crm_ix_project_confidential ON {s}.project (team_id, id) "
        "WHERE confidential",
        # Counting a member's projects tested every live row against the read policy (a
        # fifth more time than the owner's count); an index whose predicate implies the policy
        # lets the planner drop the test: the open projects are counted from it alone
        # (crm.access.visible_parts, crm.queries.project_list).
        f"CREATE INDEX IF NOT EXISTS crm_ix_project_open ON {s}.project (confidential) "
        "WHERE deleted_at IS NULL AND NOT confidential",
        # Each function's language was chosen by measuring (benchmarks/bench_access_pg).
        # PL/pgSQL keeps its plans for the session: the scope functions, which nearly every
        # statement of the connection calls, answer in 0.06 ms once warm, where a SQL function
        # plans its query on every call (0.45 ms: with every function in SQL a list's two
        # statements took 1.17× the owner's). A parallel worker is a new process, though,
        # whose first PL/pgSQL call loads and compiles the language (1.4 to 3.2 ms; a SQL
        # function 0.17 ms): the hidden sets, read by the policies of a project's records,
        # mostly in a brief's parallel statements, are SQL. This split: list 1.03–1.07× the
        # owner's, brief 1.03–1.08× (five runs); all PL/pgSQL: brief up to 1.10×.
        f"""CREATE OR REPLACE FUNCTION {s}.crm_user_scope(kind text) RETURNS text
            LANGUAGE plpgsql {read_only} {definer} AS $$ BEGIN RETURN COALESCE((
                SELECT CASE
                  {_action_cases()}
                  WHEN r && {_sql_list(r.value for r in LEDGER_ROLES)} THEN '*'
                  WHEN kind = 'write' AND NOT r && {_sql_list([Role.MEMBER, Role.LEADER])}
                    THEN ''
                  ELSE COALESCE(u.team_id, '')
                END
                FROM crm_sign_in_token t
                JOIN user_account u ON u.id = t.user_id,
                LATERAL string_to_array(u.roles, ',') AS r
                WHERE t.token = {me} AND {active.format(d="CURRENT_DATE")}),
                CASE WHEN EXISTS (SELECT 1 FROM user_account) THEN '' ELSE '*' END);
            END $$""",
        # Invoker's: the tables' owner (and so the definer functions below) sees everything.
        f"""CREATE OR REPLACE FUNCTION {s}.crm_scope(kind text) RETURNS text
            LANGUAGE sql {read_only} AS $$
              SELECT CASE WHEN pg_has_role(current_user, '{app}', 'USAGE')
                          THEN {s}.crm_user_scope(kind) ELSE '*' END
            $$""",
        # Invoker's too (crm_scope must see who calls): the teams whose confidential projects
        # the connection reads, as a set ('-': no team), for a hash test with no parameter in
        # it — a policy comparing with crm_scope's answer (an InitPlan) keeps a statement
        # whose subquery reads projects from running in parallel.
        f"""CREATE OR REPLACE FUNCTION {s}.crm_read_teams() RETURNS SETOF text
            LANGUAGE plpgsql {read_only} ROWS 10 AS $$
            DECLARE scope text := {s}.crm_scope('read');
            BEGIN
              IF scope = '*' THEN
                RETURN QUERY SELECT '-' UNION ALL SELECT t.id::text FROM {s}.team t;
              ELSIF scope <> '' THEN
                RETURN NEXT scope;
              END IF;
            END $$""",
        f"""CREATE OR REPLACE FUNCTION {s}.crm_project_team(pid text) RETURNS text
            LANGUAGE sql {read_only} {definer} AS $$
              SELECT team_id FROM project WHERE id = pid
            $$""",
        f"""CREATE OR REPLACE FUNCTION {s}.crm_hidden_projects() RETURNS SETOF text
            LANGUAGE sql {read_only} ROWS 50 {definer} AS $$
              SELECT p.id::text FROM project p
              WHERE p.confidential AND NOT {_may("p.team_id", read_scope)}
            $$""",
        # Invoker's (crm_scope's test of who calls): the hidden projects for the application
        # role, none for the owner — and so none inside the definer functions above, which
        # must see every row. The policies of a project's records test against it by hash
        # instead of comparing crm_scope's answer first: that comparison is an InitPlan,
        # whose parameter keeps a statement from running in parallel (a member's brief ran
        # its tag and increase queries on one core).
        f"""CREATE OR REPLACE FUNCTION {s}.crm_hidden_for_me() RETURNS SETOF text
            LANGUAGE sql {read_only} ROWS 50 AS $$
              SELECT h FROM {s}.crm_hidden_projects() h
              WHERE pg_has_role(current_user, '{app}', 'USAGE')
            $$""",
        f"""CREATE OR REPLACE FUNCTION {s}.crm_hidden_records() RETURNS SETOF text
            LANGUAGE sql {read_only} ROWS 500 {definer} AS $$
              WITH hidden AS (SELECT h FROM {s}.crm_hidden_projects() h)
              SELECT h FROM hidden
              {"".join(" UNION ALL " + q for q in hidden_parts + hidden_subs)}
            $$""",
        # The salt and cost of a stored hash, never the hash: `$argon2id$v=..$m=..$salt$LEN`.
        f"""CREATE OR REPLACE FUNCTION {s}.crm_password_salt(who text) RETURNS text
            LANGUAGE sql STABLE {definer} AS $$
              SELECT substring(password_hash FROM '^(.*\\$)[^$]*$')
                     || length(substring(password_hash FROM '([^$]*)$'))
              FROM user_account WHERE login = who AND password_hash <> ''
            $$""",
        f"""CREATE OR REPLACE FUNCTION {s}.crm_sign_in(who text, attempt text, chan text)
            RETURNS TABLE (outcome_code text, session_token text, account_id text)
            LANGUAGE plpgsql VOLATILE {definer} AS $$
            DECLARE
              u user_account;
              now_ts timestamp := now() AT TIME ZONE 'utc';
              result text := 'ok';
              issued text;
            BEGIN
              SELECT * INTO u FROM user_account a WHERE a.login = who FOR UPDATE;
              IF NOT FOUND THEN
                result := 'unknown_user';
              ELSIF NOT ({active.format(d=today)}) THEN
                result := 'inactive';
              ELSIF u.locked_until IS NOT NULL AND u.locked_until > now_ts THEN
                result := 'locked';
              ELSIF u.password_hash = '' OR u.password_hash IS DISTINCT FROM attempt THEN
                result := 'wrong_password';
                IF u.failed_attempts + 1 >= {MAX_FAILURES} THEN
                  UPDATE user_account SET failed_attempts = 0,
                         locked_until = now_ts + interval '{LOCK_MINUTES} minutes'
                   WHERE id = u.id;
                  result := 'locked';
                ELSE
                  UPDATE user_account SET failed_attempts = u.failed_attempts + 1
                   WHERE id = u.id;
                END IF;
              END IF;
              INSERT INTO sign_in_event (id, at, login, outcome, channel)
              VALUES (gen_random_uuid()::text, now_ts, left(who, 60), result, left(chan, 20));
              IF result = 'ok' THEN
                UPDATE user_account SET failed_attempts = 0, locked_until = NULL
                 WHERE id = u.id;
                DELETE FROM crm_sign_in_token
                 WHERE issued_at < now_ts - interval '{TOKEN_DAYS} days';
                issued := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
                INSERT INTO crm_sign_in_token VALUES (issued, u.id, now_ts);
                RETURN QUERY SELECT result, issued, u.id::text;
              ELSE
                RETURN QUERY SELECT result, NULL::text, NULL::text;
              END IF;
            END
            $$""",
        f"""CREATE OR REPLACE FUNCTION {s}.crm_set_own_password(new_hash text) RETURNS boolean
            LANGUAGE sql VOLATILE {definer} AS $$
              UPDATE user_account SET password_hash = new_hash, failed_attempts = 0,
                     locked_until = NULL
               WHERE id = (SELECT t.user_id FROM crm_sign_in_token t WHERE t.token = {me})
              RETURNING true
            $$""",
        # The owner's: a member's visit may close another team's open step on the same
        # company (crm.follow_ups), a row the member's own UPDATE could not reach.
        f"""CREATE OR REPLACE FUNCTION
            {s}.{follow_ups.PG_FUNCTION}(projects text[], companies text[])
            RETURNS void LANGUAGE sql VOLATILE {definer} AS $$
              {follow_ups.pg_function_body()}
            $$""",
        f"""CREATE OR REPLACE FUNCTION {s}.crm_logins_with_password() RETURNS SETOF text
            LANGUAGE sql STABLE {definer} AS $$
              SELECT login FROM user_account WHERE password_hash <> ''
            $$""",
    ]


_FUNCTIONS = (
    "crm_user_scope(text)",
    "crm_scope(text)",
    "crm_read_teams()",
    "crm_project_team(text)",
    "crm_hidden_projects()",
    "crm_hidden_records()",
    "crm_hidden_for_me()",
    "crm_password_salt(text)",
    "crm_sign_in(text, text, text)",
    "crm_set_own_password(text)",
    "crm_logins_with_password()",
    follow_ups.PG_SIGNATURE,
)


# -- grants and policies ---------------------------------------------------------------------
def _grants_sql(schema: str, app: str) -> list[str]:
    s = f'"{schema}"'
    readable = ", ".join(ACCOUNT_COLUMNS)
    writable = ", ".join([*ACCOUNT_COLUMNS[1:], "password_hash"])
    return [
        f'GRANT USAGE ON SCHEMA {s} TO "{app}"',
        f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO "{app}"',
        f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO "{app}"',
        # Tokens are the database's own; hashes are written, never read back.
        f'REVOKE ALL ON {s}.crm_sign_in_token FROM "{app}"',
        f'REVOKE ALL ON {s}.user_account FROM "{app}"',
        f'GRANT SELECT ({readable}) ON {s}.user_account TO "{app}"',
        f'GRANT INSERT ({readable}, password_hash) ON {s}.user_account TO "{app}"',
        f'GRANT UPDATE ({writable}) ON {s}.user_account TO "{app}"',
        # The change log is appended to; only its commit number is filled in afterwards.
        f'REVOKE UPDATE, DELETE ON {s}.change_log FROM "{app}"',
        f'REVOKE INSERT, UPDATE, DELETE ON {s}.sign_in_event FROM "{app}"',
        f'GRANT UPDATE (seq) ON {s}.change_log TO "{app}"',
        *(f"REVOKE ALL ON FUNCTION {s}.{f} FROM PUBLIC" for f in _FUNCTIONS),
        *(f'GRANT EXECUTE ON FUNCTION {s}.{f} TO "{app}"' for f in _FUNCTIONS),
    ]


def _policies(schema: str, parts: Parts) -> dict[str, dict[str, tuple[str, str]]]:
    """table → policy name → (command, expression): USING for SELECT/DELETE, USING and WITH
    CHECK for UPDATE (`USING|CHECK` when they differ), WITH CHECK for INSERT."""
    s = f'"{schema}"'
    read, write = _scope(schema, "read"), _scope(schema, "write")
    # In FROM, not in the select list: a set-returning function there (a ProjectSet) would
    # keep every statement through a policy from running in parallel.
    hidden = f"(SELECT h FROM {s}.crm_hidden_projects() h)"
    hidden_for_me = f"(SELECT h FROM {s}.crm_hidden_for_me() h)"
    records = f"(SELECT h FROM {s}.crm_hidden_records() h)"
    teams = f"(SELECT t FROM {s}.crm_read_teams() t)"

    def writes_if(rule: str) -> dict[str, tuple[str, str]]:
        return {"crm_insert": ("INSERT", rule), "crm_update": ("UPDATE", rule),
                "crm_delete": ("DELETE", rule)}  # fmt: skip

    def writes(team_sql: str) -> dict[str, tuple[str, str]]:
        return writes_if(_may(team_sql, write))

    def allowed(action: str) -> str:
        return f"{_scope(schema, action)} = '*'"

    policies: dict[str, dict[str, tuple[str, str]]] = {
        "project": {
            "crm_read": ("SELECT", f"(NOT confidential OR COALESCE(team_id, '-') IN {teams})")
        }
        | writes("team_id"),
    }
    for name, has_team in parts.parts:
        team = f"{s}.crm_project_team(project_id)"
        if has_team:
            team = f"CASE WHEN project_id IS NULL THEN team_id ELSE {team} END"
        # `project_id <> ''` is always true (ids are uuids) and costs next to nothing: it is
        # there for the planner. PostgreSQL runs a policy before the query's own conditions
        # unless they are leakproof and cheaper; the hash test alone costs the planner as much
        # as one date comparison, so a brief tested every activity of every year against the
        # hidden set before its date range kept one quarter's (a member's brief +55 ms of
        # 300 on one statement). One more comparison lets the date ranges go first.
        not_hidden = f"project_id NOT IN {hidden_for_me} AND project_id <> ''"
        visible = f"(project_id IS NULL OR ({not_hidden}))"
        policies[name] = {"crm_read": ("SELECT", visible)} | writes(team)
    for name, column, _parent in parts.sub_parts:
        visible = f"({read} = '*' OR {column} NOT IN {records})"
        policies[name] = {"crm_read": ("SELECT", visible)} | writes("NULL")
    policies["change_log"] = {
        "crm_read": ("SELECT", f"({read} = '*' OR record_id NOT IN {records})"),
        "crm_insert": ("INSERT", "true"),
        "crm_update": ("UPDATE", "seq IS NULL|true"),  # numbered once, at commit
    }
    policies["search_entry"] = {
        "crm_read": ("SELECT", f"({read} = '*' OR record_id NOT IN {hidden})")
    } | writes_if("true")
    # Sign-ins are for administrators to read; the role writes none (its grants): only
    # crm_sign_in, the owner's, logs them.
    policies["sign_in_event"] = {"crm_read": ("SELECT", allowed("view_sign_ins"))} | writes_if(
        "true"
    )
    # Conflicts are listed by a sync import and rewritten after every commit for the records
    # it touched (crm.audit), whoever made it: a member's edit that settles a conflict must
    # clear it, or a manager later settling the stale entry could undo the edit. So they are
    # read like the change log they come from (not those of records hidden from the user) and
    # written by anyone; who may settle one is the core's rule (crm.access, `resolve`).
    policies["sync_conflict"] = {
        "crm_read": ("SELECT", f"({read} = '*' OR record_id NOT IN {records})")
    } | writes_if("true")
    policies["user_account"] = {"crm_read": ("SELECT", "true")} | writes_if(allowed("manage_users"))
    return policies


def _policy_sql(schema: str, parts: Parts) -> list[str]:
    s = f'"{schema}"'
    out = [
        # What the first version made (one policy on project, its own function).
        f"DROP POLICY IF EXISTS crm_project_team ON {s}.project",
        f"DROP FUNCTION IF EXISTS {s}.crm_project_visible(boolean, text)",
    ]
    for table, policies in _policies(schema, parts).items():
        out += [
            f"ALTER TABLE {s}.{table} ENABLE ROW LEVEL SECURITY",
            f"ALTER TABLE {s}.{table} FORCE ROW LEVEL SECURITY",
        ]
        for name, (command, expression) in policies.items():
            using, _, check = expression.partition("|")
            clause = {
                "SELECT": f"USING ({using})",
                "DELETE": f"USING ({using})",
                "INSERT": f"WITH CHECK ({using})",
                "UPDATE": f"USING ({using}) WITH CHECK ({check or using})",
            }[command]
            out += [
                f"DROP POLICY IF EXISTS {name} ON {s}.{table}",
                f"CREATE POLICY {name} ON {s}.{table} FOR {command} {clause}",
            ]
    return out


# -- the role ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class AppRole:
    name: str
    password: str
    url: str


def create_app_role(conn: Connection, url: str, *, name: str, password: str = "") -> AppRole:
    """Create (or bring up to date) the application role with its grants, functions and
    policies, in the schema the owner's connection works in. Returns the URL to connect as
    it. Idempotent: run again (after an upgrade), it leaves one of everything."""
    if not _ROLE_NAME.match(name):
        raise ValueError(f"bad role name {name!r}")
    schema = str(conn.exec_driver_sql("SELECT current_schema()").scalar())
    exists = conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).scalar()
    if not exists:  # a role already made keeps its password unless a new one is given
        password = password or secrets.token_urlsafe(18)
        conn.exec_driver_sql(f'CREATE ROLE "{name}" LOGIN NOSUPERUSER NOBYPASSRLS')
    # The program's queries are short; compiling them (JIT, which the policies' cost estimates
    # would trigger more often) costs more than it saves.
    conn.exec_driver_sql(f'ALTER ROLE "{name}" SET jit = off')
    if password:
        conn.exec_driver_sql(f"ALTER ROLE \"{name}\" PASSWORD '{_quote(password)}'")
    parts = project_parts()
    statements = [
        *_functions_sql(schema, name, parts),
        *_grants_sql(schema, name),
        *_policy_sql(schema, parts),
    ]
    for statement in statements:
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


# -- signing in through the database -----------------------------------------------------------
def checks_passwords(conn: Connection) -> bool:
    """Whether the database checks passwords here: a connection that does not own the tables,
    in a schema `crm init` gave the sign-in function (it cannot read the hashes itself)."""
    has_function = conn.exec_driver_sql(
        "SELECT to_regprocedure('crm_sign_in(text, text, text)') IS NOT NULL"
    ).scalar()
    return bool(has_function) and not owns_tables(conn)


@dataclass(frozen=True)
class Attempt:
    outcome: str
    token: str | None
    user_id: str | None
    #: The typed password hashed like the stored one (its parameters tell whether the stored
    #: hash is outdated); '' when the account has none.
    hashed: str = ""


def check_password(conn: Connection, login: str, password: str, channel: str) -> Attempt:
    """Hash `password` with the account's salt and cost, and let the database compare,
    count and log (the caller commits, whatever the outcome)."""
    salt = conn.exec_driver_sql("SELECT crm_password_salt(%s)", (login,)).scalar()
    attempt = _hash_like(str(salt), password) if salt else ""
    outcome, token, user_id = conn.exec_driver_sql(
        "SELECT outcome_code, session_token, account_id FROM crm_sign_in(%s, %s, %s)",
        (login, attempt, channel),
    ).one()
    return Attempt(str(outcome), token, user_id, attempt)


def _hash_like(salted: str, password: str) -> str:
    """The encoded argon2 hash of `password` with the parameters and salt of `salted`
    (`$argon2id$v=19$m=65536,t=3,p=4$SALT$LEN`, LEN the stored hash's base64 length)."""
    try:
        _, kind, version, costs, salt, length = salted.split("$")
        params = dict(part.split("=") for part in costs.split(","))
        raw_salt = base64.b64decode(salt + "=" * (-len(salt) % 4))
        encoded = hash_secret(
            password.encode(),
            raw_salt,
            time_cost=int(params["t"]),
            memory_cost=int(params["m"]),
            parallelism=int(params["p"]),
            hash_len=int(length) * 3 // 4,
            type={"argon2id": Type.ID, "argon2i": Type.I, "argon2d": Type.D}[kind],
            version=int(version.removeprefix("v=")),
        )
    except (ValueError, KeyError):  # a stored value that is no argon2 hash matches nothing
        return ""
    return encoded.decode()


def upgrade_password(conn: Connection, token: str, password_hash: str) -> bool:
    """Store a new hash of the password just checked (a stronger cost), in the sign-in's own
    transaction: the token it issued is shown for this transaction only."""
    conn.exec_driver_sql(f"SELECT set_config('{SESSION_SETTING}', %s, true)", (token,))
    return set_own_password(conn, password_hash)


def set_own_password(conn: Connection, password_hash: str) -> bool:
    return bool(conn.exec_driver_sql("SELECT crm_set_own_password(%s)", (password_hash,)).scalar())


def logins_with_password(conn: Connection) -> set[str]:
    return {r[0] for r in conn.exec_driver_sql("SELECT crm_logins_with_password()")}


_ANNOUNCERS: dict[int, Any] = {}


def announce_session(engine: Engine, token: str) -> None:
    """Show `token` (from crm_sign_in) on every connection this engine hands out; a later
    sign-in replaces it."""

    def _checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        # Set once per connection, outside any transaction (a rolled-back read would undo it).
        if record.info.get(SESSION_SETTING) == token:
            return
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True
        try:
            with dbapi_connection.cursor() as cursor:
                cursor.execute(f"SELECT set_config('{SESSION_SETTING}', %s, false)", (token,))
        finally:
            dbapi_connection.autocommit = autocommit
        record.info[SESSION_SETTING] = token

    previous = _ANNOUNCERS.pop(id(engine), None)
    if previous is not None and event.contains(engine, "checkout", previous):
        event.remove(engine, "checkout", previous)
    _ANNOUNCERS[id(engine)] = _checkout
    event.listen(engine, "checkout", _checkout)
