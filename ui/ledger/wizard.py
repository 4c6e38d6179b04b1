"""The ledger import wizard: file → sheets and columns → preview with problems → commit.

Every step that touches the file or the database runs on a worker (ui.ops.run_op, each page
showing its own progress); the pages only show what crm.ledger returns.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from crm.db import Database
from crm.errors import CrmError
from crm.ledger import (
    ApplyResult,
    ImportCancelled,
    ImportOptions,
    ImportPlan,
    apply_plan,
    build_plan,
    detect_layouts,
    export_problems,
    read_workbook,
)
from crm.ledger.fields import FIELDS, IGNORE, KIND_LABELS
from crm.ledger.layout import SheetLayout
from crm.ledger.mappings import save_mappings
from crm.ledger.problems import ERROR, WARNING
from crm.ledger.reader import Workbook
from crm.ledger.report import sort_problems
from ui.ops import Progress, Task, run_op

MAX_PROBLEM_ROWS = 2000


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportWizard", text)


def choose_file(parent: QWidget | None) -> str | None:
    """Ask for the ledger file (tests replace this function)."""
    path, _filter = QFileDialog.getOpenFileName(
        parent, _tr("选择台账文件"), "", _tr("电子表格 (*.xlsx *.xls *.csv);;所有文件 (*)")
    )
    return path or None


def choose_save_path(parent: QWidget | None, suggested: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(
        parent, _tr("保存问题清单"), suggested, "Excel (*.xlsx)"
    )
    return path or None


def _message(exc: BaseException, language: str) -> str:
    from crm.errors import CrmError

    return exc.message(language) if isinstance(exc, CrmError) else f"{type(exc).__name__}: {exc}"


class ImportWizard(QWizard):
    """`ImportWizard(db)`: emits `committed(ApplyResult)` after a successful import."""

    committed = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None, language: str = "zh") -> None:
        super().__init__(parent)
        self.db, self.language = db, language
        self.options = ImportOptions()
        self.book: Workbook | None = None
        self.layouts: dict[str, SheetLayout] = {}
        self.plan: ImportPlan | None = None
        self.result: ApplyResult | None = None
        self.setWindowTitle(self.tr("导入台账"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(900, 620)
        self.file_page = FilePage()
        self.mapping_page = MappingPage()
        self.preview_page = PreviewPage()
        self.commit_page = CommitPage()
        for page in (self.file_page, self.mapping_page, self.preview_page, self.commit_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("上一步"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))

    def reject(self) -> None:
        task = self.commit_page.task
        if task is not None and task.running:
            task.cancel()  # the transaction rolls back; the page reports it
            return
        super().reject()


class FilePage(QWizardPage):
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
        self.create_missing = QCheckBox(self.tr("新建台账中出现的未知工作队、园区、产业链"))
        self.strict = QCheckBox(self.tr("严格模式：有任何无效行则全部不导入"))
        self.usd_rate = QLineEdit()
        self.usd_rate.setPlaceholderText(self.tr("如 7.1（留空则用设置中的汇率）"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("文件"), _wrap(row))
        form.addRow("", self.create_missing)
        form.addRow("", self.strict)
        form.addRow(self.tr("美元汇率"), self.usd_rate)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.path.textChanged.connect(self.completeChanged)
        self._loaded_for: str | None = None
        self._task: Task[Any] | None = None

    def wizard(self) -> ImportWizard:  # type: ignore[override]
        return super().wizard()  # type: ignore[return-value]

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

        def work(progress: Progress) -> tuple[Workbook, dict[str, SheetLayout]]:
            book = read_workbook(
                path, progress=progress.report, should_cancel=progress.should_cancel
            )
            layouts, _problems = detect_layouts(book, options)
            return book, layouts

        self.status.setText(self.tr("正在读取文件…"))
        self._task = run_op(
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


def _wrap(layout: QHBoxLayout) -> QWidget:
    widget = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    widget.setLayout(layout)
    return widget


class MappingPage(QWizardPage):
    """Each sheet's columns with the automatic guess; the user can map or drop any column."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("第二步：核对工作表与列"))
        self.setSubTitle(
            self.tr("已按列名自动识别字段；未识别的列可在“导入为”中指定，或选择“不导入”。")
        )
        self.sheet = QComboBox()
        self.kind = QLabel()
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("列"), self.tr("表头"), self.tr("自动识别"), self.tr("导入为")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
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

    def wizard(self) -> ImportWizard:  # type: ignore[override]
        return super().wizard()  # type: ignore[return-value]

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
                _field_label(layout.kind, column.field) if column.field else self.tr("（未识别）")
            )
            for col, text in enumerate((column.letter, column.header, guess)):
                self.table.setItem(row, col, QTableWidgetItem(text))
            combo = QComboBox()
            combo.addItem(self.tr("（不导入）"), IGNORE)
            for spec in fields:
                combo.addItem(f"{spec.label}（{spec.name}）", spec.name)
            current = overrides.get(column.index, column.field) or IGNORE
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.currentIndexChanged.connect(
                lambda _i, c=column.index, box=combo: self._set(name, c, box.currentData())
            )
            self.table.setCellWidget(row, 3, combo)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(2)
        self.table.resizeColumnToContents(3)

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
        return _tr("（不导入）")
    for spec in FIELDS.get(kind or "", ()):
        if spec.name == field:
            return spec.label
    return field or ""


class PreviewPage(QWizardPage):
    """Counts per sheet and every problem, before anything is written."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("第三步：预览"))
        self.setSubTitle(self.tr("以下是导入将做的修改和发现的问题；此时尚未写入任何数据。"))
        self.summary = QTableWidget(0, 7)
        self.summary.setHorizontalHeaderLabels(
            [
                self.tr("工作表"),
                self.tr("类型"),
                self.tr("新增"),
                self.tr("更新"),
                self.tr("未变"),
                self.tr("无效"),
                self.tr("跳过"),
            ]
        )
        self.summary.verticalHeader().setVisible(False)
        self.summary.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.summary.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.summary.setMaximumHeight(150)
        self.problems = QTableWidget(0, 5)
        self.problems.setHorizontalHeaderLabels(
            [self.tr("工作表"), self.tr("行"), self.tr("列"), self.tr("值"), self.tr("问题")]
        )
        self.problems.verticalHeader().setVisible(False)
        self.problems.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.fuzzy = QListWidget()
        self.fuzzy.setMaximumHeight(90)
        self.setCommitPage(True)  # after the import, Back cannot undo it
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("导入"))
        self.export_button = QPushButton(self.tr("导出问题清单…"))
        self.export_button.clicked.connect(self.on_export)
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.notes)
        layout.addWidget(self.fuzzy)
        layout.addWidget(self.problems, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export_button)
        layout.addLayout(bottom)
        self._task: Task[ImportPlan] | None = None

    def wizard(self) -> ImportWizard:  # type: ignore[override]
        return super().wizard()  # type: ignore[return-value]

    def initializePage(self) -> None:
        wizard = self.wizard()
        wizard.plan = None
        book, options, db = wizard.book, wizard.options, wizard.db
        self.status.setText(self.tr("正在检查…"))
        self.summary.setRowCount(0)
        self.problems.setRowCount(0)
        self.fuzzy.clear()
        self.notes.clear()

        def work(progress: Progress) -> ImportPlan:
            return build_plan(
                db, book, options, progress=progress.report, should_cancel=progress.should_cancel
            )

        def failed(exc: Exception) -> None:
            self.status.setText(
                f"<span style='color:#b00020'>{_message(exc, wizard.language)}</span>"
            )

        self._task = run_op(self, work, on_done=self._show, on_error=failed, show_progress=False)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        plan = self.wizard().plan
        if plan is None:
            return False
        return not (plan.options.strict and plan.has_errors) and plan.change_count > 0

    def _show(self, plan: ImportPlan) -> None:
        wizard = self.wizard()
        wizard.plan = plan
        english = wizard.language == "en"
        self.summary.setRowCount(len(plan.sheets))
        for row, sheet in enumerate(plan.sheets):
            kind = KIND_LABELS.get(sheet.kind or "", ("?", "?"))[1 if english else 0]
            for col, value in enumerate(
                (
                    sheet.sheet,
                    kind,
                    sheet.new,
                    sheet.updated,
                    sheet.unchanged,
                    sheet.invalid,
                    sheet.skipped,
                )
            ):
                item = QTableWidgetItem(str(value))
                if col >= 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.summary.setItem(row, col, item)
        problems = sort_problems(plan.problems)
        shown = problems[:MAX_PROBLEM_ROWS]
        self.problems.setRowCount(len(shown))
        for row, p in enumerate(shown):
            for col, value in enumerate(
                (
                    p.sheet,
                    "" if p.row is None else str(p.row),
                    p.column,
                    p.value,
                    p.message("en" if english else "zh"),
                )
            ):
                item = QTableWidgetItem(value)
                if p.severity == ERROR:
                    item.setForeground(Qt.GlobalColor.darkRed)
                elif p.severity == WARNING:
                    item.setForeground(Qt.GlobalColor.darkYellow)
                self.problems.setItem(row, col, item)
        self.problems.resizeColumnsToContents()
        self._show_notes(plan)
        for match in plan.fuzzy:
            cid, name, score = match.candidates[0]
            item = QListWidgetItem(
                self.tr("“%1”可能就是已有企业“%2”（相似度 %3），勾选则合并")
                .replace("%1", match.name)
                .replace("%2", name)
                .replace("%3", f"{score:.0f}")
            )
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, (match.name, cid))
            self.fuzzy.addItem(item)
        self.fuzzy.setVisible(bool(plan.fuzzy))
        errors = sum(1 for p in plan.problems if p.severity == ERROR)
        text = (
            self.tr("共 %1 条问题，其中 %2 条错误（对应的行不会导入）。")
            .replace("%1", str(len(problems)))
            .replace("%2", str(errors))
        )
        if plan.options.strict and plan.has_errors:
            text += self.tr(" 严格模式下有无效行，不能导入。")
        elif plan.change_count == 0:
            text += self.tr(" 没有需要写入的内容。")
        self.status.setText(text)
        self.completeChanged.emit()

    def _show_notes(self, plan: ImportPlan) -> None:
        lines = []
        implied = [e for e in plan.new_companies if e.item is None]
        if implied:
            lines.append(self.tr("将由项目表新建企业 %1 家。").replace("%1", str(len(implied))))
        labels = {"team": self.tr("工作队"), "park": self.tr("园区"), "chain": self.tr("产业链")}
        for kind, names in plan.missing.items():
            action = (
                self.tr("将新建")
                if plan.options.create_missing
                else self.tr("不会关联（在第一步勾选“新建未知…”可新建）")
            )
            lines.append(
                f"{self.tr('未知')}{labels.get(kind, kind)}：{'、'.join(names)} — {action}"
            )
        self.notes.setText("\n".join(lines))
        self.notes.setVisible(bool(lines))

    def chosen_merges(self) -> dict[str, str]:
        merges = {}
        for row in range(self.fuzzy.count()):
            item = self.fuzzy.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                name, cid = item.data(Qt.ItemDataRole.UserRole)
                merges[name] = cid
        return merges

    def on_export(self) -> None:
        plan = self.wizard().plan
        if plan is None:
            return
        path = choose_save_path(self, str(plan.path.with_name(plan.path.stem + "-问题清单.xlsx")))
        if not path:
            return
        try:
            export_problems(
                path,
                plan.problems,
                title=self.tr("台账导入问题清单：%1").replace("%1", plan.path.name),
            )
        except CrmError as exc:  # a folder, a missing folder, no permission: one clear line
            self.status.setText(str(exc))
            return
        self.status.setText(self.tr("问题清单已保存：%1").replace("%1", path))


class CommitPage(QWizardPage):
    """Back up, then write in one transaction, with progress and cancel."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("第四步：导入"))
        self.setSubTitle(
            self.tr("先自动备份数据库，再在一个事务中写入；取消或出错时数据库保持原样。")
        )
        self.progress = QProgressBar()
        self.cancel_button = QPushButton(self.tr("取消导入"))
        self.cancel_button.clicked.connect(self.on_cancel)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.task: Task[ApplyResult] | None = None
        self.done = False
        self.setFinalPage(True)

    def wizard(self) -> ImportWizard:  # type: ignore[override]
        return super().wizard()  # type: ignore[return-value]

    def initializePage(self) -> None:
        wizard = self.wizard()
        merges = wizard.preview_page.chosen_merges()
        plan, db, book = wizard.plan, wizard.db, wizard.book
        assert plan is not None
        options = plan.options
        if merges:
            options.merge_companies = {**options.merge_companies, **merges}

        def work(progress: Progress) -> ApplyResult:
            current = plan
            if merges:
                current = build_plan(db, book, options, should_cancel=progress.should_cancel)
            return apply_plan(
                db, current, progress=progress.report, should_cancel=progress.should_cancel
            )

        self.done = False
        self.progress.setRange(0, 0)
        self.status.setText(self.tr("正在备份并写入…"))
        self.cancel_button.setEnabled(True)
        self.task = run_op(
            self,
            work,
            on_done=self._on_done,
            on_error=self._on_failed,
            on_cancelled=self._on_cancelled,
            show_progress=False,
        )
        self.task.progressed.connect(self._on_progress)
        wizard.button(QWizard.WizardButton.BackButton).setEnabled(False)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.done

    def on_cancel(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
            self.status.setText(self.tr("正在取消…"))

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _finish(self, text: str) -> None:
        self.done = True
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.status.setText(text)
        self.completeChanged.emit()

    def _on_done(self, result: ApplyResult) -> None:
        wizard = self.wizard()
        wizard.result = result
        new = sum(c.get("new", 0) for c in result.counts.values())
        updated = sum(c.get("updated", 0) for c in result.counts.values())
        lines = [
            self.tr("导入完成：新增 %1 行，更新 %2 行。")
            .replace("%1", str(new))
            .replace("%2", str(updated))
        ]
        if result.backup:
            lines.append(self.tr("导入前的备份：%1").replace("%1", str(result.backup)))
        elif result.backup_note:
            lines.append(result.backup_note)
        if result.problems:
            lines.append(
                self.tr("写入时另有 %1 行被拒绝：").replace("%1", str(len(result.problems)))
            )
            lines += [p.line(wizard.language) for p in result.problems[:20]]
        self._finish("\n".join(lines))
        wizard.committed.emit(result)

    def _on_cancelled(self) -> None:
        self._finish(self.tr("已取消，数据库未改动。"))

    def _on_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ImportCancelled):
            self._on_cancelled()
        else:
            self._finish(
                self.tr("导入失败，数据库未改动：%1").replace(
                    "%1", _message(exc, self.wizard().language)
                )
            )
