"""Enterprise requests and project problems counted together (crm/stats/requests.py): a
quarter's figures and the requests notice to PDF, on the demo's project problems.

Floor, measured in the same run: the same counts by category and by handling unit as two
hand-written GROUP BY statements over the problem table through a raw sqlite3 connection
(received, closed, closed on time, open and overdue at the end).
"""

from __future__ import annotations

import sqlite3
from datetime import date

from benchmarks.runner import Case, Context
from crm.periods import Period, quarter
from crm.reports.requests_notice import build_requests_notice
from crm.stats.requests import request_figures
from crm.stats.scope import BUREAU

RATIO_GOAL = 4.0

_FLOOR_SQL = """
SELECT {key},
  SUM(p.raised_on >= :start),
  SUM(p.raised_on >= :start AND p.resolved_on <= :end),
  SUM(p.raised_on >= :start AND p.resolved_on <= :end
      AND (p.due_on IS NULL OR p.resolved_on <= p.due_on)),
  SUM(p.resolved_on IS NULL OR p.resolved_on > :end),
  SUM((p.resolved_on IS NULL OR p.resolved_on > :end) AND p.due_on < :end)
FROM problem p JOIN project j ON j.id = p.project_id
WHERE p.deleted_at IS NULL AND j.deleted_at IS NULL AND p.raised_on <= :end
  AND (p.raised_on >= :start OR p.resolved_on IS NULL OR p.resolved_on > :end)
GROUP BY {key}
"""


def _period(today: date) -> Period:
    number = (today.month - 1) // 3
    return quarter(today.year, number) if number else quarter(today.year - 1, 4)


def cases(ctx: Context) -> list[Case]:
    period = _period(ctx.today)
    raw = sqlite3.connect(ctx.path)
    ctx.closers.append(raw.close)
    params = {"start": period.start.isoformat(), "end": period.report_end.isoformat()}

    def figures() -> object:
        with ctx.db.read() as session:
            return request_figures(session, period, BUREAU)

    def notice() -> object:
        with ctx.db.read() as session:
            return build_requests_notice(session, period, BUREAU, issued_on=ctx.today)

    def floor() -> object:
        for key in ("p.category", "p.responsible_unit"):
            raw.execute(_FLOOR_SQL.format(key=key), params).fetchall()
        return None

    def within(measured: float, floor_ms: float | None) -> bool:
        return floor_ms is not None and measured <= RATIO_GOAL * floor_ms

    counts = ctx.info.get("counts", {})
    note = f"{counts.get('problem', 0):,} project problems"
    return [
        Case(
            "requests.figures (quarter)",
            figures,
            floor,
            goal=f"≤ {RATIO_GOAL:g}× raw GROUP BY",
            meets=within,
            note=note,
        ),
        Case(
            "requests.notice pdf (quarter)",
            notice,
            floor,
            goal="< 2 s",
            meets=lambda measured, _floor: measured < 2000,
            repeat=3,
        ),
    ]
