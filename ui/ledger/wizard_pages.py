"""The import wizard's first pages: choose the file (and options), then map sheets and columns."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
)

from crm.ledger import (
    detect_layouts,
    read_workbook,
)
from crm.ledger.fields import FIELDS, IGNORE
from crm.ledger.headers import closest_field
from crm.ledger.layout import SheetLayout
from crm.ledger.mappings import save_mappings
from crm.ledger.reader import Workbook
from ui import ops
from ui.ledger.wizard_parts import (
    ImportPage,
    _message,
    _table,
    _wrap,
    choose_file,
)
from ui.ops import Progress, Task, reading


class FilePage(ImportPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("第一步：选择台账文件"))
        self.setSubTitle(self.tr("支持 .xlsx、.xls 和 .csv（UTF-8 或 GBK 编码自动识别）。"))
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("台账文件路径"))
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self.on_browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.create_missing = QCheckBox(
            self.tr("新建台账中出现的未知工作队、园区、产业链和覆盖区域")
        )
        self.strict = QCheckBox(self.tr("严格模式：有任何无效行则全部不导入"))
        self.other_db = QCheckBox(
            self.tr("文件来自另一个数据库（本库没有的系统编号按项目名称匹配）")
        )
        self.usd_rate = QLineEdit()
        self.usd_rate.setPlaceholderText(self.tr("如 7.1（留空则用设置中的汇率）"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("文件"), _wrap(row))
        form.addRow("", self.create_missing)
        form.addRow("", self.strict)
        form.addRow("", self.other_db)
        form.addRow(self.tr("美元汇率"), self.usd_rate)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.path.textChanged.connect(self.completeChanged)
        self._loaded_for: str | None = None
        self._task: Task[Any] | None = None

    def on_browse(self) -> None:
        path = choose_file(self)
        if path:
            self.path.setText(path)

    def isComplete(self) -> bool:
        return Path(self.path.text().strip()).is_file() and (
            self._task is None or not self._task.running
        )

    def validatePage(self) -> bool:
        wizard = self.wizard()
        rate = self._rate()
        if rate is False:
            return False
        wizard.options.create_missing = self.create_missing.isChecked()
        wizard.options.strict = self.strict.isChecked()
        wizard.options.ignore_unknown_ids = self.other_db.isChecked()
        wizard.options.usd_rate = rate if isinstance(rate, Decimal) else None
        path = self.path.text().strip()
        if self._loaded_for == path:
            return True
        self._start_reading(path)
        return False

    def _rate(self) -> Decimal | bool | None:
        text = self.usd_rate.text().strip()
        if not text:
            return None
        try:
            rate = Decimal(text)
        except InvalidOperation:
            rate = Decimal(0)
        if rate <= 0:
            self.status.setText(self.tr("汇率应为大于0的数字"))
            return False
        return rate

    def _start_reading(self, path: str) -> None:
        wizard = self.wizard()
        options = wizard.options

        db = wizard.db

        def work(progress: Progress) -> tuple[Workbook, dict[str, SheetLayout]]:
            book = read_workbook(
                path, progress=progress.report, should_cancel=progress.should_cancel
            )
            # a sheet with few headers is known by its 系统编号
            layouts, _problems = reading(db, lambda s, _p: detect_layouts(book, options, s))(
                progress
            )
            return book, layouts

        self.status.setText(self.tr("正在读取文件…"))
        self._task = ops.run_op(
            self,
            work,
            on_done=lambda result: self._on_read(path, result),
            on_error=self._on_failed,
            show_progress=False,
        )
        self.completeChanged.emit()

    def _on_read(self, path: str, result: tuple[Workbook, dict[str, SheetLayout]]) -> None:
        wizard = self.wizard()
        wizard.book, wizard.layouts = result
        wizard.options.column_overrides = {}
        self._loaded_for = path
        sheets = "、".join(
            f"{name}（{layout.kind_label[0]}）" for name, layout in wizard.layouts.items()
        )
        self.status.setText(self.tr("已识别工作表：%1").replace("%1", sheets))
        self.completeChanged.emit()
        wizard.next()

    def _on_failed(self, exc: BaseException) -> None:
        self.status.setText(
            f"<span style='color:#b00020'>{_message(exc, self.wizard().language)}</span>"
        )
        self.completeChanged.emit()


class MappingPage(ImportPage):
    """Each sheet's columns with the automatic guess; the user can map or drop any column."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("第二步：核对工作表与列"))
        self.setSubTitle(
            self.tr("已按列名自动识别字段；未识别的列可在“导入为”中指定，或选择“不导入”。")
        )
        self.sheet = QComboBox()
        self.kind = QLabel()
        self.table = _table(
            [self.tr("列"), self.tr("表头"), self.tr("自动识别"), self.tr("导入为")], stretch=1
        )
        self.save = QCheckBox(self.tr("保存我的指定，下次自动识别"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("工作表")))
        top.addWidget(self.sheet, 1)
        top.addWidget(self.kind)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.save)
        self.sheet.currentTextChanged.connect(self.show_sheet)

    def initializePage(self) -> None:
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(list(self.wizard().layouts))
        self.sheet.blockSignals(False)
        self.show_sheet(self.sheet.currentText())

    def show_sheet(self, name: str) -> None:
        layout = self.wizard().layouts.get(name)
        self.table.setRowCount(0)
        if layout is None:
            return
        zh, en = layout.kind_label
        self.kind.setText(
            self.tr("识别为：%1").replace("%1", en if self.wizard().language == "en" else zh)
        )
        overrides = self.wizard().options.column_overrides.get(name, {})
        columns = [c for c in layout.columns if c.header]
        self.table.setRowCount(len(columns))
        fields = FIELDS[layout.kind or "projects"]
        for row, column in enumerate(columns):
            guess = (
                _field_label(layout.kind, column.field)
                if column.field
                else self._unknown(layout, column)
            )
            for col, text in enumerate((column.letter, column.header, guess)):
                self.table.setItem(row, col, QTableWidgetItem(text))
            combo = QComboBox()
            combo.addItem(self.tr("（不导入）"), IGNORE)
            english = self.wizard().language == "en"
            for spec in fields:
                if spec.name != "seq":
                    combo.addItem(spec.label_en if english else spec.label, spec.name)
            current = overrides.get(column.index, column.field) or IGNORE
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.currentIndexChanged.connect(
                lambda _i, c=column.index, box=combo: self._set(name, c, box.currentData())
            )
            self.table.setCellWidget(row, 3, combo)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(2)
        self.table.resizeColumnToContents(3)

    def _unknown(self, layout: SheetLayout, column: Any) -> str:
        """An unrecognised column, with the field it looks most like as a suggestion."""
        near = closest_field(layout.kind or "", column.header) if layout.kind else None
        if near is None:
            return self.tr("（未识别）")
        label = near.label_en if self.wizard().language == "en" else near.label
        return self.tr("（未识别；最接近：%1）").replace("%1", label)

    def _set(self, sheet: str, index: int, field: str) -> None:
        self.wizard().options.column_overrides.setdefault(sheet, {})[index] = field

    def validatePage(self) -> bool:
        wizard = self.wizard()
        if self.save.isChecked():
            chosen = {}
            for sheet, changes in wizard.options.column_overrides.items():
                layout = wizard.layouts[sheet]
                headers = {c.index: c.header for c in layout.columns}
                for index, field in changes.items():
                    if headers.get(index):
                        chosen[headers[index]] = (
                            f"{layout.kind}.{field}" if field != IGNORE else IGNORE
                        )
            if chosen:
                save_mappings(chosen)
        return True


def _field_label(kind: str | None, field: str | None) -> str:
    if field == IGNORE:
        return QCoreApplication.translate("ImportWizard", "（不导入）")
    for spec in FIELDS.get(kind or "", ()):
        if spec.name == field:
            return spec.label
    return field or ""
