"""The import wizard's last page: exactly the previewed plan written in one transaction on a
worker, with progress and Cancel; then what was written, the backup, or why nothing was."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWizard,
)

from crm.ledger import ApplyResult, ImportCancelled, apply_plan
from ui import ops
from ui.ledger.wizard_parts import ImportPage, _message
from ui.ops import Progress, Task


class CommitPage(ImportPage):
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
        # Nothing written (the data changed since the preview, cancelled, refused): plan again
        # with the same file and columns rather than closing the wizard (user test, finding 21).
        self.again_button = QPushButton(self.tr("重新预览"))
        self.again_button.setToolTip(self.tr("用同一文件和列设置重新检查，再决定是否导入"))
        self.again_button.clicked.connect(lambda: self.wizard().back())
        self.again_button.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.again_button)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.task: Task[ApplyResult] | None = None
        self.done = False
        self.setFinalPage(True)

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
        self.again_button.hide()
        self.progress.setRange(0, 0)
        self.status.setText(self.tr("正在备份并写入…"))
        self.cancel_button.setEnabled(True)
        self.task = ops.run_op(
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

    def cleanupPage(self) -> None:
        """Back to the preview (上一步 or 重新预览 after nothing was written): the preview
        shown there is stale, so it is planned again (QWizard does not re-initialise a page
        it goes back to)."""
        super().cleanupPage()
        self.again_button.hide()
        preview = self.wizard().preview_page
        preview.setCommitPage(True)  # the next import again cannot be gone back from
        preview.check()

    def on_cancel(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
            self.status.setText(self.tr("正在取消…"))

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _finish(self, text: str, *, written: bool = False) -> None:
        self.done = True
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.status.setText(text)
        # Written: no way back (the preview is a commit page). Not written: back to a fresh
        # preview; QWizard enables 上一步 once the page before is no commit page.
        self.again_button.setVisible(not written)
        if not written:
            self.wizard().preview_page.setCommitPage(False)
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
        self._finish("\n".join(lines), written=True)
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
