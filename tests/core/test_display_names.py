"""Names in the language asked (crm.reference.display) and the units already written
(crm.queries.units): English names come from the shipped reference data, worked out here by
hand from resources/reference/*.csv."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from crm.queries.companies import company_rows
from crm.queries.project_list import fetch_project_rows
from crm.queries.units import used_units
from crm.reference.display import display_name
from crm.services import companies, problems, teams
from crm.services import projects as project_service
from crm.services import requests as request_service

TODAY = date(2026, 6, 30)


def test_display_name_by_kind() -> None:
    # industries_en.csv: 36,Manufacture of Automobiles; regions_en.csv: 450100,Nanning
    assert display_name("industry", "36", "汽车制造业", "en") == "Manufacture of Automobiles"
    assert display_name("industry", "36", "汽车制造业", "zh") == "汽车制造业"
    assert display_name("region", "450100", "南宁市", "en") == "Nanning"
    # tag_kinds.csv / industry_chains.csv / countries.csv carry their English names
    assert display_name("tag", "fortune_global_500", "世界500强", "en") == "Fortune Global 500"
    assert display_name("chain", "nev", "新能源汽车", "en") == "New energy vehicles"
    assert display_name("stage", "signed", "", "en") == "Signed"
    assert display_name("stage", "signed", "", "zh") == "签约"
    # a bureau's own chain without an English name keeps its Chinese one
    assert display_name("chain", "own_chain", "螺蛳粉产业", "en") == "螺蛳粉产业"
    assert display_name("chain", "own_chain", "螺蛳粉产业", "en", en="Snail noodles") == (
        "Snail noodles"
    )
    assert display_name("industry", None, None, "en") == ""


@pytest.fixture
def project_id(db) -> str:
    with db.session() as s:
        company = companies.create_company(
            s, name="深圳比亚迪股份有限公司", hq_region_code="440300", industry_code="36"
        ).id
        companies.add_company_tag(
            s, company_id=company, tag="fortune_global_500", edition_year=2025
        )
        return project_service.create_project(
            s,
            name="新能源汽车零部件项目",
            company_id=company,
            planned_investment=Decimal(500000),
            industry_code="36",
            chain_code="nev",
            source_region_code="440300",
            landing_region_code="450100",
        ).id


def test_project_row_in_english_shows_english_reference_names(db, project_id) -> None:
    with db.read() as s:
        (en,) = fetch_project_rows(s, [project_id], today=TODAY, language="en")
        (zh,) = fetch_project_rows(s, [project_id], today=TODAY, language="zh")
    assert (en.industry, en.source_place, en.landing, en.chain, en.tags) == (
        "Manufacture of Automobiles",
        "Shenzhen",
        "Nanning",
        "New energy vehicles",
        "Fortune Global 500",
    )
    assert (zh.industry, zh.source_place, zh.landing, zh.chain, zh.tags) == (
        "汽车制造业",
        "深圳市",
        "南宁市",
        "新能源汽车",
        "世界500强",
    )


def test_company_row_in_english(db, project_id) -> None:
    with db.read() as s:
        company_id = fetch_project_rows(s, [project_id], today=TODAY)[0].company_id
        (en,) = company_rows(s, [company_id], "en")
    assert (en.industry, en.place, en.tags) == (
        "Manufacture of Automobiles",
        "Shenzhen",
        "Fortune Global 500",
    )


def test_used_units_each_once_in_pinyin_order(db, project_id) -> None:
    with db.session() as s:
        company = companies.create_company(s, name="南宁某某食品有限公司").id
        request_service.raise_request(
            s,
            company_id=company,
            channel="visit",
            received_on=TODAY,
            category="land",
            content="用地报批",
            handling_unit="南宁市自然资源局",
            co_units="市发展改革委、南宁市自然资源局",
            today=TODAY,
        )
        problems.raise_problem(
            s,
            project_id=project_id,
            category="land",
            description="用地指标不足",
            responsible_unit="邕宁区人民政府",
            raised_on=TODAY,
            today=TODAY,
        )
        teams.create_team(s, name="驻深圳招商工作队", home_unit="市投资促进局")
    with db.read() as s:
        units = used_units(s)
    # by pinyin: nan2 ning2 …, shi4 fa1 …, shi4 tou2 …, yong1 …
    assert units == ["南宁市自然资源局", "市发展改革委", "市投资促进局", "邕宁区人民政府"]
