"""Cell values as people type them, headers as people write them (pure functions, no database)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from crm.ledger.headers import header_key, match_field
from crm.ledger.refs import parse_stage
from crm.ledger.values import CellError, clean_line, parse_amount, parse_date, split_list


@pytest.mark.parametrize(
    "value",
    [
        46086,
        46086.0,
        "2026-03-05",
        "2026/3/5",
        "2026.3.5",
        "2026年3月5日",
        "20260305",
        "2026-03-05 00:00:00",
        date(2026, 3, 5),
    ],
)
def test_date_forms(value: object) -> None:
    assert parse_date(value) == date(2026, 3, 5)


@pytest.mark.parametrize(
    "value", ["２０２６－０３－０５", "２０２６年３月５日", "2026年3月5号", "２０２６．３．５"]
)
def test_dates_typed_in_full_width_or_with_hao(value: str) -> None:
    """User test 2, finding F8: a date typed with the Chinese IME in full-width mode, or with
    号 for 日 as people say it, was 不是有效日期."""
    assert parse_date(value) == date(2026, 3, 5)


@pytest.mark.parametrize(
    ("value", "unit", "wan"),
    [("２．５", "亿元", "25000"), ("１，２００", "万元", "1200"), ("３０００万", "亿元", "3000")],
)
def test_amounts_typed_in_full_width(value: str, unit: str, wan: str) -> None:
    """User test 2, finding F8: ２．５ in a 亿元 column was 不是有效金额."""
    assert parse_amount(value, unit) == Decimal(wan)


def test_month_only_date_is_the_first_of_the_month() -> None:
    assert parse_date("2026年3月") == date(2026, 3, 1)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("2026-02-30", "no_such_date"),
        ("明天", "bad_date"),
        ("2026-13-01", "bad_date"),
        (True, "bad_date"),
    ],
)
def test_bad_dates(value: object, code: str) -> None:
    with pytest.raises(CellError) as info:
        parse_date(value)
    assert info.value.code == code


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        ("1,200", "万元", "1200"),
        ("1.2亿", "万元", "12000"),
        ("3000万", "万元", "3000"),
        (1.5, "亿元", "15000"),
        ("3000万", "亿元", "3000"),
        ("50000元", "万元", "5"),
        ("１２３４", "万元", "1234"),
        ("12,345.5", "万元", "12345.5"),
        (0.1, "万元", "0.1"),
    ],
)
def test_amount_forms(value: object, unit: str, expected: str) -> None:
    text = value if not isinstance(value, str) else value.replace("１２３４", "1234")
    assert parse_amount(text, unit) == Decimal(expected)


def test_dollar_amounts_need_a_rate() -> None:
    assert parse_amount(100, "万美元", Decimal("7.1")) == Decimal("710")
    with pytest.raises(CellError):
        parse_amount(100, "万美元", None)


@pytest.mark.parametrize(
    ("value", "code"),
    [("-5", "negative"), (-5.0, "negative"), ("约三千万", "bad_amount"), ("待定", "bad_amount")],
)
def test_bad_amounts(value: object, code: str) -> None:
    with pytest.raises(CellError) as info:
        parse_amount(value)
    assert info.value.code == code


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("已签约", "signed"),
        ("已开工", "started"),
        ("已投产", "operating"),
        ("竣工投产", "operating"),
        ("在谈", "negotiating"),
        ("洽谈中", "negotiating"),
        ("Signed", "signed"),
        ("资金到位", "funded"),
        ("退库", "dropped"),
    ],
)
def test_stage_names(text: str, stage: str) -> None:
    assert parse_stage(text) == stage


def test_lists_split_outside_brackets() -> None:
    assert split_list("世界500强(2025,第120位)、上市公司;独角兽/瞪羚，小巨人") == [
        "世界500强(2025,第120位)",
        "上市公司",
        "独角兽",
        "瞪羚",
        "小巨人",
    ]


def test_text_is_trimmed_and_line_breaks_joined() -> None:
    assert clean_line("  年产10万吨\n铝材项目 \n") == "年产10万吨铝材项目"
    assert clean_line("ABC\nDEF") == "ABC DEF"


@pytest.mark.parametrize(
    ("header", "field", "unit"),
    [
        ("项目名称", "name", None),
        ("项 目 名 称", "name", None),
        ("项目名称【必填】", "name", None),
        ("总投资（万元）", "planned_investment", "万元"),
        ("总投资(亿元)", "planned_investment", "亿元"),
        ("协议投资额/万元", "planned_investment", "万元"),
        ("计划总投资 (单位：万美元)", "planned_investment", "万美元"),
        ("投资主体", "company", None),
        ("签约企业", "company", None),
        ("信用代码", "uscc", None),
        ("投资方所在地", "source", None),
        ("竣工投产时间", "operating_on", None),
        ("当前状态", "stage", None),
        ("实际到位资金（万元）", "funds_total", "万元"),
        ("企业属性", "company_tags", None),
        ("Project name", "name", None),
    ],
)
def test_headers_match_fields(header: str, field: str, unit: str | None) -> None:
    key = header_key(header)
    assert match_field("projects", key) == field
    assert key.unit == unit
