"""Stalled projects (停滞项目): one rule, used by the projects screen's ready-made views, the
dashboard and the briefs, with one set of thresholds (Settings `stalled_*_days`).

At a day D, a project that is still active (not operating and not dropped by D) is stalled
- `signed_not_started`: signed on or before D − N₁ days and not started by D;
- `started_not_operating`: started on or before D − N₂ days (and not operating by D);
- `no_update`: nothing recorded for it in the last N₃ days — no activity, no funds entry,
  no stage change (its current stage's date or a milestone date: 签约, 资金到位, 开工, 投产,
  终止) in (D − N₃, D] — while it already existed at D − N₃. Any active project, leads and
  negotiations too (a lead nobody follows up is stalled as much as a signed one).

A project can be stalled in several ways at once; "any" counts it once. The conditions are
SQL expressions on the project table, so the screen filters with them and the statistics
count with them; the dates make them right for any past day as well as today.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, func, not_, or_, select

from crm.codes import Stage
from crm.models import Activity, FundsEntry, Project, StageEvent
from crm.services.settings import DEFAULTS
from crm.stages import MILESTONE_COLUMNS

PROJECT = Project.__table__
ACTIVITY = Activity.__table__
FUNDS = FundsEntry.__table__
STAGE_EVENT = StageEvent.__table__

SIGNED_NOT_STARTED = "signed_not_started"
STARTED_NOT_OPERATING = "started_not_operating"
NO_UPDATE = "no_update"
KINDS = (SIGNED_NOT_STARTED, STARTED_NOT_OPERATING, NO_UPDATE)
#: Settings key of each kind's threshold (days).
SETTING_KEYS = {
    SIGNED_NOT_STARTED: "stalled_signed_not_started_days",
    STARTED_NOT_OPERATING: "stalled_started_not_operating_days",
    NO_UPDATE: "stalled_no_update_days",
}


@dataclass(frozen=True)
class StalledRules:
    """Thresholds in days; the defaults are Settings' defaults."""

    signed_not_started: int = int(DEFAULTS[SETTING_KEYS[SIGNED_NOT_STARTED]])
    started_not_operating: int = int(DEFAULTS[SETTING_KEYS[STARTED_NOT_OPERATING]])
    no_update: int = int(DEFAULTS[SETTING_KEYS[NO_UPDATE]])

    @classmethod
    def from_settings(cls, settings: Mapping[str, object]) -> StalledRules:
        """From a dict of settings (crm.services.settings.all_settings); a missing or bad
        value keeps the default."""
        values = {}
        for kind, key in SETTING_KEYS.items():
            value = settings.get(key)
            if isinstance(value, int | str) and str(value).isdigit():
                values[kind] = int(value)
        return cls(**values)

    def days(self, kind: str) -> int:
        return int(getattr(self, kind))


def dropped_by(day: date) -> ColumnElement[bool]:
    """Dropped on or before `day` (a drop without any date counts as dropped)."""
    c = PROJECT.c
    when = func.coalesce(c.dropped_on, c.stage_on)
    return and_(c.stage == Stage.DROPPED.value, or_(when.is_(None), when <= day))


def active_at(day: date) -> ColumnElement[bool]:
    """Neither operating nor dropped by `day`."""
    c = PROJECT.c
    return and_(or_(c.operating_on.is_(None), c.operating_on > day), not_(dropped_by(day)))


def begins_after(day: date) -> ColumnElement[bool]:
    """The project's own history begins after `day`: its first dated stage event (the lead
    event, normally), else its first milestone; created_at only when nothing is dated.

    Not created_at first: an imported ledger's rows are all created on the import day, and
    would vanish from every earlier day."""
    c = PROJECT.c
    first_event = (
        select(func.min(STAGE_EVENT.c.occurred_on))
        .where(
            STAGE_EVENT.c.project_id == c.id,
            STAGE_EVENT.c.deleted_at.is_(None),
            STAGE_EVENT.c.occurred_on.is_not(None),
        )
        .scalar_subquery()
    )
    # The creation day last: never NULL (callers negate it), and one evaluation of the
    # subquery per row.
    first_day = func.coalesce(
        first_event,
        c.signed_on,
        c.funded_on,
        c.started_on,
        c.operating_on,
        c.dropped_on,
        func.date(c.created_at),
    )
    return first_day > day


def stalled_condition(kind: str, day: date, rules: StalledRules) -> ColumnElement[bool]:
    """Projects stalled in the way `kind` names at `day`. Cheap tests come first: the
    databases evaluate AND left to right."""
    c = PROJECT.c
    since = day - timedelta(days=rules.days(kind))
    if kind == SIGNED_NOT_STARTED:
        not_started = or_(c.started_on.is_(None), c.started_on > day)
        return and_(c.signed_on <= since, not_started, active_at(day))
    if kind == STARTED_NOT_OPERATING:
        return and_(c.started_on <= since, active_at(day))
    if kind == NO_UPDATE:
        existed = or_(and_(c.stage_on.is_not(None), c.stage_on <= since), not_(begins_after(since)))
        return and_(active_at(day), not_(touched(since, day)), existed)
    raise ValueError(kind)


def any_stalled(day: date, rules: StalledRules) -> ColumnElement[bool]:
    return or_(*(stalled_condition(kind, day, rules) for kind in KINDS))


#: The stage dates a project row keeps: a stage change in a window shows in one of them.
STAGE_DATES = ("stage_on", *MILESTONE_COLUMNS.values())


def touched(since: date, day: date) -> ColumnElement[bool]:
    """A stage change (the current stage's date or a milestone date), an activity or a funds
    entry in (since, day]. The dates on the project row come first: they cost nothing."""
    c = PROJECT.c
    # IS NOT NULL first: a NULL would make the whole test NULL, and NOT NULL is not true.
    stage_change = or_(
        *(and_(c[name].is_not(None), c[name] > since, c[name] <= day) for name in STAGE_DATES)
    )
    # The projects with an activity or funds in the window, each list read once from an
    # index on the date (probing every project's own rows costs twice as much).
    followed_up = select(ACTIVITY.c.project_id).where(
        ACTIVITY.c.occurred_on > since,
        ACTIVITY.c.occurred_on <= day,
        ACTIVITY.c.deleted_at.is_(None),
        ACTIVITY.c.project_id.is_not(None),  # NOT IN a list holding NULL is never true
    )
    funded = select(FUNDS.c.project_id).where(
        FUNDS.c.received_on > since, FUNDS.c.received_on <= day, FUNDS.c.deleted_at.is_(None)
    )
    return or_(stage_change, c.id.in_(followed_up), c.id.in_(funded))
