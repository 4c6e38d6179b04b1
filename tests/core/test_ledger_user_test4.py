"""User test 4, finding 4: in an exported 问题清单, the 办理结果 or 销号日期 of a problem already
resolved (已销号) was edited and imported; the preview and the write listed only the other
changed cell and the resolution stayed as on record, unsaid. The problem service writes them
only when it resolves a problem (close_problem), so the import leaves them and says so on the
cell: 未修改（请在问题详情中重新打开后再销号）; the other cell is written as before."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from crm.db import Database
from crm.ledger import ImportOptions, apply_plan, build_plan, export_ledger
from crm.ledger.fields import Sheet
from crm.models import Problem
from crm.services import problems, projects

TODAY = date(2026, 6, 30)
NAME = "测试QA新能源电池项目"
KEPT = "已销号问题的{}与系统中不同，未修改（请在问题详情中重新打开后再销号）"


def _resolved_problem_exported(db: Database, path: Path) -> str:
    with db.session() as s:
        pid = projects.create_project(s, name=NAME).id
        problem_id = problems.raise_problem(
            s, project_id=pid, category="land", description="缺用地指标",
            raised_on=date(2026, 3, 1), responsible_unit="县发改局", today=TODAY,
        ).id  # fmt: skip
        problems.close_problem(
            s, problem_id, resolution="已调剂指标", resolved_on=date(2026, 6, 1), today=TODAY
        )
        export_ledger(s, path, sheets=(Sheet.PROBLEMS,))
    return problem_id


def _edit(path: Path, cells: dict[str, Any]) -> dict[str, str]:
    """Edit the problem's row; each header with its column letter, as messages name it."""
    book = openpyxl.load_workbook(path)
    sheet = book["问题清单"]
    headers = [c.value for c in sheet[2]]
    assert sheet.cell(3, headers.index("办理状态") + 1).value == "已销号"
    for header, value in cells.items():
        sheet.cell(3, headers.index(header) + 1).value = value
    book.save(path)
    return {h: f"{h} [{get_column_letter(n)}]" for n, h in enumerate(headers, start=1)}


def _record(db: Database, problem_id: str) -> tuple[str, str, date | None, str]:
    with db.read() as s:
        p = s.get(Problem, problem_id)
        assert p is not None
        return p.status, p.resolution, p.resolved_on, p.responsible_unit


def test_a_resolved_problem_s_edited_resolution_is_said_to_be_left_as_on_record(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "problems.xlsx"
    problem_id = _resolved_problem_exported(db, path)
    column = _edit(path, {"办理结果": "已调剂用地指标200亩", "销号日期": date(2026, 6, 5),
                 "责任单位": "市自然资源局"})  # fmt: skip

    plan = build_plan(db, path, ImportOptions(today=TODAY))

    assert [c.line() for c in plan.planned] == [
        f"问题清单 第3行 更新 {NAME} — 责任单位: 县发改局 → 市自然资源局"
    ]
    kept = [(p.row, p.column, p.severity, p.message_zh) for p in plan.problems
            if p.code == "resolved_kept"]  # fmt: skip
    assert kept == [
        (3, column["办理结果"], "warning", KEPT.format("办理结果")),
        (3, column["销号日期"], "warning", KEPT.format("销号日期")),
    ]
    apply_plan(db, plan)
    assert _record(db, problem_id) == ("resolved", "已调剂指标", date(2026, 6, 1), "市自然资源局")


def test_a_resolved_problem_exported_and_imported_unchanged_says_nothing(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "problems.xlsx"
    _resolved_problem_exported(db, path)

    plan = build_plan(db, path, ImportOptions(today=TODAY))

    assert plan.planned == [] or all(c.status == "unchanged" for c in plan.planned)
    assert [p.line() for p in plan.problems if p.severity != "info"] == []
