"""Companies read side: filters, sorting, paging, soft-deleted rows hidden."""

from __future__ import annotations

from decimal import Decimal

from crm.queries.companies import (
    CompanyFilter,
    CompanyListQuery,
    company_contacts,
    company_detail,
    company_ids,
    company_projects,
    company_rows,
    company_tags,
    count_companies,
    industry_options,
    row_index,
)
from crm.services import companies as svc
from crm.services.projects import create_project


def _seed(s) -> dict[str, str]:
    ids = {}
    ids["byd"] = svc.create_company(
        s, name="比亚迪股份有限公司", industry_code="36", hq_region_code="440300",
        ownership="private",
    ).id  # fmt: skip
    ids["catl"] = svc.create_company(
        s, name="宁德时代新能源科技股份有限公司", industry_code="38", hq_region_code="350900",
        ownership="private",
    ).id  # fmt: skip
    ids["sinopec"] = svc.create_company(
        s, name="中国石油化工集团有限公司", industry_code="B", hq_region_code="110000",
        ownership="state",
    ).id  # fmt: skip
    ids["gone"] = svc.create_company(s, name="已删除公司").id
    svc.delete_company(s, ids["gone"])
    svc.add_company_tag(
        s, company_id=ids["byd"], tag="fortune_global_500", edition_year=2024, rank=212
    )
    svc.add_company_tag(
        s, company_id=ids["byd"], tag="fortune_global_500", edition_year=2025, rank=143
    )
    svc.add_company_tag(s, company_id=ids["sinopec"], tag="fortune_global_500", edition_year=2025)
    svc.add_contact(s, company_id=ids["byd"], name="王经理", phone="+86 138 0013 8000")
    gone_contact = svc.add_contact(s, company_id=ids["byd"], name="离职人员").id
    svc.delete_contact(s, gone_contact)
    create_project(
        s, name="比亚迪电池项目", company_id=ids["byd"], planned_investment=Decimal(500000)
    )
    create_project(
        s, name="比亚迪整车项目", company_id=ids["byd"], planned_investment=Decimal(20000)
    )
    return ids


def test_filters_and_soft_delete(db) -> None:
    with db.session() as s:
        ids = _seed(s)
        assert set(company_ids(s, CompanyFilter())) == {ids["byd"], ids["catl"], ids["sinopec"]}
        top500 = CompanyFilter(tags=frozenset({"fortune_global_500"}))
        assert set(company_ids(s, top500)) == {ids["byd"], ids["sinopec"]}
        assert company_ids(s, CompanyFilter(industry_code="C")) != []
        assert set(company_ids(s, CompanyFilter(industry_code="C"))) == {ids["byd"], ids["catl"]}
        assert company_ids(s, CompanyFilter(industry_code="B")) == [ids["sinopec"]]
        assert company_ids(s, CompanyFilter(region_code="440000")) == [ids["byd"]]
        assert company_ids(s, CompanyFilter(region_code="440300")) == [ids["byd"]]
        assert company_ids(s, CompanyFilter(ownership="state")) == [ids["sinopec"]]
        assert company_ids(s, CompanyFilter(text="宁德")) == [ids["catl"]]
        assert company_ids(s, CompanyFilter(text="删除")) == []
        assert company_ids(s, CompanyFilter(text="zzz", extra_ids=frozenset({ids["catl"]}))) == [
            ids["catl"]
        ]
        assert count_companies(s, CompanyFilter()) == 3


def test_sort_and_rows(db) -> None:
    with db.session() as s:
        ids = _seed(s)
        by_projects = company_ids(s, CompanyFilter(), sort="project_count", descending=True)
        assert by_projects[0] == ids["byd"]
        by_money = company_ids(s, CompanyFilter(), sort="planned_investment", descending=True)
        assert by_money[0] == ids["byd"]
        rows = company_rows(s, [ids["catl"], ids["byd"], "missing"])
        assert [r.id for r in rows] == [ids["catl"], ids["byd"]]
        byd = rows[1]
        assert byd.project_count == 2
        assert byd.planned_investment == Decimal(520000)
        assert byd.tags == "世界500强"
        assert byd.place == "深圳市"
        query = CompanyListQuery(CompanyFilter(text="比亚迪"))
        assert query.ids(s) == [ids["byd"]]
        raw = query.fetch_rows(s, [ids["byd"]])[0]
        assert raw[0] == ids["byd"]
        assert raw[row_index("name")] == "比亚迪股份有限公司"


def test_detail_contacts_tags_projects(db) -> None:
    with db.session() as s:
        ids = _seed(s)
        detail = company_detail(s, ids["byd"])
        assert detail is not None and detail.industry_code == "36"
        assert company_detail(s, ids["gone"]) is None
        contacts = company_contacts(s, ids["byd"])
        assert [c.name for c in contacts] == ["王经理"]
        assert contacts[0].phone == "13800138000"
        tags = company_tags(s, ids["byd"])
        assert [(t.edition_year, t.rank) for t in tags] == [(2025, 143), (2024, 212)]
        names = {p.name for p in company_projects(s, ids["byd"])}
        assert names == {"比亚迪电池项目", "比亚迪整车项目"}
        options = industry_options(s)
        assert options[0].code == "A"


def test_pinyin_search(db) -> None:
    with db.session() as s:
        ids = _seed(s)
        assert company_ids(s, CompanyFilter(text="ningde")) == [ids["catl"]]
        assert company_ids(s, CompanyFilter(text="byd")) == [ids["byd"]]
