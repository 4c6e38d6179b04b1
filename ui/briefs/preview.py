"""The preview of a brief or a notice (crm.reports.kinds): built off the GUI thread
(`build_preview`, run through ui.ops.run_op), its PDF turned into page images for the screen and
for printing; a notice's xlsx and its sign-off go through the same builder as `crm brief`.

Pages are rendered with QtPdf (PySide6-Addons); without it the screen says so and saving still
works. Rendering makes QImages only (safe on a worker thread, unlike QPixmap).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtGui import QImage
from sqlalchemy.orm import Session

from crm.db import Database
from crm.periods import Period
from crm.reports.kinds import BRIEF, KINDS
from crm.signoff import SignResult, sign_off
from crm.stats import BUREAU, Cancelled, Scope
from ui.ops import Progress, reading

PREVIEW_DPI = 96
PRINT_DPI = 200
#: Share of the progress bar for the brief itself; page rendering takes the rest.
BUILD_SHARE = 0.85


@dataclass(frozen=True)
class Preview:
    """A built brief or notice (crm.reports.build.BuiltBrief, crm.reports.notice_doc.BuiltNotice),
    its pages as images, and what it was built for (saving, exporting and signing it use these,
    not the choices on screen, which may have moved on)."""

    built: Any
    images: list[QImage]
    kind: str
    period: Period
    scope: Scope
    #: The issue number asked for on screen (None: a signed one's, or none for a draft).
    issue_no: int | None = None
    #: The date of issue it was built for: a sign-off counts its number in that year.
    issued_on: date | None = None


Work = Callable[[Progress], Any]


def scope_code_for(kind: str, chosen: str) -> str:
    """The scope a kind is built for: the one chosen, or the whole bureau for a kind whose
    figures take no scope (the ranking notice ranks every county and park)."""
    return chosen if KINDS[kind].takes_scope else BUREAU.code


def build_preview(
    db: Database,
    period: Period,
    scope_code: str,
    issued_on: date,
    kind: str = BRIEF,
    issue_no: int | None = None,
) -> Work:
    """The work of one preview: the printout in memory, then its pages rendered; `issue_no`:
    第N期 asked for (crm.signoff.sign_for_print)."""
    printout = KINDS[kind]

    def build(session: Session, progress: Progress) -> tuple[Any, Scope]:
        scope = printout.scope_for(session, scope_code_for(kind, scope_code))
        built = printout.build(
            session,
            period,
            scope,
            issued_on=issued_on,
            keep_pdf_bytes=True,
            progress=lambda fraction: progress.fraction(fraction * BUILD_SHARE),
            should_cancel=progress.should_cancel,
            issue_no=issue_no,
        )
        return built, scope

    read_printout = reading(db, build)

    def work(progress: Progress) -> Preview:
        built, scope = read_printout(progress)
        images = render_pages(built.pdf, should_cancel=progress.should_cancel)
        if progress.cancelled:
            raise Cancelled
        progress.fraction(1.0)
        return Preview(built, images, kind, period, scope, issue_no, issued_on)

    return work


def write_notice_xlsx(db: Database, preview: Preview, issued_on: date, path: str) -> Work:
    """The work of exporting a notice's tables: its builder run again with an xlsx path, as
    `crm brief --kind … --xlsx` does (a built notice keeps its PDF, not its tables)."""
    printout = KINDS[preview.kind]

    def build(session: Session, progress: Progress) -> str:
        scope = printout.scope_for(session, preview.scope.code)
        printout.build(
            session, preview.period, scope, issued_on=issued_on, xlsx_path=path,
            progress=progress.fraction, should_cancel=progress.should_cancel,
            issue_no=preview.issue_no,
        )  # fmt: skip
        return path

    return reading(db, build)


def write_xlsx(figures: Any, path: str, issue_no: int | None = None) -> Work:
    """The work of exporting the brief's tables to an .xlsx file (headed 第N期 like the PDF
    when it has a number)."""

    def work(progress: Progress) -> str:
        from crm.reports.request_tables import all_brief_tables
        from crm.reports.xlsx import write_brief_xlsx

        write_brief_xlsx(figures, all_brief_tables(figures), path, issue_no=issue_no)
        progress.fraction(1.0)
        return path

    return work


def sign_preview(preview: Preview) -> Callable[[Session], SignResult]:
    """The write (for ui.ops.run_write) signing off the printout previewed (crm.signoff): the
    digest of the figures on screen is what the manager vouches for, a brief's or a notice's
    alike (should data change meanwhile, the next print's footer says its figures changed).
    The issue number asked for on screen is recorded, else the next of its kind and year."""
    built, kind, digest = preview.built, preview.kind, preview.built.digest
    if kind == BRIEF:
        period, scope = built.period_code, built.figures.scope.code
    else:
        period, scope = preview.period.code, preview.scope.code
    year = preview.issued_on.year if preview.issued_on else None
    return lambda session: sign_off(
        session, kind=kind, period_code=period, scope_code=scope, digest=digest,
        issue_no=preview.issue_no, issue_year=year,
    )  # fmt: skip


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
