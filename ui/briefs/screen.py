"""简报 — the Briefs screen: choose what to print (the brief or one of the three notices,
crm.reports.kinds), a period and a scope, see its pages, save the PDF, print it, export its
tables to xlsx, or (a manager) sign it off.

`BriefsScreen(ctx, parent=None)` is an ordinary screen; it re-reads its scope choices when teams,
parks or the settings change. Building runs on a worker (ui.ops.run_op) with the screen's own
progress bar and Cancel; a change of kind, period or scope rebuilds the preview after a short
pause. The file and printer dialogs sit behind methods tests replace (`ask_save_path`,
`ask_printer`).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from crm.errors import CrmError
from crm.periods import Period
from crm.reports.kinds import BRIEF, DISPATCH, KINDS, RANKING, REQUESTS
from crm.signoff import MAX_ISSUE_NO
from crm.stats import scope_choices
from ui import dialogs, ops
from ui.briefs.figure_rows import BriefRowsPanel
from ui.briefs.period_picker import PeriodPicker
from ui.briefs.preview import (
    PRINT_DPI,
    Preview,
    Work,
    build_preview,
    render_pages,
    renderer_name,
    sign_preview,
    write_notice_xlsx,
    write_xlsx,
)
from ui.context import SETTINGS, AppContext
from ui.i18n import Labels
from ui.ops import Task, error_text, reading
from ui.screen import Screen
from ui.widgets.button_row import push_button

log = logging.getLogger(__name__)

#: A change of period or scope rebuilds the preview after this pause (typing, scrolling).
REBUILD_DELAY_MS = 400
PAGE_GAP = 12
MAX_PAGE_WIDTH = 900
# The kinds of printout (crm.reports.kinds.KINDS) by their names on screen.
KIND_LABELS = Labels(
    "BriefsScreen",
    {
        BRIEF: QT_TRANSLATE_NOOP("BriefsScreen", "简报"),
        DISPATCH: QT_TRANSLATE_NOOP("BriefsScreen", "重大项目调度通报"),
        RANKING: QT_TRANSLATE_NOOP("BriefsScreen", "排序通报"),
        REQUESTS: QT_TRANSLATE_NOOP("BriefsScreen", "企业诉求通报"),
    },
)


class BriefsScreen(Screen):
    """Emits `preview_ready` after each finished preview and `exported(path)` after a save."""

    screen_id = "briefs"
    #: The scope choices (teams, source regions, parks) and the bureau the brief is about.
    watched = frozenset({"team", "park", "region_group", SETTINGS})

    preview_ready = Signal()
    exported = Signal(str)

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(ctx, parent)
        #: A scope chosen before the choices were read (set_choice); taken when they arrive.
        self._wanted_scope: str | None = None
        self.today = today or date.today()
        self.preview: Preview | None = None
        self._task: Task[Preview] | None = None
        self._pending = False
        #: What the last sign-off said, shown beside the title once the preview is rebuilt.
        self._signed_note = ""
        self._build_ui()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REBUILD_DELAY_MS)
        self._timer.timeout.connect(self.build)
        self.picker.changed.connect(self._schedule)
        self.scope.currentIndexChanged.connect(self._schedule)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.issue.valueChanged.connect(self._schedule)
        self.refresh()

    # --- layout ------------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.kind = QComboBox(self)
        for code in KINDS:
            self.kind.addItem(KIND_LABELS(code), code)
        self.picker = PeriodPicker(self.today, self)
        self.scope = QComboBox(self)
        self.scope.setMinimumContentsLength(18)
        # 第N期: empty (0) prints a signed document's number, or none on a draft.
        self.issue = QSpinBox(self)
        self.issue.setRange(0, MAX_ISSUE_NO)
        self.issue.setSpecialValueText(self.tr("（不填）"))
        self.issue.setToolTip(
            self.tr("印在标题下的期号（第N期）。不填时：签发后按种类和年份自动续编，草稿不印期号。")
        )
        self.build_button = push_button(self.tr("生成预览"), self, self.build)
        self.save_button = push_button(self.tr("保存PDF…"), self, self.save_pdf)
        self.print_button = push_button(self.tr("打印…"), self, self.print_brief)
        self.xlsx_button = push_button(self.tr("导出xlsx…"), self, self.export_xlsx)
        # 签发: a manager signs off the previewed brief or notice (ui.access.guards disables it
        # for others).
        self.sign_button = push_button(
            self.tr("签发"),
            self,
            self.sign_off,
            tooltip=self.tr("签发所预览的简报或通报：记录签发人、时间和数字摘要"),
        )
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.cancel_button = push_button(self.tr("取消"), self, self.cancel)
        self.status = QLabel(self)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pages = QWidget(self)
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setSpacing(PAGE_GAP)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.area = QScrollArea(self)
        self.area.setWidgetResizable(True)
        self.area.setWidget(self.pages)
        self.area.setStyleSheet("QScrollArea { background: #8a8f96; }")
        self.pages.setStyleSheet("background: #8a8f96;")
        # Until pages exist, the preview shows a hint instead of a bare grey area.
        self.hint = QLabel(self._hint_text(), self)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("background: #8a8f96; color: white; font-size: 15px;")
        self.preview_stack = QStackedWidget(self)
        self.preview_stack.addWidget(self.hint)
        self.preview_stack.addWidget(self.area)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("类型"), self.kind)
        form.addRow(self.tr("期间"), self.picker)
        form.addRow(self.tr("范围"), self.scope)
        form.addRow(self.tr("期号"), self.issue)
        buttons = QHBoxLayout()
        for button in (
            self.build_button, self.save_button, self.print_button, self.xlsx_button,
            self.sign_button,
        ):  # fmt: skip
            buttons.addWidget(button)
        buttons.addSpacing(16)
        self.progress.setMaximumWidth(320)
        buttons.addWidget(self.progress)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        # The pages, and beside them the signed rows that open their projects (drill-down).
        self.rows_panel = BriefRowsPanel(self, language=self.ctx.language)
        self.splitter = split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.preview_stack)
        split.addWidget(self.rows_panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([900, 360])
        layout.addWidget(split, 1)
        self._set_busy(False)

    # --- public actions ------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the scope choices (teams, parks may have changed) and rebuild."""
        language = self.ctx.language
        ops.run_op(
            self,
            reading(self.ctx.db, lambda session, _progress: scope_choices(session, language)),
            on_done=self._show_scopes,
            on_error=lambda exc: self._show_scopes([], exc),
            show_progress=False,
        )

    def _show_scopes(self, choices: list[Any], error: Exception | None = None) -> None:
        if error is not None:
            dialogs.show_error(self, error_text(error, self.ctx.language))
        current = self._wanted_scope or self.scope.currentData()
        self._wanted_scope = None
        self.scope.blockSignals(True)
        self.scope.clear()
        kinds = {"bureau": "", "team": self.tr("工作队："), "source": self.tr("来源地："),
                 "place": self.tr("园区：")}  # fmt: skip
        for choice in choices:
            label = self.tr("全局（全部项目）") if choice.code == "bureau" else choice.label
            self.scope.addItem(kinds.get(choice.kind.value, "") + label, choice.code)
        index = self.scope.findData(current) if current else 0
        self.scope.setCurrentIndex(max(index, 0))
        self.scope.blockSignals(False)
        if not self.busy or self.scope.currentData() != current:
            self._schedule()  # a build already running for this choice is not started again

    def set_choice(self, period: Period, scope_code: str = "bureau", kind: str = "") -> None:
        """Choose a period, a scope and (when given) a kind of printout (the preview follows)."""
        if kind:
            self.kind.setCurrentIndex(self.kind.findData(kind))
        self.picker.set_period(period)
        index = self.scope.findData(scope_code)
        if index >= 0:
            self.scope.setCurrentIndex(index)
        else:  # the choices are still being read: take it when they arrive
            self._wanted_scope = scope_code
        self._schedule()

    def build(self) -> None:
        """Build the brief for the current choice on a worker; the pages replace the preview."""
        self._timer.stop()
        period = self.picker.period()
        if period is None:
            self.status.setText(self.tr("期间无效：结束日期早于开始日期。"))
            return
        if self.busy:
            # One build at a time: stop this one, start again when it has wound down.
            self._pending = True
            assert self._task is not None
            self._task.cancel()
            return
        self._set_busy(True)
        self.status.setText(self.tr("正在生成 %1 …").replace("%1", period.label(self.ctx.language)))
        if self.preview is None:
            self._show_hint(self.tr("正在生成预览，请稍候…"))
        scope_code = self.scope.currentData() or "bureau"
        work = build_preview(
            self.ctx.db, period, scope_code, self.today, self.kind_code(), self.issue_no()
        )
        task = self._run(work, self._on_built)
        task.progressed.connect(self._on_progress)
        self._task = task

    def cancel(self) -> None:
        self._pending = False
        if self.busy:
            assert self._task is not None
            self._task.cancel()

    def kind_code(self) -> str:
        """The kind of printout chosen (crm.reports.kinds)."""
        return str(self.kind.currentData() or BRIEF)

    def issue_no(self) -> int | None:
        """The issue number asked for (None: left empty)."""
        return self.issue.value() or None

    def _kind_changed(self) -> None:
        # A kind whose figures take no scope (the ranking notice) is built for the whole
        # bureau: the scope list says so instead of offering a choice that changes nothing.
        takes_scope = KINDS[self.kind_code()].takes_scope
        self.scope.setEnabled(takes_scope)
        self.scope.setToolTip(
            "" if takes_scope else self.tr("排序通报对全部县区和园区排序，不分范围。")
        )
        self._schedule()

    @property
    def busy(self) -> bool:
        return self._task is not None and self._task.running

    def page_count(self) -> int:
        return 0 if self.preview is None else self.preview.built.pages

    def save_pdf(self) -> None:
        if self.preview is None:
            return
        path = self._ask_path(self.tr("保存PDF"), ".pdf", self.tr("PDF 文件 (*.pdf)"))
        if not path:
            return
        from crm.reports.files import write_file_atomically

        try:
            write_file_atomically(path, self.preview.built.pdf)
        except CrmError as exc:
            dialogs.show_error(
                self, self.tr("无法保存：%1").replace("%1", exc.message(self.ctx.language))
            )
            return
        self.status.setText(self.tr("已保存：%1").replace("%1", path))
        self.exported.emit(path)

    def sign_off(self) -> None:
        """Sign off the brief or notice shown; the preview is rebuilt with the 签发 footer."""
        if self.preview is not None:
            sign = sign_preview(self.preview)
            ops.run_write(self.ctx, self, sign, on_done=self._on_signed, busy=(self.sign_button,))

    def _on_signed(self, result: Any) -> None:
        if not isValid(self):
            return
        self._signed_note = result.message(self.ctx.language)  # shown with the new pages
        self.build()

    def export_xlsx(self) -> None:
        preview = self.preview
        if preview is None:
            return
        path = self._ask_path(self.tr("导出表格"), ".xlsx", self.tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        if preview.kind == BRIEF:
            work = write_xlsx(preview.built.figures, path, preview.built.issue_no)
        else:
            work = write_notice_xlsx(self.ctx.db, preview, self.today, path)
        self._run(work, self._on_exported)

    def _ask_path(self, title: str, suffix: str, file_filter: str) -> str | None:
        """Where to write the printout shown, offered under the file name `crm brief` gives it
        (its kind's, period's and scope's)."""
        preview = self.preview
        assert preview is not None
        name = f"{KINDS[preview.kind].file_stem(preview.period, preview.scope)}{suffix}"
        return self.ask_save_path(title, name, file_filter)

    def print_brief(self) -> None:
        if self.preview is None:
            return
        printer = self.ask_printer()
        if printer is not None:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Print every page, each scaled to the printable area; returns the pages printed."""
        assert self.preview is not None
        dpi = min(PRINT_DPI, max(72, printer.resolution()))
        images = render_pages(self.preview.built.pdf, dpi=dpi)
        if not images:
            dialogs.show_error(self, self._no_renderer_text())
            return 0
        painter = QPainter()
        if not painter.begin(printer):
            dialogs.show_error(self, self.tr("无法开始打印。"))
            return 0
        try:
            for n, image in enumerate(images):
                if n:
                    printer.newPage()
                target = painter.viewport()
                size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.setViewport(target.x(), target.y(), size.width(), size.height())
                painter.setWindow(image.rect())
                painter.drawImage(0, 0, image)
                painter.setViewport(target)
        finally:
            painter.end()
        return len(images)

    # --- dialogs tests replace ---------------------------------------------------------

    def ask_save_path(self, caption: str, suggested: str, file_filter: str) -> str | None:
        return dialogs.ask_save_path(self, caption, suggested, file_filter)

    def ask_printer(self) -> QPrinter | None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None

    # --- worker results ----------------------------------------------------------------

    def _schedule(self) -> None:
        self._timer.start()

    def _run(self, work: Work, on_done: Any) -> Task[Any]:
        """Run work with this screen's own progress bar (no progress dialog) and messages."""
        return ops.run_op(
            self,
            work,
            on_done=on_done,
            on_error=self._on_failed,
            on_cancelled=self._on_cancelled,
            show_progress=False,
        )

    def _on_progress(self, done: int, total: int, _text: str) -> None:
        if total and self._task is not None and not self._task.is_cancelled:
            self.progress.setValue(done * 100 // total)

    def _on_built(self, preview: Preview) -> None:
        if not isValid(self):
            return
        if self._task is not None and self._task.is_cancelled:
            # Cancelled just as it finished: a newer choice is pending or the user said stop.
            self._on_cancelled()
            return
        other_kind = self.preview is not None and self.preview.kind != preview.kind
        self.preview = preview
        self._set_busy(False)
        self._show_rows(preview)  # first: showing or hiding it sets the pages' width
        self._show_pages(preview.images)
        if other_kind:  # another document: start at its first page, not where the last one was
            self.area.verticalScrollBar().setValue(0)
        built = preview.built
        text = self.tr("%1 · 共 %2 页").replace("%1", built.title).replace("%2", str(built.pages))
        if not preview.images:
            text += "　" + self._no_renderer_text()
        if self._signed_note:
            text += "　" + self._signed_note
            self._signed_note = ""
        self.status.setText(text)
        self.preview_ready.emit()
        self._restart_if_pending()

    def _on_failed(self, exc: Any) -> None:
        if not isValid(self):
            return
        self._set_busy(self.busy)
        message = error_text(exc, self.ctx.language)
        if not isinstance(exc, CrmError):
            log.error("brief failed", exc_info=exc)
        self.status.setText(self.tr("生成失败：%1").replace("%1", message))
        if self.preview is None:
            self._show_hint(self._hint_text())
        dialogs.show_error(self, message)
        self._restart_if_pending()

    def _on_cancelled(self) -> None:
        if not isValid(self):
            return
        self._set_busy(False)
        self.status.setText(self.tr("已取消。"))
        if self.preview is None:
            self._show_hint(self._hint_text())
        self._restart_if_pending()

    def _on_exported(self, path: str) -> None:
        if isValid(self):
            self.status.setText(self.tr("已导出：%1").replace("%1", path))
            self.exported.emit(path)

    def _restart_if_pending(self) -> None:
        if self._pending:
            self._pending = False
            self.build()

    # --- showing pages -----------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress.setValue(0)
        has_brief = self.preview is not None and not busy
        for button in (self.save_button, self.print_button, self.xlsx_button, self.sign_button):
            button.setEnabled(has_brief)

    def _show_pages(self, images: list[QImage]) -> None:
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        if not images:
            self._show_hint(self._no_renderer_text())
            return
        self.preview_stack.setCurrentWidget(self.area)
        width = self._page_width()
        for image in images:
            label = QLabel(self.pages)
            label.setPixmap(self._scaled(image, width))
            label.setStyleSheet("background: white; border: 1px solid #555;")
            self.pages_layout.addWidget(label)

    def _show_rows(self, preview: Preview) -> None:
        """The brief's newly-signed rows beside its pages; a notice has none of those figures,
        so the panel is emptied and hidden (the pages take its width)."""
        is_brief = preview.kind == BRIEF
        if is_brief:
            self.rows_panel.show_figures(preview.built.figures)
        else:
            self.rows_panel.clear()
        if self.rows_panel.isVisibleTo(self) != is_brief:
            self.rows_panel.setVisible(is_brief)
            self.splitter.refresh()  # the pages below are sized for the new width

    def _show_hint(self, text: str) -> None:
        self.hint.setText(text)
        self.preview_stack.setCurrentWidget(self.hint)

    def _hint_text(self) -> str:
        return self.tr("选择期间和范围后点击“生成预览”，简报页面将显示在这里。")

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        # The first time the screen is seen, build the preview by itself (on the worker).
        if self.preview is None and not self.busy and not self._timer.isActive():
            self._schedule()

    def _page_width(self) -> int:
        return max(200, min(MAX_PAGE_WIDTH, self.area.viewport().width() - 2 * PAGE_GAP))

    @staticmethod
    def _scaled(image: QImage, width: int) -> QPixmap:
        return QPixmap.fromImage(
            image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        )

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.preview is not None and self.preview.images:
            width = self._page_width()
            labels = [
                self.pages_layout.itemAt(n).widget() for n in range(self.pages_layout.count())
            ]
            for label, image in zip(labels, self.preview.images, strict=False):
                if isinstance(label, QLabel):
                    label.setPixmap(self._scaled(image, width))

    def _no_renderer_text(self) -> str:
        return self.tr("（此电脑无法显示页面预览：请安装 PySide6-Addons；仍可保存PDF。）")

    def renderer(self) -> str | None:
        return renderer_name()
