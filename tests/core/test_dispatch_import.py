"""Dispatch sheets through `crm import`: the as-of day from header and title (`--as-of`
wins), projects found or created (--create-missing), re-import changes nothing, errors name
row and column, all in one transaction."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from crm.ledger import ImportOptions, LedgerError, apply_plan, build_plan
from crm.models import ChangeLog, CompletionEntry, DispatchProfile, ListEntry, Project
from tests.core.dispatch_seed import seed_dispatch

HEADER = ["序号", "项目名称", "项目业主", "建设性质", "总投资", "2026年计划投资",
          "1-11月中旬累计完成投资", "本旬完成投资", "形象进度", "存在问题", "包保领导"]  # fmt: skip


def _sheet(path: Path, rows: list[list], *, title: str = "2026年全市重大项目调度表",
           header: list[str] = HEADER) -> Path:  # fmt: skip
    book = Workbook()
    sheet = book.active
    sheet.title = "调度"
    if title:
        sheet.append([title])
    sheet.append(["单位：万元"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


P1 = [1, "铝材深加工项目", "某铝业公司", "技改", 80000, 20000, 18500, 2500, "主体封顶", "用电增容", "王副市长"]  # fmt: skip  # noqa: E501
NEW = [2, "全新项目", "新企业", "新建", 30000, 10000, 1200, 1200, "场平", "", ""]


def _entries(s) -> dict[tuple[str, date], tuple[Decimal, Decimal]]:
    rows = s.execute(
        select(Project.name, CompletionEntry.period_end, CompletionEntry.amount,
               CompletionEntry.year_to_date)
        .join(Project, Project.id == CompletionEntry.project_id)
        .where(CompletionEntry.deleted_at.is_(None))
    )  # fmt: skip
    return {(r[0], r[1]): (r[2], r[3]) for r in rows}


def test_import_updates_creates_and_reimport_changes_nothing(db, tmp_path: Path) -> None:
    with db.session() as s:
        seed_dispatch(s)
    path = _sheet(tmp_path / "d.xlsx", [P1, NEW, ["合计", "", "", "", 110000, 30000, 19700]])
    plan = build_plan(db, path, ImportOptions())
    (summary,) = plan.sheets
    assert summary.kind == "dispatch" and (summary.updated, summary.invalid) == (1, 1)
    (error,) = [p for p in plan.problems if p.severity == "error"]
    assert (error.row, error.column) == (5, "项目名称 [B]")  # title, unit, header, P1, NEW
    assert "--create-missing" in error.message_zh
    plan = build_plan(db, path, ImportOptions(create_missing=True))
    assert (plan.sheets[0].new, plan.sheets[0].updated) == (1, 1)
    apply_plan(db, plan)
    with db.session() as s:
        entries = _entries(s)
        # P1's 中旬 entry replaced: 2500 in the 旬, 18500 this year (上旬 16000 before it)
        assert entries[("铝材深加工项目", date(2026, 11, 20))] == (2500, 18500)
        assert entries[("全新项目", date(2026, 11, 20))] == (1200, 1200)
        new = s.scalar(select(Project).where(Project.name == "全新项目"))
        assert new.planned_investment == 30000 and new.code.startswith("ZS2026-")
        lists = s.execute(select(ListEntry.level, ListEntry.year_plan)
                          .where(ListEntry.project_id == new.id)).all()  # fmt: skip
        assert lists == [("city", Decimal(10000))]  # the bureau's level (南宁: a city)
        profile = s.scalar(select(DispatchProfile).where(DispatchProfile.project_id == new.id))
        assert profile.construction_nature == "new"
        # P1 stays on its province list only, with the plan the sheet gives
        p1_lists = s.scalar(select(func.count()).select_from(ListEntry).join(
            Project, Project.id == ListEntry.project_id).where(Project.code == "ZS-1"))  # fmt: skip
        assert p1_lists == 1
    again = build_plan(db, path, ImportOptions(create_missing=True))
    assert (again.sheets[0].new, again.sheets[0].updated, again.sheets[0].unchanged) == (0, 0, 2)


def test_as_of_option_wins_and_cumulative_only(db, tmp_path: Path) -> None:
    with db.session() as s:
        seed_dispatch(s)
    header = ["项目名称", "1-11月累计完成投资"]
    path = _sheet(tmp_path / "d.xlsx", [["铝材深加工项目", 19000]], header=header)
    apply_plan(db, build_plan(db, path, ImportOptions(as_of=date(2026, 11, 30))))
    with db.session() as s:
        # 11-30: the cumulative only; the amount is what it adds to 中旬's 18000
        assert _entries(s)[("铝材深加工项目", date(2026, 11, 30))] == (1000, 19000)


def test_month_header_gives_month_end(db, tmp_path: Path) -> None:
    with db.session() as s:
        seed_dispatch(s)
    path = _sheet(tmp_path / "d.xlsx", [["物流园项目", 5300]],
                  header=["项目名称", "1-12月累计完成投资"])  # fmt: skip
    apply_plan(db, build_plan(db, path, ImportOptions()))
    with db.session() as s:
        assert _entries(s)[("物流园项目", date(2026, 12, 31))] == (300, 5300)
        kind = s.scalar(select(CompletionEntry.period_kind)
                        .where(CompletionEntry.period_end == date(2026, 12, 31)))  # fmt: skip
        assert kind == "month"


def test_bad_rows_are_named_and_strict_writes_nothing(db, tmp_path: Path) -> None:
    with db.session() as s:
        seed_dispatch(s)
    undated = [h.replace("2026年", "年度") for h in HEADER]  # no year in title nor header
    no_year = _sheet(tmp_path / "a.xlsx", [P1], title="", header=undated)
    plan = build_plan(db, no_year, ImportOptions())
    assert [p.code for p in plan.problems if p.severity == "error"] == ["dispatch_no_date"]
    falls = [1, "铝材深加工项目", "", "迁建", 80000, 20000, 100, None, "", "", ""]
    bad_nature = [2, "新能源电池项目", "", "翻新", 0, 30000, 7000, 1000, "", "", ""]
    path = _sheet(tmp_path / "b.xlsx", [falls, bad_nature])
    plan = build_plan(db, path, ImportOptions(strict=True))
    got = {(p.row, p.column, p.code) for p in plan.problems if p.severity == "error"}
    assert got == {(4, "1-11月中旬累计完成投资 [G]", "dispatch_cumulative"),
                   (5, "建设性质 [D]", "dispatch_nature")}  # fmt: skip
    with db.session() as s:
        before = _entries(s)
    with pytest.raises(LedgerError):
        apply_plan(db, plan)
    with db.session() as s:
        assert _entries(s) == before


def test_big_import_goes_in_bulk_with_its_change_log(db, tmp_path: Path) -> None:
    """Above the bulk threshold new rows go in with one executemany per table: the same
    records and one change-log row each; a repeated row is reported, not doubled."""
    with db.session() as s:
        ids = seed_dispatch(s)
    rows = [
        ["铝材深加工项目", "技改", 20000, 19500, "设备安装"],
        ["储备项目", "迁建", 800, 100, "开工准备"],
        ["储备项目", "迁建", 800, 100, "开工准备"],
    ]
    header = ["项目名称", "建设性质", "2026年计划投资", "1-11月下旬累计完成投资", "形象进度"]
    path = _sheet(tmp_path / "d.xlsx", rows, header=header)
    plan = build_plan(db, path, ImportOptions(bulk_threshold=1))
    assert [(p.row, p.code) for p in plan.problems if p.severity == "error"] == [
        (6, "duplicate_row")
    ]
    result = apply_plan(db, plan)
    assert result.bulk
    with db.session() as s:
        entries = _entries(s)
        assert entries[("铝材深加工项目", date(2026, 11, 30))] == (1500, 19500)
        assert entries[("储备项目", date(2026, 11, 30))] == (100, 100)
        p4 = s.execute(select(ListEntry.level, ListEntry.year_plan)
                       .where(ListEntry.project_id == ids["p4"])).all()  # fmt: skip
        assert p4 == [("county", Decimal(800))]  # its county list, plan updated
        nature = s.scalar(select(DispatchProfile.construction_nature)
                          .where(DispatchProfile.project_id == ids["p4"]))  # fmt: skip
        assert nature == "relocation"
        logged = s.execute(
            select(Project.name, ChangeLog.field)
            .join(CompletionEntry, CompletionEntry.id == ChangeLog.record_id)
            .join(Project, Project.id == CompletionEntry.project_id)
            .where(CompletionEntry.period_end == date(2026, 11, 30))
        ).all()  # fmt: skip
        # P1 only added an entry: in bulk, one whole-record row; P4's list plan changed, so
        # its row went through the services, one row per field
        assert [f for n, f in logged if n == "铝材深加工项目"] == ["*"]
        assert "year_to_date" in {f for n, f in logged if n == "储备项目"}


def test_start_and_completion_dates_go_through_the_one_write_path(db, tmp_path: Path) -> None:
    """实际开工时间 moves a signed project to 开工 through the stage service (a start on
    record is kept, a different date said); 计划竣工时间 / 实际竣工时间 set the dispatch
    profile; importing the sheet again changes nothing."""
    from crm.services.stages import move_stage
    from tests.core.dispatch_seed import _project

    with db.session() as s:
        ids = seed_dispatch(s)
        signed = _project(s, "智能装备项目", "ZS-6", 50000)
        move_stage(s, signed, to_stage="signed", on=date(2026, 2, 1), agreement_type="formal",
                   skipped={"negotiating": None})  # fmt: skip
    header = ["项目名称", "1-11月中旬累计完成投资", "实际开工时间", "计划竣工时间", "实际竣工时间"]
    rows = [
        ["智能装备项目", None, date(2026, 6, 1), date(2027, 6, 30), None],
        ["铝材深加工项目", None, date(2026, 4, 1), date(2027, 3, 31), None],
        ["物流园项目", None, date(2025, 6, 1), date(2026, 9, 30), date(2026, 10, 8)],
        ["储备项目", None, date(2026, 7, 1), None, None],  # a lead: no signing, no start
    ]
    path = _sheet(tmp_path / "d.xlsx", rows, header=header)
    plan = build_plan(db, path, ImportOptions())
    found = {(p.row, p.column, p.code, p.severity) for p in plan.problems}
    assert found == {
        (5, "实际开工时间 [C]", "date_differs", "warning"),  # 铝材: started 2026-03-15
        (7, "项目阶段", "stage_date_missing", "error"),
    }
    assert [i.status for i in plan.items["dispatch"]] == ["updated", "updated", "updated",
                                                         "invalid"]  # fmt: skip
    apply_plan(db, plan)
    with db.session() as s:
        project = s.get(Project, signed)
        assert (project.stage, project.started_on) == ("started", date(2026, 6, 1))
        profiles = {
            pid: (p.expected_completion_on, p.completed_on)
            for pid, p in ((p.project_id, p) for p in s.scalars(select(DispatchProfile)))
        }
        assert profiles[signed] == (date(2027, 6, 30), None)
        assert profiles[ids["p1"]] == (date(2027, 3, 31), None)
        assert profiles[ids["p3"]] == (date(2026, 9, 30), date(2026, 10, 8))
        assert s.get(Project, ids["p1"]).started_on == date(2026, 3, 15)  # kept
        assert s.get(Project, ids["p4"]).stage == "lead"
    again = build_plan(db, path, ImportOptions())
    assert [i.status for i in again.items["dispatch"]] == ["unchanged", "unchanged",
                                                          "unchanged", "invalid"]  # fmt: skip


def test_a_cumulative_that_does_not_follow_from_the_period_is_said(db, tmp_path: Path) -> None:
    """User test 2, finding F12: a sheet giving 累计 19000 and 本旬 2500 for a project whose
    上旬 cumulative is 16000 (16000 + 2500 = 18500), or a 中旬 cumulative above the 下旬 one
    on record, was written without a word: the next notice showed the project's cumulative
    falling while its 旬 said it grew."""
    from crm.services import dispatch as svc

    with db.session() as s:
        ids = seed_dispatch(s)  # P1: 11-10 累计 16000, 11-20 本旬 2000 / 累计 18000

    def warnings(name: str, cumulative: int, period: int) -> tuple[list[tuple], Any]:
        row = [1, "铝材深加工项目", "某铝业公司", "技改", 80000, 20000, cumulative, period, "", "",
               ""]  # fmt: skip
        plan = build_plan(db, _sheet(tmp_path / name, [row]), ImportOptions())
        said = [(p.row, p.column, p.message_zh) for p in plan.problems if p.severity != "error"]
        return said, plan

    said, plan = warnings("a.xlsx", 19000, 2500)
    assert said == [
        (4, "1-11月中旬累计完成投资 [G]",
         "累计完成投资19000万元与上期累计16000万元加本期完成2500万元（18500万元）不符，请核对"),
    ]  # fmt: skip
    assert plan.sheets[0].updated == 1  # a warning: the row is still taken as the sheet says
    with db.session() as s:
        svc.record_completion(s, project_id=ids["p1"], period_end=date(2026, 11, 30), amount=500)
    said, _plan = warnings("b.xlsx", 18800, 2800)
    assert said == [
        (4, "1-11月中旬累计完成投资 [G]",
         "晚于本期的2026-11-30累计完成投资为18500万元，小于本期累计18800万元，请核对"),
    ]  # fmt: skip
