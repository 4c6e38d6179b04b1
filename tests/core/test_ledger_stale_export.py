"""Importing an older export must not silently undo newer changes (user test 3, finding 2).

A clerk exports the ledger; a colleague then changes project B on record; the clerk edits only
project A's 备注 in the file and imports it. B's newer values are kept, and the preview says so
cell by cell; a cell changed on both sides is a conflict the clerk decides.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from sqlalchemy import select
from test_stats_data import Builder

from crm.cli import main
from crm.db import Database
from crm.ledger import ImportOptions, apply_plan, build_plan, export_ledger
from crm.ledger.export_stamp import read_stamp
from crm.ledger.fields import Sheet
from crm.ledger.fields_dispatch_data import COMPLETIONS, LISTS, PROFILES, TARGETS
from crm.ledger.fields_key import KEYLIST
from crm.ledger.plan_stale import stale_text
from crm.models import (
    Company,
    CompanyTag,
    CompletionEntry,
    DispatchProfile,
    EnterpriseRequest,
    InvestmentIncrease,
    ListEntry,
    Project,
    Target,
    TeamTarget,
)
from crm.services import companies, dispatch, increases, projects, requests, teams
from crm.services import key_enterprises as key

TODAY = date(2026, 12, 4)
A, B = "测试海港物流园项目", "联达工业机器人生产项目"


def seed(db: Database) -> tuple[str, str]:
    with db.session() as s:
        cid = companies.create_company(s, name="联达机器人有限公司").id
        a = projects.create_project(
            s, name=A, company_id=cid, code="ZS2024-00003", planned_investment=Decimal(3000)
        ).id
        b = projects.create_project(
            s,
            name=B,
            company_id=cid,
            code="ZS2024-00055",
            planned_investment=Decimal(15000),
            responsible_person="陆峰杰",
        ).id
    return a, b


def export_projects(db: Database, path: Path) -> Path:
    with db.session() as s:
        export_ledger(s, path, sheets=(Sheet.PROJECTS,))
    return path


def colleague_changes(db: Database, project_id: str, **fields: Any) -> None:
    with db.session("李明") as s:
        projects.update_project(s, project_id, **fields)


def edit_cell(path: Path, name: str, header: str, value: Any) -> int:
    """Set the `header` cell of the row naming `name`, as Excel would; its row number."""
    book = openpyxl.load_workbook(path)
    sheet = book["项目"]
    headers = [c.value for c in sheet[2]]
    names = headers.index("项目名称") + 1
    row = next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, names).value == name)
    sheet.cell(row, headers.index(header) + 1).value = value
    book.save(path)
    return row


def project(db: Database, project_id: str) -> Project:
    with db.session() as s:
        found = s.scalars(select(Project).where(Project.id == project_id)).one()
        s.expunge(found)
        return found


def column(path: Path, header: str) -> str:
    """A column as the preview names it: its header and letter."""
    headers = [c.value for c in openpyxl.load_workbook(path)["项目"][2]]
    return f"{header} [{get_column_letter(headers.index(header) + 1)}]"


def test_an_older_export_keeps_the_newer_values_and_writes_the_one_real_edit(
    db: Database, tmp_path: Path
) -> None:
    a, b = seed(db)
    path = export_projects(db, tmp_path / "e1.xlsx")
    assert read_stamp(path) is not None  # the export says when it was taken
    colleague_changes(db, b, responsible_person="同事改的", planned_investment=Decimal(8888))
    row_a = edit_cell(path, A, "备注", "已约二次洽谈")  # openpyxl keeps the export's stamp
    plan = build_plan(db, path, ImportOptions(today=TODAY))
    # Only A is written, with its 备注: B's older values in the file are not.
    assert [(c.row, c.name, c.text()) for c in plan.planned] == [
        (row_a, f"{A}（ZS2024-00003）", "备注: （空） → 已约二次洽谈")
    ]
    summary = plan.sheets[0]
    assert (summary.updated, summary.unchanged) == (1, 1)
    kept = sorted((p.row, p.column, p.message_zh) for p in plan.problems if p.code == "newer_kept")
    assert [p.severity for p in plan.problems if p.code == "newer_kept"] == ["info", "info"]
    row_b = row_a + 1  # B's row follows A's (the export lists by code)
    stamp = kept[0][2].split("（李明，")[1].split("）")[0]  # the change's time, clerk's clock
    assert kept == sorted(
        [
            (row_b, column(path, "总投资（万元）"),
             f"导出后已在数据库中改为 8888万元（李明，{stamp}），文件中的旧值 15000万元 未写入"),
            (row_b, column(path, "责任人"),
             f"导出后已在数据库中改为 同事改的（李明，{stamp}），文件中的旧值 陆峰杰 未写入"),
        ]
    )  # fmt: skip
    assert (plan.stale.kept, plan.stale.conflicts) == (2, 0)
    apply_plan(db, plan)
    after_a, after_b = project(db, a), project(db, b)
    assert after_a.notes == "已约二次洽谈"
    assert (after_b.planned_investment, after_b.responsible_person) == (Decimal(8888), "同事改的")
    # The same file again: A's note is on record, B's fields still newer: nothing to write.
    again = build_plan(db, path, ImportOptions(today=TODAY))
    assert again.planned_total == 0
    assert (again.sheets[0].updated, again.sheets[0].unchanged) == (0, 2)
    assert again.stale.kept == 2


def test_a_cell_changed_in_the_file_and_on_record_is_a_conflict_the_clerk_decides(
    db: Database, tmp_path: Path
) -> None:
    _a, b = seed(db)
    path = export_projects(db, tmp_path / "e1.xlsx")
    colleague_changes(db, b, planned_investment=Decimal(8888))
    row = edit_cell(path, B, "总投资（万元）", 9999)
    plan = build_plan(db, path, ImportOptions(today=TODAY))
    assert plan.planned_total == 0  # the value on record is kept …
    [conflict] = [p for p in plan.problems if p.code == "newer_conflict"]
    assert conflict.severity == "warning"  # … and the clerk is told, naming both values
    assert (conflict.sheet, conflict.row) == ("项目", row)
    assert conflict.column == column(path, "总投资（万元）")
    assert conflict.message_zh.startswith("导出后已在数据库中改为 8888万元（李明，")
    assert "文件中又改为 9999万元：两边都改过，保留数据库中的值" in conflict.message_zh
    assert "--overwrite-newer" in conflict.message_zh
    assert (plan.stale.kept, plan.stale.conflicts) == (0, 1)
    apply_plan(db, plan)
    assert project(db, b).planned_investment == Decimal(8888)
    # Chosen: the file's value is written, and the preview says it overwrites.
    chosen = build_plan(db, path, ImportOptions(today=TODAY, overwrite_newer=True))
    assert [c.text() for c in chosen.planned] == ["总投资: 8888万元 → 9999万元"]
    assert [p.code for p in chosen.problems if p.code.startswith("newer_")] == ["newer_overwritten"]
    apply_plan(db, chosen)
    assert project(db, b).planned_investment == Decimal(9999)


def test_a_file_without_the_export_stamp_writes_its_values_as_before(
    db: Database, tmp_path: Path
) -> None:
    a, b = seed(db)
    colleague_changes(db, b, planned_investment=Decimal(8888))
    book = openpyxl.Workbook()  # built by hand: no stamp, whatever its 系统编号 say
    sheet = book.active
    sheet.title = "项目"
    sheet.append(["系统编号", "项目编号", "项目名称", "总投资（万元）", "投资方"])
    sheet.append([a, "ZS2024-00003", A, 3000, "联达机器人有限公司"])
    sheet.append([b, "ZS2024-00055", B, 15000, "联达机器人有限公司"])
    path = tmp_path / "own.xlsx"
    book.save(path)
    assert read_stamp(path) is None
    plan = build_plan(db, path, ImportOptions(today=TODAY))
    assert [c.text() for c in plan.planned] == ["总投资: 8888万元 → 15000万元"]
    assert not [p for p in plan.problems if p.code.startswith("newer_")]
    apply_plan(db, plan)
    assert project(db, b).planned_investment == Decimal(15000)


def test_the_command_line_counts_the_kept_cells_and_can_overwrite_them(
    db: Database, tmp_path: Path, capsys: Any
) -> None:
    if db.path is None:
        return  # the command line opens a SQLite file here
    _a, b = seed(db)
    path = export_projects(db, tmp_path / "e1.xlsx")
    colleague_changes(db, b, planned_investment=Decimal(8888))
    args = ["--db", str(db.path), "import", str(path)]
    db.close()
    assert main([*args, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "导出后已更新而保留 1 处 / 1 cell kept as updated on record since the export" in out
    assert "文件中的旧值 15000万元 未写入" in out
    main([*args, "--overwrite-newer"])
    out = capsys.readouterr().out
    assert "导出后已更新、按选择覆盖 1 处" in out


def test_an_export_from_a_synced_copy_goes_by_its_time(db: Database, tmp_path: Path) -> None:
    """Taken from another copy of the database (another site): changes here after its time
    are newer than the file."""
    _a, b = seed(db)
    path = export_projects(db, tmp_path / "e1.xlsx")
    book = openpyxl.load_workbook(path)
    site = next(p for p in book.custom_doc_props if p.name == "crm_site_id")
    site.value = "another-site"
    book.save(path)
    assert read_stamp(path).site_id == "another-site"
    colleague_changes(db, b, responsible_person="同事改的")
    plan = build_plan(db, path, ImportOptions(today=TODAY))
    assert plan.planned_total == 0
    assert [p.column.split(" [")[0] for p in plan.problems if p.code == "newer_kept"] == ["责任人"]
    # From another database altogether (--from-other-db): its time says nothing of this one.
    other = build_plan(db, path, ImportOptions(today=TODAY, ignore_unknown_ids=True))
    assert [c.text() for c in other.planned] == ["责任人: 同事改的 → 陆峰杰"]


def test_a_companies_sheet_row_keeps_a_newer_value_too(db: Database, tmp_path: Path) -> None:
    seed(db)
    path = tmp_path / "e1.xlsx"
    with db.session() as s:
        cid = s.scalars(select(Company.id)).one()
        companies.update_company(s, cid, website="www.old.example")
    with db.session() as s:
        export_ledger(s, path, sheets=(Sheet.PROJECTS, Sheet.COMPANIES))
    with db.session("李明") as s:
        companies.update_company(s, cid, website="www.lianda.example")
    plan = build_plan(db, path, ImportOptions(today=TODAY))
    assert plan.planned_total == 0, [c.line() for c in plan.planned]
    [kept] = [p for p in plan.problems if p.code == "newer_kept"]
    assert kept.sheet == "企业" and kept.column.startswith("网站")
    assert kept.message_zh.startswith("导出后已在数据库中改为 www.lianda.example（李明，")
    assert kept.message_zh.endswith("文件中的旧值 www.old.example 未写入")
    with db.session() as s:
        assert s.scalar(select(Company.website)) == "www.lianda.example"


# 清单项目, 单位年度目标, 完成投资 and 增资 write a whole row through their service (user test 4,
# finding 1): a row whose record was changed after the export is not written at all.
ROW_SHEETS = (Sheet.PROJECTS, LISTS, TARGETS, COMPLETIONS, Sheet.INCREASES)
MONTH_END = date(2026, 11, 30)


def seed_rows(db: Database) -> dict[str, str]:
    """A signed project on the city list (2200万元), its November completion (基础施工), an
    increase (备注 二期增资), and the bureau's target of 53 signed projects."""
    with db.session() as s:
        b = Builder(s, today=TODAY)
        b.project("甲 清单项目", investment="50000", signed=date(2025, 5, 1))
        pid = b.ids["甲 清单项目"]
        ids = {"project": pid}
        ids["list"] = dispatch.put_on_list(
            s, project_id=pid, year=2026, level="city", year_plan=Decimal(2200)
        ).id
        ids["target"] = dispatch.set_target(
            s, year=2026, scope="bureau", measure="signed_projects", value=53
        ).id
        ids["completion"] = dispatch.record_completion(
            s, project_id=pid, period_end=MONTH_END, period_kind="month",
            amount=Decimal(100), image_progress="基础施工",
        ).id  # fmt: skip
        ids["increase"] = increases.record_increase(
            s, project_id=pid, increased_on=date(2026, 2, 10), amount=Decimal(3000),
            note="二期增资", today=TODAY,
        ).id  # fmt: skip
    return ids


def colleague_changes_rows(db: Database, ids: dict[str, str]) -> None:
    with db.session("李明") as s:
        pid = ids["project"]
        dispatch.put_on_list(s, project_id=pid, year=2026, level="city", year_plan=Decimal(2300))
        dispatch.set_target(s, year=2026, scope="bureau", measure="signed_projects", value=54)
        dispatch.record_completion(
            s, project_id=pid, period_end=MONTH_END, period_kind="month",
            amount=Decimal(100), image_progress="主体施工",
        )  # fmt: skip
        increases.update_increase(
            s, ids["increase"], increased_on=date(2026, 2, 10), amount=Decimal(3000),
            note="改后备注", today=TODAY,
        )  # fmt: skip


def row_values(db: Database, ids: dict[str, str]) -> tuple[Any, ...]:
    with db.session() as s:
        return (
            s.get(ListEntry, ids["list"]).year_plan,
            s.get(Target, ids["target"]).value,
            s.get(CompletionEntry, ids["completion"]).image_progress,
            s.get(InvestmentIncrease, ids["increase"]).note,
        )


def test_an_older_export_writes_no_row_whose_record_changed_since(
    db: Database, tmp_path: Path
) -> None:
    ids = seed_rows(db)
    path = tmp_path / "old.xlsx"
    with db.session() as s:
        export_ledger(s, path, sheets=ROW_SHEETS)
    colleague_changes_rows(db, ids)
    newer = (Decimal(2300), Decimal(54), "主体施工", "改后备注")
    assert row_values(db, ids) == newer
    plan = build_plan(db, path, ImportOptions(today=TODAY))
    kept = {p.sheet: p for p in plan.problems if p.code == "newer_row_kept"}
    assert sorted(kept) == sorted(["清单项目", "单位年度目标", "完成投资", "增资"])
    for said in kept.values():
        assert said.row == 3  # each sheet's one data row, under the title and header rows
        assert said.message_zh.startswith("导出后此记录已在数据库中修改（李明，")
        assert said.message_zh.endswith("），本行未写入；如需以文件为准请用 --overwrite-newer")
        assert "this row is not written" in said.message_en
    assert plan.stale.rows_kept == 4
    assert "导出后已修改而未写入 4 行" in stale_text(plan.stale)
    assert "4 rows not written: changed on record since" in stale_text(plan.stale, "en")
    apply_plan(db, plan)
    assert row_values(db, ids) == newer  # the preview's promise: nothing of the old rows
    # Chosen: the file's rows are written, with a warning each.
    chosen = build_plan(db, path, ImportOptions(today=TODAY, overwrite_newer=True))
    warned = [p for p in chosen.problems if p.code == "newer_overwritten"]
    assert sorted(p.sheet for p in warned) == sorted(
        ["清单项目", "单位年度目标", "完成投资", "增资"]
    )
    assert all(p.severity == "warning" for p in warned)
    assert chosen.stale.rows_overwritten == 4
    apply_plan(db, chosen)
    assert row_values(db, ids) == (Decimal(2200), Decimal(53), "基础施工", "二期增资")


def test_rows_of_an_older_export_left_unchanged_on_record_are_written(
    db: Database, tmp_path: Path
) -> None:
    """Only a record changed after the export holds its row back: the clerk's own edit of
    another row is written."""
    ids = seed_rows(db)
    path = tmp_path / "old.xlsx"
    with db.session() as s:
        export_ledger(s, path, sheets=ROW_SHEETS)
    with db.session("李明") as s:
        dispatch.set_target(s, year=2026, scope="bureau", measure="signed_projects", value=54)
    book = openpyxl.load_workbook(path)
    sheet = book["清单项目"]
    headers = [c.value for c in sheet[2]]
    sheet.cell(3, headers.index("年度计划投资（万元）") + 1).value = 2500
    book.save(path)
    plan = build_plan(db, path, ImportOptions(today=TODAY))
    assert [p.sheet for p in plan.problems if p.code == "newer_row_kept"] == ["单位年度目标"]
    apply_plan(db, plan)
    assert row_values(db, ids) == (Decimal(2500), Decimal(54), "基础施工", "二期增资")


def test_a_teams_yearly_targets_changed_since_the_export_are_not_written(
    db: Database, tmp_path: Path
) -> None:
    """驻点工作队: the targets sit on the team's row, kept as one record apart from its fields."""
    with db.session() as s:
        team_id = teams.create_team(s, name="第一驻点工作队").id
        teams.set_target(s, team_id=team_id, year=2026, signed_investment=Decimal(12000))
    path = tmp_path / "old.xlsx"
    with db.session() as s:
        export_ledger(s, path, sheets=(Sheet.PROJECTS, Sheet.TEAMS))
    with db.session("李明") as s:
        teams.set_target(s, team_id=team_id, year=2026, signed_investment=Decimal(13000))

    def signed_target() -> Decimal:
        with db.session() as s:
            return s.scalars(select(TeamTarget.signed_investment)).one()

    plan = build_plan(db, path, ImportOptions(today=TODAY))
    [said] = [p for p in plan.problems if p.code == "newer_row_kept"]
    assert (said.sheet, said.row) == ("驻点工作队", 3)
    assert said.message_zh.startswith("导出后此记录已在数据库中修改（李明，")
    assert "），本行的年度目标未写入；如需以文件为准请用 --overwrite-newer" in said.message_zh
    assert plan.planned_total == 0
    apply_plan(db, plan)
    assert signed_target() == Decimal(13000)
    chosen = build_plan(db, path, ImportOptions(today=TODAY, overwrite_newer=True))
    assert [p.code for p in chosen.problems if p.code.startswith("newer_")] == ["newer_overwritten"]
    apply_plan(db, chosen)
    assert signed_target() == Decimal(12000)


def test_a_key_enterprise_row_changed_on_record_since_the_export_is_not_written(
    db: Database, tmp_path: Path
) -> None:
    """重点企业名单: the membership's level and the enterprise's 包保领导 changed since."""
    with db.session() as s:
        cid = companies.create_company(s, name="南宁乙玻璃有限公司").id
        key.define_company_list(s, name_zh="市级重点企业")
        tag_id = companies.add_company_tag(
            s, company_id=cid, tag="市级重点企业", edition_year=2026, level="city"
        ).id
        key.assign_liaison(s, company_id=cid, commissioner="王五", leader="赵副市长",
                           start_on=date(2026, 1, 1))  # fmt: skip
    path = tmp_path / "old.xlsx"
    with db.session() as s:
        export_ledger(s, path, sheets=(Sheet.PROJECTS, KEYLIST))
    with db.session("李明") as s:
        key.update_membership(s, tag_id, level="province")
        key.assign_liaison(s, company_id=cid, commissioner="王五", leader="李副区长",
                           start_on=date(2026, 1, 1))  # fmt: skip

    def on_record() -> tuple[str | None, str]:
        with db.session() as s:
            level = s.get(CompanyTag, tag_id).level
            return level, key.liaison_on(s, cid, TODAY).leader

    assert on_record() == ("province", "李副区长")
    plan = build_plan(db, path, ImportOptions(today=TODAY))
    [said] = [p for p in plan.problems if p.code == "newer_row_kept"]
    assert (said.sheet, said.row) == ("重点企业名单", 3)
    assert "本行未写入" in said.message_zh
    assert plan.planned_total == 0
    apply_plan(db, plan)
    assert on_record() == ("province", "李副区长")
    chosen = build_plan(db, path, ImportOptions(today=TODAY, overwrite_newer=True))
    apply_plan(db, chosen)
    assert on_record() == ("city", "赵副市长")


def test_a_dispatch_profile_changed_since_the_export_is_not_written(
    db: Database, tmp_path: Path
) -> None:
    """项目调度信息: a project's 包保领导 set on record after the export stays."""
    ids = seed_rows(db)
    pid = ids["project"]
    with db.session() as s:
        dispatch.set_profile(s, project_id=pid, leader_name="王副县长")
    path = tmp_path / "old.xlsx"
    with db.session() as s:
        export_ledger(s, path, sheets=(Sheet.PROJECTS, PROFILES))
    with db.session("李明") as s:
        dispatch.set_profile(s, project_id=pid, leader_name="李副区长")

    def leader() -> str:
        with db.session() as s:
            return s.scalars(select(DispatchProfile.leader_name)).one()

    plan = build_plan(db, path, ImportOptions(today=TODAY))
    [said] = [p for p in plan.problems if p.code == "newer_row_kept"]
    assert (said.sheet, said.row) == ("项目调度信息", 3)
    assert plan.planned_total == 0
    apply_plan(db, plan)
    assert leader() == "李副区长"
    apply_plan(db, build_plan(db, path, ImportOptions(today=TODAY, overwrite_newer=True)))
    assert leader() == "王副县长"


def test_an_enterprise_request_changed_since_the_export_is_not_written(
    db: Database, tmp_path: Path
) -> None:
    """企业诉求: the request's 诉求内容 corrected on record after the export stays."""
    with db.session() as s:
        company = companies.create_company(s, name="联达机器人有限公司").id
        rid = requests.raise_request(
            s, company_id=company, channel="visit", received_on=date(2026, 11, 5),
            category="land", content="用地指标", today=TODAY,
        ).id  # fmt: skip
    path = tmp_path / "old.xlsx"
    with db.session() as s:
        export_ledger(s, path, sheets=(Sheet.PROJECTS, Sheet.REQUESTS))
    with db.session("李明") as s:
        requests.update_request(s, rid, content="用地指标30亩", today=TODAY)

    def content() -> str:
        with db.session() as s:
            return s.get(EnterpriseRequest, rid).content

    plan = build_plan(db, path, ImportOptions(today=TODAY))
    [said] = [p for p in plan.problems if p.code == "newer_row_kept"]
    assert (said.sheet, said.row) == ("企业诉求", 3)
    assert plan.planned_total == 0
    apply_plan(db, plan)
    assert content() == "用地指标30亩"
    apply_plan(db, build_plan(db, path, ImportOptions(today=TODAY, overwrite_newer=True)))
    assert content() == "用地指标"
