"""A junk file behind a ledger's header (issue: "a million junk rows wrote 97 junk projects"):
when invalid rows outnumber the valid ones, the preview says nothing will be written, and
nothing is; a real ledger with a few bad rows still imports its good ones."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crm.db import Database
from crm.ledger import ImportOptions, LedgerError, apply_plan, build_plan
from crm.models import Project

TODAY = date(2026, 6, 30)
HEADER = "项目名称,投资方,协议投资额（万元）\n"


def _write(path: Path, good: int, junk: int) -> Path:
    lines = [f"真实项目{i},真实投资方{i}有限公司,{1000 + i}\n" for i in range(good)]
    # Junk: random-looking names with an amount no ledger has.
    lines += [f"x{i}q7,y{i}Zk,w{i}zz\n" for i in range(junk)]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def _projects(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(Project)) or 0


def test_a_mostly_invalid_sheet_is_refused_whole_and_the_preview_says_so(
    sqlite_db: Database, tmp_path: Path
) -> None:
    path = _write(tmp_path / "junk.csv", good=20, junk=150)
    plan = build_plan(sqlite_db, path, ImportOptions(today=TODAY))
    assert [(s.invalid, s.new) for s in plan.mostly_invalid] == [(150, 20)]
    warning = [p for p in plan.problems if p.code == "mostly_invalid"]
    assert len(warning) == 1 and "无效行 150 行多于有效行 20 行" in warning[0].message_zh
    with pytest.raises(LedgerError) as refused:
        apply_plan(sqlite_db, plan)
    assert "未写入任何数据" in str(refused.value.message("zh"))
    assert _projects(sqlite_db) == 0


def test_a_ledger_with_a_few_bad_rows_imports_its_good_ones(
    sqlite_db: Database, tmp_path: Path
) -> None:
    path = _write(tmp_path / "ledger.csv", good=150, junk=120)
    plan = build_plan(sqlite_db, path, ImportOptions(today=TODAY))
    assert plan.mostly_invalid == []
    apply_plan(sqlite_db, plan)
    assert _projects(sqlite_db) == 150
