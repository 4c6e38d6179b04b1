"""Fixes found by a new user: periods not over yet, imported histories, table and figure
numbers, shares of nothing, titles, the CLI's help, output paths and progress."""

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
from crm.errors import CrmError
from crm.periods import parse_period
from crm.reports.build import build_brief
from crm.services import projects, stages
from crm.stats import brief_figures, parse_scope

AS_OF = date(2026, 11, 23)


@pytest.fixture
def world(sqlite_db: Database) -> Iterator[tuple[Session, Builder]]:
    with sqlite_db.session() as session:
        yield session, build_small_world(session)


def squashed_text(path: Path) -> str:
    return re.sub(r"\s+", "", "\n".join(p.extract_text() for p in PdfReader(path).pages))


# --- 1. a period not over yet -------------------------------------------------------------


def test_year_not_over_is_counted_to_as_of(world: tuple[Session, Builder]) -> None:
    figures = brief_figures(world[0], parse_period("2026"), as_of=AS_OF)
    assert figures.period.end == AS_OF and figures.period.is_cut
    assert figures.period.label_zh == "2026年"
    # Last year over the same span, not the whole year.
    assert (figures.previous.start, figures.previous.end) == (date(2025, 1, 1), date(2025, 11, 23))
    # 序时进度 at 23 November (day 327 of 365), not 100 %.
    assert figures.teams.elapsed_pct == Decimal(327 * 100) / 365
    # No December bucket; November only to the 23rd, against 1–23 November last year.
    assert [p.label for p in figures.funds.trend][-1] == "11月"
    assert figures.funds.trend[-1].end == AS_OF
    # Overdue days at 23 November: the land problem was due 28 February.
    land = next(o for o in figures.problems.overdue if o.category == "land")
    assert land.days_overdue == (AS_OF - date(2026, 2, 28)).days


def test_month_not_over_and_future_period(world: tuple[Session, Builder]) -> None:
    figures = brief_figures(world[0], parse_period("2026-11"), as_of=AS_OF)
    assert figures.period.end == AS_OF and figures.previous.end == date(2025, 11, 23)
    assert figures.period.code == "2026-11"
    past = brief_figures(world[0], parse_period("2026-Q1"), as_of=AS_OF)
    assert not past.period.is_cut and past.period.end == date(2026, 3, 31)
    with pytest.raises(CrmError, match=r"尚未开始.*/ Period 2027 has not begun"):
        brief_figures(world[0], parse_period("2027"), as_of=AS_OF)


def test_brief_of_year_not_over_says_so(world: tuple[Session, Builder], tmp_path: Path) -> None:
    out = tmp_path / "year.pdf"
    build_brief(world[0], parse_period("2026"), issued_on=AS_OF, pdf_path=out)
    text = squashed_text(out)
    assert "截至12月31日" not in text
    assert "2026年（截至11月23日），" in text
    assert "本期数据截至2026年11月23日；上年同期为2025年1月1日—11月23日" in text
    assert "项目库各阶段情况（截至11月23日）" in text
    assert "12月" not in text.split("到位资金分月情况")[-1]


# --- 2. pipeline from the project's own history -------------------------------------------


def test_pipeline_uses_history_not_created_at(world: tuple[Session, Builder]) -> None:
    session, builder = world
    # Recorded (as an import does) long after the fact: created today, history from 2025.
    lead = projects.create_project(session, name="历史线索项目", lead_on=date(2025, 3, 1)).id
    talks = projects.create_project(session, name="历史在谈项目").id
    stages.move_stage(session, talks, to_stage="negotiating", on=date(2025, 6, 1), today=AS_OF)
    undated = projects.create_project(session, name="无日期项目").id
    session.flush()
    pipeline = {
        p.stage: p.count
        for p in brief_figures(session, parse_period("2025-H2"), as_of=AS_OF).stages.pipeline
    }
    assert pipeline["lead"] == 1  # 历史线索项目; 无日期项目 falls back to created_at (today)
    assert pipeline["negotiating"] >= 1
    before = {
        p.stage: p.count
        for p in brief_figures(session, parse_period("2025-01"), as_of=AS_OF).stages.pipeline
    }
    assert before["lead"] == 0 and before["negotiating"] == 0  # their history starts later
    assert undated and lead and builder


# --- 3. numbers in print order, captions kept with tables, the 阶段 column ----------------


def caption_numbers(text: str, mark: str) -> list[int]:
    return [int(n) for n in re.findall(mark + r"(\d+)(?=[^\d])", text)]


@pytest.mark.parametrize("scope", ["", "team:南宁市驻上海招商工作队"])
def test_tables_and_figures_numbered_in_print_order(
    world: tuple[Session, Builder], tmp_path: Path, scope: str
) -> None:
    session = world[0]
    out = tmp_path / "b.pdf"
    build_brief(
        session,
        parse_period("2026-Q1"),
        parse_scope(session, scope),
        issued_on=date(2026, 4, 3),
        pdf_path=out,
    )
    text = squashed_text(out)
    tables = caption_numbers(text, "表")
    figures = caption_numbers(text, "图")
    assert tables == list(range(1, len(tables) + 1)) and len(tables) >= 10
    assert figures == list(range(1, len(figures) + 1)) and figures


def test_long_table_caption_never_alone_and_stage_column_fits(
    world: tuple[Session, Builder],
) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import CondPageBreak

    from crm.reports.fonts import FONT_NAME, register_fonts
    from crm.reports.pdf_style import CELL_FONT_SIZE, CELL_PADDING, CONTENT_WIDTH
    from crm.reports.pdf_tables import table_flow
    from crm.reports.tables import BriefTable, brief_tables

    register_fonts()
    rows = tuple((f"行{n}", n) for n in range(40))
    flow = table_flow(BriefTable("k", "长表", ("名称", "数"), rows, (1.0, 1.0)), "表1 长表")
    assert isinstance(flow[0], CondPageBreak)  # caption, header and rows start together
    key = brief_tables(brief_figures(world[0], parse_period("2026-Q1"), as_of=AS_OF))["重点项目"]
    column = key.header.index("阶段")
    room = CONTENT_WIDTH * key.widths[column] / sum(key.widths) - 2 * CELL_PADDING
    assert stringWidth("资金到位", FONT_NAME, CELL_FONT_SIZE) <= room


# --- 4. a share of nothing ------------------------------------------------------------------


def test_share_of_zero_total_is_a_dash(world: tuple[Session, Builder], tmp_path: Path) -> None:
    from crm.reports.numbers import share_text
    from crm.reports.tables import brief_tables

    assert share_text(Decimal(0), Decimal(0)) == "—"
    assert share_text(Decimal("28.57"), Decimal(7)) == "28.6%"
    out = tmp_path / "empty.pdf"
    built = build_brief(world[0], parse_period("2030-Q1"), issued_on=date(2030, 4, 1), pdf_path=out)
    text = squashed_text(out)
    assert "占比0.0%" not in text and "的0.0%" not in text
    # The share of nothing is a dash in a table cell, never in a sentence (briefwords):
    # the prose says there was nothing instead.
    assert "占比—" not in text and "的—" not in text
    assert "本期无新签约项目，上年同期也没有。" in text
    assert "本期全市招商引资无到位资金，上年同期也没有。" in text
    tables = brief_tables(built.figures)
    assert all(row[3] is None for row in tables["分来源类别"].rows)
    assert tables["到位资金来源"].rows[-1][2] is None


# --- 5. titles ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "title"),
    [
        ("YTD:2026-11-23", "招商引资工作简报（2026年1月1日—11月23日）"),
        ("YTD:2026-10-31", "2026年1—10月招商引资工作简报"),
        ("2026-03-05..2026-06-17", "招商引资工作简报（2026年3月5日—6月17日）"),
        ("2026", "2026年度招商引资工作简报"),
    ],
)
def test_titles_follow_one_pattern(period: str, title: str) -> None:
    from crm.reports.titles import brief_title
    from crm.stats import BUREAU

    assert brief_title(parse_period(period), BUREAU) == title
    assert brief_title(parse_period(period).cut_at(date(2026, 3, 10)), BUREAU) == title


# --- 6.–8. the command line -----------------------------------------------------------------


def test_cli_help_names_the_real_default(capsys: pytest.CaptureFixture[str]) -> None:
    from crm.cli import main

    with pytest.raises(SystemExit):
        main(["brief", "--help"])
    help_text = re.sub(r"\s+", "", capsys.readouterr().out)
    assert "<标题>" not in help_text
    assert "招商引资简报_2026-Q3.pdf" in help_text


def test_cli_bad_output_paths(
    world: tuple[Session, Builder],
    sqlite_db: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from crm.cli import main

    world[0].commit()
    db = ["--db", str(sqlite_db.path)]
    folder = tmp_path / "out"
    folder.mkdir()
    for command in (["brief", "--period", "2026-Q1"], ["stats", "--period", "2026-Q1"]):
        assert main([*db, *command, "--out", str(folder)]) == 1
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and str(folder) in err and "Traceback" not in err
        assert "文件夹" in err
    assert list(folder.iterdir()) == []
    assert main([*db, "brief", "--period", "2026-Q1", "--out", "/proc/x.pdf"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "/proc/x.pdf" in err
    assert not Path("/proc/.x.pdf.part").exists()
    assert main([*db, "brief", "--period", "2030"]) == 1
    assert "尚未开始" in capsys.readouterr().err
    # A typo in the folder makes no new folders; a PDF is not written under another ending.
    missing = tmp_path / "no" / "such" / "x.pdf"
    assert main([*db, "brief", "--period", "2026-Q1", "--out", str(missing)]) == 1
    err = capsys.readouterr().err
    assert f"文件夹 {missing.parent} 不存在" in err and not (tmp_path / "no").exists()
    assert main([*db, "brief", "--period", "2026-Q1", "--out", str(tmp_path / "x.docx")]) == 1
    assert "文件名应以 .pdf 结尾" in capsys.readouterr().err
    assert not (tmp_path / "x.docx").exists()


def test_cli_progress_only_on_a_terminal(
    world: tuple[Session, Builder],
    sqlite_db: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from crm.cli import main

    world[0].commit()
    out = tmp_path / "b.pdf"
    assert main(["--db", str(sqlite_db.path), "brief", "--period", "2026-Q1",
                 "--out", str(out), "--issued", "2026-04-03"]) == 0  # fmt: skip
    captured = capsys.readouterr()
    assert captured.err == ""  # captured stderr is not a terminal
    assert str(out) in captured.out


def test_write_failure_leaves_nothing(tmp_path: Path) -> None:
    from crm.reports.files import write_file_atomically

    target = tmp_path / "a.pdf"
    target.mkdir()
    with pytest.raises(CrmError, match=r"a\.pdf"):
        write_file_atomically(target, b"x")
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(CrmError, match="Cannot write"):
        write_file_atomically(blocker / "b.pdf", b"x")  # parent is a file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf", "file"]
