"""文件 → 从备份恢复: the backups with date, size and record counts; one is chosen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm import backup
from ui import ops
from ui.dialogs import closing_buttons


class RestoreDialog(QDialog):
    def __init__(self, parent: QWidget | None, db_path: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("从备份恢复"))
        self.resize(760, 420)
        self.backups: list[backup.BackupInfo] = []
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr("恢复前会先备份当前数据；恢复后程序重新打开数据库。备份位于：%1").replace(
                "%1", str(backup.backup_folder(db_path))
            ),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("时间"), self.tr("大小"), self.tr("原因"), self.tr("项目"),
             self.tr("企业"), self.tr("跟进记录")]
        )  # fmt: skip
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)
        self.buttons = closing_buttons(
            self, QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("恢复"))
        layout.addWidget(self.buttons)
        self.task = ops.run_op(
            self, lambda _p: backup.list_backups(db_path, with_counts=True),
            on_done=self.show_backups, title=self.tr("正在读取备份…"),
        )  # fmt: skip

    def show_backups(self, backups: list[backup.BackupInfo]) -> None:
        self.backups = backups
        self.table.setRowCount(len(backups))
        labels = {"import": self.tr("导入前"), "sync": self.tr("同步前"),
                  "auto": self.tr("定时"), "close": self.tr("关闭时"),
                  "manual": self.tr("手动"), "before-restore": self.tr("恢复前")}  # fmt: skip
        for row, item in enumerate(backups):
            label = labels.get(item.label, item.label.replace("upgrade-", self.tr("升级前 ")))
            values = [
                f"{item.created:%Y-%m-%d %H:%M}", f"{item.size / (1 << 20):.1f} MB", label,
                *(f"{item.counts.get(t, 0):,}" for t in ("project", "company", "activity")),
            ]  # fmt: skip
            for column, text in enumerate(values):
                cell = QTableWidgetItem(text)
                if column in (1, 3, 4, 5):
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, cell)
        if backups:
            self.table.selectRow(0)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)

    def chosen(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()].path if rows and self.backups else None
