"""The requests notice's ranking of handling units (表2): 末位 is printed as a word in a 备注
column (a tint does not show on a black-and-white print), only when the last place singles
some unit out: with 13 of 16 units tied at 0.0% nobody is marked and the note says why.
Column headers break before their unit's bracket, never inside it ('不予受理（' / '件）'), in
every table of the brief and the notices."""

from __future__ import annotations

from datetime import date

import pytest
from reportlab.platypus import Paragraph
from test_stats_data import build_small_world

from crm.db import Database
from crm.periods import parse_period
from crm.reports.fonts import register_fonts
from crm.reports.notice_tables import dispatch_tables
from crm.reports.pdf_style import CONTENT_WIDTH
from crm.reports.pdf_tables import _header_cell, _header_size
from crm.reports.request_tables import all_brief_tables, notice_tables, unit_table
from crm.reports.tables import BriefTable
from crm.stats import brief_figures
from crm.stats.dispatch import dispatch_figures
from crm.stats.requests import RequestFigures, RequestRow, percent, rank_units

AS_OF = date(2026, 11, 23)


def _unit(label: str, accepted: int, closed: int) -> RequestRow:
    rate = percent(closed, accepted)
    return RequestRow(
        key=label, label=label, received=accepted, rejected=0, accepted=accepted,
        closed=closed, closed_on_time=closed, visited=0, satisfied=0,
        open_at_end=accepted - closed, overdue_at_end=0, closed_pct=rate,
        on_time_pct=percent(closed, closed), satisfaction_pct=None,
    )  # fmt: skip


def _figures(units: list[RequestRow]) -> RequestFigures:
    total = _unit("合计", 0, 0)
    return RequestFigures(total, total, total, (), rank_units(units), ())


def _remarks(table: BriefTable) -> dict[str, str]:
    assert table.header[-1] == "备注"
    return {str(row[1]): str(row[-1]) for row in table.rows}


def test_thirteen_of_sixteen_tied_at_zero_single_nobody_out() -> None:
    units = [_unit(f"单位{n:02d}", 2, 0) for n in range(13)]
    units += [_unit("甲局", 2, 2), _unit("乙局", 2, 1), _unit("丙局", 4, 1)]
    table = unit_table(_figures(units))
    assert set(_remarks(table).values()) == {""}
    assert not table.emphasis
    assert "本期13个单位并列最后，达到排名单位的半数，不标末位。" in table.note
    assert "末位指排名最后（办结率最低，相同时按时办结率最低）的单位" in table.note


def test_a_unit_strictly_below_the_others_is_marked_in_words() -> None:
    # 办结率: 甲 100%, 乙 50%, 丙 50%, 丁 25%, 戊 0% → 戊 last, alone.
    units = [_unit("甲局", 2, 2), _unit("乙局", 2, 1), _unit("丙局", 4, 2),
             _unit("丁局", 4, 1), _unit("戊局", 3, 0)]  # fmt: skip
    table = unit_table(_figures(units))
    remarks = _remarks(table)
    assert remarks == {"甲局": "", "乙局": "", "丙局": "", "丁局": "", "戊局": "末位"}
    assert table.rows[4][0] == 5 and table.emphasis == frozenset({4})
    meaning = "末位指排名最后（办结率最低，相同时按时办结率最低）的单位"
    assert table.note.endswith(meaning + "，在备注栏标出。")


def test_two_tied_last_of_five_are_both_marked() -> None:
    units = [_unit("甲局", 2, 2), _unit("乙局", 2, 1), _unit("丙局", 4, 2),
             _unit("丁局", 4, 0), _unit("戊局", 3, 0)]  # fmt: skip
    remarks = _remarks(unit_table(_figures(units)))
    assert [k for k, v in remarks.items() if v] == ["丁局", "戊局"]


def test_two_units_ranked_have_no_last_place() -> None:
    table = unit_table(_figures([_unit("甲局", 2, 2), _unit("乙局", 2, 0)]))
    assert set(_remarks(table).values()) == {""}
    assert "末位" not in table.note


def _header_lines(table: BriefTable) -> list[list[str]]:
    total = sum(table.widths)
    widths = [CONTENT_WIDTH * w / total for w in table.widths]
    size = _header_size(table.header, widths)
    wrapped = []
    for text, width in zip(table.header, widths, strict=False):
        cell: Paragraph = _header_cell(text, width, size)
        cell.wrap(width - 6, 1000)
        para = cell.blPara
        if para.kind == 0:  # plain text: (extra space, [words])
            wrapped.append(["".join(words) for _, words in para.lines])
        else:  # with markup (<br/>): lines of fragments
            wrapped.append(["".join(f.text for f in getattr(ln, "words", ln)) for ln in para.lines])
    return wrapped


@pytest.fixture
def every_table(sqlite_db: Database) -> list[BriefTable]:
    register_fonts()
    with sqlite_db.session() as s:
        build_small_world(s)
        period = parse_period("2026-11")
        f = brief_figures(s, period, as_of=AS_OF)
        tables = [*all_brief_tables(f).values(), *notice_tables(f.requests).values()]
        tables += dispatch_tables(dispatch_figures(s, period, as_of=AS_OF), None).values()
    return tables


def test_no_header_breaks_inside_its_unit(every_table: list[BriefTable]) -> None:
    for table in every_table:
        for text, lines in zip(table.header, _header_lines(table), strict=True):
            for line in lines:
                broken = line.endswith("（") or ("）" in line and "（" not in line)
                assert not broken, (table.key, text, lines)
    requests = next(t for t in every_table if t.key == "承办单位排名")
    lines = dict(zip(requests.header, _header_lines(requests), strict=True))
    assert lines["不予受理（件）"] == ["不予受理", "（件）"]
    assert lines["其中逾期（件）"] == ["其中逾期", "（件）"]
    assert lines["按时办结率（%）"] == ["按时办结率", "（%）"]
    assert lines["备注"] == ["备注"]
