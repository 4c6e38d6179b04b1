"""Projects (招商项目), their stage history and funds-in-place entries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm.models.base import Base, Money, Tracked, bounded


class Park(Tracked, Base):
    """A park (园区) where projects land."""

    __tablename__ = "park"
    name: Mapped[str] = mapped_column(bounded("park", "name"), unique=True)
    region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"))


class Project(Tracked, Base):
    __tablename__ = "project"
    __table_args__ = (
        CheckConstraint("planned_investment >= 0", name="planned_nonnegative"),
        # Newly signed projects are counted by their first signing.
        Index("ix_project_stats_signed", "first_signed_on", "planned_investment"),
        Index("ix_project_stage", "stage"),
        Index("ix_project_team", "team_id"),
        # Covering indexes for the statistics of briefs (benchmarked in bench_briefs).
        Index("ix_project_lookup_cover", "id", "deleted_at", "team_id", "industry_code"),
        Index(
            "ix_project_pipeline_cover",
            "stage",
            "team_id",
            "stage_on",
            "signed_on",
            "funded_on",
            "started_on",
            "operating_on",
            "dropped_on",
            "created_at",
            "planned_investment",
            "deleted_at",
            "id",
            "source_class",
        ),
    )
    name: Mapped[str] = mapped_column(bounded("project", "name"))
    name_normalized: Mapped[str] = mapped_column(bounded("project", "name"), default="")
    code: Mapped[str | None] = mapped_column(bounded("project", "code"), unique=True)
    company_id: Mapped[str | None] = mapped_column(ForeignKey("company.id"), index=True)
    industry_code: Mapped[str | None] = mapped_column(ForeignKey("industry.code"))
    chain_code: Mapped[str | None] = mapped_column(ForeignKey("industry_chain.code"))
    planned_investment: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    foreign_investment: Mapped[Decimal | None] = mapped_column(Money)
    source_region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"))
    source_country_code: Mapped[str] = mapped_column(ForeignKey("country.code"), default="CN")
    source_class: Mapped[str | None] = mapped_column(String(20))
    landing_region_code: Mapped[str | None] = mapped_column(
        bounded("project", "landing_region_code")
    )
    park_id: Mapped[str | None] = mapped_column(ForeignKey("park.id"))
    responsible_unit: Mapped[str] = mapped_column(
        bounded("project", "responsible_unit"), default=""
    )
    responsible_person: Mapped[str] = mapped_column(
        bounded("project", "responsible_person"), default=""
    )
    team_id: Mapped[str | None] = mapped_column(ForeignKey("team.id"))
    is_major: Mapped[bool] = mapped_column(Boolean, default=False)
    expected_jobs: Mapped[int | None] = mapped_column(Integer)
    expected_annual_output: Mapped[Decimal | None] = mapped_column(Money)
    stage: Mapped[str] = mapped_column(String(20), default="lead")
    #: Date the current stage was reached (for "days in stage").
    stage_on: Mapped[date | None]
    # Dates of the milestones, kept in step with stage history by the stage service,
    # so that statistics read one row per project.
    signed_on: Mapped[date | None]
    #: The first signing (crm.stages): what "newly signed" counts, once, in its period.
    first_signed_on: Mapped[date | None]
    agreement_type: Mapped[str | None] = mapped_column(bounded("stage_event", "agreement_type"))
    funded_on: Mapped[date | None]
    started_on: Mapped[date | None]
    operating_on: Mapped[date | None]
    dropped_on: Mapped[date | None]
    drop_reason: Mapped[str] = mapped_column(Text, default="")
    expected_signing_on: Mapped[date | None]
    expected_start_on: Mapped[date | None]
    expected_operation_on: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    #: Set on a duplicate merged into another project (soft-deleted, kept for the record).
    merged_into_id: Mapped[str | None] = mapped_column(ForeignKey("project.id"), default=None)


class StageEvent(Tracked, Base):
    """One entry of a project's stage history.

    kind: advance (forward move), skip (a skipped stage marked not applicable or given a date),
    correction (a backward move), drop, reopen.
    """

    __tablename__ = "stage_event"
    __table_args__ = (
        # A project's history, and its first dated entry (stage_at, stalled) from the index.
        Index("ix_stage_event_project_id", "project_id", "deleted_at", "occurred_on"),
    )
    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"))
    stage: Mapped[str] = mapped_column(String(20))
    occurred_on: Mapped[date | None]
    not_applicable: Mapped[bool] = mapped_column(Boolean, default=False)
    kind: Mapped[str] = mapped_column(String(20), default="advance")
    agreement_type: Mapped[str | None] = mapped_column(bounded("stage_event", "agreement_type"))
    comment: Mapped[str] = mapped_column(Text, default="")
    sequence: Mapped[int] = mapped_column(Integer, default=0)


class FundsEntry(Tracked, Base):
    """Money actually received (到位资金), dated."""

    __tablename__ = "funds_entry"
    __table_args__ = (
        CheckConstraint("amount >= 0", name="amount_nonnegative"),
        # deleted_at last: first, SQLite would (without ANALYZE) start joins from projects.
        Index(
            "ix_funds_entry_cover", "received_on", "project_id", "amount", "source", "deleted_at"
        ),
        # With the date: "any funds in these days?" per project (stalled projects) from the
        # index alone.
        Index("ix_funds_entry_project", "project_id", "received_on", "deleted_at"),
    )
    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"))
    received_on: Mapped[date]
    amount: Mapped[Decimal] = mapped_column(Money)
    fixed_asset_amount: Mapped[Decimal | None] = mapped_column(Money)
    source: Mapped[str] = mapped_column(String(20), default="out_of_province")
    note: Mapped[str] = mapped_column(Text, default="")


class InvestmentIncrease(Tracked, Base):
    """增资: more investment by the same investor in a signed project, dated. Counted as
    new signed investment of its period, never as a new project; the project's
    planned_investment stays the amount of its first agreement."""

    __tablename__ = "investment_increase"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        Index("ix_investment_increase_cover", "increased_on", "project_id", "amount", "deleted_at"),
        Index("ix_investment_increase_project", "project_id"),
    )
    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"))
    increased_on: Mapped[date]
    amount: Mapped[Decimal] = mapped_column(Money)
    note: Mapped[str] = mapped_column(Text, default="")
