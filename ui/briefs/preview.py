"""The preview of a brief: built off the GUI thread (`build_preview`, run through ui.ops.run_op),
its PDF turned into page images for the screen and for printing.

Pages are rendered with QtPdf (PySide6-Addons); without it the screen says so and saving still
works. Rendering makes QImages only (safe on a worker thread, unlike QPixmap).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtGui import QImage

from crm.db import Database
from crm.periods import Period
from crm.services.settings import require_bureau
from crm.stats import Cancelled, parse_scope
from ui.ops import Progress, reading

PREVIEW_DPI = 96
PRINT_DPI = 200
#: Share of the progress bar for the brief itself; page rendering takes the rest.
BUILD_SHARE = 0.85


@dataclass(frozen=True)
class Preview:
    """A built brief (crm.reports.build.BuiltBrief) and its pages as images."""

    built: Any
    images: list[QImage]


Work = Callable[[Progress], Any]


def build_preview(db: Database, period: Period, scope_code: str, issued_on: date) -> Work:
    """The work of one preview: the brief in memory, then its pages rendered."""

    def build(session: Any, progress: Progress) -> Any:
        from crm.reports.build import build_brief  # reportlab loads on first use only

        require_bureau(session)
        scope = parse_scope(session, scope_code)
        return build_brief(
            session,
            period,
            scope,
            issued_on=issued_on,
            keep_pdf_bytes=True,
            progress=lambda fraction: progress.fraction(fraction * BUILD_SHARE),
            should_cancel=progress.should_cancel,
        )

    read_brief = reading(db, build)

    def work(progress: Progress) -> Preview:
        built = read_brief(progress)
        images = render_pages(built.pdf, should_cancel=progress.should_cancel)
        if progress.cancelled:
            raise Cancelled
        progress.fraction(1.0)
        return Preview(built, images)

    return work


def write_xlsx(figures: Any, path: str) -> Work:
    """The work of exporting the brief's tables to an .xlsx file."""

    def work(progress: Progress) -> str:
        from crm.reports.request_tables import all_brief_tables
        from crm.reports.xlsx import write_brief_xlsx

        write_brief_xlsx(figures, all_brief_tables(figures), path)
        progress.fraction(1.0)
        return path

    return work


def renderer_name() -> str | None:
    """'qtpdf', or None when this PySide6 lacks QtPdf (PySide6-Addons not installed)."""
    try:
        from PySide6.QtPdf import QPdfDocument  # noqa: F401
    except ImportError:
        return None
    return "qtpdf"


def render_pages(
    pdf: bytes, *, dpi: float = PREVIEW_DPI, should_cancel: Callable[[], bool] | None = None
) -> list[QImage]:
    """Every page as an image (QtPdf); [] when QtPdf is missing or cancelled."""
    if renderer_name() is None:
        return []
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtPdf import QPdfDocument

    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    images = []
    try:
        for index in range(document.pageCount()):
            if should_cancel is not None and should_cancel():
                return []
            points = document.pagePointSize(index)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            images.append(_on_paper(document.render(index, size)))
    finally:
        document.close()
        buffer.close()
    return images


def _on_paper(page: QImage) -> QImage:
    """QtPdf leaves the page transparent: put it on white paper (screen, printer, dark theme)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPainter

    paper = QImage(page.size(), QImage.Format.Format_RGB32)
    paper.fill(Qt.GlobalColor.white)
    painter = QPainter(paper)
    painter.drawImage(0, 0, page)
    painter.end()
    return paper
