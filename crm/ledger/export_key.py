"""The key-enterprise sheet of `crm export ledger` (重点企业名单): one row per membership of a
list the bureau keeps, with the commissioner and responsible leader answering for the
enterprise today, in the layout the importer reads (crm/ledger/plan_key.py), so that
export → import back changes nothing. Also the company sheets' place in the export."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from crm.codes import ListLevel
from crm.ledger.export_requests import REQUEST_EXPORT, has_requests, request_rows
from crm.ledger.fields import Sheet as SheetKind
from crm.ledger.fields_key import KEYLIST
from crm.models import Company, CompanyTag, EnterpriseLiaison, TagKindRef

KEYLIST_EXPORT = ("seq", "company", "uscc", "list", "level", "year", "valid_until",
                  "commissioner", "leader", "liaison_from", "record_id")  # fmt: skip

Sheet = tuple[str, tuple[str, ...], Iterator[list[Any]]]


def company_sheets(session: Session, *, whole_ledger: bool) -> list[Sheet]:
    """The sheets that belong to companies rather than projects: written for the whole
    ledger only, and only when they have a row."""
    sheets: list[Sheet] = []
    if has_requests(session, whole_ledger=whole_ledger):
        sheets.append((SheetKind.REQUESTS, REQUEST_EXPORT, request_rows(session)))
    if whole_ledger and session.scalar(select(exists().where(_bureau_memberships()))):
        sheets.append((KEYLIST, KEYLIST_EXPORT, keylist_rows(session)))
    return sheets


def bureau_lists_sql() -> Any:
    """The codes of the lists the bureau keeps (their memberships are this sheet's)."""
    return select(TagKindRef.code).where(TagKindRef.is_bureau.is_(True))


def _bureau_memberships() -> Any:
    return (
        (CompanyTag.deleted_at.is_(None))
        & (CompanyTag.tag == TagKindRef.code)
        & TagKindRef.is_bureau.is_(True)
    )


def keylist_rows(session: Session, today: date | None = None) -> Iterator[list[Any]]:
    day = today or date.today()
    e = EnterpriseLiaison
    current: dict[str, Any] = {}
    for liaison in session.scalars(
        select(e)
        .where(e.deleted_at.is_(None), e.start_on <= day, (e.end_on.is_(None)) | (e.end_on >= day))
        .order_by(e.start_on)
    ):
        current[liaison.company_id] = liaison  # the latest covering today wins, as liaison_on
    query = (
        select(Company.id, Company.name, Company.uscc, TagKindRef.name_zh, CompanyTag.level,
               CompanyTag.edition_year, CompanyTag.valid_until, CompanyTag.id)
        .join(CompanyTag, CompanyTag.company_id == Company.id)
        .where(_bureau_memberships(), Company.deleted_at.is_(None))
        .order_by(TagKindRef.name_zh, Company.name, CompanyTag.edition_year)
    )  # fmt: skip
    for company_id, name, uscc, list_name, level, year, until, tag_id in session.execute(query):
        liaison = current.get(company_id)
        yield [
            0, name, uscc, list_name, ListLevel.label_of(level) if level else level,
            year, until, (liaison.commissioner or None) if liaison else None,
            (liaison.leader or None) if liaison else None,
            liaison.start_on if liaison else None, tag_id,
        ]  # fmt: skip
