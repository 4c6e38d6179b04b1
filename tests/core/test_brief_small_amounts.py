"""Small and empty figures read as a bureau writes them: a small amount that is not zero is
printed with the places that show it (30万元 is 0.003亿元, never 0.0亿元) in the prose, the
tables, the xlsx and the money helpers; a section with nothing in it says so in words."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy.orm import Session
from test_stats_data import Builder

from crm.db import Database
from crm.money import format_yi, shown_places
from crm.periods import parse_period
from crm.reports.build import build_brief
from crm.reports.numbers import yi


def test_places_grow_only_for_a_small_amount_that_is_not_zero() -> None:
    assert format_yi(Decimal(30)) == "0.003"  # 30万元
    assert format_yi(Decimal(300)) == "0.03"
    assert format_yi(Decimal(1)) == "0.0001"  # one 万元: the ledger's own unit
    assert format_yi(Decimal("0.4")) == "0.0"  # under half a 万元: nothing to show
    assert format_yi(Decimal(0)) == "0.0"
    assert format_yi(Decimal(-30)) == "-0.003"  # a correction
    assert format_yi(Decimal(500)) == "0.1"  # 0.05 rounds half up: one place shows it
    assert format_yi(Decimal(14117499)) == "1411.7"
    assert yi(Decimal(30)) == "0.003"  # the briefs' name for the same rule
    assert shown_places(Decimal("0.04")) == 2 and shown_places(Decimal("12.34")) == 1


def test_a_month_with_one_small_signing_prints_it(sqlite_db: Database, tmp_path: Path) -> None:
    pdf, xlsx = tmp_path / "m.pdf", tmp_path / "m.xlsx"
    with sqlite_db.session() as session:
        _one_small_signing(session)
        build_brief(session, parse_period("2026-05"), issued_on=date(2026, 6, 2), pdf_path=pdf,
                    xlsx_path=xlsx)  # fmt: skip
    text = "".join("".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    assert "新签约项目1个，总投资额0.003亿元" in text
    overview = load_workbook(xlsx)["总体情况"]
    investment = next(row for row in overview.iter_rows(min_row=3) if row[0].value == "签约投资额")
    assert investment[2].value == 0.003 and investment[2].number_format == "0.000"


def _one_small_signing(session: Session) -> None:
    b = Builder(session)
    b.team("南宁市驻深圳招商工作队")
    b.project("小型设备维修点", investment="30", signed=date(2026, 5, 12),
              team="南宁市驻深圳招商工作队")  # fmt: skip


def test_a_period_without_500_strong_signings_says_so_in_words(
    sqlite_db: Database, tmp_path: Path
) -> None:
    """Not 「新签约500强企业投资项目0个，涉及企业0家，投资额0.0亿元，占比0.0%」."""
    pdf = tmp_path / "m.pdf"
    with sqlite_db.session() as session:
        _one_small_signing(session)  # its investor is on no list
        build_brief(session, parse_period("2026-05"), issued_on=date(2026, 6, 2), pdf_path=pdf)
    text = "".join("".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    assert "本期无500强企业新签约项目，上年同期也没有。" in text
    assert "500强企业投资项目0个" not in text
