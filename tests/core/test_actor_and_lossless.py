"""Who changed what (settings too, command line as the OS user), and export → import of
firms that share a name."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crm.cli import main
from crm.db import Database, open_database
from crm.ledger import ImportOptions, apply_plan, build_plan, export_ledger
from crm.models import ChangeLog, Company, CompanyTag
from crm.paths import current_user
from crm.services.companies import add_company_tag, create_company
from crm.services.settings import set_setting

TODAY = date(2026, 6, 30)


def test_settings_changes_are_in_the_change_log(db: Database) -> None:
    with db.session(actor="张三") as s:
        set_setting(s, "stalled_no_update_days", 45)
    with db.session(actor="李四") as s:
        set_setting(s, "stalled_no_update_days", 60)
        set_setting(s, "stalled_no_update_days", 60)  # unchanged: nothing logged
    with db.read() as s:
        rows = s.execute(
            select(ChangeLog.old_value, ChangeLog.new_value, ChangeLog.changed_by)
            .where(ChangeLog.table_name == "setting")
            .where(ChangeLog.record_id == "stalled_no_update_days")
            .order_by(ChangeLog.hlc)
        ).all()
    # 30 days: the default in effect before anyone set it here.
    assert [tuple(r) for r in rows] == [("30", "45", "张三"), ("45", "60", "李四")]


def test_command_line_changes_record_the_profile_name_the_user_option_or_the_os_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = str(tmp_path / "a.sqlite")
    assert main(["--db", path, "init"]) == 0
    assert main(["--db", path, "settings", "set", "user_name", "王五"]) == 0
    assert main(["--db", path, "settings", "set", "bureau_name", "甲局"]) == 0
    assert main(["--db", path, "--user", "赵六", "settings", "set", "bureau_name", "乙局"]) == 0
    for var in ("CRM_USER", "USER", "USERNAME", "LOGNAME"):
        monkeypatch.delenv(var, raising=False)
    assert current_user() not in ("", "unknown")
    assert main(["--db", path, "settings", "set", "bureau_name", "丙局"]) == 0
    # The name set on this computer (王五, the 记录人 of every entry) acts unless --user names
    # someone; only without a name does the operating-system user.
    assert _bureau_name_authors(path) == ["王五", "赵六", "王五"]
    assert main(["--db", path, "settings", "set", "user_name", ""]) == 0
    assert main(["--db", path, "settings", "set", "bureau_name", "丁局"]) == 0
    last = _bureau_name_authors(path)[-1]
    assert last == current_user() and last != "unknown"


def _bureau_name_authors(path: str) -> list[str]:
    """Who changed the bureau's name, oldest first, as the change log says."""
    db = open_database(path)
    try:
        with db.read() as s:
            return list(
                s.scalars(
                    select(ChangeLog.changed_by)
                    .where(ChangeLog.record_id == "bureau_name")
                    .order_by(ChangeLog.hlc)
                )
            )
    finally:
        db.close()


def test_firms_sharing_a_normalised_name_stay_two_after_export_and_import(
    db: Database, sqlite_template: Path, tmp_path: Path
) -> None:
    with db.session() as s:
        first = create_company(s, name="南宁铝业有限公司").id
        second = create_company(s, name="南宁铝业股份有限公司").id
        for company_id, year in ((first, 2024), (second, 2025)):
            add_company_tag(s, company_id=company_id, tag="china_500", edition_year=year)
            add_company_tag(s, company_id=company_id, tag="china_private_500", edition_year=year)
            add_company_tag(s, company_id=company_id, tag="little_giant", edition_year=year)
    path = tmp_path / "ledger.xlsx"
    with db.read() as s:
        export_ledger(s, path)
    empty = tmp_path / "empty.sqlite"
    shutil.copy(sqlite_template, empty)
    other = open_database(empty)
    try:
        plan = build_plan(other, path, ImportOptions(today=TODAY, ignore_unknown_ids=True))
        assert [p.line() for p in plan.problems if p.severity == "error"] == []
        apply_plan(other, plan)
        with other.read() as s:
            names = sorted(s.scalars(select(Company.name)))
            tags = s.scalar(select(func.count()).select_from(CompanyTag))
    finally:
        other.close()
    assert names == ["南宁铝业有限公司", "南宁铝业股份有限公司"]
    assert tags == 6


def test_a_repeated_company_row_says_same_company(db: Database, tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "c.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "企业"
    for row in (["企业名称", "统一社会信用代码", "所属行业"], ["甲公司", None, None],
                ["甲公司", None, None]):  # fmt: skip
        sheet.append(row)
    book.save(path)
    plan = build_plan(db, path, ImportOptions(today=TODAY))
    messages = [p.message_zh for p in plan.problems]
    assert any("同一企业" in m for m in messages), messages
    assert not any("同一项目" in m for m in messages)
