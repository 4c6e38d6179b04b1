"""Reference lists and settings: codes people choose from, loaded from resources/reference."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm.models.base import Base


class Region(Base):
    """GB/T 2260 province or prefecture-level city."""

    __tablename__ = "region"
    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    short_name: Mapped[str] = mapped_column(String(50))
    level: Mapped[str] = mapped_column(String(10))
    parent_code: Mapped[str | None] = mapped_column(String(6))


class Country(Base):
    """ISO 3166-1 alpha-2."""

    __tablename__ = "country"
    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))


class Industry(Base):
    """GB/T 4754-2017 section (letter) or division (two digits)."""

    __tablename__ = "industry"
    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(10))
    section: Mapped[str] = mapped_column(String(1))


class IndustryChain(Base):
    """A bureau's own industry chain (产业链); editable in Settings."""

    __tablename__ = "industry_chain"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class RegionGroup(Base):
    """A named set of regions (粤港澳大湾区, 长三角 …); configurable."""

    __tablename__ = "region_group"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100), default="")
    is_key: Mapped[bool] = mapped_column(Boolean, default=False)


class RegionGroupMember(Base):
    __tablename__ = "region_group_member"
    group_code: Mapped[str] = mapped_column(
        ForeignKey("region_group.code", ondelete="CASCADE"), primary_key=True
    )
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), primary_key=True)


class TagKindRef(Base):
    """Company list kinds (世界500强 …) with publisher and validity."""

    __tablename__ = "tag_kind"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    publisher: Mapped[str] = mapped_column(String(200), default="")
    has_rank: Mapped[bool] = mapped_column(Boolean, default=False)
    validity_years: Mapped[int | None] = mapped_column(Integer)
    is_500: Mapped[bool] = mapped_column(Boolean, default=False)
    #: A list the bureau or another local authority keeps (自治区重点企业, 上规培育库 …),
    #: defined by the bureau itself rather than shipped.
    is_bureau: Mapped[bool] = mapped_column(Boolean, default=False)


class Setting(Base):
    """Key/value settings stored in the database (JSON text values)."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
