"""Investors (企业), their list memberships (tags) and contacts."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm.models.base import Base, Tracked, bounded


class Company(Tracked, Base):
    __tablename__ = "company"
    name: Mapped[str] = mapped_column(bounded("company", "name"))
    #: Name without legal-form words, full-width folded: the key for matching duplicates.
    name_normalized: Mapped[str] = mapped_column(bounded("company", "name"), index=True)
    former_names: Mapped[str] = mapped_column(Text, default="")
    english_name: Mapped[str] = mapped_column(bounded("company", "english_name"), default="")
    uscc: Mapped[str | None] = mapped_column(String(18), unique=True)
    hq_region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"))
    hq_country_code: Mapped[str] = mapped_column(ForeignKey("country.code"), default="CN")
    ownership: Mapped[str | None] = mapped_column(String(20))
    industry_code: Mapped[str | None] = mapped_column(ForeignKey("industry.code"))
    chain_code: Mapped[str | None] = mapped_column(ForeignKey("industry_chain.code"))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("company.id"), index=True)
    website: Mapped[str] = mapped_column(bounded("company", "website"), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    #: Set on a duplicate merged into another company (soft-deleted, kept for the record).
    merged_into_id: Mapped[str | None] = mapped_column(ForeignKey("company.id"), default=None)


class CompanyTag(Tracked, Base):
    """Membership of a published list, e.g. 世界500强 2025, rank 120."""

    __tablename__ = "company_tag"
    __table_args__ = (Index("ix_company_tag_company_tag", "company_id", "tag"),)
    company_id: Mapped[str] = mapped_column(ForeignKey("company.id"))
    tag: Mapped[str] = mapped_column(ForeignKey("tag_kind.code"))
    edition_year: Mapped[int | None] = mapped_column(Integer)
    rank: Mapped[int | None] = mapped_column(Integer)
    valid_until: Mapped[date | None]
    #: The level of the authority that put the company on a list it keeps (crm.codes.ListLevel).
    level: Mapped[str | None] = mapped_column(String(20), default=None)


class Contact(Tracked, Base):
    __tablename__ = "contact"
    company_id: Mapped[str] = mapped_column(ForeignKey("company.id"), index=True)
    name: Mapped[str] = mapped_column(bounded("contact", "name"))
    title: Mapped[str] = mapped_column(bounded("contact", "title"), default="")
    phone: Mapped[str] = mapped_column(bounded("contact", "phone"), default="")
    email: Mapped[str] = mapped_column(bounded("contact", "email"), default="")
    wechat: Mapped[str] = mapped_column(bounded("contact", "wechat"), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
