"""The 同步 screen's dialogs: the preview of a package, pairing, and the server sync.

The import preview is what `import_package(dry_run=True)` computed; importing hands its
`state_seq` back (`expect_state`) so that exactly the previewed state is changed, or nothing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm.sync.apply import SYNCED_TABLES
from crm.sync.exchange import ImportResult, ServerSyncResult, UnrelatedSites, sync_with_server
from crm.sync.identity import SiteIdentity
from crm.sync.overview import open_hub, server_waiting, url_to_remember
from ui import dialogs as ui_dialogs
from ui import ops
from ui.activities.forms import message_line, save_cancel_buttons
from ui.context import SETTINGS, AppContext
from ui.qsettings import app_settings
from ui.sync.labels import outcome_lines, table_label
from ui.sync.panels import fill_row, make_table
from ui.sync.search_warmup import warm_search_after_sync

#: Where the server address is remembered (a laptop preference, never the password).
SERVER_URL_KEY = "sync/server_url"
#: Changes per batch of a server sync (read and applied in steps; kept all or nothing).
SERVER_BATCH = 2000


class ImportPreviewDialog(QDialog):
    """What a package brings, per table, before anything is written; 导入 applies exactly it."""

    def __init__(
        self, preview: ImportResult, parent: QWidget | None = None, *, english: bool = False
    ) -> None:
        super().__init__(parent)
        self.preview = preview
        self.english = english
        self.setWindowTitle(self.tr("导入同步包：预览"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        summary = preview.summary
        head = self.tr("来自“%1”的 %2 项修改，其中 %3 项本站点已有。").replace(
            "%1", preview.sender_name
        )
        head = head.replace("%2", f"{summary.received:,}").replace("%3", f"{summary.duplicates:,}")
        self.head = QLabel(head, self)
        self.head.setWordWrap(True)
        layout.addWidget(self.head)
        self.table = make_table(
            self,
            [self.tr("数据"), self.tr("新增"), self.tr("修改"), self.tr("删除")],
            "previewTable",
        )
        tables = sorted({*summary.new, *summary.changed, *summary.deleted})
        self.table.setRowCount(len(tables))
        for row, name in enumerate(tables):
            counts = (summary.new.get(name, 0), summary.changed.get(name, 0))
            values = [table_label(name), *(f"{n:,}" for n in counts)]
            values.append(f"{summary.deleted.get(name, 0):,}")
            fill_row(self.table, row, values, name)
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table, 1)
        self.notes = QLabel(self._notes(preview), self)
        self.notes.setObjectName("previewNotes")
        self.notes.setWordWrap(True)
        layout.addWidget(self.notes)
        buttons = save_cancel_buttons(self, self.tr("导入"))
        self.import_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.import_button.setEnabled(summary.applied > 0)
        layout.addWidget(buttons)

    def save(self) -> None:
        self.accept()

    def _notes(self, preview: ImportResult) -> str:
        summary = preview.summary
        if summary.applied == 0:
            return self.tr("这个同步包中的修改本站点都已有，导入不会改变任何数据。")
        lines = [
            self.tr("新的冲突：%1 项（导入后在“冲突”中处理）。").replace(
                "%1", str(summary.conflicts)
            )
            if summary.conflicts
            else self.tr("没有新的冲突。")
        ]
        lines += outcome_lines(summary, self.english)
        for group in preview.duplicates:
            names = "、".join(dict.fromkeys(group.names))
            lines.append(
                self.tr("疑似重复的%1：%2")
                .replace("%1", table_label(group.table_name))
                .replace("%2", names)
            )
        lines.append(self.tr("导入前会先备份数据库；导入在一个事务中完成，失败则不写入任何数据。"))
        return "\n".join(lines)


class PairDialog(QDialog):
    """A peer's identity file: its name, site id and fingerprint, to compare before trusting."""

    def __init__(self, identity: SiteIdentity, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.identity = identity
        self.setWindowTitle(self.tr("与站点配对"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(self.tr("站点名称"), QLabel(identity.name, self))
        form.addRow(self.tr("站点编号"), QLabel(identity.site_id, self))
        self.fingerprint = QLabel(identity.fingerprint, self)
        self.fingerprint.setObjectName("peerFingerprint")
        self.fingerprint.setStyleSheet(
            "font-family: monospace; font-size: 15px; font-weight: bold;"
        )
        form.addRow(self.tr("指纹"), self.fingerprint)
        layout.addLayout(form)
        text = self.tr(
            "请通过电话或当面与对方核对指纹，完全一致才确认配对。配对后本站点接受对方签名的同步包。"
        )
        note = QLabel(text, self)
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(save_cancel_buttons(self, self.tr("指纹一致，配对")))

    def save(self) -> None:
        self.accept()


class ServerSyncDialog(QDialog):
    """与服务器同步: the hub's address (remembered), progress each way, cancel."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task: ops.Task[Any] | None = None
        self.result: ServerSyncResult | None = None
        self.batch = SERVER_BATCH
        self.setWindowTitle(self.tr("与服务器同步"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.url = QLineEdit(str(app_settings().value(SERVER_URL_KEY, "") or ""), self)
        self.url.setPlaceholderText("postgresql+psycopg://用户名@服务器:5432/crm")
        self.url.setToolTip(
            self.tr("局机关共享数据库的地址。密码不会被记住（可用 .pgpass 文件保存）。")
        )
        form.addRow(self.tr("服务器地址"), self.url)
        layout.addLayout(form)
        self.status = QLabel(
            self.tr("同步双向交换修改，全部完成才保存；中途失败或取消，两边都不变。"), self
        )
        self.status.setObjectName("serverStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        layout.addWidget(self.bar)
        self.message = message_line(self)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        self.check_button = QPushButton(self.tr("查看待同步"), self)
        self.check_button.clicked.connect(lambda _checked=False: self.check())
        row.addWidget(self.check_button)
        self.start_button = QPushButton(self.tr("开始同步"), self)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(lambda _checked=False: self.start())
        self.cancel_button = QPushButton(self.tr("取消"), self)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(lambda _checked=False: self.cancel())
        self.close_button = QPushButton(self.tr("关闭"), self)
        self.close_button.clicked.connect(self.reject)
        for button in (self.start_button, self.cancel_button, self.close_button):
            row.addWidget(button)
        layout.addLayout(row)

    def start(self, *, merge_unrelated: bool = False) -> ops.Task[ServerSyncResult] | None:
        """Sync; `merge_unrelated` once the person agreed to merge two unrelated databases."""
        url = self.url.text().strip()
        if not url:
            self.message.setText(self.tr("请填写服务器地址。"))
            return None
        app_settings().setValue(SERVER_URL_KEY, url_to_remember(url))
        self.message.clear()
        self.result = None
        db, batch = self.ctx.db, self.batch
        sending, receiving = self.tr("正在发送本站点的修改…"), self.tr("正在接收服务器的修改…")

        def work(progress: ops.Progress) -> ServerSyncResult:
            progress.report(0, 0, self.tr("正在连接服务器…"))
            hub = open_hub(url)
            try:

                def report(done: int, total: int, what: str) -> None:
                    progress.report(done, total, sending if what == "send" else receiving)

                return sync_with_server(
                    db,
                    hub,
                    batch=batch,
                    progress=report,
                    should_cancel=progress.should_cancel,
                    merge_unrelated=merge_unrelated,
                )
            finally:
                hub.close()

        self._busy(True)
        self.task = ops.run_op(
            self,
            work,
            on_done=self._done,
            on_error=self._failed,
            on_cancelled=self._cancelled,
            ctx=self.ctx,
            changes=SYNC_CHANGES,
            show_progress=False,
        )
        self.task.progressed.connect(self._progress)
        return self.task

    def check(self) -> ops.Task[tuple[int, int]] | None:
        """Count the changes waiting each way, without exchanging any."""
        url = self.url.text().strip()
        if not url:
            self.message.setText(self.tr("请填写服务器地址。"))
            return None
        self.message.clear()
        db = self.ctx.db

        def work(_progress: ops.Progress) -> tuple[int, int]:
            hub = open_hub(url)
            try:
                return server_waiting(db, hub)
            finally:
                hub.close()

        def done(counts: tuple[int, int]) -> None:
            text = self.tr("待发送 %1 项，待接收 %2 项。")
            self.status.setText(
                text.replace("%1", f"{counts[0]:,}").replace("%2", f"{counts[1]:,}")
            )

        def failed(exc: Exception) -> None:
            self.message.setText(ops.error_text(exc, self.ctx.language))

        self.task = ops.run_op(
            self, work, on_done=done, on_error=failed, ctx=self.ctx, show_progress=False
        )
        return self.task

    def cancel(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
            self.status.setText(self.tr("正在取消…"))

    def _busy(self, busy: bool) -> None:
        self.start_button.setEnabled(not busy)
        self.check_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.close_button.setEnabled(not busy)
        self.url.setEnabled(not busy)
        if busy:
            self.bar.setRange(0, 0)

    def _progress(self, done: int, total: int, text: str) -> None:
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        if text:
            self.status.setText(f"{text} {done:,}/{total:,}" if total else text)

    def _done(self, result: ServerSyncResult) -> None:
        self.result = result
        self._busy(False)
        warm_search_after_sync(self)
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        text = self.tr("已与服务器同步：发送 %1 项，接收 %2 项，待处理冲突 %3 项。")
        text = (
            text.replace("%1", f"{result.sent:,}")
            .replace("%2", f"{result.received:,}")
            .replace("%3", str(result.summary.conflicts))
        )
        self.status.setText("\n".join([text, *outcome_lines(result.summary, self.ctx.is_english)]))

    def _failed(self, exc: Exception) -> None:
        self._busy(False)
        self.bar.setRange(0, 1)
        self.status.clear()
        if isinstance(exc, UnrelatedSites):  # the same question as `crm sync with`
            self._ask_to_merge(exc)
            return
        self.message.setText(
            ops.error_text(exc, self.ctx.language) + self.tr("（本次同步的修改均未保存。）")
        )

    def _ask_to_merge(self, refused: UnrelatedSites) -> None:
        counts = self.tr("本站点（%1 个项目）与服务器（%2 个项目）从未同步过，")
        question = (
            counts.replace("%1", f"{refused.ours:,}").replace("%2", f"{refused.theirs:,}")
            + self.tr("也没有一个相同的项目，像是两个单位各自的数据库。")
            + self.tr("把两边的数据合并在一起？")
        )
        if ui_dialogs.ask_confirm(self, self.tr("合并两个数据库？"), question):
            self.start(merge_unrelated=True)
        else:
            self.message.setText(self.tr("未同步，未写入任何数据。"))

    def _cancelled(self) -> None:
        self._busy(False)
        self.bar.setRange(0, 1)
        self.status.setText(self.tr("已取消，未写入任何数据。"))

    def reject(self) -> None:
        if self.task is not None and self.task.running:
            self.cancel()  # closing while it runs would leave the work without a window
            return
        super().reject()


#: A sync may touch every table: every view refreshes afterwards.
SYNC_CHANGES: frozenset[str] = frozenset({*SYNCED_TABLES, SETTINGS})
