"""Request lists (企业诉求台账) through `crm import`: preview, one transaction, statuses moved
as the sheet says, problems named by row and column, re-import changes nothing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select
from test_ledger_support import write_xlsx

from crm.cli import main
from crm.db import open_database
from crm.models import EnterpriseRequest, RequestVisit
from crm.services import companies

HEADER = [
    "序号", "企业名称", "诉求来源", "受理日期", "诉求类别", "诉求内容", "承办单位", "协办单位",
    "办理时限", "办理状态", "答复内容", "答复日期", "回访结果", "回访日期", "督办单位", "督办日期",
    "不予受理理由",
]  # fmt: skip
ROWS = [
    [1, "甲铝业有限公司", "走访", "2026-11-02", "用地", "缺用地指标", "自然资源局",
     "住建局、发改委", "2026-11-20", "已办结", "已调剂", "2026-11-10", "满意", "2026-11-12",
     "", "", ""],
    [2, "甲铝业有限公司", "12345热线", "2026-11-05", "融资", "贷款难", "金融办", "",
     "2026-11-15", "办理中", "", "", "", "", "市督查室", "2026-11-16", ""],
    [3, "甲铝业有限公司", "网上平台", "2026-11-06", "政策兑现", "补贴申请", "发改委", "",
     "", "不予受理", "", "", "", "", "", "", "不属于本级事权"],
]  # fmt: skip


@pytest.fixture
def db_path(sqlite_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "import.sqlite"
    shutil.copy(sqlite_template, path)
    database = open_database(path)
    with database.session() as s:
        companies.create_company(s, name="甲铝业有限公司", hq_region_code="450100")
    database.close()
    return path


def _sheet(tmp_path: Path, rows: list[list[object]]) -> Path:
    return write_xlsx(
        tmp_path / "诉求.xlsx", {"企业诉求台账": [["2026年企业诉求台账"], HEADER, *rows]}
    )


def _requests(path: Path) -> list[tuple]:
    database = open_database(path)
    try:
        with database.read() as s:
            r = EnterpriseRequest
            query = select(
                r.content, r.channel, r.category, r.status, r.closed_on, r.satisfaction,
                r.escalation_unit, r.co_units, r.reject_reason,
            ).order_by(r.received_on)  # fmt: skip
            rows = [
                tuple(str(v) if v is not None else None for v in row) for row in s.execute(query)
            ]
            rows.append(("visits", s.scalar(select(func.count()).select_from(RequestVisit))))
            return rows
    finally:
        database.close()


def test_a_request_list_imports_with_its_statuses(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _sheet(tmp_path, ROWS)
    db = ["--db", str(db_path)]
    assert main([*db, "import", str(path), "--dry-run"]) == 0
    # sheet, kind, then new / updated / unchanged / invalid / skipped
    assert re.search(r"企业诉求/Enterprise requests\s+3\s+0\s+0\s+0", capsys.readouterr().out)
    assert _requests(db_path) == [("visits", 0)]  # the preview wrote nothing
    assert main([*db, "import", str(path)]) == 0
    assert _requests(db_path) == [
        (
            "缺用地指标",
            "visit",
            "land",
            "closed",
            "2026-11-12",
            "satisfied",
            "",
            "住建局、发改委",
            "",
        ),
        ("贷款难", "hotline", "financing", "handling", None, None, "市督查室", "", ""),
        ("补贴申请", "online", "policy", "rejected", None, None, "", "", "不属于本级事权"),
        ("visits", 1),
    ]
    capsys.readouterr()
    assert main([*db, "import", str(path)]) == 0
    assert re.search(r"企业诉求/Enterprise requests\s+0\s+0\s+3\s+0", capsys.readouterr().out)
    assert len(_requests(db_path)) == 4  # nothing twice


def test_bad_rows_are_named_and_nothing_is_written(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = [row[:] for row in ROWS]
    bad[0][13] = ""  # 回访结果 without 回访日期
    bad[1][1] = "不存在的企业"
    path = _sheet(tmp_path, bad)
    assert main(["--db", str(db_path), "import", str(path), "--strict"]) == 1
    out = capsys.readouterr().out
    assert "企业诉求台账 / 第3行 / 回访日期" in out
    assert "企业诉求台账 / 第4行 / 企业名称" in out
    assert _requests(db_path) == [("visits", 0)]


def test_export_then_import_back_changes_nothing(
    db_path: Path, sqlite_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(db_path)]
    assert main([*db, "import", str(_sheet(tmp_path, ROWS))]) == 0
    ledger = tmp_path / "ledger.xlsx"
    assert main([*db, "export", "ledger", "--out", str(ledger)]) == 0
    capsys.readouterr()
    assert main([*db, "import", str(ledger), "--dry-run"]) == 0
    assert re.search(r"企业诉求/Enterprise requests\s+0\s+0\s+3\s+0", capsys.readouterr().out)
    # Into another database: the same requests, statuses and visits.
    other = tmp_path / "other.sqlite"
    shutil.copy(sqlite_template, other)
    assert main(["--db", str(other), "import", str(ledger), "--from-other-db"]) == 0
    assert _requests(other) == _requests(db_path)


def test_a_bureau_list_is_read_in_the_companies_tags_column(db_path: Path, tmp_path: Path) -> None:
    from crm.models import Company, CompanyTag
    from crm.services import key_enterprises as key

    database = open_database(db_path)
    with database.session() as s:
        listed = key.define_company_list(s, name_zh="市级重点企业").id
    database.close()
    path = write_xlsx(
        tmp_path / "企业.xlsx",
        {
            "企业": [
                ["企业名称", "统一社会信用代码", "企业标签"],
                ["乙机械有限公司", None, "市级重点企业（2026）、上市公司"],
            ]
        },
    )
    assert main(["--db", str(db_path), "import", str(path)]) == 0
    database = open_database(db_path)
    try:
        with database.read() as s:
            tags = s.execute(
                select(CompanyTag.tag, CompanyTag.edition_year)
                .join(Company, Company.id == CompanyTag.company_id)
                .where(Company.name == "乙机械有限公司")
                .order_by(CompanyTag.tag)
            ).all()
            assert sorted(tuple(t) for t in tags) == sorted([("listed", None), (listed, 2026)])
    finally:
        database.close()


def test_the_preview_shows_the_status_a_satisfied_visit_brings(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A row 已答复 whose 回访结果 is 满意: the visit closes the request (crm.request_states),
    so the preview says 已办结, the status written (it said 已答复: user test 2, F16)."""
    row = [1, "甲铝业有限公司", "热线", "2026-11-05", "水电", "供电不稳", "供电局", "",
           "2026-11-20", "已答复", "已协调", "2026-11-10", "满意", "2026-11-12",
           "", "", ""]  # fmt: skip
    path = _sheet(tmp_path, [row])
    db = ["--db", str(db_path)]
    assert main([*db, "import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "办理状态: 已办结" in out and "办理状态: 已答复" not in out
    assert main([*db, "import", str(path)]) == 0
    assert _requests(db_path)[0][3] == "closed"
