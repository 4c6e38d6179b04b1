"""What the navigation bar counts beside the screens: overdue problems and the next steps
due by the end of this week (overdue ones included), by the same filters as their screens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from crm.queries.activities import ActivityFilter, count_activities
from crm.queries.problems import ProblemFilter, count_problems


@dataclass(frozen=True)
class Reminders:
    overdue_problems: int
    next_steps_due: int


def reminder_counts(session: Session, *, today: date) -> Reminders:
    overdue = count_problems(session, ProblemFilter(overdue_on=today))  # open ones only
    week_end = today + timedelta(days=6 - today.weekday())  # as the dashboard's list
    due = count_activities(session, ActivityFilter(due_by=week_end))
    return Reminders(overdue, due)
