"""`crm brief --kind dispatch|ranking` and the dispatch keys of `crm stats`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from crm.cli import main
from crm.db import Database
from tests.core.dispatch_seed import seed_counties, seed_dispatch


def _text(path: Path) -> str:
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    return text.replace(" ", "").replace("\n", "")


@pytest.fixture
def seeded(sqlite_db: Database) -> str:
    with sqlite_db.session() as s:
        seed_dispatch(s)
        seed_counties(s)
    return str(sqlite_db.path)


def test_dispatch_notice_pdf_and_xlsx(seeded: str, tmp_path: Path, capsys) -> None:
    out, xlsx = tmp_path / "d.pdf", tmp_path / "d.xlsx"
    args = ["--issued", "2026-11-20", "--out", str(out), "--xlsx", str(xlsx)]
    assert (
        main(["--db", seeded, "brief", "--kind", "dispatch", "--period", "2026-11-2", *args]) == 0
    )
    assert "2026年11月中旬重大项目调度通报" in capsys.readouterr().out
    text = _text(out)
    assert "累计完成投资2.9亿元，年度完成率52.7%，序时进度88.8%" in text
    assert "新开工项目计划2个，已开工1个，开工率50.0%" in text
    assert "竣工率50.0%" in text and "储备项目1个" in text
    assert "主体结构封顶" in text and "用电增容待批" in text
    # 万元 amounts of the project table whole, with separators (20,000, not 20000.0).
    assert "铝材深加工项目自治区/省级重点项目20,0002,00018,00090.0" in text
    book = load_workbook(xlsx)
    sheet = book["项目完成投资明细"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert rows[0][1:7] == ["铝材深加工项目", "自治区/省级重点项目", 20000, 2000, 18000, 90]
    assert [r[1] for r in book["储备清单"].iter_rows(min_row=3, values_only=True)] == ["储备项目"]


def test_ranking_notice(seeded: str, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    assert main(["--db", seeded, "brief", "--kind", "ranking", "--period", "2026-11-2",
                 "--issued", "2026-11-20", "--out", str(out)]) == 0  # fmt: skip
    text = _text(out)
    assert "2026年11月中旬招商引资排序通报" in text
    assert "1青秀区5.04.080.03升2位" in text  # rank, county, target, done, rate, was 3rd


def test_stats_json_has_dispatch_targets_and_rankings(seeded: str, capsys) -> None:
    assert main(["--db", seeded, "stats", "--period", "2026-11-2"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["dispatch"]["total"]["year_plan"] == 55000.0
    assert data["dispatch"]["total"]["completed_ytd"] == 29000.0
    assert data["dispatch"]["four_lists"][0]["rate_pct"] == 50.0
    assert {r["key"]: r["rate_pct"] for r in data["targets"]["rows"]}["450103"] == 80.0
    assert [r["key"] for r in data["rankings"][0]["rows"]] == ["450103", "450102", "450105"]


def test_unknown_kind_is_refused(seeded: str, capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--db", seeded, "brief", "--kind", "weekly", "--period", "2026-11-2"])
    assert "weekly" in capsys.readouterr().err
