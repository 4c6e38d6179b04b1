"""`crm analyze`: xlsx with numbers as numbers and a last 合计 row, JSON, saved analyses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from test_stats_data import build_small_world

from crm.analysis import AnalysisSpec
from crm.analysis.saved import delete_analysis, save_analysis, saved_analyses
from crm.cli import main
from crm.db import open_database
from crm.errors import NotFoundError
from crm.periods import parse_period


@pytest.fixture
def db_path(sqlite_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "cli.sqlite"
    shutil.copy(sqlite_template, path)
    database = open_database(path)
    with database.session() as session:
        build_small_world(session)
    database.close()
    return path


def test_xlsx_has_numbers_and_ends_with_the_total(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "分析.xlsx"
    args = ["--db", str(db_path), "analyze", "--measure", "signed_investment",
            "--by", "team,industry", "--period", "2026-Q1", "--out", str(out)]  # fmt: skip
    assert main(args) == 0
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][0] == "2026年一季度 签约额（万元） 按 工作队 × 行业门类"
    header = rows[1]
    assert header[0] == "工作队" and header[-4:] == ("合计", "上年同期", "同比(%)", "占比(%)")
    last = dict(zip(header, rows[-1], strict=True))
    assert last["工作队"] == "合计"
    assert last["合计"] == 175000 and isinstance(last["合计"], int | float)
    assert last["制造业"] == 50000
    shanghai = dict(zip(header, rows[2], strict=True))
    assert shanghai["工作队"] == "南宁市驻上海招商工作队" and shanghai["同比(%)"] is None


def test_json_and_a_filter(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--db", str(db_path), "analyze", "--measure", "signed_count", "--by", "industry",
            "--period", "2026-Q1", "--filter", "team=南宁市驻深圳招商工作队", "--json"]  # fmt: skip
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    rows = {r["label"]: r["values"]["本期"] for r in data["rows"]}
    assert rows == {"制造业": 1, "建筑业": 1, "合计": 2}
    assert data["rows"][0]["key"] == "C"


def test_bad_dimension_is_one_sentence(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--db", str(db_path), "analyze", "--measure", "funds", "--by", "colour",
            "--period", "2026"]  # fmt: skip
    assert main(args) == 1
    assert "未知的分组维度：colour" in capsys.readouterr().err


def test_saved_analyses_are_kept_in_the_database(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--db", str(db_path), "analyze", "--measure", "funds", "--by", "month",
            "--period", "2026-Q1", "--save", "月度到位"]  # fmt: skip
    assert main(args) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "analyze", "--saved", "月度到位", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rows"][-1]["values"]["本期"] == 3500
    database = open_database(db_path)
    try:
        with database.session() as session:
            spec = AnalysisSpec("signed_count", ("stage",), parse_period("2026"))
            save_analysis(session, "月度到位", spec)  # the same name replaces
            assert [(n, s.measure) for n, s in saved_analyses(session)] == [
                ("月度到位", "signed_count")
            ]
            delete_analysis(session, "月度到位")
            assert saved_analyses(session) == []
            with pytest.raises(NotFoundError):
                delete_analysis(session, "月度到位")
    finally:
        database.close()
    # Running a deleted one: the same sentence (and error kind) as deleting it.
    assert main(["--db", str(db_path), "analyze", "--saved", "月度到位"]) == 1
    assert "没有名为“月度到位”的分析" in capsys.readouterr().err


def test_a_team_or_chain_that_does_not_exist_is_said_not_counted_as_nothing(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """User test 2, finding F20: --filter team=<a misspelt team> printed a table of zeros
    (合计 0) as if the team had signed nothing."""
    base = ["--db", str(db_path), "analyze", "--measure", "signed_count", "--by", "industry",
            "--period", "2026-Q1"]  # fmt: skip
    assert main([*base, "--filter", "team=南宁市驻深证招商工作队"]) == 1
    assert "找不到工作队：南宁市驻深证招商工作队" in capsys.readouterr().err
    assert main([*base, "--filter", "chain=不存在的产业链"]) == 1
    assert "找不到产业链：不存在的产业链" in capsys.readouterr().err
    assert main([*base, "--filter", "team=南宁市驻深圳招商工作队"]) == 0


def test_the_saved_analyses_are_listed_as_people_read_them(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """User test 2, finding F19: --list printed each saved analysis as its JSON."""
    args = ["--db", str(db_path), "analyze", "--measure", "funds", "--by", "month,team",
            "--period", "2026-Q1", "--filter", "industry=制造业", "--save", "月度到位"]  # fmt: skip
    assert main(args) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "analyze", "--list"]) == 0
    assert capsys.readouterr().out == (
        "月度到位：到位资金 · 按月份、工作队 · 2026年一季度（2026-Q1） · 行业门类=制造业\n"
    )
