"""Key enterprises (重点企业): the lists a bureau keeps itself (自治区重点企业, 上规培育库 …)
and who answers for each enterprise over time — its commissioner (特派员) and its
responsible leader (包保领导)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm import access
from crm.codes import ListLevel
from crm.errors import ValidationError, end_not_before_start
from crm.models import Company, CompanyTag, EnterpriseLiaison, TagKindRef
from crm.reference.user_rows import add_reference_in_session, new_reference_code
from crm.services import checks
from crm.services.records import insert_row, soft_delete, update_row
from crm.services.result import Changed


def find_list(session: Session, text: str) -> str | None:
    """The code of a list (shipped or the bureau's) by code, Chinese or English name."""
    key = str(text or "").strip().lower()
    if not key:
        return None
    for code, zh, en in session.execute(
        select(TagKindRef.code, TagKindRef.name_zh, TagKindRef.name_en)
    ):
        if key in (code.lower(), zh.lower(), (en or "").lower()):
            return str(code)
    return None


def define_company_list(
    session: Session,
    *,
    name_zh: str,
    name_en: str = "",
    publisher: str = "",
    validity_years: int | None = None,
) -> Changed:
    """A list the bureau keeps; it travels with sync like the bureau's other reference rows.
    Defining a name already known returns that list. The row is written apart from the
    session's flush (crm.reference.user_rows), so its right is checked here."""
    access.require_in(session, "define_list")
    name = checks.required_text("name_zh", name_zh, label_zh="名单名称", max_length=100)
    existing = find_list(session, name)
    if existing is not None:
        return Changed("tag_kind", existing, "update")
    years = checks.count("validity_years", validity_years)
    code = new_reference_code(session, name, TagKindRef.code, "list")
    add_reference_in_session(
        session,
        TagKindRef,
        {
            "code": code,
            "name_zh": name,
            "name_en": checks.clean_text("name_en", name_en, max_length=100),
            "publisher": checks.clean_text("publisher", publisher, max_length=200),
            "has_rank": False,
            "validity_years": years,
            "is_500": False,
            "is_bureau": True,
        },
    )
    return Changed("tag_kind", code, "insert")


def bureau_lists(session: Session) -> list[tuple[str, str]]:
    """(code, name) of the bureau's own lists, by name."""
    rows = session.execute(
        select(TagKindRef.code, TagKindRef.name_zh)
        .where(TagKindRef.is_bureau.is_(True))
        .order_by(TagKindRef.name_zh)
    )
    return [(r.code, r.name_zh) for r in rows]


def assign_liaison(
    session: Session,
    *,
    company_id: str,
    start_on: Any,
    commissioner: str = "",
    leader: str = "",
    end_on: Any = None,
) -> Changed:
    """From `start_on` this commissioner and leader answer for the enterprise; the assignment
    running until then ends the day before, and one made for the same day is corrected."""
    checks.live(session, Company, company_id, field="company_id")
    start = checks.a_date("start_on", start_on, allow_none=False)
    end = checks.a_date("end_on", end_on)
    assert start is not None
    who = checks.field_text("enterprise_liaison", "commissioner", commissioner)
    boss = checks.field_text("enterprise_liaison", "leader", leader)
    if not (who or boss):
        raise ValidationError(
            "commissioner",
            commissioner,
            "特派员和包保领导至少填写一个",
            "Give a commissioner or a responsible leader",
            code="required",
        )
    end_not_before_start("end_on", start, end)
    same_day = session.scalar(
        select(EnterpriseLiaison).where(
            EnterpriseLiaison.company_id == company_id,
            EnterpriseLiaison.deleted_at.is_(None),
            EnterpriseLiaison.start_on == start,
        )
    )
    if same_day is not None:  # a correction of the assignment made that day
        same_day.commissioner, same_day.leader, same_day.end_on = who, boss, end
        session.flush()
        return Changed("enterprise_liaison", same_day.id, "update")
    for running in session.scalars(
        select(EnterpriseLiaison).where(
            EnterpriseLiaison.company_id == company_id,
            EnterpriseLiaison.deleted_at.is_(None),
            EnterpriseLiaison.start_on < start,
            (EnterpriseLiaison.end_on.is_(None)) | (EnterpriseLiaison.end_on >= start),
        )
    ):
        running.end_on = start - timedelta(days=1)
    liaison = EnterpriseLiaison(
        company_id=company_id, commissioner=who, leader=boss, start_on=start, end_on=end
    )
    return insert_row(session, liaison)


def liaison_on(session: Session, company_id: str, day: date) -> EnterpriseLiaison | None:
    """Who answered for the enterprise on `day` (the latest assignment covering it)."""
    return session.scalar(
        select(EnterpriseLiaison)
        .where(
            EnterpriseLiaison.company_id == company_id,
            EnterpriseLiaison.deleted_at.is_(None),
            EnterpriseLiaison.start_on <= day,
            (EnterpriseLiaison.end_on.is_(None)) | (EnterpriseLiaison.end_on >= day),
        )
        .order_by(EnterpriseLiaison.start_on.desc())
        .limit(1)
    )


def delete_liaison(session: Session, liaison_id: str) -> Changed:
    return soft_delete(session, EnterpriseLiaison, liaison_id)


def update_membership(
    session: Session,
    tag_id: str,
    *,
    level: str | None = None,
    valid_until: date | None = None,
) -> Changed:
    """A list membership's level and the day it is valid until (its list, company and year
    make it what it is: another year is another membership)."""
    return update_row(
        session,
        CompanyTag,
        tag_id,
        {"level": level, "valid_until": valid_until},
        frozenset({"level", "valid_until"}),
        lambda: {
            "level": checks.choice("level", level, ListLevel, allow_none=True),
            "valid_until": checks.a_date("valid_until", valid_until),
        },
    )
