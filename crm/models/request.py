"""Enterprise requests (企业诉求) followed to the end, their return visits (回访), and the
commissioners (特派员) and responsible leaders (包保领导) of key enterprises over time."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm.models.base import Base, Tracked


class EnterpriseRequest(Tracked, Base):
    """A request an enterprise raised, with or without a project. The status moves only
    through crm/request_states.py (called by crm/services/requests.py)."""

    __tablename__ = "enterprise_request"
    __table_args__ = (
        Index("ix_enterprise_request_received", "received_on"),
        Index("ix_enterprise_request_status_due", "status", "due_on"),
        Index("ix_enterprise_request_company", "company_id"),
    )
    company_id: Mapped[str] = mapped_column(ForeignKey("company.id"))
    project_id: Mapped[str | None] = mapped_column(ForeignKey("project.id"))
    channel: Mapped[str] = mapped_column(String(20))
    received_on: Mapped[date]
    category: Mapped[str] = mapped_column(String(20))
    content: Mapped[str] = mapped_column(Text)
    handling_unit: Mapped[str] = mapped_column(String(200), default="")
    #: 协办单位, joined with "、".
    co_units: Mapped[str] = mapped_column(String(1000), default="")
    due_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default="accepted")
    reject_reason: Mapped[str] = mapped_column(Text, default="")
    reply: Mapped[str] = mapped_column(Text, default="")
    replied_on: Mapped[date | None]
    closed_on: Mapped[date | None]
    #: The word of the latest return visit (its history is in request_visit).
    satisfaction: Mapped[str | None] = mapped_column(String(20))
    escalated_on: Mapped[date | None]
    escalation_unit: Mapped[str] = mapped_column(String(200), default="")
    reopened_count: Mapped[int] = mapped_column(Integer, default=0)


class RequestVisit(Tracked, Base):
    """A return visit (回访): the enterprise's satisfaction with the answer."""

    __tablename__ = "request_visit"
    request_id: Mapped[str] = mapped_column(ForeignKey("enterprise_request.id"), index=True)
    visited_on: Mapped[date]
    visited_by: Mapped[str] = mapped_column(String(100), default="")
    satisfaction: Mapped[str] = mapped_column(String(20))
    notes: Mapped[str] = mapped_column(Text, default="")


class EnterpriseLiaison(Tracked, Base):
    """Who answers for a key enterprise from a day to a day: its commissioner (特派员 /
    联络员) and responsible leader (包保领导 / 挂点领导)."""

    __tablename__ = "enterprise_liaison"
    company_id: Mapped[str] = mapped_column(ForeignKey("company.id"), index=True)
    commissioner: Mapped[str] = mapped_column(String(100), default="")
    leader: Mapped[str] = mapped_column(String(100), default="")
    start_on: Mapped[date]
    end_on: Mapped[date | None]
