"""Resident investment-attraction teams (驻点招商工作队), members over time, annual targets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from crm.models.base import Base, Money, Tracked, bounded


class Team(Tracked, Base):
    __tablename__ = "team"
    name: Mapped[str] = mapped_column(bounded("team", "name"), unique=True)
    home_unit: Mapped[str] = mapped_column(bounded("team", "home_unit"), default="")
    station_region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"))
    region_group_code: Mapped[str | None] = mapped_column(ForeignKey("region_group.code"))
    leader_name: Mapped[str] = mapped_column(bounded("team", "leader_name"), default="")
    active_from: Mapped[date | None]
    active_to: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")


class TeamMember(Tracked, Base):
    __tablename__ = "team_member"
    team_id: Mapped[str] = mapped_column(ForeignKey("team.id"), index=True)
    person_name: Mapped[str] = mapped_column(bounded("team_member", "person_name"))
    role: Mapped[str] = mapped_column(String(20), default="member")
    phone: Mapped[str] = mapped_column(bounded("team_member", "phone"), default="")
    from_on: Mapped[date | None]
    to_on: Mapped[date | None]


class TeamTarget(Tracked, Base):
    __tablename__ = "team_target"
    __table_args__ = (UniqueConstraint("team_id", "year"),)
    team_id: Mapped[str] = mapped_column(ForeignKey("team.id"))
    year: Mapped[int] = mapped_column(Integer)
    signed_investment: Mapped[Decimal | None] = mapped_column(Money)
    signed_projects: Mapped[int | None] = mapped_column(Integer)
    funds_in_place: Mapped[Decimal | None] = mapped_column(Money)
    projects_over_100m: Mapped[int | None] = mapped_column(Integer)
