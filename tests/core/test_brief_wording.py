"""Brief wording (issue 8): 倍 for growth over 100%, no sentence about nothing, period
labels for 旬 and cut periods, funds actually received in the stage table, top-N tables that
say so, the team ranking folded, the bureau's own words. Figures from tests/core/
test_stats_data.py (the small world), worked out by hand."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy.orm import Session
from test_stats_data import Builder, build_small_world

from crm.db import Database
from crm.periods import parse_period
from crm.reports.build import build_brief
from crm.reports.numbers import change_phrase, growth_words, to_yi
from crm.reports.summary import summary_paragraphs
from crm.reports.tables import brief_tables
from crm.stats import brief_figures
from crm.stats.model import Figure

D = Decimal
AS_OF = date(2026, 11, 23)


@pytest.fixture
def world(sqlite_db: Database) -> Iterator[tuple[Session, Builder]]:
    with sqlite_db.session() as session:
        yield session, build_small_world(session)


def squashed_pdf(path: Path) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(path).pages))


@pytest.mark.parametrize(
    ("now", "before", "phrase"),
    [
        ("184", "10", "同比增长17.4倍"),  # +1740%
        ("1836.1", "100", "同比增长17.4倍"),  # +1736.1%, never "增长1736.1%"
        ("583.3", "100", "同比增长4.8倍"),
        ("200", "100", "同比增长100.0%"),  # 100% exactly stays in %
        ("138.8", "100", "同比增长38.8%"),
        ("94.8", "100", "同比下降5.2%"),
        ("5", "0", "上年同期为零"),
        ("0", "0", "与上年同期持平"),
    ],
)
def test_growth_over_100_percent_reads_in_times(now: str, before: str, phrase: str) -> None:
    assert change_phrase(Figure(D(now), D(before))) == phrase


def test_growth_words_alone() -> None:
    assert growth_words(D(1740)) == "增长17.4倍"
    assert growth_words(D("-100")) == "下降100.0%"


def test_no_sentence_about_nothing(world: tuple[Session, Builder]) -> None:
    """January 2026: nothing started or went into operation this year nor last; P1 got its
    first funds on 15 January. The progress sentence names only the funds."""
    paragraphs = summary_paragraphs(brief_figures(world[0], parse_period("2026-01"), as_of=AS_OF))
    text = "".join(paragraphs)
    assert "新开工项目0个" not in text and "新投产项目0个" not in text
    assert "项目推进方面，新增资金到位项目1个" in text


def test_period_labels_for_xun_and_cut_periods(world: tuple[Session, Builder]) -> None:
    xun = brief_figures(world[0], parse_period("2026-11-2"), as_of=AS_OF)
    assert "1—11月中旬累计到位资金" in summary_paragraphs(xun)[0]
    assert "累计（1—11月中旬）" in brief_tables(xun)["总体情况"].header
    cut = brief_figures(world[0], parse_period("2026-11"), as_of=AS_OF)
    assert summary_paragraphs(cut)[0].startswith("11月（截至11月23日），")
    assert "截至11月23日累计到位资金" in summary_paragraphs(cut)[0]
    early = brief_figures(world[0], parse_period("2026-01-1"), as_of=AS_OF)
    assert early.ytd is None  # the first 旬 of the year is its own year to date
    assert parse_period("YTD:2026-01-10").short_label_zh == "1月上旬"


def test_stage_table_funded_row_shows_funds_received(world: tuple[Session, Builder]) -> None:
    """2026-Q1 funds received: 1000 + 2000 (P1) + 500 (P2) = 3500 = 0.35亿; last year 800."""
    table = brief_tables(brief_figures(world[0], parse_period("2026-Q1"), as_of=AS_OF))["项目推进"]
    funded = next(r for r in table.rows if r[0] == "资金到位")
    assert funded[1:5] == (2, to_yi(D(3500)), 2, to_yi(D(800)))
    assert "资金到位一行为本期实际到位资金" in table.note


def test_top_n_tables_say_so(world: tuple[Session, Builder]) -> None:
    """12 more projects signed in February 2026 (15 in Q1), 17 more overdue problems (18
    overdue at the end of Q1): the key-project table lists 10 of 15, the overdue table 15
    of 18, and each says so."""
    session, b = world
    for n in range(12):
        name = f"Q{n:02d} 补充项目"
        b.project(name, investment=str(100 + n), signed=date(2026, 2, 1 + n))
        b.problem(name, "permits", raised=date(2026, 2, 1), due=date(2026, 3, 1))
    for n in range(5):
        b.problem(f"Q{n:02d} 补充项目", "land", raised=date(2026, 2, 2), due=date(2026, 3, 2))
    tables = brief_tables(brief_figures(session, parse_period("2026-Q1"), as_of=AS_OF))
    assert len(tables["重点项目"].rows) == 10
    assert tables["重点项目"].note == "本期新签约项目共15个，列投资额前10个。"
    assert len(tables["逾期问题"].rows) == 15
    assert tables["逾期问题"].note == "逾期未办结问题共18个，列到期最早的前15个。"


def test_team_ranking_folds_teams_without_activity(world: tuple[Session, Builder]) -> None:
    """Two idle teams join the two active ones: the table lists the two active and 北京,
    whose 0% the completion chart shows (every team with a target is in it), ranked 1, 2, 3
    in its own order; one line for 成都, and the total of all four."""
    session, b = world
    b.team("南宁市驻北京招商工作队", target_wan="50000")
    b.team("南宁市驻成都招商工作队")
    figures = brief_figures(session, parse_period("2026-Q1"), as_of=AS_OF)
    rows = brief_tables(figures)["驻点工作队"].rows
    assert [r[:2] for r in rows] == [
        (1, "南宁市驻深圳招商工作队"),
        (2, "南宁市驻北京招商工作队"),
        (3, "南宁市驻上海招商工作队"),
        ("", "其余1支工作队本期未签约且无到位资金"),
        ("", "合计"),
    ]
    assert figures.teams.total.team_count == 4
    assert rows[-1][2] == 3  # all newly signed projects of the teams


def test_printed_brief_reads_as_a_bureau_writes(world: tuple[Session, Builder], tmp_path: Path
                                                ) -> None:  # fmt: skip
    out = tmp_path / "q1.pdf"
    build_brief(world[0], parse_period("2026-Q1"), issued_on=date(2026, 4, 3), pdf_path=out)
    text = squashed_pdf(out)
    assert "同比增长4.8倍" in text and "%增长" not in text
    assert "注：本简报招商引资数据不含市内投资项目及资金。" in text
    # Guangxi's words: 区外境内, 区内市外.
    assert "区外境内项目2个" in text and "区内市外项目1个" in text
