"""The wizard's preview of an older export: it counts the cells that keep newer values on record
and offers to write the file's values over them instead (crm.ledger.plan_stale)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import select

from crm.ledger import export_ledger
from crm.ledger.fields import Sheet
from crm.models import Project
from crm.services import companies, projects


def test_the_preview_counts_kept_cells_and_the_clerk_can_overwrite_them(
    qtbot: Any, sqlite_db: Any, tmp_path: Path
) -> None:
    from ui.ledger import ImportWizard

    with sqlite_db.session() as s:
        cid = companies.create_company(s, name="联达机器人有限公司").id
        pid = projects.create_project(
            s, name="联达工业机器人生产项目", company_id=cid, planned_investment=Decimal(15000)
        ).id
        path = tmp_path / "e1.xlsx"
        export_ledger(s, path, sheets=(Sheet.PROJECTS,))
    with sqlite_db.session("李明") as s:
        projects.update_project(s, pid, planned_investment=Decimal(8888))
    openpyxl.load_workbook(path).save(path)  # opened and saved in Excel, nothing edited
    wizard = ImportWizard(sqlite_db)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10_000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10_000)
    page = wizard.preview_page
    assert "导出后已更新而保留 1 处" in page.notes.text()
    assert [page.summary.item(0, c).text() for c in range(2, 5)] == ["0", "0", "1"]
    assert not page.isComplete()  # nothing to write
    messages = [page.problems.item(r, 4).text() for r in range(page.problems.rowCount())]
    assert any("文件中的旧值 15000万元 未写入" in m for m in messages), messages
    assert page.overwrite.isVisibleTo(page) and not page.overwrite.isChecked()
    page.overwrite.setChecked(True)
    assert page.dirty and not page.isComplete()
    page.recheck_button.click()
    qtbot.waitUntil(lambda: wizard.plan is not None and page.isComplete(), timeout=10_000)
    assert page.overwrite.isChecked()
    assert "导出后已更新、按选择覆盖 1 处" in page.notes.text()
    assert page.changes.item(0, 4).text() == "总投资: 8888万元 → 15000万元"
    with qtbot.waitSignal(wizard.committed, timeout=20_000):
        wizard.next()
    with sqlite_db.session() as s:
        assert s.scalar(select(Project.planned_investment).where(Project.id == pid)) == 15000
