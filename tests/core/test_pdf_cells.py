"""Table cells of printed briefs keep their text inside the cell (user test 3, finding 12:
in a Q3 brief's 表16 '智东轨道交通装备项目（一期）' ran its closing bracket into the 类别
column, because ReportLab's CJK wrap hangs a mark that may not start a line)."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from crm.reports.fonts import FONT_NAME, register_fonts
from crm.reports.pdf_style import CELL_FONT_SIZE, CELL_PADDING
from crm.reports.pdf_tables import _cell

#: The 项目 column of 表16 (逾期未办结问题): 2.4 of 10.7 parts of the 469.9 pt content width.
PROJECT_COLUMN = 105.4


def _lines(cell: object) -> list[str]:
    """The lines a cell's paragraph is set in (plain runs, or runs split by <br/>)."""
    cell.wrap(PROJECT_COLUMN - 2 * CELL_PADDING, 10_000)  # type: ignore[attr-defined]
    lines = cell.blPara.lines  # type: ignore[attr-defined]
    return [
        "".join(line[1]) if isinstance(line, tuple) else "".join(w.text for w in line.words)
        for line in lines
    ]


def test_a_closing_bracket_never_hangs_past_the_cell() -> None:
    register_fonts()
    room = PROJECT_COLUMN - 2 * CELL_PADDING
    lines = _lines(_cell("智东轨道交通装备项目（一期）", PROJECT_COLUMN))
    assert "".join(lines) == "智东轨道交通装备项目（一期）"
    assert len(lines) == 2
    assert all(stringWidth(line, FONT_NAME, CELL_FONT_SIZE) <= room for line in lines)


def test_text_that_wraps_without_hanging_is_left_to_the_wrap() -> None:
    register_fonts()
    cell = _cell("昌远年产5万吨化工新材料项目", PROJECT_COLUMN)
    assert "<br/>" not in cell.text  # type: ignore[union-attr]
    assert _lines(cell) == ["昌远年产5万吨化工新材料项", "目"]
    assert _cell("成明锂电池隔膜生产项目", PROJECT_COLUMN) == "成明锂电池隔膜生产项目"
