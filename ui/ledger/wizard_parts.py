"""What the import wizard's pages share: their base class, file choosers, small tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QWidget,
    QWizardPage,
)

from crm.errors import CrmError
from ui import dialogs

if TYPE_CHECKING:
    from ui.ledger.wizard import ImportWizard

MAX_PROBLEM_ROWS = 2000


class ImportPage(QWizardPage):
    """A step of the import wizard: `wizard()` is the ImportWizard it belongs to, with the
    file, options and plan the steps share."""

    def wizard(self) -> ImportWizard:  # type: ignore[override]
        return super().wizard()  # type: ignore[return-value]


def choose_file(parent: QWidget | None) -> str | None:
    """Ask for the ledger file (tests replace this function)."""
    return dialogs.ask_open_path(
        parent,
        QCoreApplication.translate("ImportWizard", "选择台账文件"),
        QCoreApplication.translate("ImportWizard", "电子表格 (*.xlsx *.xls *.csv);;所有文件 (*)"),
    )


def choose_save_path(parent: QWidget | None, suggested: str) -> str | None:
    title = QCoreApplication.translate("ImportWizard", "保存问题清单")
    return dialogs.ask_save_path(parent, title, suggested, "Excel (*.xlsx)")


def _message(exc: BaseException, language: str) -> str:

    return exc.message(language) if isinstance(exc, CrmError) else f"{type(exc).__name__}: {exc}"


def _table(headers: list[str], *, stretch: int) -> QTableWidget:
    """A read-only table with these column headers; column `stretch` takes the spare width."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return table


class WrappedText(QStyledItemDelegate):
    """Cells whose text wraps to the lines it needs: Qt's own measure counts lines in the
    table's font, but a line holding Chinese in the English window is drawn taller (the CJK
    font), so the last line was cut with "…"; this measures the text as it is drawn."""

    def __init__(self, table: QTableWidget) -> None:
        super().__init__(table)
        self.table = table

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        text = str(index.data() or "")
        width = self.table.columnWidth(index.column()) - 8  # the cell's text margins
        if not text or width <= 0:
            return hint
        flags = int(Qt.TextFlag.TextWordWrap)
        drawn = self.table.fontMetrics().boundingRect(QRect(0, 0, width, 1 << 20), flags, text)
        return QSize(hint.width(), max(hint.height(), drawn.height() + 6))


def _wrap(layout: QHBoxLayout) -> QWidget:
    widget = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    widget.setLayout(layout)
    return widget
