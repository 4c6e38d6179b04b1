"""Key-enterprise list sheets (重点企业名单) through `crm import`: the enterprise's list
membership with its level and year and its commissioner and responsible leader, worked out
by hand; the preview is what is written; export → import back changes nothing."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import select

from crm.ledger import ImportOptions, apply_plan, build_plan, export_ledger
from crm.models import CompanyTag, EnterpriseLiaison
from crm.services import companies
from crm.services import key_enterprises as key
from crm.sync.digest import state_digest

HEADER = ["序号", "企业名称", "统一社会信用代码", "名单", "级别", "年度", "特派员", "包保领导"]
TODAY = date.today()


def _sheet(path: Path, rows: list[list]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "重点企业"
    sheet.append([f"{TODAY.year}年重点企业名单及特派员"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _seed(db) -> dict[str, str]:
    with db.session() as s:
        ids = {
            "alu": companies.create_company(s, name="广西甲铝业有限公司").id,
            "glass": companies.create_company(s, name="南宁乙玻璃有限公司").id,
            "city": key.define_company_list(s, name_zh="市级重点企业").id,
        }
        # 乙玻璃 has been on the list since last year, 王五 answering for it since January.
        companies.add_company_tag(s, company_id=ids["glass"], tag="市级重点企业",
                                  edition_year=TODAY.year, level="city")  # fmt: skip
        key.assign_liaison(s, company_id=ids["glass"], commissioner="王五", leader="赵副市长",
                           start_on=date(TODAY.year, 1, 1))  # fmt: skip
    return ids


def _memberships(s) -> set[tuple[str, str, int | None, str | None]]:
    rows = s.execute(select(CompanyTag.company_id, CompanyTag.tag, CompanyTag.edition_year,
                            CompanyTag.level).where(CompanyTag.deleted_at.is_(None)))  # fmt: skip
    return {tuple(r) for r in rows}


def test_a_key_list_sheet_sets_memberships_and_commissioners(db, tmp_path: Path) -> None:
    ids = _seed(db)
    y = TODAY.year
    path = _sheet(tmp_path / "key.xlsx", [
        [1, "广西甲铝业有限公司", None, "市级重点企业", "市级", y, "张三", "李副市长"],
        [2, "广西甲铝业有限公司", None, "自治区重点企业", "自治区级", y, "张三", "李副市长"],
        [3, "南宁乙玻璃有限公司", None, "市级重点企业", "市级", y, "王五", "赵副市长"],
        [4, "没有这家公司", None, "市级重点企业", "市级", y, "张三", ""],
        [5, "南宁乙玻璃有限公司", None, "市级重点企业", "县级", y - 1, "孙六", ""],
    ])  # fmt: skip
    plan = build_plan(db, path, ImportOptions())
    (summary,) = plan.sheets
    assert summary.kind == "keylist"
    errors = sorted((p.row, p.column, p.code) for p in plan.problems if p.severity == "error")
    assert errors == [
        (4, "名单 [D]", "unknown_list"),  # 自治区重点企业 is not defined yet
        (6, "企业名称 [B]", "unknown_company"),
        (7, "特派员 [G]", "keylist_liaison_differs"),  # 乙玻璃 already has 王五 in row 5
    ]
    # With --create-missing the new list is defined; row 5 (乙玻璃, as it is) is unchanged.
    path = _sheet(tmp_path / "key2.xlsx", [
        [1, "广西甲铝业有限公司", None, "市级重点企业", "市级", y, "张三", "李副市长"],
        [2, "广西甲铝业有限公司", None, "自治区重点企业", "自治区级", y, "张三", "李副市长"],
        [3, "南宁乙玻璃有限公司", None, "市级重点企业", "市级", y, "王五", "赵副市长"],
        [4, "南宁乙玻璃有限公司", None, "市级重点企业", "县级", y - 1, "", ""],
    ])  # fmt: skip
    plan = build_plan(db, path, ImportOptions(create_missing=True))
    statuses = [i.status for i in plan.items["keylist"]]
    assert statuses == ["new", "new", "unchanged", "new"]
    apply_plan(db, plan)
    with db.session() as s:
        province = key.find_list(s, "自治区重点企业")
        assert province is not None
        assert _memberships(s) == {
            (ids["alu"], ids["city"], y, "city"),
            (ids["alu"], province, y, "province"),
            (ids["glass"], ids["city"], y, "city"),
            (ids["glass"], ids["city"], y - 1, "county"),
        }
        alu = key.liaison_on(s, ids["alu"], TODAY)
        assert (alu.commissioner, alu.leader, alu.start_on) == ("张三", "李副市长", TODAY)
        glass = key.liaison_on(s, ids["glass"], TODAY)
        assert (glass.commissioner, glass.start_on) == ("王五", date(y, 1, 1))
        assert s.scalar(select(EnterpriseLiaison.id).where(
            EnterpriseLiaison.company_id == ids["glass"], EnterpriseLiaison.start_on == TODAY
        )) is None  # fmt: skip


def test_a_new_commissioner_takes_over_from_the_sheets_day(db, tmp_path: Path) -> None:
    ids = _seed(db)
    y = TODAY.year
    path = _sheet(tmp_path / "key.xlsx", [
        [1, "南宁乙玻璃有限公司", None, "市级重点企业", "", y, "孙六", ""],
    ])  # fmt: skip
    plan = build_plan(db, path, ImportOptions())
    assert [i.status for i in plan.items["keylist"]] == ["updated"]
    apply_plan(db, plan)
    with db.session() as s:
        now = key.liaison_on(s, ids["glass"], TODAY)
        # A blank 包保领导 keeps the leader; the level (blank) stays 市级.
        assert (now.commissioner, now.leader, now.start_on) == ("孙六", "赵副市长", TODAY)
        before = key.liaison_on(s, ids["glass"], TODAY - timedelta(days=1))
        assert before.commissioner == "王五" and before.end_on == TODAY - timedelta(days=1)
        assert (ids["glass"], ids["city"], y, "city") in _memberships(s)


def test_export_then_import_changes_nothing(db, tmp_path: Path) -> None:
    ids = _seed(db)
    with db.session() as s:
        # A national tag is no list of the bureau's: it stays on the companies sheet.
        companies.add_company_tag(s, company_id=ids["alu"], tag="上市公司")
        before = state_digest(s)
        result = export_ledger(s, tmp_path / "ledger.xlsx")
    assert result.counts["keylist"] == 1
    plan = build_plan(db, tmp_path / "ledger.xlsx", ImportOptions())
    assert [i.status for i in plan.items["keylist"]] == ["unchanged"]
    assert not [p for p in plan.problems if p.severity == "error"]
    apply_plan(db, plan)
    with db.session() as s:
        assert state_digest(s) == before


def test_a_blank_cell_is_no_conflict_and_an_invalid_row_assigns_nobody(db, tmp_path: Path) -> None:
    ids = _seed(db)
    y = TODAY.year
    path = _sheet(tmp_path / "key.xlsx", [
        [1, "广西甲铝业有限公司", None, "没有这个名单", "市级", y, "张三", "李副市长"],
        [2, "广西甲铝业有限公司", None, "市级重点企业", "市级", y, "张三", ""],
        [3, "广西甲铝业有限公司", None, "市级重点企业", "市级", y - 1, "", "李副市长"],
    ])  # fmt: skip
    plan = build_plan(db, path, ImportOptions())
    found = [(p.row, p.column, p.code, p.severity) for p in plan.problems]
    assert found == [
        (3, "名单 [D]", "unknown_list", "error"),
        # Row 4 decides (row 3 is invalid); row 5's blank 特派员 contradicts nothing, its
        # 包保领导 where row 4 left it blank is said, not imported.
        (5, "包保领导 [H]", "keylist_liaison_first", "warning"),
    ]
    assert [i.status for i in plan.items["keylist"]] == ["invalid", "new", "new"]
    apply_plan(db, plan)
    with db.session() as s:
        now = key.liaison_on(s, ids["alu"], TODAY)
        assert (now.commissioner, now.leader) == ("张三", "")
