"""The preview of a brief: built off the GUI thread (`build_preview`, run through ui.ops.run_op),
its PDF turned into page images for the screen and for printing.

This PySide6 build has no QtPdf, so pages are rendered with pypdfium2 when it is installed,
else with poppler's `pdftoppm` when it is on the PATH; without either, the screen says so and
saving still works. Rendering makes QImages only (safe on a worker thread, unlike QPixmap).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage

from crm.db import Database
from crm.periods import Period
from crm.services.settings import require_bureau
from crm.stats import Cancelled, parse_scope
from ui.ops import Progress

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

    def work(progress: Progress) -> Preview:
        from crm.reports.build import build_brief  # reportlab loads on first use only

        with db.session() as session:
            require_bureau(session)
            scope = parse_scope(session, scope_code)
            built = build_brief(
                session,
                period,
                scope,
                issued_on=issued_on,
                keep_pdf_bytes=True,
                progress=lambda fraction: progress.fraction(fraction * BUILD_SHARE),
                should_cancel=progress.should_cancel,
            )
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
    """'pdfium', 'pdftoppm', or None when pages cannot be rendered here."""
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return "pdftoppm" if shutil.which("pdftoppm") else None
    return "pdfium"


def render_pages(
    pdf: bytes, *, dpi: float = PREVIEW_DPI, should_cancel: Callable[[], bool] | None = None
) -> list[QImage]:
    """Every page as an image; [] when no renderer is available."""
    name = renderer_name()
    if name == "pdfium":
        return _with_pdfium(pdf, dpi, should_cancel)
    if name == "pdftoppm":
        return _with_pdftoppm(pdf, dpi)
    return []


def _with_pdfium(pdf: bytes, dpi: float, should_cancel: Callable[[], bool] | None) -> list[QImage]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    images = []
    try:
        for index in range(len(document)):
            if should_cancel is not None and should_cancel():
                return []
            bitmap = document[index].render(scale=dpi / 72, rev_byteorder=True)
            image = QImage(
                bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                QImage.Format.Format_RGB888,
            )  # fmt: skip
            images.append(image.copy())  # own the pixels before the bitmap goes away
    finally:
        document.close()
    return images


def _with_pdftoppm(pdf: bytes, dpi: float) -> list[QImage]:
    with tempfile.TemporaryDirectory(prefix="crm-brief-") as folder:
        source = Path(folder) / "brief.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(int(dpi)), "-png", str(source), str(Path(folder) / "page")],
            check=True,
            capture_output=True,
        )
        pages = sorted(Path(folder).glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        return [QImage(str(page)) for page in pages]
