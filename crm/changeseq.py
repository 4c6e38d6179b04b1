"""Numbering the change log in commit order (`seq`), the cursor offline sync runs on.

A sync sends "every change with seq above what the peer has", so numbers must never become
visible out of order. The counter row is updated last thing before a commit: on PostgreSQL
its row lock makes the next writer wait until this one has committed, on SQLite there is one
writer at a time anyway. Bulk loaders take their numbers as they write (`reserve`).
"""

from __future__ import annotations

from sqlalchemy import Connection, func, insert, select, update

from crm.models import ChangeLog
from crm.models.sync import SyncCounter, SyncGroup

SEQ = "seq"


def reserve(conn: Connection, count: int) -> int:
    """Take `count` numbers; returns the first. Holds the counter until the commit."""
    last = conn.execute(
        update(SyncCounter)
        .where(SyncCounter.name == SEQ)
        .values(value=SyncCounter.value + count)
        .returning(SyncCounter.value)
    ).scalar()
    if last is None:  # a database made before the counter existed
        table = ChangeLog.__table__
        last = int(conn.scalar(select(func.max(table.c.seq))) or 0) + count
        conn.execute(insert(SyncCounter).values(name=SEQ, value=last))
    first = int(last) - count + 1
    conn.execute(insert(SyncGroup).values(first_seq=first, last_seq=int(last)))
    return first


def number_pending(conn: Connection) -> int:
    """Give this transaction's unnumbered change-log rows their numbers; returns how many."""
    table = ChangeLog.__table__
    pending = conn.scalar(select(func.count()).select_from(table).where(table.c.seq.is_(None)))
    if not pending:
        return 0
    first = reserve(conn, int(pending))
    numbered = (
        select(
            table.c.id,
            (func.row_number().over(order_by=(table.c.hlc, table.c.id)) + (first - 1)).label("n"),
        )
        .where(table.c.seq.is_(None))
        .subquery()
    )
    conn.execute(update(table).where(table.c.id == numbered.c.id).values(seq=numbered.c.n))
    return int(pending)


def last_seq(conn: Connection) -> int:
    return int(conn.scalar(select(SyncCounter.value).where(SyncCounter.name == SEQ)) or 0)


def group_end(conn: Connection, after_seq: int, at_least: int) -> int | None:
    """The last `seq` of a run of whole groups after `after_seq` holding about `at_least`
    changes (at least one group); None when nothing follows."""
    groups = conn.execute(
        select(SyncGroup.first_seq, SyncGroup.last_seq)
        .where(SyncGroup.last_seq > after_seq)
        .order_by(SyncGroup.last_seq)
        .limit(at_least)
    ).all()
    if not groups:
        return None
    total = 0
    for first, last in groups:
        total += int(last) - max(int(first), after_seq + 1) + 1
        if total >= at_least:
            return int(last)
    return int(groups[-1][1])
