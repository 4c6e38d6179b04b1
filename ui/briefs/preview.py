"""Turning the brief's PDF into page images for the preview and for printing.

This PySide6 build has no QtPdf, so pages are rendered with pypdfium2 when it is installed,
else with poppler's `pdftoppm` when it is on the PATH; without either, the screen says so and
saving still works. Rendering makes QImages only (safe on a worker thread, unlike QPixmap).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QImage

PREVIEW_DPI = 96
PRINT_DPI = 200


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
