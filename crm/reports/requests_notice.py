"""The enterprise-requests notice (企业诉求办理情况通报): 办结率, 按时办结率, 满意率, the
handling units ranked, the categories and the overdue list, as PDF and xlsx. The page
furniture (fonts, footer '第 N 页 共 M 页', tables) is the brief's (crm/reports/pdf.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, Spacer
from reportlab.platypus.flowables import HRFlowable
from sqlalchemy.orm import Session

from crm.periods import Period
from crm.reports.files import check_writable, write_file_atomically
from crm.reports.fonts import register_fonts
from crm.reports.pdf import (
    RED,
    TITLE_LONG,
    _Document,
    _numbered_canvas,
    _Numbers,
    _p,
    _PageCounter,
    _table,
)
from crm.reports.request_tables import notice_tables, request_sentence
from crm.reports.tables import BriefTable
from crm.reports.titles import scope_line, scope_subject
from crm.reports.xlsx import write_tables_xlsx
from crm.services.settings import get_setting
from crm.stats.query import ProgressFn
from crm.stats.requests import RequestFigures, request_figures
from crm.stats.scope import BUREAU, Scope, ScopeKind


@dataclass(frozen=True)
class RequestNotice:
    period: Period
    scope: Scope
    bureau_name: str
    figures: RequestFigures

    @property
    def title(self) -> str:
        return f"{scope_subject(self.scope)}企业诉求办理情况通报（{self.period.whole.label_zh}）"


@dataclass(frozen=True)
class BuiltNotice:
    title: str
    notice: RequestNotice
    pages: int


def notice_file_stem(period: Period, scope: Scope) -> str:
    stem = f"企业诉求通报_{period.code.replace(':', '-').replace('..', '_')}"
    if scope.kind is not ScopeKind.BUREAU:
        stem += f"_{scope.label}"
    return "".join(ch for ch in stem if ch not in '\\/:*?"<>|')


def build_requests_notice(
    session: Session,
    period: Period,
    scope: Scope = BUREAU,
    *,
    issued_on: date | None = None,
    pdf_path: str | Path | None = None,
    xlsx_path: str | Path | None = None,
    progress: ProgressFn | None = None,
) -> BuiltNotice:
    """Figures as of the issue date → PDF (and xlsx). Output paths are checked first."""
    for target in (pdf_path, xlsx_path):
        if target is not None:
            check_writable(Path(target))
    issued = issued_on or date.today()
    cut = period.cut_at(issued)
    notice = RequestNotice(
        cut,
        scope,
        str(get_setting(session, "bureau_name") or ""),
        request_figures(session, cut, scope),
    )
    if progress is not None:
        progress(0.5)
    tables = notice_tables(notice.figures)
    buffer = BytesIO()
    pages = _write_pdf(notice, tables, buffer, issued)
    if pdf_path is not None:
        write_file_atomically(Path(pdf_path), buffer.getvalue())
    if xlsx_path is not None:
        xlsx = BytesIO()
        write_tables_xlsx(notice.title, tables, xlsx)
        write_file_atomically(Path(xlsx_path), xlsx.getvalue())
    if progress is not None:
        progress(1.0)
    return BuiltNotice(notice.title, notice, pages)


def _write_pdf(
    notice: RequestNotice, tables: dict[str, BriefTable], target: BytesIO, issued: date
) -> int:
    register_fonts()
    story = _story(notice, tables, issued)
    header = f"{notice.bureau_name}　{notice.title}"
    counter = _PageCounter()
    doc = _Document(
        target,
        title=notice.title,
        header=header,
        flowables=len(story),
        progress=None,
        should_cancel=None,
    )
    doc.build(story, canvasmaker=_numbered_canvas(counter, header))
    return counter.pages


def _story(notice: RequestNotice, tables: dict[str, BriefTable], issued: date) -> list[Flowable]:
    numbers = _Numbers()

    def table(key: str) -> list[Flowable]:
        return _table(tables[key], numbers.table(tables[key].title))

    title = notice.title
    story: list[Flowable] = [_p(title, "title" if len(title) <= TITLE_LONG else "title_long")]
    for line in (scope_line(notice.scope), _as_of(notice.period)):
        if line:
            story.append(_p(line, "subtitle"))
    story += [
        _p(f"{notice.bureau_name}　{issued.year}年{issued.month}月{issued.day}日", "subtitle"),
        Spacer(1, 4),
        HRFlowable(width="100%", thickness=1.6, color=RED, spaceBefore=2, spaceAfter=10),
    ]
    f = notice.figures
    sections = [
        ("总体情况", [_p(request_sentence(f)), *table("诉求办理")]),
        ("承办单位办理情况", table("承办单位排名")),
        ("分类别情况", table("诉求分类")),
        (
            "逾期未办结事项",
            table("逾期诉求") if f.overdue else [_p("期末无逾期未办结的诉求和问题。")],
        ),
    ]
    for number, (heading, body) in zip("一二三四", sections, strict=False):
        story += [CondPageBreak(4 * cm), _p(f"{number}、{heading}", "h1")]
        story += body
    return story


def _as_of(period: Period) -> str:
    if not period.is_cut:
        return ""
    return f"（统计截至{period.end.year}年{period.end.month}月{period.end.day}日）"
