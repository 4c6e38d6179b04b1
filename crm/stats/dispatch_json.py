"""The dispatch figures, targets and rankings as the keys `crm stats` adds (crm/stats/KEYS.md):
`dispatch`, `targets`, `rankings`."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from crm.periods import Period
from crm.stats.dispatch import dispatch_figures
from crm.stats.jsonout import to_json
from crm.stats.scope import Scope
from crm.stats.targets import ranked_measures, ranking, target_figures


def dispatch_json(
    session: Session, period: Period, scope: Scope, *, as_of: date | None = None
) -> dict[str, Any]:
    cut = period.cut_at(as_of or date.today())
    dispatch = to_json(dispatch_figures(session, cut, scope, as_of=as_of))
    for key in ("period", "scope"):  # the same as the top level's
        dispatch.pop(key, None)
    rankings = [ranking(session, cut, s, m) for s, m in ranked_measures(session, cut.year)]
    return {
        "dispatch": dispatch,
        "targets": to_json(target_figures(session, cut)),
        "rankings": to_json(rankings),
    }
