"""The projects screen's ready-made stalled views (停滞项目) for dispatch meetings: the view
codes saved views store, and their WHERE clauses by the one rule the dashboard and the briefs
count with (crm.stalled)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import (
    ColumnElement,
    true,
)
from sqlalchemy.orm import Session

from crm import stalled
from crm.services.settings import all_settings

#: Ready-made "stalled" views for dispatch meetings (the rule: crm.stalled).
STALLED_SIGNED_NOT_STARTED = stalled.SIGNED_NOT_STARTED
STALLED_STARTED_NOT_OPERATING = stalled.STARTED_NOT_OPERATING
#: The screen's code of the no-update view (kept: saved views store it).
STALLED_NO_ACTIVITY = "no_activity"
STALLED_ANY = "any"
_STALLED_KINDS = {
    STALLED_SIGNED_NOT_STARTED: stalled.SIGNED_NOT_STARTED,
    STALLED_STARTED_NOT_OPERATING: stalled.STARTED_NOT_OPERATING,
    STALLED_NO_ACTIVITY: stalled.NO_UPDATE,
    stalled.NO_UPDATE: stalled.NO_UPDATE,
}


@dataclass(frozen=True)
class StalledRule:
    """The thresholds (Settings' stalled_* keys, crm.stalled) and the day to count from."""

    rules: stalled.StalledRules = field(default_factory=stalled.StalledRules)
    today: date | None = None


def stalled_clause(kind: str, rule: StalledRule) -> ColumnElement[bool]:
    """Projects stalled in the way `kind` names (or any of them for STALLED_ANY), by the one
    rule the dashboard and the briefs count with (crm.stalled)."""
    today = rule.today or date.today()
    if kind == STALLED_ANY:
        return stalled.any_stalled(today, rule.rules)
    if kind not in _STALLED_KINDS:
        return true()
    return stalled.stalled_condition(_STALLED_KINDS[kind], today, rule.rules)


def stalled_rule(session: Session, today: date | None = None) -> StalledRule:
    """Thresholds from the settings table."""
    return StalledRule(stalled.StalledRules.from_settings(all_settings(session)), today=today)
