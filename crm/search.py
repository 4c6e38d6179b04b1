"""Name search for projects and companies: substrings, full pinyin and pinyin initials.

Typing `zgsh` or `zhongguo` finds 中国石化. Each record's searchable text (its `haystack`:
names, former names, their pinyin and initials) is computed with pypinyin once per record
and stored in `search_entry`. On SQLite an FTS5 trigram index answers queries of 3+
characters; shorter ones (1–2 Chinese characters) scan the short haystacks with LIKE.
On PostgreSQL, ILIKE on the haystacks.

Freshness without hooks: before searching, a cheap signature (row count, newest
updated_at) of the base table is compared with what the index last saw; when it differs,
only the rows changed since (or never indexed) are re-indexed. So services, bulk loads and
other processes all stay findable.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    column,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from crm.db import READ_ONLY
from crm.models import Company, Project
from crm.models.search import SearchEntry, SearchState
from crm.search_cache import cache_of
from crm.search_memory import MemoryNames, Signature, StateKey

log = logging.getLogger(__name__)

#: Bump when the haystack or sort-key recipe changes: every entry is then rebuilt once.
INDEX_VERSION = 3
#: Trigram FTS needs at least this many characters per term.
TRIGRAM_MIN = 3
_BATCH = 2000
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
#: Marks text pypinyin passed through unchanged (not Chinese): its initial is itself.
_RAW = "\x00"

SEARCHABLE = {"project": Project, "company": Company}
_ENTRY = SearchEntry.__table__
#: The FTS5 table of migration 0002 (SQLite only; not a model).
_FTS = table("search_fts", column("rowid"), column("search_fts"))


@lru_cache(maxsize=50_000)
def pinyin_keys(text_value: str) -> tuple[str, str]:
    """(full pinyin without spaces, initials) of a name, lower case; other letters kept as-is.

    >>> pinyin_keys("中国石化")
    ('zhongguoshihua', 'zgsh')
    """
    if not text_value:
        return "", ""
    full: list[str] = []
    initials: list[str] = []
    for syllable, is_pinyin in _syllables(text_value):
        plain = syllable.rstrip(_TONES) if is_pinyin else syllable
        full.append(plain)
        initials.append(plain[:1] if is_pinyin else plain)
    return _NON_ALNUM.sub("", "".join(full).lower()), _NON_ALNUM.sub("", "".join(initials).lower())


def sort_key(text_value: str) -> str:
    """How a name sorts in Chinese: pinyin with tone number, syllable by syllable.

    Characters compare by syllable, then tone ("西安" xi1 an1 before "先" xian1, 三 san1 before
    上 shang4 before 万 wan4), the way dictionaries and printed name lists order them; Latin
    letters and digits keep their own order among the syllables.

    >>> sort_key("上海三星")
    'shang4 hai3 san1 xing1'
    """
    if not text_value:
        return ""
    return " ".join(syllable.lower() for syllable, _ in _syllables(text_value.strip()))


def _syllables(text_value: str) -> list[tuple[str, bool]]:
    from pypinyin.seg.simpleseg import seg  # the segmenter pypinyin itself uses

    return [item for word in seg(text_value) for item in _word_syllables(word)]


_TONES = "12345"


@lru_cache(maxsize=200_000)
def _word_syllables(word: str) -> tuple[tuple[str, bool], ...]:
    """Pinyin of one segmented word, each syllable ending in its tone number (5 = neutral).
    Names repeat words (城市, 新能源, 项目), so caching per word makes indexing 100k names take
    seconds instead of a minute."""
    from pypinyin import Style, lazy_pinyin

    items = lazy_pinyin(
        word, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda chars: [_RAW + chars]
    )
    return tuple(
        (item[len(_RAW) :], False) if item.startswith(_RAW) else (item, True) for item in items
    )


def haystack(*names: str) -> str:
    """The searchable text of a record from its names (each with its pinyin and initials)."""
    parts: list[str] = []
    for name in names:
        for piece in re.split(r"[\n;；,，、|]+", name or ""):
            piece = piece.strip()
            if not piece:
                continue
            full, initials = pinyin_keys(piece)
            parts.extend(p for p in (piece.lower(), full, initials) if p)
    return " | ".join(dict.fromkeys(parts))


def _row_haystack(table: str, row: Any) -> str:
    if table == "company":
        return haystack(row.name, row.former_names or "", row.english_name or "")
    return haystack(row.name, row.code or "")


def _row_sort_key(row: Any) -> str:
    return sort_key(row.name or "")


def _source_columns(table: str) -> list[Any]:
    if table == "company":
        return [Company.id, Company.name, Company.former_names, Company.english_name]
    return [Project.id, Project.name, Project.code]


# -- freshness ----------------------------------------------------------------------------------
def _signature(session: Session, table: str) -> Signature:
    """(insert marker, newest updated_at) of a table, both read from indexes.

    On SQLite the insert marker is max(rowid): it grows with every insert (even of rows with
    old timestamps, as bulk loads write) and costs one index lookup. Elsewhere, count(*).
    """
    model = SEARCHABLE[table]
    if session.get_bind().dialect.name == "sqlite":
        inserted: Any = literal_column(f"(SELECT max(rowid) FROM {table})")
    else:
        inserted = select(func.count()).select_from(model).scalar_subquery()
    # One statement (each every keystroke): two subqueries, each answered from an index.
    marker, newest = session.execute(
        select(inserted, select(func.max(model.updated_at)).scalar_subquery())
    ).one()
    return int(marker or 0), newest


def _saw(state: SearchState | None, signature: Signature) -> bool:
    """The index state was saved when the table looked like `signature`."""
    return (
        state is not None
        and state.version == INDEX_VERSION
        and (state.row_count, state.max_updated_at) == signature
    )


def is_fresh(session: Session, table: str) -> bool:
    """Every record of `table` has its current entry (the index saw the table as it is)."""
    return _saw(session.get(SearchState, table), _signature(session, table))


def ensure_fresh(session: Session, table: str) -> int:
    """Bring the index of `table` up to date; returns the number of records re-indexed.

    Sessions that may not write the index now search it with what it has not seen yet (a
    bulk load, a sync, another process's writes) indexed in memory (`catch_up`): read-only
    sessions (`Database.read`: a read that wrote would take the database's write lock from
    under the writers), and any session while another thread of this process is already
    re-indexing (e.g. the desktop client warming the index after a bulk load).
    """
    if session.info.get(READ_ONLY):
        catch_up(session, table)
        return 0
    refreshing = cache_of(session).refreshing
    if not refreshing.acquire(blocking=False):
        catch_up(session, table)
        return 0
    try:
        # In a savepoint: when another connection writes at the same moment, SQLite refuses
        # this (read) transaction's first write; the search then catches up in memory and a
        # later search re-indexes.
        with session.begin_nested():
            return _ensure_fresh(session, table)
    except OperationalError as exc:
        log.info("search index not refreshed now (%s): catching up in memory", exc)
        catch_up(session, table)
        return 0
    finally:
        refreshing.release()


def _ensure_fresh(session: Session, table: str) -> int:
    signature = _signature(session, table)
    state = session.get(SearchState, table)
    if _saw(state, signature):
        return 0
    done = _reindex(session, table, session.execute(_unseen(session, table, state, signature)))
    _save_state(session, table, *signature)
    return done


def _unseen(
    session: Session, table: str, state: SearchState | None, signature: Signature
) -> Select[Any]:
    """The names of the records changed since the index saw the table (all without a state
    of this version): updated since its newest timestamp, or inserted since (on SQLite a
    rowid above its marker, one index range; elsewhere, when the row count changed, any
    record without an entry)."""
    columns = _source_columns(table)
    if state is None or state.version != INDEX_VERSION:
        return select(*columns)
    model = SEARCHABLE[table]
    changed: list[ColumnElement[bool]] = []
    if state.max_updated_at is not None:
        changed.append(model.updated_at >= state.max_updated_at)
    if session.get_bind().dialect.name == "sqlite":
        changed.append(literal_column(f"{table}.rowid") > state.row_count)
    elif signature[0] != state.row_count or state.max_updated_at is None:
        indexed = select(SearchEntry.record_id).where(SearchEntry.table_name == table)
        changed.append(model.id.not_in(indexed))
    return select(*columns).where(or_(*changed))


def catch_up(session: Session, table: str) -> None:
    """Make searches of this database see every committed record of `table` without writing:
    when the table changed since the index last saw it, the changed records are indexed into
    the names in memory (loaded first if they were not), once per change of the table's
    signature. Searches then answer from memory."""
    signature = _signature(session, table)
    state = session.get(SearchState, table)
    if _saw(state, signature):
        return
    cache = cache_of(session)
    with cache.lock:
        names = _memory(session, table)
        if names.caught_up == signature:
            return
        rows = session.execute(_unseen(session, table, state, signature))
        names.update((row.id, _row_haystack(table, row)) for row in rows)
        names.caught_up = signature


def rebuild(session: Session, table: str | None = None) -> int:
    """Re-index everything (of one table or all): after a bulk load, or to repair."""
    total = 0
    for name in [table] if table else list(SEARCHABLE):
        state = session.get(SearchState, name)
        if state is not None:
            state.version = -1
            session.flush()
        total += _ensure_fresh(session, name)
    return total


def _reindex(session: Session, table: str, rows: Iterable[Any]) -> int:
    batch: list[dict[str, str]] = []
    done = 0
    for row in rows:
        batch.append(
            {
                "table_name": table,
                "record_id": row.id,
                "haystack": _row_haystack(table, row),
                "sort_key": _row_sort_key(row),
            }
        )
        if len(batch) >= _BATCH:
            done += _upsert(session, batch)
            batch = []
    if batch:
        done += _upsert(session, batch)
    return done


def _upsert(session: Session, batch: list[dict[str, str]]) -> int:
    """Insert or replace index entries: one statement executed for many rows (executemany)."""
    dialect = session.get_bind().dialect.name
    module: Any = postgresql if dialect == "postgresql" else sqlite
    stmt = module.insert(_ENTRY)
    stmt = stmt.on_conflict_do_update(
        index_elements=[_ENTRY.c.table_name, _ENTRY.c.record_id],
        set_={"haystack": stmt.excluded.haystack, "sort_key": stmt.excluded.sort_key},
    )
    session.connection().execute(stmt, batch)
    _remember(session, str(batch[0]["table_name"]), batch)
    return len(batch)


def _save_state(session: Session, table: str, count: int, newest: datetime | None) -> None:
    state = session.get(SearchState, table)
    if state is None:
        state = SearchState(table_name=table)
        session.add(state)
    before = _state_key(session, table)
    state.row_count, state.max_updated_at, state.version = count, newest, INDEX_VERSION
    session.flush()  # a write: never under the cache's lock (a writer may wait for it)
    cache = cache_of(session)
    with cache.lock:
        names = cache.names.get(table)
        if names is not None and names.seen == before:
            names.seen = _state_key(session, table)  # updated in step by _remember


# -- querying -----------------------------------------------------------------------------------
def terms(text_value: str) -> list[str]:
    """Search words: lower case, split on spaces; pinyin typed with spaces is joined."""
    words = [w for w in text_value.lower().split() if w]
    if len(words) > 1 and all(w.isascii() and w.isalpha() for w in words):
        return ["".join(words)]  # "zhong guo" → "zhongguo"
    return words


def _has_fts(session: Session) -> bool:
    if session.get_bind().dialect.name != "sqlite":
        return False
    cache = cache_of(session)
    if cache.has_fts is None:
        found = session.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'search_fts'"))
        cache.has_fts = found.first() is not None
    return cache.has_fts


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def matching_ids(session: Session, table: str, text_value: str) -> Select[tuple[str]] | list[str]:
    """Record ids of `table` whose names match every word (deleted rows included: join the base
    table to hide them): a list from the in-memory names when they are loaded or a word is
    shorter than a trigram (1–2 Chinese characters), else a SELECT using the FTS5 trigram
    index on SQLite (ILIKE on PostgreSQL). Call `ensure_fresh` first (search_ids and the
    *_filter functions do)."""
    words = terms(text_value)
    stmt = select(SearchEntry.record_id).where(SearchEntry.table_name == table)
    if not words:
        return stmt
    long_words = [w for w in words if len(w) >= TRIGRAM_MIN]
    short_words = [w for w in words if len(w) < TRIGRAM_MIN]
    if short_words or _is_warm(session, table):
        cache = cache_of(session)
        with cache.lock:
            return _memory(session, table).matching(words)
    if long_words and _has_fts(session):
        match = " ".join(_fts_phrase(w) for w in long_words)
        hits = select(_FTS.c.rowid).where(_FTS.c.search_fts.op("MATCH")(match))
        stmt = stmt.where(literal_column("search_entry.rowid").in_(hits))
    else:
        short_words = words
    for word in short_words:
        stmt = stmt.where(SearchEntry.haystack.ilike(f"%{_escape_like(word)}%", escape="\\"))
    return stmt


def _state_key(session: Session, table: str) -> StateKey:
    state = session.get(SearchState, table)
    if state is None:
        return (-1, None, -1)
    return (state.row_count, state.max_updated_at, state.version)


def _memory(session: Session, table: str) -> MemoryNames:
    """The names of `table` in memory, loaded again when the index changed. The caller holds
    the cache's lock."""
    names = cache_of(session).names.setdefault(table, MemoryNames())
    seen = _state_key(session, table)
    if names.seen != seen:
        names.load(session, table, seen)
    return names


def _is_warm(session: Session, table: str) -> bool:
    """The names are in memory (the desktop client loads them; one-off CLI searches use FTS)."""
    names = cache_of(session).names.get(table)
    return names is not None and names.seen is not None


def warm_memory(session: Session) -> None:
    """Load the in-memory names (the desktop client does this off the GUI thread at start)."""
    cache = cache_of(session)
    for name in SEARCHABLE:
        with cache.lock:  # here (a worker) rather than at the first keystroke
            names = _memory(session, name)
            copy = names.copy_to_join()
        if copy is None:
            continue
        try:
            joined = copy.build()  # outside the lock: searches meanwhile scan the names
        except BaseException:
            with cache.lock:
                names.abandon_join()
            raise
        with cache.lock:
            names.install(copy, joined)


def _remember(session: Session, table: str, batch: list[dict[str, str]]) -> None:
    """Re-indexed records go to the names in memory at once (the writer's thread)."""
    cache = cache_of(session)
    with cache.lock:
        names = cache.names.get(table)
        if names is not None and names.seen is not None:
            names.update((row["record_id"], row["haystack"]) for row in batch)


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _in(session: Session, column: Any, found: Select[tuple[str]] | list[str]) -> Any:
    if isinstance(found, list):
        from crm.queries import id_in

        return id_in(session, column, found)
    return column.in_(found)


#: Above this many matching projects, a first page sorted by an indexed column is found faster
#: by walking that index than by looking every match up (see `project_filter`). Measured on
#: the large demo database (100k projects) with the recent-projects covering index (migration
#: 0012), whose walk never reads the table: about 2,000 either way. "hh" (1.2k projects and
#: 1.2k investors) costs 9 ms walking and 16 ms looking up, "gfzj" (1.2k projects) 15 ms
#: walking and 7 ms looking up, "zgsh" (12 investors) 27 ms walking and nothing looking up.
DENSE_MATCHES_COVERED = 2000
#: The same for an order whose index does not hold the ids (signed_on, code): its walk reads
#: each row, so looking the matches up wins up to about 5,000 ("新材料": 2.7k projects and
#: 1.2k investors, the same either way).
DENSE_MATCHES = 5000
#: The order whose index holds every column the search tests (ix_project_recent_cover).
COVERED_ORDER = "updated_at"
#: Projects per matching investor, roughly: investor matches count this many times.
PROJECTS_PER_INVESTOR = 2


def _as_list(session: Session, found: Select[tuple[str]] | list[str]) -> list[str]:
    return found if isinstance(found, list) else list(session.scalars(found))


def project_matches(session: Session, text_value: str) -> tuple[list[str], list[str]]:
    """(project ids, company ids) whose names match: a project matches by its own names or its
    investor's."""
    ensure_fresh(session, "project")
    ensure_fresh(session, "company")
    return (
        _as_list(session, matching_ids(session, "project", text_value)),
        _as_list(session, matching_ids(session, "company", text_value)),
    )


def project_filter(
    session: Session, text_value: str, *, walk_index: str | None = None
) -> ColumnElement[bool]:
    """A WHERE clause for projects: the project's name/code or its investor's names match.

    walk_index: the caller reads only a first page ordered by this indexed column. When the
    matches are many, SQLite then finds that page fastest by walking the order's index and
    testing membership, so the id columns are wrapped to keep it from looking each match up.
    """
    if not text_value.strip():
        return literal(True)
    from crm.queries import id_in

    projects, companies = project_matches(session, text_value)
    project_col: Any = Project.id
    company_col: Any = Project.company_id
    enough = DENSE_MATCHES_COVERED if walk_index == COVERED_ORDER else DENSE_MATCHES
    dense = len(projects) + PROJECTS_PER_INVESTOR * len(companies) >= enough
    if walk_index and dense and session.get_bind().dialect.name == "sqlite":
        project_col, company_col = func.unlikely(project_col), func.unlikely(company_col)
    return or_(
        id_in(session, project_col, projects),
        id_in(session, company_col, companies),
    )


def company_filter(session: Session, text_value: str) -> ColumnElement[bool]:
    if not text_value.strip():
        return literal(True)
    ensure_fresh(session, "company")
    return _in(session, Company.id, matching_ids(session, "company", text_value))


def search_ids(
    session: Session, table: str, text_value: str, limit: int | None = None
) -> list[str]:
    """Ids of live (not deleted) projects or companies matching `text_value`, by name."""
    model = SEARCHABLE[table]
    where = (
        project_filter(session, text_value)
        if table == "project"
        else company_filter(session, text_value)
    )
    stmt = select(model.id).where(and_(model.deleted_at.is_(None), where)).order_by(model.name)
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(session.scalars(stmt))


def index_records(session: Session, table: str, ids: Sequence[str]) -> None:
    """Re-index given records now (optional: searching re-indexes lazily anyway)."""
    model = SEARCHABLE[table]
    columns = _source_columns(table)
    for start in range(0, len(ids), _BATCH):
        chunk = list(ids[start : start + _BATCH])
        _reindex(session, table, session.execute(select(*columns).where(model.id.in_(chunk))))
