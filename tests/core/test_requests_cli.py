"""`crm request …`, `crm brief --kind requests` and the requests figures in `crm stats`."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from crm.cli import main
from crm.db import open_database
from crm.models import EnterpriseRequest
from crm.services import companies


@pytest.fixture
def db_path(sqlite_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "cli.sqlite"
    shutil.copy(sqlite_template, path)
    database = open_database(path)
    with database.session() as s:
        companies.create_company(s, name="广西测试铝业有限公司", hq_region_code="450100")
    database.close()
    return path


def _ids(path: Path) -> list[str]:
    database = open_database(path)
    try:
        with database.read() as s:
            return list(
                s.scalars(select(EnterpriseRequest.id).order_by(EnterpriseRequest.received_on))
            )
    finally:
        database.close()


def _text(path: Path) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(path).pages))


def test_request_from_the_command_line_to_the_notice(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(db_path)]
    add = [*db, "request", "add", "--company", "广西测试铝业有限公司", "--channel", "热线"]
    assert main([*add, "--received", "2026-11-02", "--category", "用地", "--content", "缺用地指标",
                 "--unit", "自然资源局", "--due", "2026-11-10"]) == 0  # fmt: skip
    assert main([*add, "--received", "2026-11-03", "--category", "融资", "--content", "贷款难",
                 "--unit", "金融办", "--due", "2026-11-05"]) == 0  # fmt: skip
    first, second = (i[:8] for i in _ids(db_path))
    assert main([*db, "request", "reply", first, "--text", "已解决", "--on", "2026-11-08"]) == 0
    assert (
        main([*db, "request", "visit", first, "--satisfaction", "满意", "--on", "2026-11-09"]) == 0
    )
    assert main([*db, "request", "escalate", second, "--unit", "督查室", "--on", "2026-11-07"]) == 0
    # A visit before any reply is refused in one sentence, nothing written.
    assert (
        main([*db, "request", "visit", second, "--satisfaction", "满意", "--on", "2026-11-09"]) == 1
    )
    assert "尚无答复" in capsys.readouterr().err
    assert main([*db, "request", "list", "--json"]) == 0
    listed = {r["id"][:8]: r for r in json.loads(capsys.readouterr().out)}
    assert listed[first]["status"] == "closed" and listed[first]["closed_on"] == "2026-11-09"
    assert listed[second]["status"] == "accepted" and listed[second]["overdue"] is True

    pdf, xlsx = tmp_path / "通报.pdf", tmp_path / "通报.xlsx"
    args = [*db, "brief", "--kind", "requests", "--period", "2026-11", "--out", str(pdf)]
    assert main([*args, "--xlsx", str(xlsx), "--issued", "2026-12-02"]) == 0
    assert "企业诉求办理情况通报" in capsys.readouterr().out
    text = _text(pdf)
    # Two received, one closed on time: 办结率 50%, 按时 100%, 满意 100%; one overdue.
    assert (
        "本期收到企业诉求2件、项目问题0件；受理2件，其中本期收到的已办结1件，"
        "办结率50.0%，按时办结率100.0%" in text
    )
    assert "回访1件，满意率100.0%；期末未办结1件，其中逾期1件" in text
    assert "贷款难" in text  # the overdue list
    sheets = openpyxl.load_workbook(xlsx)
    ranking = list(sheets["承办单位排名"].iter_rows(min_row=3, max_row=4, values_only=True))
    assert [(r[0], r[1], r[5]) for r in ranking] == [(1, "自然资源局", 100.0), (2, "金融办", 0.0)]

    out = tmp_path / "stats.json"
    assert main([*db, "stats", "--period", "2026-11", "--out", str(out)]) == 0
    total = json.loads(out.read_text(encoding="utf-8"))["requests"]["total"]
    assert (total["received"], total["closed"], total["closed_pct"]) == (2, 1, 50.0)
    assert total["overdue_at_end"] == 1


def test_brief_problems_section_carries_the_requests(db_path: Path, tmp_path: Path) -> None:
    db = ["--db", str(db_path)]
    add = [*db, "request", "add", "--company", "广西测试铝业有限公司", "--channel", "走访"]
    assert (
        main([*add, "--received", "2026-11-02", "--category", "用地", "--content", "缺指标"]) == 0
    )
    pdf = tmp_path / "brief.pdf"
    assert (
        main([*db, "brief", "--period", "2026-11", "--out", str(pdf), "--issued", "2026-12-02"])
        == 0
    )
    assert (
        "本期收到企业诉求1件、项目问题0件；受理1件，其中本期收到的已办结0件，办结率0.0%"
        in _text(pdf)
    )


def test_requests_are_found_by_the_id_end_lists_show(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An import's ids share their start (crm.ledger.ids): lists show the end, which is what
    a person types back; the start alone is then ambiguous and refused."""
    db = ["--db", str(db_path)]
    add = [*db, "request", "add", "--company", "广西测试铝业有限公司", "--channel", "热线"]
    for content in ("缺用地指标", "贷款难"):
        assert main([*add, "--received", "2026-11-02", "--category", "用地", "--content",
                     content]) == 0  # fmt: skip
    database = open_database(db_path)
    try:
        with database.engine.begin() as conn:  # as one import would number them
            for n, old in enumerate(_ids(db_path)):
                new = f"0190aaaa-bbbb-7ccc-8ddd-{n:012d}"
                conn.execute(
                    EnterpriseRequest.__table__.update()
                    .where(EnterpriseRequest.id == old)
                    .values(id=new)
                )
    finally:
        database.close()
    first, second = _ids(db_path)
    assert first[:8] == second[:8]
    capsys.readouterr()
    assert main([*db, "request", "list"]) == 0
    listed = capsys.readouterr().out
    assert first[-8:] in listed and second[-8:] in listed
    assert (
        main([*db, "request", "reply", second[-8:], "--text", "已协调", "--on", "2026-11-08"]) == 0
    )
    assert main([*db, "request", "reply", first[:8], "--text", "已协调", "--on", "2026-11-08"]) == 1
    assert "找不到唯一的诉求" in capsys.readouterr().err


def test_a_bad_request_is_refused_by_the_fields_own_names(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """User test 2, findings F22 and F23: 「channel 的取值未知：飞鸽」 and, for a request
    received in the future, 「到位日期不能是将来的日期」 (the funds sheet's name)."""
    add = ["--db", str(db_path), "request", "add", "--company", "广西测试铝业有限公司",
           "--content", "缺用地指标"]  # fmt: skip
    assert main([*add, "--channel", "飞鸽", "--received", "2026-11-02", "--category", "用地"]) == 1
    assert capsys.readouterr().err.endswith(
        "诉求来源的取值未知：飞鸽（可选：走访、热线、座谈会、网上平台、来信来访、其他）\n"
    )
    assert main([*add, "--channel", "走访", "--received", "2026-11-02", "--category", "外星"]) == 1
    assert "诉求类别的取值未知：外星（可选：用地、环评、资金" in capsys.readouterr().err
    assert main([*add, "--channel", "走访", "--received", "2099-01-01", "--category", "用地"]) == 1
    assert capsys.readouterr().err.endswith("受理日期不能是将来的日期：2099-01-01\n")
