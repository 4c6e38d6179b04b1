"""A brief's table as printed: a numbered caption, a header row repeated over page breaks whose
units break before their bracket, numbers right-aligned, totals shaded, a note below."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from crm.money import format_decimal, round_half_up
from crm.reports.brief_table import BriefTable, Cell, Wan, Yi
from crm.reports.fonts import FONT_NAME
from crm.reports.numbers import DASH
from crm.reports.pdf_style import (
    CAPTION_WITH_ROWS,
    CELL_FONT_SIZE,
    CELL_LEADING,
    CELL_PADDING,
    CONTENT_WIDTH,
    HEADER_FILL,
    LINE,
    STYLES,
    TOTAL_FILL,
    paragraph,
)


def format_cell(value: Cell) -> str:
    if value is None:
        return DASH
    if isinstance(value, Wan):
        return f"{round_half_up(value, 0) + 0:,f}"  # + 0: no "-0"
    if isinstance(value, Yi):
        return format_decimal(value)
    if isinstance(value, Decimal):
        return f"{round_half_up(value, 1) + 0:f}"
    return str(value)


def table_flow(table: BriefTable, caption: str) -> list[Flowable]:
    total = sum(table.widths)
    widths = [CONTENT_WIDTH * w / total for w in table.widths]
    size = _header_size(table.header, widths)
    header = [_header_cell(h, w, size) for h, w in zip(table.header, widths, strict=False)]
    body = [[_cell(v, w) for v, w in zip(row, widths, strict=False)] for row in table.rows]
    if not body:
        body = [["本期无数据"] + [""] * (len(header) - 1)]
    grid = Table([header, *body], colWidths=widths, repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT_NAME),
        ("FONTSIZE", (0, 1), (-1, -1), CELL_FONT_SIZE),
        ("LEADING", (0, 1), (-1, -1), CELL_LEADING),
        ("ALIGN", (0, 1), (-1, -1), "RIGHT"),
        ("GRID", (0, 0), (-1, -1), 0.4, LINE),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]
    for c in _text_columns(table):
        commands.append(("ALIGN", (c, 1), (c, -1), "LEFT"))
    if not table.rows:
        commands += [("SPAN", (0, 1), (-1, 1)), ("ALIGN", (0, 1), (-1, 1), "CENTER")]
    for row in table.emphasis:
        commands.append(("BACKGROUND", (0, row + 1), (-1, row + 1), TOTAL_FILL))
    grid.setStyle(TableStyle(commands))
    flow: list[Flowable] = [paragraph(caption, "caption"), grid]
    if table.note:
        flow.append(paragraph("注：" + table.note, "note"))
    if len(table.rows) <= 12:
        # A short table stays whole, with its caption.
        return [KeepTogether(flow)]
    # A long one may break (its header repeats), but never leaves its caption alone at the
    # foot of a page: start a new page unless the caption, header and a few rows fit.
    return [CondPageBreak(CAPTION_WITH_ROWS), *flow]


#: The smallest size a header is set at so that its name or its unit fits on a line.
HEAD_MIN_FONT_SIZE = 6.0


def _header_pieces(text: str) -> list[str]:
    """'不予受理（件）' → ['不予受理', '（件）']: the lines a header too wide for its column is
    set in, broken before the bracket, never inside the unit ('不予受理（' / '件）')."""
    if "（" not in text:
        return [text]
    name, unit = text.split("（", 1)
    return [piece for piece in (name, "（" + unit) if piece]


def _header_size(header: Sequence[str], widths: Sequence[float]) -> float:
    """One size for a table's header row: the largest (up to the cells' size, down to
    HEAD_MIN_FONT_SIZE) at which every header's name and unit each fit a line."""
    size = STYLES["head"].fontSize
    for text, width in zip(header, widths, strict=False):
        room = width - 2 * CELL_PADDING
        if stringWidth(text, FONT_NAME, size) <= room:
            continue
        widest = max(stringWidth(piece, FONT_NAME, 1) for piece in _header_pieces(text))
        size = min(size, room / widest)
    return max(HEAD_MIN_FONT_SIZE, size)


def _header_cell(text: str, width: float, size: float) -> Paragraph:
    """A column header at `size`: on one line when it fits, else the name and the unit on
    lines of their own; a name still too wide is halved ('签约未' / '开工' / '（个）'), not
    left with one character on a line of its own."""
    style = STYLES["head"]
    if size != style.fontSize:
        style = ParagraphStyle(f"head_{size:.2f}", parent=style, fontSize=size, leading=size * 1.27)
    room = width - 2 * CELL_PADDING
    if stringWidth(text, FONT_NAME, size) <= room:
        return Paragraph(escape(text), style)
    lines: list[str] = []
    for piece in _header_pieces(text):
        is_unit = piece.startswith("（")  # a unit stays whole, even if it overflows a little
        if not is_unit and len(piece) > 1 and stringWidth(piece, FONT_NAME, size) > room:
            half = (len(piece) + 1) // 2
            lines += [piece[:half], piece[half:]]
        else:
            lines.append(piece)
    return Paragraph("<br/>".join(escape(line) for line in lines), style)


def _cell(value: Cell, width: float) -> str | Paragraph:
    """Numbers as plain strings (right-aligned by the table style); text that fits on one
    line as a left-aligned paragraph-free string, longer text as a wrapping Paragraph.
    Plain strings keep a 200-row table fast."""
    text = format_cell(value)
    if not isinstance(value, str):
        return text
    room = width - 2 * CELL_PADDING
    if stringWidth(text, FONT_NAME, CELL_FONT_SIZE) <= room:
        return text
    return _wrapping(text, room)


def _wrapping(text: str, room: float) -> Paragraph:
    """A paragraph whose lines stay inside the cell. ReportLab's CJK wrap lets a closing
    mark that may not start a line hang past the edge ('…项目（一期）' ran into the next
    column): such text is broken where a line one character narrower would break it."""
    para = Paragraph(escape(text), STYLES["cell"])
    para.wrap(room, _TALL)
    if all(extra >= 0 for extra, _words in para.blPara.lines):
        return para
    narrower = Paragraph(escape(text), STYLES["cell"])
    narrower.wrap(room - CELL_FONT_SIZE, _TALL)
    lines = ["".join(words) for _extra, words in narrower.blPara.lines]
    return Paragraph("<br/>".join(escape(line) for line in lines), STYLES["cell"])


#: Height to wrap in when only the lines matter.
_TALL = 10_000.0


def _text_columns(table: BriefTable) -> list[int]:
    """Columns holding text (names), aligned left; numbers align right."""
    width = len(table.header)
    return [
        c
        for c in range(width)
        if any(isinstance(row[c], str) and row[c] for row in table.rows if c < len(row))
    ]


def chart(drawing: Flowable) -> Flowable:
    return KeepTogether([Spacer(1, 6), drawing, Spacer(1, 4)])
