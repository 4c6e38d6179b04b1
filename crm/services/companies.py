"""Companies (investors), their list memberships and contacts."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.codes import ListLevel, Ownership, TagKind
from crm.errors import ValidationError
from crm.models import Company, CompanyTag, Contact, Country, Industry, IndustryChain, Region
from crm.names import normalize_company_name
from crm.services import checks
from crm.services.key_enterprises import find_list
from crm.services.records import deleter, insert_row, restorer, update_row
from crm.services.result import Changed
from crm.validation import (
    EMAIL_RE,
    is_mainland_mobile,
    looks_like_mainland_mobile,
    normalize_phone,
    normalize_uscc,
    uscc_problem,
)

COMPANY_FIELDS = frozenset(
    {"name", "uscc", "former_names", "english_name", "hq_region_code", "hq_country_code",
     "ownership", "industry_code", "chain_code", "parent_id", "website", "notes"}
)  # fmt: skip

_USCC_REASONS = {
    "length": ("统一社会信用代码应为18位", "A unified social credit code has 18 characters"),
    "alphabet": (
        "统一社会信用代码含有不允许的字符（不用 I、O、S、V、Z）",
        "The code contains characters not allowed (I, O, S, V, Z are never used)",
    ),
    "check": ("统一社会信用代码校验位不正确", "The check character of the code is wrong"),
}


def clean_uscc(session: Session, value: Any, *, company_id: str | None = None) -> str | None:
    if value is None or not str(value).strip():
        return None
    code = normalize_uscc(str(value))
    problem = uscc_problem(code)
    if problem:
        zh, en = _USCC_REASONS[problem]
        raise ValidationError("uscc", value, f"{zh}：{value}", f"{en}: {value}", code="bad_uscc")
    checks.unique(
        session,
        Company.uscc,
        code,
        company_id,
        what=("统一社会信用代码", "Unified social credit code"),
        code="duplicate_uscc",
    )
    return code


def _clean_company(
    session: Session, fields: dict[str, Any], company_id: str | None
) -> dict[str, Any]:
    reference = partial(checks.reference, session)
    values = checks.cleaned(
        fields,
        {
            "name": partial(checks.required_field, "company", "name", label_zh="企业名称"),
            "uscc": partial(clean_uscc, session, company_id=company_id),
            **checks.text_cleaners("company", "former_names", "english_name", "website", "notes"),
            "hq_region_code": partial(reference, "hq_region_code", Region),
            "hq_country_code": lambda code: reference("hq_country_code", Country, code) or "CN",
            "ownership": partial(checks.choice, "ownership", codes=Ownership, allow_none=True),
            "industry_code": partial(reference, "industry_code", Industry),
            "chain_code": partial(reference, "chain_code", IndustryChain),
            "parent_id": partial(_clean_parent, session, company_id=company_id),
        },
    )
    if "name" in values:
        values["name_normalized"] = normalize_company_name(values["name"])
    return values


def _clean_parent(session: Session, parent_id: str | None, company_id: str | None) -> str | None:
    if not parent_id:
        return None
    ancestor: str | None = parent_id
    while ancestor:
        if ancestor == company_id:
            raise ValidationError(
                "parent_id",
                parent_id,
                "母公司不能是本企业或其下属企业",
                "A company cannot be its own parent group",
                code="cycle",
            )
        ancestor = checks.live(session, Company, ancestor, field="parent_id").parent_id
    return parent_id


def create_company(session: Session, *, name: str, **fields: Any) -> Changed:
    checks.unknown_fields(fields, COMPANY_FIELDS)
    return insert_row(session, Company(**_clean_company(session, {"name": name, **fields}, None)))


def update_company(session: Session, company_id: str, **fields: Any) -> Changed:
    return update_row(
        session,
        Company,
        company_id,
        fields,
        COMPANY_FIELDS,
        partial(_clean_company, session, fields, company_id),
    )


delete_company = deleter(Company)


restore_company = restorer(Company)


def add_company_tag(
    session: Session,
    *,
    company_id: str,
    tag: str,
    edition_year: int | None = None,
    rank: int | None = None,
    valid_until: date | None = None,
    level: str | None = None,
) -> Changed:
    """A membership of a published list or of a list the bureau keeps (any row of tag_kind,
    by code or name), with its year, rank, level and the day it is valid until."""
    checks.live(session, Company, company_id, field="company_id")
    code = _list_code(session, tag)
    entry = CompanyTag(
        company_id=company_id,
        tag=code,
        edition_year=checks.a_year(
            "edition_year",
            edition_year,
            earliest=1950,
            allow_none=True,
            what=("榜单年份", "edition year"),
        ),
        rank=checks.count("rank", rank),
        valid_until=checks.a_date("valid_until", valid_until),
        level=checks.choice("level", level, ListLevel, allow_none=True),
    )
    return insert_row(session, entry)


def _list_code(session: Session, tag: str) -> str:
    member = TagKind.from_text(str(tag or ""))
    code = member.value if member is not None else find_list(session, tag)
    if code is None:
        raise ValidationError(
            "tag",
            tag,
            f"没有这个企业名单：{tag}（请先新建：“重点企业”中的“新建重点企业名单”，"
            f"或命令 crm keylist define {tag}）",  # 设置 has no lists (it said 可先在设置中新建)
            f"No such company list: {tag} (define it first: Key enterprises → New list, or "
            f"crm keylist define {tag})",
            code="unknown_code",
        )
    return code


remove_company_tag = deleter(CompanyTag)


def clean_phone(value: Any) -> str:
    phone = normalize_phone(str(value or ""))
    if looks_like_mainland_mobile(phone) and not is_mainland_mobile(phone):
        raise ValidationError(
            "phone",
            value,
            f"手机号码无效（应为1[3-9]开头的11位数字）：{value}",
            f"Invalid mainland mobile number: {value}",
            code="bad_phone",
        )
    if phone and not any(ch.isdigit() for ch in phone):
        raise ValidationError(
            "phone",
            value,
            f"电话号码无效：{value}",
            f"Invalid phone number: {value}",
            code="bad_phone",
        )
    return checks.field_text("contact", "phone", phone)


def clean_contact(fields: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if "name" in fields:
        values["name"] = checks.required_field(
            "contact", "name", fields["name"], label_zh="联系人姓名"
        )
    if "phone" in fields:
        values["phone"] = clean_phone(fields["phone"])
    if "email" in fields:
        email = checks.field_text("contact", "email", fields["email"])
        if email and not EMAIL_RE.match(email):
            raise ValidationError(
                "email",
                email,
                f"电子邮箱格式不正确：{email}",
                f"Invalid email address: {email}",
                code="bad_email",
            )
        values["email"] = email
    for name in ("title", "wechat", "notes"):
        if name in fields:
            values[name] = checks.field_text("contact", name, fields[name])
    return values


CONTACT_FIELDS = frozenset({"name", "title", "phone", "email", "wechat", "notes"})


def add_contact(session: Session, *, company_id: str, name: str, **fields: Any) -> Changed:
    checks.unknown_fields(fields, CONTACT_FIELDS)
    checks.live(session, Company, company_id, field="company_id")
    contact = Contact(company_id=company_id, **clean_contact({"name": name, **fields}))
    return insert_row(session, contact)


def update_contact(session: Session, contact_id: str, **fields: Any) -> Changed:
    return update_row(
        session, Contact, contact_id, fields, CONTACT_FIELDS, partial(clean_contact, fields)
    )


delete_contact = deleter(Contact)


def find_similar_companies(
    session: Session,
    *,
    name: str,
    uscc: str | None = None,
    limit: int = 5,
    exclude_id: str | None = None,
    min_score: float = 85.0,
) -> list[tuple[str, str, float]]:
    """Existing companies that may be the same firm: same USCC first, then similar names."""
    found: dict[str, tuple[str, str, float]] = {}
    if uscc:
        code = normalize_uscc(uscc)
        for cid, cname in session.execute(
            select(Company.id, Company.name).where(
                Company.uscc == code, Company.deleted_at.is_(None)
            )
        ):
            found[cid] = (cid, cname, 100.0)
    key = normalize_company_name(name)
    if key:
        rows = session.execute(
            select(Company.id, Company.name, Company.name_normalized).where(
                Company.deleted_at.is_(None)
            )
        ).all()
        choices = {row.id: row.name_normalized for row in rows}
        names = {row.id: row.name for row in rows}
        for _choice, score, cid in process.extract(
            key, choices, scorer=fuzz.WRatio, limit=limit + 1, score_cutoff=min_score
        ):
            found.setdefault(cid, (cid, names[cid], float(score)))
    found.pop(exclude_id or "", None)
    return sorted(found.values(), key=lambda item: -item[2])[:limit]
