"""The distribution line (发送范围) at the end of a brief or notice: 报：… 送：… 发：… each on
its own line between two rules, at the foot of the last page as official documents print
their 版记. The parts are bureau settings (crm.services.settings DISTRIBUTION_KEYS); a part
left empty prints nothing, and with all three empty there is no block at all."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, Table, TableStyle
from sqlalchemy.orm import Session

from crm.reports.pdf_style import CONTENT_WIDTH, paragraph
from crm.services.settings import DISTRIBUTION_KEYS, get_setting

#: Room kept between the body and the block when both share the last page.
GAP = 18


def distribution_lines(session: Session) -> tuple[str, ...]:
    """('报：市委、市政府领导。', '送：…', '发：…') of the parts set, in that order."""
    lines = []
    for key, label in DISTRIBUTION_KEYS.items():
        text = str(get_setting(session, key) or "").strip()
        for prefix in (f"{label}：", f"{label}:"):  # typed with its label: not printed twice
            text = text.removeprefix(prefix).strip()
        if text:
            lines.append(f"{label}：{text}")
    return tuple(lines)


def distribution_block(lines: tuple[str, ...] | list[str]) -> list[Flowable]:
    """The block for the end of the story ([] when there are no lines)."""
    if not lines:
        return []
    table = Table([[paragraph(line, "distribution")] for line in lines], colWidths=[CONTENT_WIDTH])
    table.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, 0), (-1, 0), 0.9, colors.black),
                ("LINEBELOW", (0, -1), (-1, -1), 0.9, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("TOPPADDING", (0, 0), (-1, 0), 5),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 5),
            ]
        )
    )
    return [AtFootOfPage(table)]


class AtFootOfPage(Flowable):
    """A block set at the foot of the frame: it takes the rest of the page when it fits
    there (with GAP above), else it goes to the foot of the next page."""

    def __init__(self, content: Flowable) -> None:
        super().__init__()
        self.content = content
        self._block = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        _width, self._block = self.content.wrap(availWidth, availHeight)
        room = availHeight - 1  # under the frame's own tolerance
        self.width = availWidth
        self.height = room if self._block + GAP <= room else self._block + GAP
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        return []  # never parted: the whole block moves to the next page

    def draw(self) -> None:
        self.content.drawOn(self.canv, 0, 0)
