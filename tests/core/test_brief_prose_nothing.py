"""Prose of a period with nothing to compare (a bureau chief's reading): a sentence never
carries a dash ('占新签约投资额的—', '占比—', '办结率—%'); it drops the share of a zero
whole or says there was nothing. A dash stays right in a table cell.

The small world (tests/core/test_stats_data.py), 2026年2月中旬 (11—20 February): nothing signed
(P7 signed on 10 February; P4, signed on 1 February, is deleted), no funds (P7's entry of
15 February is deleted). Last year's 2月中旬: P5 signed on 15 February 2025, 20000万元 from
Guangzhou (粤港澳大湾区), no funds. Worked out by hand."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader
from test_stats_data import build_small_world

from crm.db import Database
from crm.periods import parse_period
from crm.reports.build import build_brief
from crm.reports.numbers import rate_clause, share_clause
from crm.reports.summary import summary_paragraphs
from crm.stats import brief_figures

AS_OF = date(2026, 11, 23)
PERIOD = parse_period("2026-02-2")
#: A dash inside a sentence: after 占比/的, or before %.
DASH_IN_PROSE = re.compile(r"(占比|的|率)—|—%")


def _pdf_text(path: Path) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(path).pages))


def test_a_period_with_nothing_signed_and_no_funds_reads_in_words(
    sqlite_db: Database, tmp_path: Path
) -> None:
    out = tmp_path / "brief.pdf"
    with sqlite_db.session() as s:
        build_small_world(s)
        figures = brief_figures(s, PERIOD, as_of=AS_OF)
        build_brief(s, PERIOD, issued_on=AS_OF, pdf_path=out)
    text = _pdf_text(out)
    # 二、分产业: no '制造业项目0个……占新签约投资额的—'.
    assert "本期无新签约项目（上年同期1个，投资额2.0亿元）。" in text
    assert "新签约制造业项目0个" not in text
    # 三、分来源地: the key regions had P5 last year.
    label = figures.signed.key_regions.label
    assert f"本期{label}等重点区域无新签约项目（上年同期1个，投资额2.0亿元）。" in text
    # 七、到位资金: no '其中制造业到位资金0.0亿元，占比—'.
    assert "本期全市招商引资无到位资金，上年同期也没有。" in text
    assert "其中制造业到位资金" not in text
    # 一、总体情况: the teams' sentence leaves out the share of nothing signed.
    paragraphs = "".join(summary_paragraphs(figures))
    assert "驻点招商工作方面，2支驻点工作队本期均无新签约项目，2026年累计" in paragraphs
    assert "占全市的" not in paragraphs
    assert not DASH_IN_PROSE.search(text), DASH_IN_PROSE.search(text)
    # A table cell keeps its dash (表2's 占比 of nothing).
    assert "合计00.0—2.0-100.0" in text


def test_signed_projects_but_no_funds(sqlite_db: Database, tmp_path: Path) -> None:
    """2026年2月上旬: P7 signed (5000万元, construction, in-province), no funds received."""
    out = tmp_path / "brief.pdf"
    period = parse_period("2026-02-1")
    with sqlite_db.session() as s:
        build_small_world(s)
        build_brief(s, period, issued_on=AS_OF, pdf_path=out)
    text = _pdf_text(out)
    assert "新签约制造业项目0个、投资额0.0亿元，占新签约投资额的0.0%；非制造业项目1个" in text
    assert "本期全市招商引资无到位资金，上年同期也没有。" in text
    assert not DASH_IN_PROSE.search(text), DASH_IN_PROSE.search(text)


def test_share_and_rate_clauses() -> None:
    assert share_clause("，占比", Decimal("28.57"), Decimal(7)) == "，占比28.6%"
    assert share_clause("，占比", Decimal(0), Decimal(0)) == ""
    assert rate_clause("，开工率", Decimal(75)) == "，开工率75.0%"
    assert rate_clause("，开工率", None) == ""


def test_no_start_this_period_but_one_last_year_reads_in_words(sqlite_db: Database) -> None:
    """2027年2月中旬: nothing started; a year before, P7 (5000万元) started on 20 February
    2026. The summary says so in words, not '新开工项目0个、投资额0.0亿元，同比下降100.0%'
    (user test 2, F15)."""
    with sqlite_db.session() as s:
        build_small_world(s)
        figures = brief_figures(s, parse_period("2027-02-2"), as_of=date(2027, 3, 1))
    (progress,) = [p for p in summary_paragraphs(figures) if p.startswith("项目推进方面")]
    assert progress.startswith("项目推进方面，本期无新开工项目（上年同期1个，投资额0.5亿元）；")
    assert "0个" not in progress and "下降100.0%" not in progress


def test_the_headline_says_no_funds_and_no_signing_in_words(sqlite_db: Database) -> None:
    """2026年2月中旬 has no funds in either year, and nothing signed where last year's 2月中旬
    signed P5 (1 project, 20000万元 = 2.0亿元): the opening sentence says so, not
    '到位资金0.0亿元，与上年同期持平；新签约项目0个，总投资额0.0亿元，同比下降100.0%'."""
    with sqlite_db.session() as s:
        build_small_world(s)
        figures = brief_figures(s, PERIOD, as_of=AS_OF)
    headline = summary_paragraphs(figures)[0]
    assert headline.startswith(
        "2月中旬，全市招商引资无到位资金，上年同期也没有；"
        "无新签约项目（上年同期1个，投资额2.0亿元）。"
    )
    assert "0.0亿元" not in headline.split("。")[0] and "下降100.0%" not in headline


def test_a_period_empty_in_both_years_is_said_once(sqlite_db: Database) -> None:
    """2030年一季度: nothing in 2030 nor in 2029 — one clause, not two '上年同期也没有'."""
    with sqlite_db.session() as s:
        build_small_world(s)
        figures = brief_figures(s, parse_period("2030-Q1"), as_of=date(2030, 4, 1))
    assert summary_paragraphs(figures)[0].startswith(
        "一季度，全市招商引资无到位资金、无新签约项目，上年同期也没有。"
    )
