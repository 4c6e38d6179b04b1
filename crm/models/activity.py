"""Follow-up records (跟进记录): visits, negotiations, calls, events."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from crm.models.base import Base, Tracked


class Activity(Tracked, Base):
    __tablename__ = "activity"
    __table_args__ = (
        Index("ix_activity_project_date", "project_id", "occurred_on"),
        Index("ix_activity_company", "company_id"),
        Index("ix_activity_team_date", "team_id", "occurred_on"),
        Index("ix_activity_due", "next_step_due"),
        # The projects followed up in a window of days, from the index alone (crm.stalled).
        Index("ix_activity_date_project", "occurred_on", "project_id", "deleted_at"),
        # The open next steps due by a day, from the index alone (crm.follow_ups).
        Index(
            "ix_activity_open_step",
            *("next_step_open", "next_step_due", "project_id", "team_id", "deleted_at"),
        ),
    )
    occurred_on: Mapped[date]
    kind: Mapped[str] = mapped_column(String(20))
    project_id: Mapped[str | None] = mapped_column(ForeignKey("project.id"))
    company_id: Mapped[str | None] = mapped_column(ForeignKey("company.id"))
    team_id: Mapped[str | None] = mapped_column(ForeignKey("team.id"))
    participants: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    next_step: Mapped[str] = mapped_column(Text, default="")
    next_step_due: Mapped[date | None]
    #: Derived (crm.follow_ups): the next step still awaits a later activity of its subject.
    next_step_open: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
