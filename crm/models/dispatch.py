"""Major-project dispatch (重大项目调度): yearly key-project lists, a project's dispatch
profile (建设性质, 竣工, 入库/纳统), investment-completion entries (完成投资), and annual
targets for the bureau, its counties and parks.

完成投资 is money spent on site, reported per 旬 or month: never the same as funds in place
(到位资金) nor the planned investment.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm.models.base import Base, Money, Tracked


class Programme(Tracked, Base):
    """A programme the bureau names itself (双百双新, 千企技改 …)."""

    __tablename__ = "programme"
    name: Mapped[str] = mapped_column(String(100), unique=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class DispatchProfile(Tracked, Base):
    """What dispatch needs of a project beyond the ledger: one row per project.

    Planned start is the project's expected_start_on and the actual start its started_on
    (the stage machine keeps it); 竣工 is its own milestone here, apart from 投产.
    """

    __tablename__ = "dispatch_profile"
    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"), unique=True)
    construction_nature: Mapped[str | None] = mapped_column(String(20))
    expected_completion_on: Mapped[date | None]
    completed_on: Mapped[date | None]
    #: 入库 / 纳统: the day the project entered the statistics pool.
    pooled_on: Mapped[date | None]
    #: 包保领导: the leader who answers for the project.
    leader_name: Mapped[str] = mapped_column(String(100), default="")


class ListEntry(Tracked, Base):
    """A project on a yearly key-project list, at a level, optionally in a programme, with
    the year's planned investment (年度计划投资)."""

    __tablename__ = "project_list_entry"
    __table_args__ = (
        CheckConstraint("year_plan >= 0", name="year_plan_nonnegative"),
        Index("ix_project_list_entry_year", "year", "deleted_at", "project_id"),
    )
    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(20))
    programme_id: Mapped[str | None] = mapped_column(ForeignKey("programme.id"))
    year_plan: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))


class CompletionEntry(Tracked, Base):
    """Investment completed on a project in one 旬 or month (完成投资), as reported.

    year_to_date is the year's cumulative at period_end as the project reported it (or, when
    it did not, the previous entry's plus this amount): 年度完成 reads it from the latest
    entry, so a first sheet imported mid-year (1-11月中旬累计) counts in full.
    """

    __tablename__ = "completion_entry"
    __table_args__ = (
        CheckConstraint("amount >= 0", name="amount_nonnegative"),
        Index(
            "ix_completion_entry_cover",
            "project_id",
            "period_end",
            "deleted_at",
            "year_to_date",
            "amount",
        ),
        Index("ix_completion_entry_period", "period_end", "deleted_at"),
    )
    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"))
    period_end: Mapped[date]
    period_kind: Mapped[str] = mapped_column(String(10), default="xun")
    amount: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    year_to_date: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    #: Cumulative since the project started (开工以来累计), when reported.
    cumulative: Mapped[Decimal | None] = mapped_column(Money)
    image_progress: Mapped[str] = mapped_column(Text, default="")
    progress_note: Mapped[str] = mapped_column(Text, default="")
    issues: Mapped[str] = mapped_column(Text, default="")


class Target(Tracked, Base):
    """An annual target of the bureau, a county/district (region_code) or a park (park_id)
    for one measure; amounts in 万元, counts as whole numbers in the same column."""

    __tablename__ = "target"
    __table_args__ = (
        CheckConstraint("value >= 0", name="value_nonnegative"),
        Index("ix_target_year", "year", "scope", "measure"),
    )
    year: Mapped[int] = mapped_column(Integer)
    scope: Mapped[str] = mapped_column(String(20))
    region_code: Mapped[str | None] = mapped_column(String(6))
    park_id: Mapped[str | None] = mapped_column(ForeignKey("park.id"))
    measure: Mapped[str] = mapped_column(String(30))
    value: Mapped[Decimal] = mapped_column(Money)
