"""Columns two live records may not share (a project's code, a company's USCC, the names of
parks, teams and programmes) and what a sync does when two sites claim one value."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, delete, select, update

from crm import audit
from crm.changes import WHOLE_RECORD, RecordChanges
from crm.models import ChangeLog, short_id
from crm.models.sync import SyncConflict
from crm.sqlin import chunks, in_ids
from crm.sync.keyed_ids import ONE_PER_KEY, keyed_id
from crm.sync.values import decoder

#: Columns that must not hold the same value in two live records, and what a loser keeps.
#: Codes (project code, USCC): the earlier claim keeps the code on every site, the other
#: record's is emptied (docs/sync.md rule 4).
UNIQUE_KEYS: dict[str, str] = {"project": "code", "company": "uscc"}
#: Names of the records other records point to (every model with a unique name column:
#: crm.models park, team, programme). A record already held here keeps its name; one that
#: arrives with a name held here is marked 「名称（重复 xxxxxxxx）」 (see _settle_keys).
UNIQUE_NAMES: dict[str, str] = {"park": "name", "team": "name", "programme": "name"}


def current_rows(conn: Connection, table: Table, ids: list[str]) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    for chunk in chunks(conn, ids):
        for row in conn.execute(select(table).where(in_ids(conn, table.c.id, chunk))):
            rows[row.id] = row._mapping
    return rows


def rehome(
    conn: Connection,
    table: Table,
    records: dict[str, set[str]],
    current: dict[str, Any],
    history: dict[str, RecordChanges],
    arrived: dict[str, list[dict[str, Any]]],
) -> None:
    """Records of a one-per-key table (a project's dispatch profile, a team's target for a
    year) that claim one key, stored here or arriving, become the key's one record: their
    changes are filed under the id made from the key (crm.sync.keyed_ids), the others' rows
    go, and the record is merged from all their changes like any record (docs/sync.md rule
    4), its differing fields listed as conflicts. Records made with random ids (before ids
    came from the key) would otherwise stop the sync for good: the key is unique.

    Every site holding both records files them alike, so they show the same record; the
    changes travel on under the new id, and a site that receives them so files its own copies
    of the old record the same way when they meet."""
    key_columns = ONE_PER_KEY[table.name]
    defaults = audit.column_defaults(table)
    decoders = [decoder(table.c[c]) for c in key_columns]
    claims: dict[tuple[Any, ...], set[str]] = defaultdict(set)
    for record_id in records:
        record = history.get(record_id)
        if record is None:
            continue
        values = record.values(key_columns, defaults)
        key = tuple(d(values[c]) for d, c in zip(decoders, key_columns, strict=True))
        if None not in key:
            claims[key].add(record_id)
    first = table.c[key_columns[0]]
    wanted = list({key[0] for key in claims})
    for start in range(0, len(wanted), 500):
        query = select(table.c.id, *(table.c[c] for c in key_columns)).where(
            first.in_(wanted[start : start + 500])
        )
        for holder, *key in conn.execute(query):
            if tuple(key) in claims:
                claims[tuple(key)].add(holder)
    for key, claimants in claims.items():
        if len(claimants) < 2:
            continue
        canonical = keyed_id(table.name, key)
        gone = sorted(claimants - {canonical})
        log_table = ChangeLog.__table__
        conn.execute(
            update(log_table)
            .where(log_table.c.table_name == table.name, log_table.c.record_id.in_(gone))
            .values(record_id=canonical)
        )
        conn.execute(delete(table).where(table.c.id.in_(gone)))
        conflicts = SyncConflict.__table__
        conn.execute(
            delete(conflicts).where(
                conflicts.c.table_name == table.name, conflicts.c.record_id.in_(gone)
            )
        )
        fields = records.setdefault(canonical, set())
        fields.add(WHOLE_RECORD)  # any field may take another value from the merged changes
        for record_id in gone:
            records.pop(record_id, None)
            current.pop(record_id, None)
            history.pop(record_id, None)
            arrived.setdefault(canonical, []).extend(arrived.pop(record_id, []))
        history[canonical] = audit.record_changes(conn, table, [canonical])[canonical]
        if canonical not in current:
            row = conn.execute(select(table).where(table.c.id == canonical)).first()
            if row is not None:
                current[canonical] = row._mapping


@dataclass(frozen=True)
class GivenUpKey:
    """A record stored here that gave its code (or credit code) up to an arriving record,
    which claimed it first (docs/sync.md rule 4): said by name, so that nobody learns it
    from a blank 项目编号 later."""

    table_name: str
    record_id: str
    name: str
    value: str

    def line(self, label: str, zh: bool) -> str:
        """One sentence for the person who synced: `label` is the table's name for people."""
        if zh:
            return (
                f"本站点的{label}“{self.name}”让出编号 {self.value}：对方的记录先用了它，"
                "本站点这条改为无编号（列在冲突中，请改用其他编号或合并）"
            )
        return (
            f"this site's {label} '{self.name}' gives up {self.value}: the sender's record "
            "claimed it first; this one is left without it (listed as a conflict)"
        )


def settle_keys(
    conn: Connection,
    table: Table,
    entries: list[tuple[str, RecordChanges, dict[str, Any]]],
    losers: dict[tuple[str, str], GivenUpKey],
) -> None:
    """Two records claiming one key, whether the other record is stored already or arrives in
    the same batch. Values of losing arrivals are changed in place; a stored record that gives
    its key up is updated and added to `losers` (its conflict entry is refreshed with the
    rest).

    Codes (UNIQUE_KEYS): the earlier claim keeps the code (docs/sync.md rule 4), the same
    record on every site. Names (UNIQUE_NAMES): the record stored here under the name keeps
    it, and only an arriving record is marked 「名称（重复 xxxxxxxx）」. Two bureaus that each
    made 宾阳黎塘工业园区 or 千企技改 would otherwise see their own park or programme renamed
    by someone else's sync, with every project, notice and ranking of theirs showing the
    suffix; marking the newcomer keeps what each site's people know intact, and the unique
    conflict listed for it (refresh_conflicts) asks a person to merge or rename it. The
    price: the two sites may show different records under the plain name until then."""
    key = UNIQUE_KEYS.get(table.name) or UNIQUE_NAMES.get(table.name)
    if key is None:
        return
    names = table.name in UNIQUE_NAMES
    claims: dict[Any, list[tuple[tuple[Any, ...], str, dict[str, Any] | None]]] = {}
    arriving = {record_id for record_id, _record, values in entries if key in values}
    for record_id, record, values in entries:
        if values.get(key) in (None, ""):
            continue
        winner = record.winner(key)
        order = winner.order if winner else ("", "", "")
        claims.setdefault(values[key], []).append((order, record_id, values))
    holders: dict[Any, list[str]] = defaultdict(list)
    held_here: dict[Any, set[str]] = defaultdict(set)  # stored under that value now
    stored_names: dict[str, str] = {}
    name_column = table.c.name if "name" in table.c else table.c[key]
    values_claimed = list(claims)
    for start in range(0, len(values_claimed), 500):
        chunk = values_claimed[start : start + 500]
        for holder, value, name in conn.execute(
            select(table.c.id, table.c[key], name_column).where(table.c[key].in_(chunk))
        ):
            held_here[value].add(holder)
            stored_names[holder] = str(name or "")
            if holder not in arriving:
                holders[value].append(holder)
    for value, claimants in claims.items():
        for holder in holders.get(value, ()):
            other = audit.record_changes(conn, table, [holder]).get(holder)
            theirs = other.winner(key) if other else None
            claimants.append((theirs.order if theirs else ("", "", ""), holder, None))
        if names:  # the record held here under the name first, whatever its stamp
            claimants.sort(key=lambda claim: (claim[1] not in held_here[value], claim[0]))
        else:
            claimants.sort(key=lambda claim: claim[0])
        for _order, record_id, values in claimants[1:]:
            lost = _lost_key(table, key, record_id, value)
            if values is not None:
                values[key] = lost
            else:
                conn.execute(update(table).where(table.c.id == record_id).values({key: lost}))
                losers[(table.name, record_id)] = GivenUpKey(
                    table.name, record_id, stored_names.get(record_id, ""), str(value)
                )


def _lost_key(table: Table, key: str, record_id: str, value: Any = None) -> Any:
    if table.name in UNIQUE_NAMES:
        # Names cannot be empty: the loser's is marked, the same way on every site, by the
        # random end of its id (bulk-made ids share their first digits: two newcomers named
        # alike would be marked alike, crm.models.short_id).
        return f"{value}（重复 {short_id(record_id)}）" if value else None
    return None
