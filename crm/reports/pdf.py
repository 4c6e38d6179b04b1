"""The printable brief: A4 portrait, Chinese, the CJK font embedded as a subset, tables that
repeat their header row over page breaks, vector charts, '第 N 页 共 M 页' in the footer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from crm.reports import charts
from crm.reports.brief_table import BriefTable
from crm.reports.distribution import distribution_block
from crm.reports.fonts import FONT_NAME, register_fonts
from crm.reports.numbers import (
    ahead_phrase,
    before_words,
    change_phrase,
    none_this_period,
    pct,
    share_clause,
    yi,
)
from crm.reports.pdf_style import (
    CONTENT_WIDTH,
    LINE,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PROVINCE_CHART_ROWS,
    RED,
    SECTION_CHART_ROWS,
    TITLE_LONG,
    paragraph,
)
from crm.reports.pdf_tables import chart, table_flow
from crm.reports.request_tables import all_brief_tables, coverage_sentence, request_sentence
from crm.reports.summary import as_of_line, subject, summary_paragraphs
from crm.reports.tables import chart_teams
from crm.reports.titles import brief_title, reader_note, scope_line
from crm.stats.model import BriefFigures, Row
from crm.stats.query import CancelFn, Cancelled, ProgressFn


def build_brief_pdf(
    figures: BriefFigures,
    target: str | Path | BinaryIO,
    *,
    issued_on: date,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
    footer: str = "",
    issue_no: int | None = None,
    distribution: Sequence[str] = (),
) -> int:
    """Write the brief to a path or a binary stream; return the number of pages. `footer`:
    the sign-off line at the foot of each page (crm.signoff.footer_text); `issue_no`: 第N期
    under the title (None: none); `distribution`: the lines 报：… 送：… 发：… at the end
    (crm.reports.distribution)."""
    register_fonts()
    title = brief_title(figures.period, figures.scope)
    story = _story(figures, title, issued_on, issue_no)
    story += distribution_block(list(distribution))
    counter = _PageCounter()
    doc = _Document(
        target if hasattr(target, "write") else str(target),
        title=title,
        header=f"{figures.bureau_name}　{title}",
        flowables=len(story),
        progress=progress,
        should_cancel=should_cancel,
    )
    header = f"{figures.bureau_name}　{title}"
    doc.build(story, canvasmaker=_numbered_canvas(counter, header, footer))
    return counter.pages


def brief_pdf_bytes(figures: BriefFigures, *, issued_on: date, **kwargs: Any) -> bytes:
    buffer = BytesIO()
    build_brief_pdf(figures, buffer, issued_on=issued_on, **kwargs)
    return buffer.getvalue()


# --- document and page furniture ---------------------------------------------------------


class _PageCounter:
    pages = 0


def _numbered_canvas(
    counter: _PageCounter, header: str, footer: str = ""
) -> type[pdf_canvas.Canvas]:
    """A canvas that holds pages back until the end, so each footer can say 共 M 页."""

    class NumberedCanvas(pdf_canvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            counter.pages = total
            for state in self._pages:
                self.__dict__.update(state)
                _furniture(self, total, header, footer)
                super().showPage()
            super().save()

    return NumberedCanvas


def _furniture(canvas: pdf_canvas.Canvas, total: int, header: str, footer: str = "") -> None:
    width, height = A4
    page = canvas.getPageNumber()
    canvas.saveState()
    canvas.setFont(FONT_NAME, 8)
    canvas.setFillColor(colors.HexColor("#555555"))
    if page > 1:
        canvas.drawString(MARGIN_X, height - 1.3 * cm, header)
        canvas.setStrokeColor(LINE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, height - 1.45 * cm, width - MARGIN_X, height - 1.45 * cm)
    canvas.setStrokeColor(LINE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, 1.45 * cm, width - MARGIN_X, 1.45 * cm)
    canvas.drawCentredString(width / 2, 1.0 * cm, f"第 {page} 页 共 {total} 页")
    if footer:
        canvas.drawRightString(width - MARGIN_X, 1.0 * cm, footer)
    canvas.restoreState()


class _Document(BaseDocTemplate):
    def __init__(
        self,
        target: Any,
        *,
        title: str,
        header: str,
        flowables: int,
        progress: ProgressFn | None,
        should_cancel: CancelFn | None,
    ) -> None:
        super().__init__(
            target,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            author=header,
            subject="招商引资工作简报",
            creator="招商引资客户关系管理",
            # The embedded font from the start: no unembedded Helvetica in the resources.
            initialFontName=FONT_NAME,
        )
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self._flowables = max(1, flowables)
        self._done = 0
        self._progress = progress
        self._should_cancel = should_cancel

    def afterFlowable(self, flowable: Flowable) -> None:
        if self._should_cancel is not None and self._should_cancel():
            raise Cancelled
        self._done += 1
        if self._progress is not None:
            self._progress(min(1.0, self._done / self._flowables))


# --- story --------------------------------------------------------------------------------


class _Numbers:
    """Table and figure numbers, given in print order: 表1, 表2 … and 图1, 图2 … with no gap
    where a table or chart is left out."""

    def __init__(self) -> None:
        self.tables = 0
        self.figures = 0

    def table(self, title: str) -> str:
        self.tables += 1
        return f"表{self.tables} {title}"

    def figure(self, title: str) -> str:
        self.figures += 1
        return f"图{self.figures} {title}"


@dataclass
class _Context:
    """What the section builders share: the figures, the tables, the running numbers."""

    f: BriefFigures
    tables: dict[str, BriefTable]
    numbers: _Numbers = field(default_factory=_Numbers)

    def table(self, key: str) -> list[Flowable]:
        return table_flow(self.tables[key], self.numbers.table(self.tables[key].title))


def _story(
    f: BriefFigures, title: str, issued_on: date, issue_no: int | None = None
) -> list[Flowable]:
    ctx = _Context(f, all_brief_tables(f))
    story: list[Flowable] = _masthead(f, title, issued_on, issue_no)
    sections: list[tuple[str, Callable[[_Context], list[Flowable]]]] = [
        ("总体情况", _overview),
        ("新签约项目分产业情况", _industries),
        ("新签约项目分来源地情况", _sources),
        ("重点企业引进情况", _companies),
        ("驻点招商工作队工作情况", _teams),
        ("项目推进情况", _progress),
        ("到位资金情况", _funds),
        ("重点项目", _key_projects),
        ("项目问题协调情况", _problems),
    ]
    numerals = "一二三四五六七八九十"
    number = 0
    for heading, build in sections:
        body = build(ctx)
        if not body:
            continue
        story += headed(paragraph(f"{numerals[number]}、{heading}", "h1"), body)
        number += 1
    return story


#: Room a section needs at the foot of a page to start there (else it starts a new page).
SECTION_ROOM = 4 * cm
HEADING_ROOM = 1.2 * cm


def headed(heading: Flowable, body: list[Flowable]) -> list[Flowable]:
    """A section's heading and its body, never parted at the foot of a page: the heading is
    kept with the body's first block (a short table is one block, caption included); before
    a long table (which starts with its own CondPageBreak) the page breaks unless the heading
    and the room the table asks for fit. reportlab's keepWithNext cannot do this: it does not
    join a KeepTogether."""
    first, rest = (body[0], body[1:]) if body else (None, [])
    if isinstance(first, CondPageBreak):
        return [CondPageBreak(max(SECTION_ROOM, first.height + HEADING_ROOM)), heading, *rest]
    kept = [KeepTogether([heading, first])] if first is not None else [heading]
    return [CondPageBreak(SECTION_ROOM), *kept, *rest]


def _masthead(f: BriefFigures, title: str, issued_on: date, issue_no: int | None) -> list[Flowable]:
    subtitles = [scope_line(f.scope), as_of_line(f)]
    return masthead(
        f.bureau_name, title, [s for s in subtitles if s], issued_on,
        note=reader_note(f.scope), issue_no=issue_no,
    )  # fmt: skip


def masthead(
    bureau_name: str,
    title: str,
    subtitles: list[str],
    issued_on: date,
    *,
    note: str = "",
    issue_no: int | None = None,
) -> list[Flowable]:
    """Title, 第N期 under it (when numbered), the lines under those, the issuer and the date,
    the red rule: every notice's head. `note`: what the figures leave out for this reader
    (titles.reader_note), boxed under the lines."""
    issued = f"{issued_on.year}年{issued_on.month}月{issued_on.day}日"
    line = Table(
        [[paragraph(bureau_name, "issuer"), paragraph(issued, "issued")]],
        colWidths=[CONTENT_WIDTH / 2] * 2,
    )
    line.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT_NAME),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    # A long title (a team's or a source's brief) gets a smaller size so it keeps to a line.
    flow: list[Flowable] = [paragraph(title, "title" if len(title) <= TITLE_LONG else "title_long")]
    if issue_no is not None:
        flow.append(paragraph(issue_label(issue_no), "issue_no"))
    flow += [paragraph(text, "subtitle") for text in subtitles]
    if note:
        flow.append(paragraph(note, "reader_note"))
    flow += [
        Spacer(1, 4),
        line,
        HRFlowable(width="100%", thickness=1.6, color=RED, spaceBefore=2, spaceAfter=10),
    ]
    return flow


def issue_label(issue_no: int) -> str:
    """'第12期'."""
    return f"第{issue_no}期"


def _overview(ctx: _Context) -> list[Flowable]:
    flow: list[Flowable] = [paragraph(text) for text in summary_paragraphs(ctx.f)]
    flow += ctx.table("总体情况")  # its note says what the figures count
    return flow


def _industries(ctx: _Context) -> list[Flowable]:
    f = ctx.f
    s = f.signed
    m = s.manufacturing
    if s.total.count.current:
        share = share_clause("，占新签约投资额的", m.share.current, s.total.investment.current)
        intro = (
            f"{subject(f)}新签约制造业项目{m.count.current}个、投资额{yi(m.investment.current)}"
            f"亿元{share}；非制造业项目{s.non_manufacturing.count.current}个、"
            f"投资额{yi(s.non_manufacturing.investment.current)}亿元。"
        )
    else:  # no row of zeros and no share of nothing: say there was nothing
        intro = no_signing_sentence(s.total.count.previous, s.total.investment.previous)
    rows = sorted(
        (r for r in s.by_section if r.investment.current), key=lambda r: -r.investment.current
    )[:SECTION_CHART_ROWS]
    flow: list[Flowable] = [paragraph(intro), *ctx.table("分产业")]
    if rows:
        flow.append(_investment_bars(ctx, rows, "新签约项目投资额分产业（亿元）", label_width=190))
    return flow


def _sources(ctx: _Context) -> list[Flowable]:
    s = ctx.f.signed
    k = s.key_regions
    if k.count.current:
        intro = (
            f"{k.label}等重点区域新签约项目{k.count.current}个、投资额{yi(k.investment.current)}"
            f"亿元{share_clause('，占比', k.share.current, s.total.investment.current)}，"
            f"{change_phrase(k.investment)}。"
        )
    else:
        intro = no_signing_sentence(
            k.count.previous, k.investment.previous, where=f"{k.label}等重点区域"
        )
    flow: list[Flowable] = [paragraph(intro), *ctx.table("分来源类别"), *ctx.table("分重点区域")]
    provinces = [r for r in s.by_province if r.investment.current][:PROVINCE_CHART_ROWS]
    if provinces:
        flow.append(_investment_bars(ctx, provinces, "新签约项目投资额前十位来源省份（亿元）"))
    flow += ctx.table("分省份")
    if not ctx.tables["境外分国别"].is_empty:
        flow += ctx.table("境外分国别")
    return flow


def _companies(ctx: _Context) -> list[Flowable]:
    top = ctx.f.signed.top_500
    if top.count.current:
        intro = (
            f"新签约500强企业投资项目{top.count.current}个，涉及企业{top.firms or 0}家，"
            f"投资额{yi(top.investment.current)}亿元"
            f"{share_clause('，占比', top.share.current, ctx.f.signed.total.investment.current)}，"
            f"{change_phrase(top.investment)}。"
        )
    else:  # four zeros in a row read as a template; say what there was instead
        before = top.count.previous
        intro = "本期无500强企业新签约项目" + (
            f"（上年同期{before}个，投资额{yi(top.investment.previous)}亿元）。"
            if before
            else "，上年同期也没有。"
        )
    flow = [paragraph(intro), *ctx.table("重点企业")]
    if ctx.f.key_enterprises.on_list:
        flow.append(paragraph(coverage_sentence(ctx.f.key_enterprises)))
    return flow


def _teams(ctx: _Context) -> list[Flowable]:
    f = ctx.f
    t = f.teams
    if not t.rows:
        return []
    flow: list[Flowable] = []
    total = t.total
    if total.completion_pct is not None:
        flow.append(
            paragraph(
                f"截至{f.period.report_end.month}月{f.period.report_end.day}日，"
                f"驻点工作队累计签约投资额{yi(total.signed_ytd_investment)}亿元，"
                f"完成年度目标任务的{pct(total.completion_pct)}%，序时进度为{pct(t.elapsed_pct)}%，"
                f"{ahead_phrase(total.ahead_points)}。"
            )
        )
    flow += ctx.table("驻点工作队")
    with_target = [r for r in t.rows if r.completion_pct is not None]
    if with_target:
        # The same teams the table lists whatever they did this period (tables.chart_teams).
        shown = [(r.name, r.completion_pct) for r in chart_teams(ctx.f)]
        which = f"前{len(shown)}位" if len(shown) < len(with_target) else ""
        flow.append(
            chart(
                charts.team_progress(
                    shown,
                    elapsed=t.elapsed_pct,
                    width=CONTENT_WIDTH,
                    title=ctx.numbers.figure(f"驻点工作队年度签约目标完成率{which}（%）"),
                )
            )
        )
    return flow


def _progress(ctx: _Context) -> list[Flowable]:
    flow: list[Flowable] = [*ctx.table("项目推进")]
    end = ctx.f.period.report_end
    flow.append(
        chart(
            charts.funnel(
                [(p.label, p.count, p.investment) for p in ctx.f.stages.pipeline],
                width=CONTENT_WIDTH,
                title=ctx.numbers.figure(f"项目库各阶段项目（截至{end.month}月{end.day}日）"),
            )
        )
    )
    flow += ctx.table("项目库")
    flow += ctx.table("项目规模")
    return flow


def _funds(ctx: _Context) -> list[Flowable]:
    f = ctx.f
    fu = f.funds
    if fu.total.current:
        intro = (
            f"{subject(f)}到位资金{yi(fu.total.current)}亿元，{change_phrase(fu.total)}；"
            f"其中制造业到位资金{yi(fu.manufacturing.current)}亿元"
            f"{share_clause('，占比', fu.manufacturing_share.current, fu.total.current)}。"
        )
    else:
        intro = f"本期{subject(f)}无到位资金{before_words(None, fu.total.previous)}。"
    unit = "周" if fu.trend_granularity == "week" else "月"
    flow: list[Flowable] = [paragraph(intro), *ctx.table("到位资金来源")]
    if fu.trend:
        flow.append(
            chart(
                charts.trend_bars(
                    [(p.label, p.amount / 10000, p.previous / 10000) for p in fu.trend],
                    width=CONTENT_WIDTH,
                    title=ctx.numbers.figure(f"到位资金分{unit}走势（亿元）"),
                )
            )
        )
    flow += ctx.table("到位资金走势")
    return flow


def no_signing_sentence(count_before: int, amount_before: Decimal, where: str = "") -> str:
    """'本期无新签约项目（上年同期3个，投资额1.2亿元）。', '本期粤港澳大湾区等重点区域无新签约项目，
    上年同期也没有。': a period with nothing signed said in words (like the 500强 sentence)."""
    return none_this_period("新签约项目", count_before, amount_before, where) + "。"


def _key_projects(ctx: _Context) -> list[Flowable]:
    if ctx.tables["重点项目"].is_empty:
        return [paragraph("本期无新签约项目。")]
    return ctx.table("重点项目")


def _problems(ctx: _Context) -> list[Flowable]:
    flow = ctx.table("问题协调")
    if not ctx.tables["逾期问题"].is_empty:
        flow += ctx.table("逾期问题")
    # Enterprise requests and these problems counted together (crm/stats/requests.py).
    flow += [Spacer(1, 8), paragraph(request_sentence(ctx.f.requests)), *ctx.table("诉求办理")]
    return flow


def _investment_bars(ctx: _Context, rows: Sequence[Row], title: str, **kwargs: Any) -> Flowable:
    """A numbered figure: the rows' signed investment this period in 亿元, one bar each."""
    bars = [(r.label, r.investment.current / 10000) for r in rows]
    return chart(
        charts.horizontal_bars(bars, width=CONTENT_WIDTH, title=ctx.numbers.figure(title), **kwargs)
    )
