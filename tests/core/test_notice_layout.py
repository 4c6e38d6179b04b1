"""A notice's section heading is never left alone at the foot of a page: it goes with its table
(worked through every length of the table before it, so that the heading falls at each place
of the first page's foot)."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader

from crm.reports.notice_doc import Notice, Section, notice_pdf
from crm.reports.tables import BriefTable


def _table(key: str, title: str, rows: int) -> BriefTable:
    return BriefTable(
        key=key,
        title=title,
        header=("单位", "受理（件）", "办结（件）"),
        rows=tuple((f"单位{n}", n, n) for n in range(rows)),
        widths=(3, 1, 1),
    )


def _page_of(pages: list[str], text: str) -> int:
    return next(n for n, page in enumerate(pages) if text in page)


@pytest.mark.parametrize("its_rows", [8, 20])  # a short table is kept whole, a long one breaks
def test_a_heading_stays_on_the_page_of_its_table(its_rows: int) -> None:
    for rows in range(20, 56):
        notice = Notice(
            title="企业诉求办理情况通报（2026年11月）",
            bureau_name="南宁市投资促进局",
            subtitles=(),
            sections=(
                Section("承办单位办理情况", (), (_table("排名", "承办单位办理情况排名", rows),)),
                Section("分类别情况", (), (_table("分类", "分类别办理情况", its_rows),)),
            ),
        )
        pdf, _pages = notice_pdf(notice, issued_on=date(2026, 12, 3))
        pages = [page.extract_text() for page in PdfReader(BytesIO(pdf)).pages]
        heading, caption = _page_of(pages, "二、分类别情况"), _page_of(pages, "分类别办理情况")
        assert heading == caption, f"{rows} rows before: heading on page {heading + 1}"
