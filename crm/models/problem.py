"""Problems a project hits (问题清单 / 企业诉求); resolving one is 销号."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm.models.base import Base, Tracked, bounded


class Problem(Tracked, Base):
    __tablename__ = "problem"
    __table_args__ = (
        Index("ix_problem_project", "project_id"),
        Index("ix_problem_status_due", "status", "due_on"),
    )
    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"))
    category: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text)
    responsible_unit: Mapped[str] = mapped_column(
        bounded("problem", "responsible_unit"), default=""
    )
    raised_on: Mapped[date]
    due_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default="open")
    resolution: Mapped[str] = mapped_column(Text, default="")
    resolved_on: Mapped[date | None]
