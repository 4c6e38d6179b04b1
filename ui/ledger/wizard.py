"""The ledger import wizard: file → sheets and columns → preview with problems → commit.

Every step that touches the file or the database runs on a worker (ui.ops.run_op, each page
showing its own progress); the pages only show what crm.ledger returns.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from crm.db import Database
from crm.errors import CrmError
from crm.ledger import (
    ApplyResult,
    ImportOptions,
    ImportPlan,
    build_plan,
    export_problems,
)
from crm.ledger.context import NEW_PROJECT
from crm.ledger.fields import KIND_LABELS, Sheet
from crm.ledger.headers import closest_field
from crm.ledger.layout import SheetLayout
from crm.ledger.plan_stale import stale_text
from crm.ledger.plan_teams import new_teams_text
from crm.ledger.problems import ERROR, WARNING, Problem
from crm.ledger.reader import Workbook
from crm.ledger.report import sort_problems
from ui import ops
from ui.ledger.commit_page import CommitPage
from ui.ledger.wizard_changes import (
    changes_caption,
    changes_table,
    fill_changes,
    first_row_of_sheet,
)
from ui.ledger.wizard_pages import FilePage, MappingPage
from ui.ledger.wizard_parts import (
    MAX_PROBLEM_ROWS,
    ImportPage,
    WrappedText,
    _message,
    _table,
    choose_save_path,
)
from ui.ops import Progress, Task


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


class PreviewPage(ImportPage):
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
        self.summary.cellDoubleClicked.connect(self.on_sheet_double_clicked)
        self.summary.setToolTip(self.tr("双击一行，查看该工作表将写入的修改"))
        self.changes = changes_table()
        self.changes_caption = QLabel()
        self.problems = _table(
            [self.tr("工作表"), self.tr("行"), self.tr("列"), self.tr("值"), self.tr("问题")],
            stretch=4,
        )
        self.problems.setWordWrap(True)
        self.problems.setItemDelegateForColumn(4, WrappedText(self.problems))
        # A wrapped message keeps its lines whatever width the window gives it.
        self.problems.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
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
        # An older export of ours: fields changed on record since keep their newer values,
        # unless the clerk chooses the file's (shown only when the plan kept some).
        self.overwrite = QCheckBox(self.tr("导出后数据库中已改过的字段也写入文件中的值"))
        self.overwrite.setVisible(False)
        self.overwrite.toggled.connect(lambda _checked: self._changed())
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
        layout.addWidget(self.overwrite)
        layout.addWidget(self.choices)
        layout.addWidget(self.fuzzy)
        layout.addWidget(self._tabs(), 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.recheck_button)
        bottom.addWidget(self.export_button)
        layout.addLayout(bottom)
        self._task: Task[ImportPlan] | None = None
        #: The user changed a choice since the plan shown: check again before importing.
        self.dirty = False

    def _tabs(self) -> QTabWidget:
        """What is written and what is wrong, side by side as two tabs."""
        written = QWidget()
        column = QVBoxLayout(written)
        column.setContentsMargins(0, 4, 0, 0)
        column.addWidget(self.changes_caption)
        column.addWidget(self.changes, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(written, self.tr("将写入的修改"))
        self.tabs.addTab(self.problems, self.tr("问题"))
        return self.tabs

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
        for table in (self.summary, self.problems, self.choices, self.changes):
            table.setRowCount(0)
        self.changes_caption.clear()
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

        self._task = ops.run_op(
            self, work, on_done=self._show, on_error=failed, show_progress=False
        )
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
                if col >= 3 and value:  # the value and message in full, however narrow
                    item.setToolTip(value)
                if p.severity == ERROR:
                    item.setForeground(Qt.GlobalColor.darkRed)
                elif p.severity == WARNING:
                    item.setForeground(Qt.GlobalColor.darkYellow)
                self.problems.setItem(row, col, item)
        # No empty Value column when no problem names a cell value (a kept newer change says
        # both values in its message); long messages wrap instead of ending in "…".
        self.problems.setColumnHidden(3, not any(p.value for p in shown))
        self.problems.resizeColumnsToContents()
        self._show_changes(plan, problems)
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

    def _show_changes(self, plan: ImportPlan, problems: list[Problem]) -> None:
        """The records the import writes; the tab with errors comes first when there are any."""
        fill_changes(self.changes, plan, self.wizard().language)
        self.changes_caption.setText(changes_caption(plan))
        self.tabs.setTabText(
            0, self.tr("将写入的修改（%1）").replace("%1", str(plan.planned_total))
        )
        self.tabs.setTabText(1, self.tr("问题（%1）").replace("%1", str(len(problems))))
        errors = any(p.severity == ERROR for p in problems)
        self.tabs.setCurrentIndex(1 if errors or not plan.planned else 0)

    def on_sheet_double_clicked(self, row: int, _column: int) -> None:
        """A sheet's counts double-clicked: its first change in the list."""
        plan = self.wizard().plan
        item = self.summary.item(row, 0)
        if plan is None or item is None:
            return
        self.tabs.setCurrentIndex(0)
        first = first_row_of_sheet(plan, item.text())
        if first is not None:
            self.changes.selectRow(first)
            self.changes.scrollToItem(self.changes.item(first, 0))

    def _show_notes(self, plan: ImportPlan) -> None:
        english = self.wizard().language == "en"
        lines = []
        stale = stale_text(plan.stale, "en" if english else "zh")
        if stale:  # the cells are listed with the problems, one sentence each
            lines.append(stale + ("." if english else "（详见“问题”）。"))
        self.overwrite.blockSignals(True)
        self.overwrite.setChecked(plan.options.overwrite_newer)
        self.overwrite.blockSignals(False)
        self.overwrite.setVisible(bool(stale))
        teams = new_teams_text(plan.items.get(Sheet.TEAMS, []), "en" if english else "zh")
        if teams:
            lines.append(teams + ("." if english else "。"))
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
            unknown = self.tr("未知%1：").replace("%1", labels.get(kind, kind))
            lines.append(f"{unknown}{'、'.join(names)} — {action}")
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
        options.overwrite_newer = self.overwrite.isChecked()
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
