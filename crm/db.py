"""Engine, sessions and opening a database (create, upgrade with backup, or refuse).

The caller owns the session: one `with db.session() as s:` per user action.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    NoSuchModuleError,
    OperationalError,
    ProgrammingError,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session, sessionmaker

from crm import audit, paths
from crm.access import NOBODY, SYSTEM, Actor, local_actor
from crm.errors import DatabaseBusyError, DatabaseOpenError
from crm.netfs import is_network_path
from crm.schema import SCHEMA_HEAD
from crm.search_cache import SESSION_KEY as SEARCH_CACHE_KEY
from crm.search_cache import SearchCache

BUSY_TIMEOUT_MS = 10_000
log = logging.getLogger(__name__)


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """`--db PATH` or URL first, then CRM_DATABASE_URL, then the file in the user data folder."""
    if db:
        text_db = str(db)
        return text_db if "://" in text_db else sqlite_url(text_db)
    env_url = os.environ.get("CRM_DATABASE_URL")
    if env_url:
        return env_url
    return sqlite_url(paths.default_database_path())


_SECRET_KEYS = frozenset({"password", "passwd", "pwd", "sslpassword"})


def masked_url(url: str) -> str:
    """A URL for people and logs: the password hidden, in the user info or the query."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return url.split("://", 1)[0] + "://…"
    query = {k: ("***" if k.lower() in _SECRET_KEYS else v) for k, v in parsed.query.items()}
    text = parsed.set(query=query).render_as_string(hide_password=True)
    return text.replace("%2A%2A%2A", "***")


def sqlite_url(path: Path | str) -> str:
    text_path = str(path)
    if text_path.startswith(("//", "\\\\")):  # UNC: resolving would hide the share
        return f"sqlite:///{text_path}"
    return f"sqlite:///{Path(text_path).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # not a usable URL: open_database says so
        return None
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _on_sqlite_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Take transactions into our own hands (see on_begin) so that DDL is transactional too.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


#: Execution option marking connections of read-only sessions (`Database.read`).
READ_ONLY = "crm_read_only"


#: Execution option marking connections of write sessions (`Database.session`).
WRITER = "crm_writer"


def _is_writer(conn: Any) -> bool:
    return bool(conn.get_execution_options().get(WRITER, False))


def _begin_sqlite(conn: Any) -> None:
    # We issue BEGIN ourselves so that DDL is transactional too (see _on_sqlite_connect).
    # Writers take the write lock at once (IMMEDIATE): then the busy timeout applies and an
    # edit during an import waits for it. A deferred transaction that read first and writes
    # later fails at once with "database is locked" (its snapshot is stale; no retry helps).
    # Plain connections (pragmas, checkpoints, counts) stay deferred.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if _is_writer(conn) else "BEGIN")


#: Key of the advisory lock that makes PostgreSQL writers of one schema take turns, as
#: SQLite's do: an edit blocked by an import then reads the values the import wrote (its
#: change log never records a stale old value), and the import's plan check stays true.
PG_WRITER_LOCK = 0x5A53  # "ZS"


def _begin_postgresql(conn: Any) -> None:
    if not _is_writer(conn):
        return
    conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{BUSY_TIMEOUT_MS}ms'")
    conn.exec_driver_sql(
        f"SELECT pg_advisory_xact_lock({PG_WRITER_LOCK}, hashtext(current_schema()))"
    )


def make_engine(url: str, **kwargs: Any) -> Engine:
    if url.startswith("postgresql"):
        # psycopg's own pipelined executemany beats SQLAlchemy's multi-row VALUES rendering
        # for our bulk writes (thousands of parameters rendered per statement in Python).
        kwargs.setdefault("use_insertmanyvalues", False)
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _begin_sqlite)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "begin", _begin_postgresql)
    return engine


def is_busy_error(exc: BaseException) -> bool:
    """SQLite's "database is locked" after the busy timeout, PostgreSQL's lock timeout."""
    if not isinstance(exc, OperationalError):
        return False
    text = str(exc.orig or exc).lower()
    return "database is locked" in text or "lock timeout" in text


def busy_error() -> DatabaseBusyError:
    seconds = BUSY_TIMEOUT_MS // 1000
    return DatabaseBusyError(
        f"数据库正忙：另一项写入（如导入、同步或另一个窗口）已进行超过 {seconds} 秒，"
        "请等它完成后再试。",
        f"The database is busy: another write (an import, a sync or another window) has run "
        f"for more than {seconds} s; try again when it has finished.",
    )


@dataclass
class Database:
    """An open database: its engine, session factory and the identity of this copy."""

    url: str
    engine: Engine
    site_id: str = ""
    actor: str = field(default_factory=paths.current_user)
    #: Name search's memory of this database (crm.search); every session carries it.
    search_cache: SearchCache = field(default_factory=SearchCache, repr=False, compare=False)
    #: The signed-in account (crm.accounts.sign_in); None: the local profile, an administrator.
    user: Actor | None = None
    #: The local profile's team (Settings: my_team_id), for a laptop without accounts.
    team_id: str | None = None
    #: The database has accounts: until someone signs in, sessions have no rights at all.
    has_accounts: bool = False
    #: Opened as a copy of a database file whose local profile was then cleared
    #: (crm.services.settings.ensure_site_id): the name it had ("" if only the team).
    profile_cleared: str | None = None

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(
            self.engine.execution_options(**{WRITER: True}),
            class_=audit.AuditedSession,
            expire_on_commit=False,
        )
        self._read_sessions = sessionmaker(
            self.engine.execution_options(**{READ_ONLY: True}),
            class_=audit.AuditedSession,
            expire_on_commit=False,
        )
        # Opening's own unit of work on SQLite: a deferred transaction, which takes the write
        # lock only if it writes (a new database, a copied file), so a window does not start
        # by waiting up to BUSY_TIMEOUT_MS for an import or a sync in another program.
        self._open_sessions = sessionmaker(
            self.engine, class_=audit.AuditedSession, expire_on_commit=False
        )

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @property
    def location(self) -> str:
        """Where the data lives, for people (file path, or URL without password)."""
        path = self.path
        return str(path) if path else masked_url(self.url)

    def access_actor(self) -> Actor:
        """Whom this database's sessions act for (crm.access)."""
        if self.user is not None:
            return self.user
        return NOBODY if self.has_accounts else local_actor(self.actor, self.team_id)

    def sign_in(self, user: Actor) -> None:
        """Act as `user` from now on (crm.accounts checked the password; on PostgreSQL through
        the application role, the database did and each connection shows its token)."""
        self.user = user
        self.actor = user.login

    @contextmanager
    def session(self, actor: str | Actor | None = None) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error. `actor`: a name
        for the change log (with the database's rights), or an Actor (its login and rights)."""
        with self._unit_of_work(self._sessions, actor) as session:
            yield session

    @contextmanager
    def _unit_of_work(
        self, sessions: sessionmaker[Session], actor: str | Actor | None
    ) -> Iterator[Session]:
        session = sessions()
        if isinstance(actor, Actor):
            session.info["access"] = actor
            session.info["actor"] = actor.login
        else:  # a signed-in person is who the change log names, whatever name is passed
            session.info["access"] = self.access_actor()
            session.info["actor"] = self.user.login if self.user else actor or self.actor
        session.info["site_id"] = self.site_id
        session.info[SEARCH_CACHE_KEY] = self.search_cache
        try:
            yield session
            session.commit()
        except BaseException as exc:
            session.rollback()
            if is_busy_error(exc):
                log.warning("write refused, database busy: %s", exc.__class__.__name__)
                raise busy_error() from exc
            raise
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work (queries, briefs, exports): never takes the write lock,
        never commits; writing through it is a programming error."""
        session = self._read_sessions()
        session.info["site_id"] = self.site_id
        session.info[READ_ONLY] = True
        session.info[SEARCH_CACHE_KEY] = self.search_cache
        session.info["access"] = self.access_actor()
        try:
            yield session
            if session.new or session.dirty or session.deleted:
                raise RuntimeError("a read session holds changes; write with db.session()")
        finally:
            session.rollback()
            session.close()

    def close(self) -> None:
        if self.engine.dialect.name == "sqlite":
            self._fold_wal()
        self.engine.dispose()

    def _fold_wal(self) -> None:
        """Copy the WAL's committed pages into the database file. A database file is what
        people copy (to a laptop, a USB stick): without this, changes still in crm.sqlite-wal
        (another process had it open when we wrote) stay behind. PASSIVE never waits: pages a
        process still reads stay in the WAL, and SQLite folds them in later."""
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
        except SQLAlchemyError:  # read-only file, a disk gone: closing must still close
            log.warning("could not fold the WAL into %s", self.url, exc_info=True)


def open_database(db: str | os.PathLike[str] | None = None, *, create: bool = True) -> Database:
    """Open (creating or upgrading as needed) the database named by `db` or the environment."""
    url = resolve_url(db)
    path = sqlite_path(url)
    if path is not None:
        _check_sqlite_path(path, create=create)
        _refuse_damaged(path)
    try:
        engine = make_engine(url)
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:  # ValueError: port "abc"
        where = masked_url(url)
        raise DatabaseOpenError(
            f"无法识别的数据库地址：{where}（检查协议、主机和端口）",
            f"Not a database address this program can use: {where} (check scheme, host, port)",
            code="bad_url",
        ) from exc
    except ImportError as exc:  # the URL names a driver that is not installed
        raise DatabaseOpenError(
            f"缺少数据库驱动 {exc.name or ''}：请安装后再连接 {masked_url(url)}",
            f"The database driver {exc.name or ''} is missing: install it to use {masked_url(url)}",
            code="missing_driver",
        ) from exc
    try:
        with _explained_errors(url):
            _bring_to_head(url, engine, path)
        database = Database(url=url, engine=engine)
        if path is None:
            _settle(database, database._sessions, path)
            return database
        try:
            _settle(database, database._open_sessions, path)
        except DatabaseBusyError:  # it had to write, and another writer came first: take turns
            _settle(database, database._sessions, path)
        return database
    except BaseException:
        engine.dispose()
        raise


def _settle(database: Database, sessions: sessionmaker[Session], path: Path | None) -> None:
    """The database's identity, reference data and local profile (written only if missing)."""
    with database._unit_of_work(sessions, SYSTEM) as session:
        from crm.accounts import has_accounts
        from crm.reference.seed import ensure_reference_data
        from crm.services.settings import ensure_site_id, get_setting, user_name

        database.site_id = ensure_site_id(session, location=str(path) if path else None)
        database.profile_cleared = session.info.pop("profile_cleared", None)
        session.info["site_id"] = database.site_id
        ensure_reference_data(session)
        database.actor = user_name(session) or database.actor
        database.team_id = get_setting(session, "my_team_id") or None
        database.has_accounts = has_accounts(session)


def _bring_to_head(url: str, engine: Engine, path: Path | None) -> None:
    """Migrate when needed; an up-to-date database skips importing Alembic (faster start)."""
    if _stored_revision(engine) != SCHEMA_HEAD:
        from crm import migrate

        migrate.bring_to_head(url, make_engine, sqlite_file=path)


def _stored_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        try:
            return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        except ProgrammingError:  # PostgreSQL: no such table yet
            return None
        except OperationalError as exc:
            if "no such table" in str(exc):
                return None
            raise


@contextmanager
def _explained_errors(url: str) -> Iterator[None]:
    """Driver errors while opening become one readable DatabaseOpenError."""
    where = masked_url(url)
    try:
        yield
    except DBAPIError as exc:
        original = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        if "not a database" in original:
            raise DatabaseOpenError(
                f"这个文件不是本程序的数据库：{where}",
                f"This file is not a database: {where}",
                code="not_a_database",
            ) from exc
        raise DatabaseOpenError(
            f"无法打开数据库 {where}：{original}",
            f"Cannot open the database {where}: {original}",
            code="cannot_open",
        ) from exc


def _refuse_damaged(path: Path) -> None:
    """A time-boxed quick_check: a damaged file is named with the newest good backup."""
    if not path.is_file() or path.stat().st_size == 0:
        return
    from crm.check import damaged_message, quick_check_at_open

    problems = quick_check_at_open(path)
    if problems and "not a database" not in problems[0]:
        zh, en = damaged_message(path, problems)
        raise DatabaseOpenError(zh, en, code="damaged")


def _check_sqlite_path(path: Path, *, create: bool) -> None:
    if is_network_path(path):
        raise DatabaseOpenError(
            f"数据库文件位于网络共享上（{path}）。SQLite 在网络共享上可能损坏数据，"
            "请把文件放在本机磁盘，或改用 PostgreSQL（设置 CRM_DATABASE_URL）。",
            f"The database file is on a network share ({path}). SQLite can corrupt data there; "
            "keep the file on a local disk or use PostgreSQL (set CRM_DATABASE_URL).",
            code="network_share",
        )
    if path.is_dir():
        raise DatabaseOpenError(
            f"这是一个文件夹，不是数据库文件：{path}",
            f"This is a folder, not a database file: {path}",
            code="is_directory",
        )
    if not path.exists() and not create:
        raise DatabaseOpenError(
            f"数据库文件不存在：{path}（新建数据库请用 crm init）",
            f"Database file not found: {path} (create one with crm init)",
            code="missing",
        )
    path.parent.mkdir(parents=True, exist_ok=True)
