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
from crm.ledger.context import NEW_PROJECT
from crm.ledger.fields import FIELDS, IGNORE, KIND_LABELS
from crm.ledger.headers import closest_field
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
            with db.session() as session:  # a sheet with few headers is known by its 系统编号
                layouts, _problems = detect_layouts(book, options, session)
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


def _table(headers: list[str], *, stretch: int) -> QTableWidget:
    """A read-only table with these column headers; column `stretch` takes the spare width."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return table


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
        return _tr("（不导入）")
    for spec in FIELDS.get(kind or "", ()):
        if spec.name == field:
            return spec.label
    return field or ""


class PreviewPage(QWizardPage):
    """Counts per sheet and every problem, before anything is written. Rows the user must
    match by hand (several projects fit, or one may) and close company names are chosen here;
    “重新检查” plans again with those choices, and the import writes exactly the plan shown."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("第三步：预览"))
        self.setSubTitle(self.tr("以下是导入将做的修改和发现的问题；此时尚未写入任何数据。"))
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.summary = _table(
            [
                self.tr("工作表"),
                self.tr("类型"),
                self.tr("新增"),
                self.tr("更新"),
                self.tr("未变"),
                self.tr("无效"),
                self.tr("跳过"),
            ],
            stretch=0,
        )
        self.summary.setMaximumHeight(130)
        self.problems = _table(
            [self.tr("工作表"), self.tr("行"), self.tr("列"), self.tr("值"), self.tr("问题")],
            stretch=4,
        )
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.choices = _table(
            [self.tr("工作表"), self.tr("行"), self.tr("台账中的项目"), self.tr("对应的已有项目")],
            stretch=3,
        )
        self.choices.setMaximumHeight(150)
        self.fuzzy = QListWidget()
        self.fuzzy.setMaximumHeight(90)
        self.fuzzy.itemChanged.connect(self._on_fuzzy)
        self.recheck_button = QPushButton(self.tr("按以上选择重新检查"))
        self.recheck_button.clicked.connect(self.on_recheck)
        self.setCommitPage(True)  # after the import, Back cannot undo it
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("导入"))
        self.export_button = QPushButton(self.tr("导出问题清单…"))
        self.export_button.clicked.connect(self.on_export)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.notes)
        layout.addWidget(self.choices)
        layout.addWidget(self.fuzzy)
        layout.addWidget(self.problems, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.recheck_button)
        bottom.addWidget(self.export_button)
        layout.addLayout(bottom)
        self._task: Task[ImportPlan] | None = None
        #: The user changed a choice since the plan shown: check again before importing.
        self.dirty = False

    def wizard(self) -> ImportWizard:  # type: ignore[override]
        return super().wizard()  # type: ignore[return-value]

    def initializePage(self) -> None:
        self.check()

    def check(self) -> None:
        """Plan (again) on a worker, with the choices made so far; the page shows the plan."""
        wizard = self.wizard()
        wizard.plan = None
        self.dirty = False
        book, options, db = wizard.book, wizard.options, wizard.db
        self.status.setText(self.tr("正在检查…"))
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        for table in (self.summary, self.problems, self.choices):
            table.setRowCount(0)
        self.fuzzy.clear()
        self.notes.clear()
        self.recheck_button.setEnabled(False)

        def work(progress: Progress) -> ImportPlan:
            return build_plan(
                db, book, options, progress=progress.report, should_cancel=progress.should_cancel
            )

        def failed(exc: Exception) -> None:
            self.progress.setVisible(False)
            self.status.setText(
                f"<span style='color:#b00020'>{_message(exc, wizard.language)}</span>"
            )

        self._task = run_op(self, work, on_done=self._show, on_error=failed, show_progress=False)
        self._task.progressed.connect(self._on_progress)
        self.completeChanged.emit()

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        book = self.wizard().book
        sheet = text if book is not None and text in {s.name for s in book.sheets} else ""
        self.progress.setFormat(
            self.tr("正在检查 %1 %p%").replace("%1", sheet) if sheet else self.tr("正在检查 %p%")
        )

    def isComplete(self) -> bool:
        plan = self.wizard().plan
        if plan is None or self.dirty:
            return False
        return not (plan.options.strict and plan.has_errors) and plan.change_count > 0

    def _show(self, plan: ImportPlan) -> None:
        wizard = self.wizard()
        wizard.plan = plan
        self.progress.setVisible(False)
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
        self._show_choices(plan)
        self._show_fuzzy(plan)
        errors = sum(1 for p in plan.problems if p.severity == ERROR)
        text = (
            self.tr("共 %1 条问题，其中 %2 条错误（对应的行不会导入）。")
            .replace("%1", str(len(problems)))
            .replace("%2", str(errors))
        )
        if plan.ambiguous:
            text += self.tr(" 有 %1 行与多个已有项目相符，请在上表选择后重新检查。").replace(
                "%1", str(len(plan.ambiguous))
            )
        if plan.options.strict and plan.has_errors:
            text += self.tr(" 严格模式下有无效行，不能导入。")
        elif plan.change_count == 0:
            text += self.tr(" 没有需要写入的内容。")
        self.status.setText(text)
        self.completeChanged.emit()

    def _show_notes(self, plan: ImportPlan) -> None:
        english = self.wizard().language == "en"
        lines = []
        implied = [e for e in plan.new_companies if e.item is None]
        if implied:
            lines.append(self.tr("将由项目表新建企业 %1 家。").replace("%1", str(len(implied))))
        labels = {
            "team": self.tr("工作队"),
            "park": self.tr("园区"),
            "chain": self.tr("产业链"),
            "region_group": self.tr("区域组"),
        }
        for kind, names in plan.missing.items():
            action = (
                self.tr("将新建")
                if plan.options.create_missing
                else self.tr("不会关联（在第一步勾选“新建未知…”可新建）")
            )
            lines.append(
                f"{self.tr('未知')}{labels.get(kind, kind)}：{'、'.join(names)} — {action}"
            )
        for sheet in plan.sheets:
            unread = [c for c in sheet.columns if c.header and not c.field]
            if not unread:
                continue
            parts = []
            for column in unread:
                near = closest_field(sheet.kind or "", column.header) if sheet.kind else None
                label = (near.label_en if english else near.label) if near else ""
                parts.append(
                    self.tr("%1（最接近：%2）").replace("%1", column.header).replace("%2", label)
                    if near
                    else column.header
                )
            lines.append(
                self.tr("“%1”表未导入的列：%2（可在第二步指定）")
                .replace("%1", sheet.sheet)
                .replace("%2", "、".join(parts))
            )
        self.notes.setText("\n".join(lines))
        self.notes.setVisible(bool(lines))

    def _show_choices(self, plan: ImportPlan) -> None:
        """One line per row to match by hand, with a list of its candidates."""
        language = self.wizard().language
        chosen = self.wizard().options.same_projects
        self.choices.setRowCount(len(plan.choices))
        for row, choice in enumerate(plan.choices):
            who = f"{choice.name}（{choice.company}）" if choice.company else choice.name
            for col, text in enumerate((choice.sheet, str(choice.row), who)):
                self.choices.setItem(row, col, QTableWidgetItem(text))
            combo = QComboBox()
            if choice.ambiguous:
                combo.addItem(self.tr("（请选择，选择前不导入）"), None)
            else:
                combo.addItem(self.tr("作为新项目导入"), None)
            for candidate in choice.candidates:
                combo.addItem(self.tr("就是：%1").replace("%1", candidate.text(language)),
                              candidate.id)  # fmt: skip
            if choice.ambiguous:
                combo.addItem(self.tr("都不是，作为新项目导入"), NEW_PROJECT)
            current = chosen.get((choice.sheet, choice.row))
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.currentIndexChanged.connect(
                lambda _i, c=choice, box=combo: self._choose(c.sheet, c.row, box.currentData())
            )
            self.choices.setCellWidget(row, 3, combo)
        self.choices.resizeColumnsToContents()
        self.choices.setVisible(bool(plan.choices))
        self.recheck_button.setVisible(bool(plan.choices or plan.fuzzy))
        self.recheck_button.setEnabled(False)

    def _show_fuzzy(self, plan: ImportPlan) -> None:
        merges = self.wizard().options.merge_companies
        self.fuzzy.blockSignals(True)
        for match in plan.fuzzy:
            cid, name, score = match.candidates[0]
            item = QListWidgetItem(
                self.tr("“%1”可能就是已有企业“%2”（相似度 %3），勾选则合并")
                .replace("%1", match.name)
                .replace("%2", name)
                .replace("%3", f"{score:.0f}")
            )
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = merges.get(match.name) == cid
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, (match.name, cid))
            self.fuzzy.addItem(item)
        self.fuzzy.blockSignals(False)
        self.fuzzy.setVisible(bool(plan.fuzzy))

    def _choose(self, sheet: str, row: int, project: str | None) -> None:
        chosen = self.wizard().options.same_projects
        if project:
            chosen[(sheet, row)] = project
        else:
            chosen.pop((sheet, row), None)
        self._changed()

    def _on_fuzzy(self, _item: QListWidgetItem) -> None:
        self._changed()

    def _changed(self) -> None:
        """A choice changed: the plan shown is no longer what would be written."""
        self.dirty = True
        self.recheck_button.setEnabled(True)
        self.status.setText(self.tr("选择已更改，请点“按以上选择重新检查”，检查后才能导入。"))
        self.completeChanged.emit()

    def on_recheck(self) -> None:
        options = self.wizard().options
        options.merge_companies = {**options.merge_companies, **self.chosen_merges()}
        for name in self.unchecked_merges():
            options.merge_companies.pop(name, None)
        self.check()

    def chosen_merges(self) -> dict[str, str]:
        merges = {}
        for row in range(self.fuzzy.count()):
            item = self.fuzzy.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                name, cid = item.data(Qt.ItemDataRole.UserRole)
                merges[name] = cid
        return merges

    def unchecked_merges(self) -> list[str]:
        return [
            self.fuzzy.item(row).data(Qt.ItemDataRole.UserRole)[0]
            for row in range(self.fuzzy.count())
            if self.fuzzy.item(row).checkState() != Qt.CheckState.Checked
        ]

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
        plan, db = wizard.plan, wizard.db
        assert plan is not None

        def work(progress: Progress) -> ApplyResult:
            # Exactly the plan the preview showed (a changed choice was checked again there).
            return apply_plan(
                db, plan, progress=progress.report, should_cancel=progress.should_cancel
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
