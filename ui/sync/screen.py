"""同步 Sync: this site and its peers; packages, the server, pairing; what waits for a person.

Every action runs through ui.ops (off the window's thread) and calls crm.sync functions; the
lists reload after each exchange or decision.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm.services.result import ChangeSet
from crm.sync.exchange import ExportResult, ImportResult, export_package, import_package
from crm.sync.identity import SiteIdentity
from crm.sync.overview import SyncOverview, read_identity, sync_overview, write_identity
from crm.sync.peers import pair as pair_peer
from crm.sync.peers import set_site_name
from ui import dialogs, ops
from ui.context import AppContext
from ui.screen import Screen
from ui.sync.dialogs import SYNC_CHANGES, ImportPreviewDialog, PairDialog, ServerSyncDialog
from ui.sync.labels import outcome_lines
from ui.sync.panels import ConflictsPanel, DuplicatesPanel, RulesPanel, fill_row, make_table
from ui.sync.search_warmup import warm_search_after_sync


class SyncScreen(Screen):
    screen_id = "sync"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.overview: SyncOverview | None = None
        self.load_task: ops.Task[SyncOverview] | None = None
        #: The last operation started here (tests wait for it).
        self.task: ops.Task | None = None
        self.last_preview: ImportResult | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self._site_box())
        layout.addLayout(self._actions())
        peers_box = QGroupBox(self.tr("已配对站点"), self)
        peers_layout = QVBoxLayout(peers_box)
        self.peers = make_table(
            peers_box,
            [
                self.tr("名称"),
                self.tr("方式"),
                self.tr("指纹"),
                self.tr("上次交换"),
                self.tr("待发送"),
                self.tr("已收到对方"),
            ],
            "peerTable",
        )
        self.peers.setMaximumHeight(150)
        peers_layout.addWidget(self.peers)
        layout.addWidget(peers_box)
        self.tabs = QTabWidget(self)
        self.conflicts = ConflictsPanel(ctx, self)
        self.rules = RulesPanel(ctx, self)
        self.duplicates = DuplicatesPanel(ctx, self)
        for panel in (self.conflicts, self.rules, self.duplicates):
            self.tabs.addTab(panel, "")
        layout.addWidget(self.tabs, 1)
        self.conflicts.settled.connect(self.refresh)
        self.duplicates.merged.connect(self.refresh)
        self.refresh()

    def _site_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("本站点"), self)
        form = QFormLayout(box)
        self.site_name = QLabel("", box)
        self.site_id = QLabel("", box)
        self.fingerprint = QLabel("", box)
        self.fingerprint.setObjectName("siteFingerprint")
        self.fingerprint.setStyleSheet("font-family: monospace; font-weight: bold;")
        for label in (self.site_id, self.fingerprint):
            label.setTextInteractionFlags(label.textInteractionFlags().TextSelectableByMouse)
        # The name peers tell this site apart by (crm.sync.peers.site_name): editable here.
        name_row = QHBoxLayout()
        name_row.addWidget(self.site_name)
        self.rename_button = QPushButton(self.tr("修改名称…"), box)
        self.rename_button.setObjectName("renameSite")
        self.rename_button.clicked.connect(lambda _checked=False: self.rename_site())
        name_row.addWidget(self.rename_button)
        name_row.addStretch(1)
        form.addRow(self.tr("名称"), name_row)
        form.addRow(self.tr("站点编号"), self.site_id)
        form.addRow(self.tr("密钥指纹"), self.fingerprint)
        return box

    def _actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        buttons = [
            (self.tr("导出同步包…"), self.export_package),
            (self.tr("导入同步包…"), self.import_package),
            (self.tr("与服务器同步…"), self.sync_with_server),
            (self.tr("配对…"), self.pair),
            (self.tr("导出本站身份…"), self.export_identity),
        ]
        for text, slot in buttons:
            button = QPushButton(text, self)
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _package_filter(self) -> str:
        return self.tr("同步包 (*.zspkg);;所有文件 (*)")

    def _identity_filter(self) -> str:
        return self.tr("站点身份文件 (*.json);;所有文件 (*)")

    # -- loading ---------------------------------------------------------------------------
    def refresh(self) -> ops.Task[SyncOverview]:
        db = self.ctx.db
        self.load_task = ops.run_op(
            self,
            lambda _progress: sync_overview(db),
            on_done=self.show_overview,
            title=self.tr("正在读取同步状态…"),
            ctx=self.ctx,
        )
        return self.load_task

    def concerns(self, change: ChangeSet) -> bool:
        return bool(change.tables() & SYNC_CHANGES)

    def show_overview(self, overview: SyncOverview) -> None:
        self.overview = overview
        self.site_name.setText(overview.name)
        self.site_id.setText(overview.site_id)
        self.fingerprint.setText(overview.fingerprint)
        self.peers.setRowCount(len(overview.peers))
        never = self.tr("从未")
        for row, peer in enumerate(overview.peers):
            last = max(filter(None, (peer.last_sent_at, peer.last_received_at)), default=None)
            values = [
                peer.name,
                self.tr("服务器") if peer.is_server else self.tr("同步包"),
                peer.fingerprint or "—",
                last.strftime("%Y-%m-%d %H:%M") if last else never,
                f"{peer.waiting_out:,}",
                # What the peer holds that this site has not seen is known only to the peer;
                # shown is how far this site has got with its changes.
                self.tr("至第 %1 项").replace("%1", f"{peer.received:,}"),
            ]
            fill_row(self.peers, row, values, peer.site_id)
        self.peers.resizeColumnsToContents()
        for panel in (self.conflicts, self.rules, self.duplicates):
            panel.show_overview(overview)
        field_conflicts = sum(1 for c in overview.conflicts if c.kind != "rule")
        self.tabs.setTabText(0, self.tr("冲突（%1）").replace("%1", str(field_conflicts)))
        rules = len(overview.conflicts) - field_conflicts
        self.tabs.setTabText(1, self.tr("规则待复核（%1）").replace("%1", str(rules)))
        duplicates = len(overview.duplicates)
        self.tabs.setTabText(2, self.tr("疑似重复（%1）").replace("%1", str(duplicates)))

    # -- packages --------------------------------------------------------------------------
    def _choose_peer(self) -> str | None:
        if self.overview is None:
            return None
        peers = [p for p in self.overview.peers if not p.is_server]
        if not peers:
            dialogs.show_info(
                self, self.tr("还没有可以发送同步包的站点。请先“配对…”导入对方的身份文件。")
            )
            return None
        if len(peers) == 1:
            return peers[0].site_id
        return dialogs.ask_choice(
            self,
            self.tr("导出同步包"),
            self.tr("发给哪个站点？"),
            [(p.site_id, p.name) for p in peers],
        )

    def export_package(
        self, peer_id: str | None = None, path: str | None = None
    ) -> ops.Task[ExportResult] | None:
        peer_id = peer_id or self._choose_peer()
        if not peer_id:
            return None
        if path is None:
            name = f"{date_stamp()}.zspkg"
            path = dialogs.ask_save_path(self, self.tr("导出同步包"), name, self._package_filter())
        if not path:
            return None
        db = self.ctx.db

        def done(result: ExportResult) -> None:
            text = self.tr("已导出同步包：%1\n发往“%2”，%3 项修改。请把这个文件交给对方导入。")
            dialogs.show_info(
                self,
                text.replace("%1", str(result.path))
                .replace("%2", result.peer_name)
                .replace("%3", f"{result.changes:,}"),
            )
            self.refresh()

        self.task = ops.run_op(
            self,
            lambda _p: export_package(db, peer_id, path),
            on_done=done,
            title=self.tr("正在导出同步包…"),
            ctx=self.ctx,
        )
        return self.task

    def import_package(self, path: str | None = None) -> ops.Task[ImportResult] | None:
        """Preview the package (a dry run), then, if the user agrees, import exactly that."""
        if path is None:
            path = dialogs.ask_open_path(self, self.tr("导入同步包"), self._package_filter())
        if not path:
            return None
        db = self.ctx.db

        def work(progress: ops.Progress) -> ImportResult:
            progress.report(0, 0, self.tr("正在核对同步包…"))
            return import_package(
                db, path, dry_run=True, progress=lambda d, t, _w: progress.report(d, t)
            )

        self.task = ops.run_op(
            self,
            work,
            on_done=lambda preview: self._confirm_import(path, preview),
            title=self.tr("正在预览同步包…"),
            ctx=self.ctx,
        )
        return self.task

    def _confirm_import(self, path: str, preview: ImportResult) -> None:
        self.last_preview = preview
        dialog = ImportPreviewDialog(preview, self, english=self.ctx.is_english)
        if dialogs.exec_dialog(dialog) != ImportPreviewDialog.DialogCode.Accepted:
            return
        db = self.ctx.db

        def work(progress: ops.Progress) -> ImportResult:
            progress.report(0, 0, self.tr("正在导入同步包…"))
            return import_package(
                db,
                path,
                expect_state=preview.state_seq,
                progress=lambda d, t, _w: progress.report(d, t),
            )

        def done(result: ImportResult) -> None:
            text = self.tr("已导入来自“%1”的 %2 项修改。").replace("%1", result.sender_name)
            text = text.replace("%2", f"{result.summary.applied:,}")
            if result.summary.conflicts:
                text += self.tr("待处理冲突 %1 项。").replace("%1", str(result.summary.conflicts))
            text = "\n".join([text, *outcome_lines(result.summary, self.ctx.is_english)])
            if result.backup:
                text += "\n" + self.tr("导入前的备份：%1").replace("%1", str(result.backup))
            dialogs.show_info(self, text)
            self.refresh()
            warm_search_after_sync(self)

        self.task = ops.run_op(
            self,
            work,
            on_done=done,
            title=self.tr("正在导入同步包…"),
            ctx=self.ctx,
            changes=SYNC_CHANGES,
        )

    # -- the server, pairing, identity -----------------------------------------------------
    def server_dialog(self) -> ServerSyncDialog:
        dialog = ServerSyncDialog(self.ctx, self)
        dialog.finished.connect(lambda _code: self.refresh())
        return dialog

    def sync_with_server(self) -> None:
        dialogs.exec_dialog(self.server_dialog())

    def pair(self, path: str | None = None) -> bool:
        """Show a peer's identity file and its fingerprint; pair when the user confirms."""
        if path is None:
            path = dialogs.ask_open_path(
                self, self.tr("选择对方的站点身份文件"), self._identity_filter()
            )
        if not path:
            return False
        try:
            identity: SiteIdentity = read_identity(path)
        except Exception as exc:
            dialogs.show_error(self, ops.error_text(exc, self.ctx.language))
            return False
        dialog = PairDialog(identity, self)
        if dialogs.exec_dialog(dialog) != PairDialog.DialogCode.Accepted:
            return False
        site_id = self.ctx.db.site_id

        def paired(new: bool) -> None:
            text = self.tr("已与“%1”配对。") if new else self.tr("已更新“%1”的公钥。")
            dialogs.show_info(self, text.replace("%1", identity.name))
            self.refresh()

        ops.run_write(
            self.ctx,
            self,
            lambda s: pair_peer(s.connection(), identity, own_site_id=site_id),
            on_done=paired,
        )
        return True

    def rename_site(self, name: str | None = None) -> ops.Task[str] | None:
        """Give this site its own name; peers take it from the next identity file or package."""
        if name is None:
            name = dialogs.ask_text(
                self,
                self.tr("本站点名称"),
                self.tr("对方靠这个名称区分各站点。留空则用本机工作队的名称，没有工作队时用局名。"),
                self.overview.name if self.overview else "",
            )
        if name is None:
            return None
        self.task = ops.run_write(
            self.ctx, self, lambda s: set_site_name(s, name), on_done=lambda _n: self.refresh()
        )
        return self.task

    def export_identity(self, path: str | None = None) -> ops.Task[SiteIdentity] | None:
        if path is None:
            name = f"{self.overview.name if self.overview else 'site'}.json"
            path = dialogs.ask_save_path(
                self, self.tr("导出本站身份"), name, self._identity_filter()
            )
        if not path:
            return None
        db = self.ctx.db

        def done(identity: SiteIdentity) -> None:
            text = self.tr("已写入身份文件：%1\n指纹：%2\n请把文件交给对方，并通过电话核对指纹。")
            dialogs.show_info(
                self, text.replace("%1", str(path)).replace("%2", identity.fingerprint)
            )

        self.task = ops.run_op(
            self, lambda _p: write_identity(db, path), on_done=done, ctx=self.ctx
        )
        return self.task


def date_stamp() -> str:
    return datetime.now().strftime("同步包-%Y%m%d-%H%M")
