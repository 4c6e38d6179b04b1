"""The preview's list of what the import writes: one line per record, each changed field as
字段: 旧值 → 新值. The lines come ready from the plan (built on the worker that planned), so
filling the table is cheap and shows exactly what apply_plan writes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from crm.ledger import ImportPlan
from crm.ledger.parse import NEW
from ui.ledger.wizard_parts import _table


def changes_table() -> QTableWidget:
    table = _table(
        [
            QCoreApplication.translate("ImportWizard", "工作表"),
            QCoreApplication.translate("ImportWizard", "行"),
            QCoreApplication.translate("ImportWizard", "操作"),
            QCoreApplication.translate("ImportWizard", "记录"),
            QCoreApplication.translate("ImportWizard", "修改内容"),
        ],
        stretch=4,
    )
    table.setWordWrap(True)
    return table


def fill_changes(table: QTableWidget, plan: ImportPlan, language: str) -> None:
    table.setRowCount(len(plan.planned))
    for row, change in enumerate(plan.planned):
        action = (
            QCoreApplication.translate("ImportWizard", "新增")
            if change.status == NEW
            else QCoreApplication.translate("ImportWizard", "更新")
        )
        detail = "\n".join(change.field_texts(language))
        for col, text in enumerate((change.sheet, str(change.row), action, change.name, detail)):
            item = QTableWidgetItem(text)
            if col == 1:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if col == 4 and detail:
                item.setToolTip(detail)
            table.setItem(row, col, item)
    for col in range(4):
        table.resizeColumnToContents(col)
    table.resizeRowsToContents()


def changes_caption(plan: ImportPlan) -> str:
    """Above the list: how many records are written, and how many are not listed."""
    text = QCoreApplication.translate("ImportWizard", "导入将新增或更新 %1 条记录：").replace(
        "%1", str(plan.planned_total)
    )
    more = plan.planned_total - len(plan.planned)
    if more > 0:
        shown = QCoreApplication.translate(
            "ImportWizard", "下表列出前 %1 条，另有 %2 条。"
        ).replace("%1", str(len(plan.planned)))
        text += shown.replace("%2", str(more))
    return text


def first_row_of_sheet(plan: ImportPlan, sheet: str) -> int | None:
    """The list's first line from `sheet` (double-clicking a sheet's counts goes there)."""
    return next((row for row, c in enumerate(plan.planned) if c.sheet == sheet), None)
