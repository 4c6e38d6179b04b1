"""The statistics floor: the brief's figures from minimal SQL written by hand on a raw sqlite3
connection, one plain aggregate per family of figures. Not a replay of the code's own
statements: when the code sends more or heavier queries than these, the ratio shows it.

`hand_figures` and `code_figures` give the same dictionary; the benchmark asserts they are
equal before it times anything, so the floor is known to compute the same numbers.
Covered: newly signed (count and investment, this period and last year's, by source class
and by industry section, 增资 included, the own area left out unless counted), funds in
place (total and by source), stage movements of the period, the pipeline at its end, the
stalled counts, and the problems (raised, closed, open and overdue at the end).
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from crm.codes import Stage
from crm.money import fen_to_wan
from crm.stats.model import BriefFigures

OWN = "in_city"


def _wan(fen: int | None) -> Decimal:
    return fen_to_wan(fen or 0)


def _counted(alias: str, own_area: bool) -> str:
    """Live and, unless the own area counts, not of it."""
    own = (
        ""
        if own_area
        else f" AND ({alias}.source_class IS NULL OR {alias}.source_class <> '{OWN}')"
    )
    return f"{alias}.deleted_at IS NULL{own}"


def _signed(
    conn: sqlite3.Connection, start: date, end: date, own_area: bool
) -> dict[str, tuple[int, Decimal]]:
    """'' → the total; 'class:X' and 'section:S' → the breakdowns (增资 added, no count)."""
    out: dict[str, tuple[int, Decimal]] = {}

    def add(key: str, count: int, fen: int | None) -> None:
        old = out.get(key, (0, Decimal(0)))
        out[key] = (old[0] + count, old[1] + _wan(fen))

    signings = (
        "SELECT p.source_class, i.section, count(*), sum(p.planned_investment) FROM project p"
        " LEFT JOIN industry i ON i.code = p.industry_code"
        f" WHERE {_counted('p', own_area)} AND p.first_signed_on BETWEEN ? AND ?"
        " GROUP BY 1, 2"
    )
    increases = (
        "SELECT p.source_class, i.section, 0, sum(x.amount) FROM investment_increase x"
        " JOIN project p ON p.id = x.project_id LEFT JOIN industry i ON i.code = p.industry_code"
        f" WHERE x.deleted_at IS NULL AND {_counted('p', own_area)}"
        " AND x.increased_on BETWEEN ? AND ? GROUP BY 1, 2"
    )
    for sql in (signings, increases):
        for klass, section, count, fen in conn.execute(sql, (start, end)):
            add("", count, fen)
            add(f"class:{klass or ''}", count, fen)
            add(f"section:{section or ''}", count, fen)
    return out


def _funds(conn: sqlite3.Connection, start: date, end: date, own_area: bool) -> dict[str, Decimal]:
    own = "" if own_area else f" AND f.source <> '{OWN}'"
    rows = conn.execute(
        "SELECT f.source, sum(f.amount) FROM funds_entry f JOIN project p ON p.id = f.project_id"
        f" WHERE f.deleted_at IS NULL AND p.deleted_at IS NULL{own}"
        " AND f.received_on BETWEEN ? AND ? GROUP BY 1",
        (start, end),
    ).fetchall()
    out = {f"source:{source}": _wan(fen) for source, fen in rows}
    out[""] = sum(out.values(), Decimal(0))
    return out


def _movements(conn: sqlite3.Connection, start: date, end: date, own_area: bool) -> dict[str, int]:
    row = conn.execute(
        "SELECT"
        " count(CASE WHEN funded_on BETWEEN :s AND :e THEN 1 END),"
        " count(CASE WHEN started_on BETWEEN :s AND :e THEN 1 END),"
        " count(CASE WHEN operating_on BETWEEN :s AND :e THEN 1 END),"
        " count(CASE WHEN dropped_on BETWEEN :s AND :e AND stage = 'dropped' THEN 1 END)"
        f" FROM project p WHERE {_counted('p', own_area)}",
        {"s": start, "e": end},
    ).fetchone()
    return dict(zip(("funded", "started", "operating", "dropped"), row, strict=True))


#: Dropped by the day D (a drop without a date counts), and active at D (neither operating nor
#: dropped by then): crm/stalled.py's rule, written out.
_DROPPED = (
    "(stage = 'dropped' AND (coalesce(dropped_on, stage_on) IS NULL"
    " OR coalesce(dropped_on, stage_on) <= :d))"
)
_ACTIVE = f"((operating_on IS NULL OR operating_on > :d) AND NOT {_DROPPED})"
#: The day the project's own history begins (its first dated stage event, else a milestone).
_FIRST_DAY = (
    "coalesce((SELECT min(occurred_on) FROM stage_event e WHERE e.project_id = p.id"
    " AND e.deleted_at IS NULL AND e.occurred_on IS NOT NULL), signed_on, funded_on,"
    " started_on, operating_on, dropped_on, date(created_at))"
)


def _pipeline(conn: sqlite3.Connection, end: date) -> dict[str, int]:
    stage_at = (
        f"CASE WHEN {_DROPPED} THEN 'dropped' WHEN operating_on <= :d THEN 'operating'"
        " WHEN started_on <= :d THEN 'started' WHEN funded_on <= :d THEN 'funded'"
        " WHEN signed_on <= :d THEN 'signed'"
        f" WHEN {_FIRST_DAY} > :d THEN 'none'"
        " WHEN stage IN ('lead', 'negotiating') THEN stage ELSE 'negotiating' END"
    )
    rows = conn.execute(
        f"SELECT {stage_at}, count(*) FROM project p WHERE deleted_at IS NULL GROUP BY 1",
        {"d": end},
    )
    return {stage: count for stage, count in rows if stage != "none"}


def _stalled(conn: sqlite3.Connection, day: date, days: Any) -> tuple[int, int, int]:
    quiet_since = day - timedelta(days=days.no_update)
    # IS NOT NULL first: a NULL date would make the whole test NULL, and NOT NULL is not true.
    changed = " OR ".join(
        f"({c} IS NOT NULL AND {c} > :q AND {c} <= :d)"
        for c in ("stage_on", "signed_on", "funded_on", "started_on", "operating_on", "dropped_on")
    )
    touched = (
        f"({changed}"
        " OR p.id IN (SELECT project_id FROM activity WHERE occurred_on > :q AND occurred_on <= :d"
        " AND deleted_at IS NULL AND project_id IS NOT NULL)"
        " OR p.id IN (SELECT project_id FROM funds_entry WHERE received_on > :q"
        " AND received_on <= :d AND deleted_at IS NULL))"
    )
    existed = f"((stage_on IS NOT NULL AND stage_on <= :q) OR NOT {_FIRST_DAY} > :q)"
    row = conn.execute(
        "SELECT"
        " count(CASE WHEN signed_on <= :s1 AND (started_on IS NULL OR started_on > :d)"
        f" AND {_ACTIVE} THEN 1 END),"
        f" count(CASE WHEN started_on <= :s2 AND {_ACTIVE} THEN 1 END),"
        f" count(CASE WHEN {_ACTIVE} AND NOT {touched} AND {existed} THEN 1 END)"
        " FROM project p WHERE deleted_at IS NULL",
        {
            "d": day,
            "q": quiet_since,
            "s1": day - timedelta(days=days.signed_not_started),
            "s2": day - timedelta(days=days.started_not_operating),
        },
    ).fetchone()
    return tuple(row)  # type: ignore[return-value]


def _problems(conn: sqlite3.Connection, start: date, end: date) -> tuple[int, int, int, int]:
    row = conn.execute(
        "SELECT count(CASE WHEN raised_on BETWEEN :s AND :e THEN 1 END),"
        " count(CASE WHEN resolved_on BETWEEN :s AND :e THEN 1 END),"
        " count(CASE WHEN raised_on <= :e AND (resolved_on IS NULL OR resolved_on > :e)"
        " THEN 1 END),"
        " count(CASE WHEN raised_on <= :e AND (resolved_on IS NULL OR resolved_on > :e)"
        " AND due_on < :e THEN 1 END)"
        " FROM problem x JOIN project p ON p.id = x.project_id"
        " WHERE x.deleted_at IS NULL AND p.deleted_at IS NULL",
        {"s": start, "e": end},
    ).fetchone()
    return tuple(row)  # type: ignore[return-value]


def hand_figures(conn: sqlite3.Connection, figures: BriefFigures) -> dict[str, Any]:
    """The covered figures by hand-written SQL (the periods and thresholds are the brief's)."""
    period, previous, own = figures.period, figures.previous, figures.include_own_area
    end = period.report_end
    return {
        "signed": (
            _signed(conn, period.start, period.end, own),
            _signed(conn, previous.start, previous.end, own),
        ),
        "funds": (
            _funds(conn, period.start, period.end, own),
            _funds(conn, previous.start, previous.end, own),
        ),
        "movements": _movements(conn, period.start, period.end, own),
        "pipeline": _pipeline(conn, end),
        "stalled": _stalled(conn, end, figures.stalled_days),
        "problems": _problems(conn, period.start, period.end),
    }


def code_figures(figures: BriefFigures) -> dict[str, Any]:
    """The same figures read from what `brief_figures` returned."""
    s = figures.signed

    def signed(which: str) -> dict[str, tuple[int, Decimal]]:
        out = {"": _pair(s.total.count, s.total.investment, which)}
        for row in s.by_source_class:
            if (
                row.count.current
                or row.investment.current
                or row.count.previous
                or row.investment.previous
            ):
                out[f"class:{row.key}"] = _pair(row.count, row.investment, which)
        for row in s.by_section:
            out[f"section:{row.key}"] = _pair(row.count, row.investment, which)
        return {k: v for k, v in out.items() if k == "" or v != (0, Decimal(0))}

    def funds(which: str) -> dict[str, Decimal]:
        out = {f"source:{r.key}": getattr(r.amount, which) for r in figures.funds.by_source}
        out = {k: v for k, v in out.items() if v}
        out[""] = getattr(figures.funds.total, which)
        return out

    stages = figures.stages
    return {
        "signed": (signed("current"), signed("previous")),
        "funds": (funds("current"), funds("previous")),
        "movements": {
            m.stage: m.period.count.current
            for m in stages.movements
            if m.stage != Stage.SIGNED.value
        },
        "pipeline": {p.stage: p.count for p in stages.pipeline if p.count},
        "stalled": (
            stages.stalled.signed_not_started,
            stages.stalled.started_not_operating,
            stages.stalled.no_update,
        ),
        "problems": (
            figures.problems.total.raised,
            figures.problems.total.closed,
            figures.problems.total.open_at_end,
            figures.problems.total.overdue_at_end,
        ),
    }


def _pair(count: Any, investment: Any, which: str) -> tuple[int, Decimal]:
    return getattr(count, which), getattr(investment, which)


def clean(hand: dict[str, Any]) -> dict[str, Any]:
    """Empty breakdown rows dropped, as the code's rows with nothing in them are."""
    signed = tuple(
        {k: v for k, v in side.items() if k == "" or v != (0, Decimal(0))}
        for side in hand["signed"]
    )
    funds = tuple({k: v for k, v in side.items() if k == "" or v} for side in hand["funds"])
    return {**hand, "signed": signed, "funds": funds}
