"""The printable brief: PDF text (pypdf, pdftotext), fonts, pages, xlsx, cancel, the CLI."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
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
from crm.reports.summary import summary_paragraphs
from crm.reports.tables import chart_teams
from crm.stats import Cancelled, brief_figures, parse_scope

ISSUED = date(2026, 4, 3)


@pytest.fixture
def world(sqlite_db: Database) -> Iterator[tuple[Session, Builder]]:
    with sqlite_db.session() as session:
        yield session, build_small_world(session)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def squashed(text: str) -> str:
    """Text without line breaks and spaces: names wrapped inside table cells join up."""
    return re.sub(r"\s+", "", text)


def test_quarter_brief_text_figures_and_pages(world: tuple[Session, Builder], tmp_path: Path
                                              ) -> None:  # fmt: skip
    out = tmp_path / "q1.pdf"
    built = build_brief(world[0], parse_period("2026-Q1"), issued_on=ISSUED, pdf_path=out)
    assert built.title == "2026年一季度招商引资工作简报"
    reader = PdfReader(out)
    assert len(reader.pages) == built.pages
    assert 3 <= built.pages <= 8
    text = squashed(pdf_text(out))
    assert "2026年一季度招商引资工作简报" in text
    assert "南宁市投资促进局" in text and "2026年4月3日" in text
    # Headline figures as briefs print them.
    # Growth over 100% reads in 倍: +483.3% is 增长4.8倍, +337.5% is 增长3.4倍.
    assert "新签约项目3个，总投资额17.5亿元，同比增长4.8倍" in text
    assert "到位资金0.4亿元，同比增长3.4倍" in text
    assert "占比28.6%，比重比上年同期下降71.4个百分点" in text
    for name in ("南宁市驻深圳招商工作队", "南宁市驻上海招商工作队"):
        assert name in text
    for n in range(1, built.pages + 1):
        assert f"第{n}页共{built.pages}页" in text


def test_summary_paragraph_reads_like_a_bureau_brief(world: tuple[Session, Builder]) -> None:
    figures = brief_figures(world[0], parse_period("2026-Q1"))
    first = summary_paragraphs(figures)[0]
    assert first == (
        "一季度，全市招商引资到位资金0.4亿元，同比增长3.4倍；"
        "新签约项目3个，总投资额17.5亿元，同比增长4.8倍。"
    )
    month = summary_paragraphs(brief_figures(world[0], parse_period("2026-02")))[0]
    assert month.startswith("2月，全市招商引资无到位资金，上年同期也没有；新签约项目1个，")
    assert "同比下降75.0%" in month
    assert "1—2月累计到位资金0.1亿元，上年同期为零；累计新签约项目2个，总投资额5.5亿元，" in month


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdftotext_gives_back_the_chinese_exactly(world: tuple[Session, Builder], tmp_path: Path
                                                  ) -> None:  # fmt: skip
    out = tmp_path / "w.pdf"
    build_brief(world[0], parse_period("2026-W10"), issued_on=ISSUED, pdf_path=out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, check=True,
                          text=True).stdout  # fmt: skip
    assert "招商引资工作周报（2026年第10周）" in text
    assert "驻点招商工作队工作情况" in text


def test_fonts_are_embedded_subsets(world: tuple[Session, Builder], tmp_path: Path) -> None:
    out = tmp_path / "q1.pdf"
    build_brief(world[0], parse_period("2026-Q1"), issued_on=ISSUED, pdf_path=out)
    fonts = {}
    for page in PdfReader(out).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts
    for name, font in fonts.items():
        descendant = (
            font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        )
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, name  # embedded TrueType
        assert re.match(r"/[A-Z]{6}\+", name), name  # subset prefix


def test_team_brief_shows_only_that_team(world: tuple[Session, Builder], tmp_path: Path) -> None:
    session = world[0]
    out = tmp_path / "team.pdf"
    scope = parse_scope(session, "team:南宁市驻深圳招商工作队")
    built = build_brief(session, parse_period("2026-Q1"), scope, issued_on=ISSUED, pdf_path=out)
    assert built.title == "2026年一季度南宁市驻深圳招商工作队招商引资工作简报"
    text = squashed(pdf_text(out))
    assert "南宁市驻上海招商工作队" not in text
    assert "P2软件研发中心" not in text  # the other team's project
    assert "新签约项目2个，总投资额5.5亿元" in text


def test_empty_period_builds(world: tuple[Session, Builder], tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    built = build_brief(world[0], parse_period("2030-Q1"), issued_on=date(2030, 4, 1), pdf_path=out)
    text = squashed(pdf_text(out))
    assert "一季度，全市招商引资无到位资金、无新签约项目，上年同期也没有。" in text
    assert "新签约项目0个" not in text
    assert "本期无新签约项目" in text
    assert built.pages >= 2


def test_xlsx_has_one_sheet_per_table_with_numbers(world: tuple[Session, Builder], tmp_path: Path
                                                   ) -> None:  # fmt: skip
    from openpyxl import load_workbook

    xlsx = tmp_path / "q1.xlsx"
    build_brief(world[0], parse_period("2026-Q1"), issued_on=ISSUED, xlsx_path=xlsx)
    book = load_workbook(xlsx)
    assert {"总体情况", "分产业", "驻点工作队", "重点项目"} <= set(book.sheetnames)
    overview = book["总体情况"]
    assert overview["A3"].value == "新签约项目"
    assert overview["C3"].value == 3 and isinstance(overview["C3"].value, int)
    assert overview["C4"].value == pytest.approx(17.5)  # 亿元 as a number
    teams = book["驻点工作队"]
    assert teams["B3"].value == "南宁市驻深圳招商工作队"
    assert teams["H3"].value == pytest.approx(55.0)  # completion %
    # The sub-row under 其中：制造业 is indented by the cell's format, not by spaces in it
    # (user test 3: '\u3000\u3000\u3000非制造业' broke a reader's sort and filter).
    industries = book["分产业"]
    (cell,) = [c for (c,) in industries.iter_rows(max_col=1) if c.value and "非制造业" in c.value]
    assert cell.value == "非制造业" and cell.alignment.indent == 6


def test_cancel_writes_no_file(world: tuple[Session, Builder], tmp_path: Path) -> None:
    out = tmp_path / "cancelled.pdf"
    calls = iter(range(1000))
    with pytest.raises(Cancelled):
        build_brief(world[0], parse_period("2026-Q1"), issued_on=ISSUED, pdf_path=out,
                    should_cancel=lambda: next(calls) >= 20)  # fmt: skip
    assert not out.exists()


def test_progress_reaches_one(world: tuple[Session, Builder]) -> None:
    seen: list[float] = []
    built = build_brief(world[0], parse_period("2026-Q1"), issued_on=ISSUED,
                        keep_pdf_bytes=True, progress=seen.append)  # fmt: skip
    assert built.pdf is not None and built.pdf.startswith(b"%PDF")
    assert seen == sorted(seen) and seen[-1] == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("period", "scope"),
    [("2026-W47", ""), ("2026-11-2", ""), ("2026-10", "source:gba"), ("2026-Q3", ""),
     ("2026-H1", "place:南宁市"), ("YTD:2026-09-30", "")],
)  # fmt: skip
def test_demo_briefs(demo_db: Database, tmp_path: Path, period: str, scope: str) -> None:
    with demo_db.session() as session:
        figures = brief_figures(session, parse_period(period), parse_scope(session, scope))
        out = tmp_path / "demo.pdf"
        built = build_brief(session, parse_period(period), parse_scope(session, scope),
                            issued_on=date(2026, 11, 23), pdf_path=out)  # fmt: skip
    text = squashed(pdf_text(out))
    assert squashed(built.title) in text
    from crm.reports.numbers import yi

    assert f"总投资额{yi(figures.signed.total.investment.current)}亿元" in text
    # Teams that signed or received funds, and the chart's, are listed; the others are
    # one line.
    charted = {t.team_id for t in chart_teams(figures)}
    active = [
        t
        for t in figures.teams.rows
        if t.signed.count.current or t.funds.current or t.team_id in charted
    ]
    for team in active:
        assert squashed(team.name) in text, team.name
    folded = len(figures.teams.rows) - len(active)
    if folded and active:
        assert f"其余{folded}支工作队本期未签约且无到位资金" in text
    assert 3 <= built.pages <= 20


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The tiny demo ledger, made once for this module."""
    from crm.db import open_database
    from crm.demo import generate_demo

    database = open_database(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    generate_demo(database, scale="tiny", seed=7, today=date(2026, 11, 23))
    yield database
    database.close()


def test_cli_brief_and_stats(
    world: tuple[Session, Builder],
    sqlite_db: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from crm.cli import main

    world[0].commit()
    db_path = str(sqlite_db.path)
    out = tmp_path / "cli.pdf"
    xlsx = tmp_path / "cli.xlsx"
    assert main(["--db", db_path, "brief", "--period", "2026-Q1", "--out", str(out),
                 "--xlsx", str(xlsx), "--issued", "2026-04-03"]) == 0  # fmt: skip
    assert out.exists() and xlsx.exists()
    capsys.readouterr()
    assert main(["--db", db_path, "stats", "--from", "2026-01-01", "--to", "2026-03-31",
                 "--scope", "source:gba"]) == 0  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert data["period"]["code"] == "2026-01-01..2026-03-31"
    assert data["signed"]["total"]["investment"]["current"] == 50000.0
    assert main(["--db", db_path, "stats", "--ytd", "2026-02-28"]) == 0
    assert json.loads(capsys.readouterr().out)["signed"]["total"]["count"]["current"] == 2
    assert main(["--db", db_path, "brief", "--period", "2026-W60"]) == 1
    assert "2026年没有第60周" in capsys.readouterr().err
    assert main(["--db", db_path, "stats", "--period", "2026", "--ytd", "2026-01-01"]) == 1


def test_number_formats() -> None:
    from crm.reports.numbers import ahead_phrase, change_phrase, pct, points_phrase, yi
    from crm.stats.model import Figure

    assert yi(Decimal("14117499")) == "1411.7"
    assert yi(Decimal("14117500")) == "1411.8"  # half up
    assert yi(Decimal(0)) == "0.0"
    assert pct(None) == "—"
    assert pct(Decimal("-0.04")) == "0.0"
    assert change_phrase(Figure(Decimal(1388), Decimal(1000))) == "同比增长38.8%"
    assert change_phrase(Figure(Decimal(948), Decimal(1000))) == "同比下降5.2%"
    assert change_phrase(Figure(Decimal(5), Decimal(0))) == "上年同期为零"
    assert change_phrase(Figure(Decimal(0), Decimal(0))) == "与上年同期持平"
    assert points_phrase(Decimal("4.56")) == "提升4.6个百分点"
    assert points_phrase(Decimal("-1.25")) == "下降1.3个百分点"
    assert ahead_phrase(Decimal("10.5")) == "超序时进度10.5个百分点"
    assert ahead_phrase(Decimal("-3.24")) == "落后序时进度3.2个百分点"


@pytest.mark.parametrize(
    ("period", "title"),
    [
        ("2026-W47", "招商引资工作周报（2026年第47周）"),
        ("2026-11-2", "招商引资工作旬报（2026年11月中旬）"),
        ("2026-11", "招商引资工作月报（2026年11月）"),
        ("2026-Q1", "2026年一季度招商引资工作简报"),
        ("2026-H1", "2026年上半年招商引资工作简报"),
        ("2026", "2026年度招商引资工作简报"),
        ("YTD:2026-09-30", "2026年前三季度招商引资工作简报"),
        ("2026-03-05..2026-04-02", "招商引资工作简报（2026年3月5日—4月2日）"),
    ],
)
def test_titles(period: str, title: str) -> None:
    from crm.reports.titles import brief_title
    from crm.stats import BUREAU

    assert brief_title(parse_period(period), BUREAU) == title


def test_brief_on_every_backend(db: Database, tmp_path: Path) -> None:
    """The whole path (statistics, PDF, xlsx) on SQLite and, when configured, PostgreSQL."""
    out, xlsx = tmp_path / "b.pdf", tmp_path / "b.xlsx"
    with db.session() as session:
        build_small_world(session)
        built = build_brief(
            session, parse_period("2026-Q1"), issued_on=ISSUED, pdf_path=out, xlsx_path=xlsx
        )
    assert "新签约项目3个，总投资额17.5亿元，同比增长4.8倍" in squashed(pdf_text(out))
    assert built.pages >= 3 and xlsx.exists()
