"""The import wizard's preview lists each change: record, field, value on record → value written."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import openpyxl
import pytest

from crm.ledger import export_ledger
from crm.ledger.fields import Sheet
from crm.services import companies, projects

SHOTS = os.environ.get("CRM_WIZARD_SHOTS")  # a folder to keep the preview renderings in
NAME = "测试QA新能源电池项目"


def _edited_export(db: Any, tmp_path: Path) -> tuple[Path, int]:
    """The QA engineer's file: the projects exported, one amount changed with openpyxl."""
    with db.session() as s:
        cid = companies.create_company(s, name="测试QA电池有限公司").id
        projects.create_project(
            s, name=NAME, company_id=cid, code="ZS-QA-1", planned_investment=Decimal(5000)
        )
        projects.create_project(s, name="测试QA储能项目", company_id=cid, code="ZS-QA-2")
        path = tmp_path / "projects.xlsx"
        export_ledger(s, path, sheets=(Sheet.PROJECTS,))
    book = openpyxl.load_workbook(path)
    sheet = book["项目"]
    headers = [c.value for c in sheet[2]]
    row = next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, 3).value == NAME)
    assert headers[2] == "项目名称"
    sheet.cell(row, headers.index("总投资（万元）") + 1).value = 6500
    book.save(path)
    return path, row


@pytest.fixture
def preview(qtbot: Any, sqlite_db: Any, tmp_path: Path) -> tuple[Any, int]:
    from ui.ledger import ImportWizard

    path, row = _edited_export(sqlite_db, tmp_path)
    wizard = ImportWizard(sqlite_db)
    qtbot.addWidget(wizard)
    wizard.resize(1366, 768)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10_000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10_000)
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        assert wizard.grab().save(str(Path(SHOTS) / "import-preview-changes.png"))
    return wizard, row


def test_the_preview_shows_the_one_changed_field_with_both_values(preview: Any) -> None:
    wizard, row = preview
    page = wizard.preview_page
    assert [page.summary.item(0, c).text() for c in range(2, 5)] == ["0", "1", "1"]
    assert page.tabs.currentIndex() == 0  # no errors: what is written comes first
    assert page.tabs.tabText(0) == "将写入的修改（1）"
    assert page.changes_caption.text() == "导入将新增或更新 1 条记录："
    assert page.changes.rowCount() == 1
    cells = [page.changes.item(0, c).text() for c in range(5)]
    assert cells == ["项目", str(row), "更新", f"{NAME}（ZS-QA-1）", "总投资: 5000万元 → 6500万元"]


def test_double_clicking_a_sheet_shows_its_changes(qtbot: Any, preview: Any) -> None:
    wizard, _row = preview
    page = wizard.preview_page
    page.tabs.setCurrentIndex(1)
    page.summary.cellDoubleClicked.emit(0, 0)
    assert page.tabs.currentIndex() == 0
    assert [i.row() for i in page.changes.selectionModel().selectedRows()] == [0]


def test_a_large_plan_says_how_many_are_not_listed(qapp: Any) -> None:
    from ui.ledger.wizard_changes import changes_caption

    plan = SimpleNamespace(planned=[None] * 500, planned_total=1700)
    assert (
        changes_caption(plan) == "导入将新增或更新 1700 条记录：下表列出前 500 条，另有 1200 条。"
    )
