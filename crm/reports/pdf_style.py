"""How a printed brief or notice looks: page geometry, colours and paragraph styles (shared by
crm.reports.pdf, crm.reports.pdf_tables and crm.reports.notice_doc)."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph

from crm.reports.fonts import FONT_NAME

RED = colors.HexColor("#c00000")
HEADER_FILL = colors.HexColor("#e9edf2")
TOTAL_FILL = colors.HexColor("#f6f1e7")
LINE = colors.HexColor("#9aa4ae")
MARGIN_X = 2.0 * cm
MARGIN_TOP = 2.2 * cm
MARGIN_BOTTOM = 2.0 * cm
#: The frame's width less its default 6 pt padding on each side.
CONTENT_WIDTH = A4[0] - 2 * MARGIN_X - 12
#: Titles longer than this many characters are set smaller.
TITLE_LONG = 22
CELL_FONT_SIZE = 7.5
CELL_LEADING = 9.5
CELL_PADDING = 3
PROVINCE_CHART_ROWS = 10
SECTION_CHART_ROWS = 10
#: Room a long table needs below its caption before it may start on a page.
CAPTION_WITH_ROWS = 4 * cm

# --- styles -------------------------------------------------------------------------------


def _style(name: str, **kwargs: Any) -> ParagraphStyle:
    base: dict[str, Any] = {
        "fontName": FONT_NAME,
        "fontSize": 10.5,
        "leading": 17,
        "wordWrap": "CJK",
    }
    return ParagraphStyle(name, **{**base, **kwargs})


STYLES = {
    "title": _style(
        "title", fontSize=20, leading=28, alignment=TA_CENTER, textColor=RED, spaceAfter=4
    ),
    "title_long": _style(
        "title_long", fontSize=16, leading=24, alignment=TA_CENTER, textColor=RED, spaceAfter=4
    ),
    "subtitle": _style("subtitle", fontSize=10.5, alignment=TA_CENTER, spaceAfter=2),
    # 第N期, centred under the red title as on an official brief.
    "issue_no": _style("issue_no", fontSize=12, leading=18, alignment=TA_CENTER, spaceAfter=4),
    # Boxed, so it shows on a black-and-white print too.
    "reader_note": _style(
        "reader_note",
        fontSize=9.5,
        leading=13,
        alignment=TA_CENTER,
        borderWidth=0.6,
        borderColor=colors.black,
        borderPadding=(3, 6),
        spaceBefore=6,
        spaceAfter=4,
    ),
    "issuer": _style("issuer", fontSize=10.5, alignment=TA_LEFT),
    "issued": _style("issued", fontSize=10.5, alignment=TA_RIGHT),
    "h1": _style("h1", fontSize=13, leading=20, spaceBefore=10, spaceAfter=4),
    "body": _style("body", firstLineIndent=21, alignment=TA_JUSTIFY, spaceAfter=4),
    "caption": _style(
        "caption", fontSize=9.5, leading=13, alignment=TA_CENTER, spaceBefore=6, spaceAfter=3
    ),
    "note": _style(
        "note", fontSize=7.5, leading=10, textColor=colors.HexColor("#555555"), spaceBefore=2
    ),
    # 报：… 送：… 发：… between the rules at the end (a hanging indent under the 报：).
    "distribution": _style(
        "distribution", fontSize=10.5, leading=16, leftIndent=31.5, firstLineIndent=-31.5
    ),
    "cell": _style("cell", fontSize=7.5, leading=9.5),
    "cell_num": _style("cell_num", fontSize=7.5, leading=9.5, alignment=TA_RIGHT),
    "head": _style("head", fontSize=7.5, leading=9.5, alignment=TA_CENTER),
}


def paragraph(text: str, style: str = "body") -> Paragraph:
    return Paragraph(escape(text), STYLES[style])
