"""The contacts and parks sheets, list memberships with an end date, and --map checks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select
from test_ledger_support import make_uscc, write_xlsx

from crm.db import Database
from crm.errors import ValidationError
from crm.ledger import ImportOptions, apply_plan, build_plan, export_ledger
from crm.models import Company, CompanyTag, Contact, Park, Project

TODAY = date(2026, 6, 30)
USCC = make_uscc(7)


def run(db: Database, path: Path, **kwargs: object):
    plan = build_plan(db, path, ImportOptions(today=TODAY, **kwargs))  # type: ignore[arg-type]
    return plan, apply_plan(db, plan)


def _book(tmp_path: Path, phone: str = "13800000001") -> Path:
    return write_xlsx(
        tmp_path / "book.xlsx",
        {
            "企业": [
                ["企业名称", "统一社会信用代码", "企业标签"],
                ["深圳某电子有限公司", USCC, "省级专精特新（2023，有效期至2025-12-31）、上市公司"],
            ],
            "联系人": [
                [
                    "企业名称",
                    "统一社会信用代码",
                    "姓名",
                    "职务",
                    "电话",
                    "电子邮箱",
                    "微信",
                    "备注",
                ],
                [
                    "深圳某电子有限公司",
                    USCC,
                    "王五",
                    "总经理",
                    phone,
                    "ww@example.com",
                    "ww1",
                    "首联",
                ],
                ["深圳某电子有限公司", None, "赵六", "财务", None, None, None, None],
            ],
            "园区": [["园区名称", "所在地区"], ["南宁高新区", "广西壮族自治区南宁市"]],
            "项目": [
                ["项目名称", "投资方", "落地园区"],
                ["电子项目", "深圳某电子有限公司", "南宁高新区"],
            ],
        },
    )


def test_contacts_parks_and_tag_end_dates_import_without_create_missing(
    db: Database, tmp_path: Path
) -> None:
    plan, result = run(db, _book(tmp_path))
    assert {s.sheet: s.kind for s in plan.sheets} == {
        "企业": "companies", "联系人": "contacts", "园区": "parks", "项目": "projects",
    }  # fmt: skip
    assert plan.missing == {} and not plan.has_errors, [p.line() for p in plan.problems]
    with db.session() as s:
        contacts = {c.name: c for c in s.scalars(select(Contact))}
        assert set(contacts) == {"王五", "赵六"}
        wang = contacts["王五"]
        assert (wang.title, wang.phone, wang.email, wang.wechat, wang.notes) == (
            "总经理", "13800000001", "ww@example.com", "ww1", "首联",
        )  # fmt: skip
        tags = {t.tag: (t.edition_year, t.valid_until) for t in s.scalars(select(CompanyTag))}
        assert tags == {"srdi_provincial": (2023, date(2025, 12, 31)), "listed": (None, None)}
        park = s.scalars(select(Park)).one()
        assert (park.name, park.region_code) == ("南宁高新区", "450100")
        assert s.scalars(select(Project)).one().park_id == park.id
    assert not result.created_refs


def test_contacts_are_matched_on_import_again(db: Database, tmp_path: Path) -> None:
    run(db, _book(tmp_path))
    again = build_plan(db, _book(tmp_path), ImportOptions(today=TODAY))
    assert all(s.new == 0 and s.updated == 0 for s in again.sheets), again.sheets
    plan, _result = run(db, _book(tmp_path, phone="13900000002"))
    contacts = next(s for s in plan.sheets if s.kind == "contacts")
    assert (contacts.new, contacts.updated, contacts.unchanged) == (0, 1, 1)
    with db.session() as s:
        phones = set(s.scalars(select(Contact.phone)))
    assert phones == {"13900000002", ""}


def test_contact_of_an_unknown_company_is_an_error_naming_it(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "contacts.xlsx",
        {"联系人": [["企业名称", "姓名", "电话"], ["无此公司", "王五", "13800000001"]]},
    )
    plan = build_plan(db, path, ImportOptions(today=TODAY))
    assert plan.invalid_count == 1
    assert any(p.code == "unknown_company" and "无此公司" in p.message_zh for p in plan.problems)


def test_export_writes_tag_end_dates_contacts_and_parks(db: Database, tmp_path: Path) -> None:
    run(db, _book(tmp_path))
    out = tmp_path / "out.xlsx"
    with db.session() as s:
        result = export_ledger(s, out)
    assert (result.counts["contacts"], result.counts["parks"]) == (2, 1)
    book = openpyxl.load_workbook(out)
    tags = [row[10] for row in book["企业"].iter_rows(min_row=3, values_only=True)]
    assert tags == ["上市公司、省级专精特新（2023，有效期至2025-12-31）"]
    parks = list(book["园区"].iter_rows(min_row=3, values_only=True))
    with db.session() as s:
        park_id = s.scalar(select(Park.id))
    # The park's 系统编号 goes out too, in a hidden last column; its 所属县区 is blank (none
    # on record).
    assert parks == [(1, "南宁高新区", "广西壮族自治区南宁市", None, park_id)]
    assert book["园区"].column_dimensions["E"].hidden


def test_map_is_checked_against_the_fields_and_the_file(db: Database, tmp_path: Path) -> None:
    path = _book(tmp_path)
    for mapping, words in (
        ({"项目名称": "bogus"}, ("bogus", "planned_investment")),
        ({"不存在的列": "projects.name"}, ("不存在的列", "项目")),
        ({"项目名称": "nosuchkind.name"}, ("nosuchkind", "projects")),
    ):
        with pytest.raises(ValidationError) as info:
            build_plan(db, path, ImportOptions(today=TODAY, mapping=mapping))
        assert all(word in str(info.value) for word in words), str(info.value)
    with db.session() as s:
        assert s.scalar(select(Company.id)) is None
