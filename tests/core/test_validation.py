"""USCC check characters, phone normalisation, names, money."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crm.money import format_yi, to_decimal, wan_to_fen
from crm.names import normalize_company_name
from crm.validation import (
    USCC_ALPHABET,
    is_mainland_mobile,
    is_valid_uscc,
    normalize_phone,
    uscc_check_char,
    uscc_problem,
)

# Published codes of real firms.
REAL_USCC = [
    "914403001922038216",  # 华为技术有限公司
    "91110108551385082Q",  # 小米科技有限责任公司
    "91330100799655058B",  # 阿里巴巴(中国)有限公司
]


def test_real_codes_are_valid() -> None:
    for code in REAL_USCC:
        assert is_valid_uscc(code), code


def test_every_single_character_corruption_is_caught() -> None:
    code = REAL_USCC[0]
    for position in range(18):
        for replacement in USCC_ALPHABET:
            if replacement != code[position]:
                corrupted = code[:position] + replacement + code[position + 1 :]
                assert not is_valid_uscc(corrupted), corrupted


def test_corrupted_codes_fail() -> None:
    assert uscc_problem("914403001922038217") == "check"
    assert uscc_problem("91440300192203821") == "length"
    assert uscc_problem("9144030019220382I6") == "alphabet"  # I is never used
    assert uscc_problem("914403001922038216") is None


@given(st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17))
def test_every_body_has_exactly_one_check_character(body: str) -> None:
    valid = [c for c in USCC_ALPHABET if is_valid_uscc(body + c)]
    assert valid == [uscc_check_char(body)]


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("+86 138-0013-8000", "13800138000"),
        ("0086 13800138000", "13800138000"),
        ("8613800138000", "13800138000"),
        (" 13800138000 ", "13800138000"),
        ("0771-5551234", "07715551234"),
    ],
)
def test_phone_normalisation(raw: str, normal: str) -> None:
    assert normalize_phone(raw) == normal


def test_mobile_check() -> None:
    assert is_mainland_mobile("13800138000")
    assert not is_mainland_mobile("12800138000")
    assert not is_mainland_mobile("1380013800")


def test_company_name_normalisation_folds_legal_forms_and_width() -> None:
    assert normalize_company_name("比亚迪股份有限公司") == normalize_company_name("比亚迪")
    assert normalize_company_name("阿里巴巴（中国）有限公司") == "阿里巴巴"
    assert normalize_company_name("ＡＢＣ 科技有限公司") == "abc科技"


def test_money_is_exact() -> None:
    parts = [to_decimal("0.1")] * 10
    assert sum(parts, Decimal(0)) == Decimal("1.0")
    assert to_decimal(0.1) == Decimal("0.1")
    assert to_decimal("1,234.5") == Decimal("1234.5")
    assert wan_to_fen(Decimal("1.000001")) == 1_000_001
    assert format_yi(Decimal("14117000")) == "1411.7"
    assert format_yi(Decimal("500")) == "0.1"  # 0.05 亿 rounds half up
    with pytest.raises(ValueError):
        to_decimal("abc")
    with pytest.raises(ValueError):
        to_decimal(float("nan"))


def test_a_typed_amount_is_read_in_wan_with_its_unit() -> None:
    from crm.money import typed_wan

    assert typed_wan("1.5亿") == Decimal(15000)
    assert typed_wan("3,000万元") == Decimal(3000)
    assert typed_wan("800000元") == Decimal(80)
    assert typed_wan(" 42 ") == Decimal(42)
    for bad in ("1.5亿美元", "-3", "abc", "1.5千"):
        with pytest.raises(ValueError):
            typed_wan(bad)
