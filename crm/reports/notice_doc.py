"""The one document builder of every notice (重大项目调度通报, 排序通报, 企业诉求办理情况通报):
a `Notice` (title, lines under it, numbered sections of prose and tables) → PDF with the
brief's page furniture (fonts, masthead, numbered tables, '第 N 页 共 M 页') and its tables →
xlsx. A notice module only says what its sections hold.

A notice is signed off like the brief (crm.signoff): `signature` records who, when, which
notice (kind, period, scope) and a digest of what it prints, and gives the footer line
签发：NAME DATE that every later print of the same notice carries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable
from sqlalchemy.orm import Session

from crm.periods import Period
from crm.reports.files import check_writable, write_file_atomically
from crm.reports.fonts import register_fonts
from crm.reports.pdf import _Document, _numbered_canvas, _Numbers, _p, _PageCounter, _table
from crm.reports.pdf import masthead as _masthead
from crm.reports.tables import BriefTable
from crm.reports.xlsx import write_tables_xlsx
from crm.signoff import SignResult, figures_digest, footer_text, latest_signoff, sign_off
from crm.stats.query import CancelFn, ProgressFn

NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]
    tables: tuple[BriefTable, ...]


@dataclass(frozen=True)
class Notice:
    """A printable notice: its title, lines under the title, sections of prose and tables."""

    title: str
    bureau_name: str
    subtitles: tuple[str, ...]
    sections: tuple[Section, ...]
    #: Tables of the xlsx that the PDF leaves out (an empty list the prose already states).
    xlsx_only: tuple[BriefTable, ...] = ()

    def tables(self) -> dict[str, BriefTable]:
        """Every table in print order (the xlsx's sheets)."""
        printed = [t for s in self.sections for t in s.tables]
        return {t.key: t for t in (*printed, *self.xlsx_only)}


@dataclass(frozen=True)
class BuiltNotice:
    title: str
    pages: int
    pdf: bytes
    #: The sign-off made with this print (`sign=True`), else None.
    signed: SignResult | None = None
    #: The sign-off line printed at the foot of each page ('' when never signed off).
    footer: str = ""


def notice_digest(notice: Notice) -> str:
    """SHA-256 of everything the notice prints: its prose and every table's cells."""
    tables = {
        key: [t.title, list(t.header), [list(r) for r in t.rows]]
        for key, t in notice.tables().items()
    }
    prose = [[s.heading, list(s.paragraphs)] for s in notice.sections]
    return figures_digest([notice.title, list(notice.subtitles), prose, tables])


def signature(
    session: Session,
    notice: Notice,
    *,
    kind: str,
    period_code: str,
    scope_code: str,
    sign: bool = False,
) -> tuple[SignResult | None, str]:
    """(the sign-off made now when `sign`, the footer line): the session's actor signs the
    notice off (a manager's right, checked in crm.signoff) in the session's transaction."""
    digest = notice_digest(notice)
    signed = None
    if sign:
        signed = sign_off(
            session, kind=kind, period_code=period_code, scope_code=scope_code, digest=digest
        )
    signoff = signed.signoff if signed else latest_signoff(session, kind, period_code, scope_code)
    return signed, footer_text(signoff, digest)


def cut_line(period: Period) -> str:
    """'数据截至2026年11月20日' under the title of a notice whose period is not over."""
    end = period.end
    return f"数据截至{end.year}年{end.month}月{end.day}日" if period.is_cut else ""


def check_targets(*paths: str | Path | None) -> None:
    """Fail on an output path that cannot be written before any work is done."""
    for target in paths:
        if target is not None:
            check_writable(Path(target))


def notice_pdf(
    notice: Notice,
    *,
    issued_on: date,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
    footer: str = "",
) -> tuple[bytes, int]:
    """(PDF bytes, pages): masthead, then '一、heading', its paragraphs and numbered tables;
    `footer`: the sign-off line at the foot of each page."""
    register_fonts()
    story: list[Flowable] = _masthead(
        notice.bureau_name, notice.title, list(notice.subtitles), issued_on
    )
    numbers = _Numbers()
    for n, section in enumerate(notice.sections):
        story += [CondPageBreak(4 * cm), _p(f"{NUMERALS[n]}、{section.heading}", "h1")]
        story += [_p(text) for text in section.paragraphs]
        for table in section.tables:
            story += _table(table, numbers.table(table.title))
    buffer = BytesIO()
    counter = _PageCounter()
    header = f"{notice.bureau_name}　{notice.title}"
    doc = _Document(
        buffer, title=notice.title, header=header, flowables=len(story),
        progress=progress, should_cancel=should_cancel,
    )  # fmt: skip
    doc.build(story, canvasmaker=_numbered_canvas(counter, header, footer))
    return buffer.getvalue(), counter.pages


def render_notice(
    notice: Notice,
    *,
    issued_on: date,
    pdf_path: str | Path | None = None,
    xlsx_path: str | Path | None = None,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
    signing: tuple[SignResult | None, str] = (None, ""),
) -> BuiltNotice:
    """The notice's PDF (kept, and written to pdf_path) and its tables as xlsx; `signing`:
    what `signature` answered (the sign-off made now, the footer line)."""
    signed, footer = signing
    data, pages = notice_pdf(
        notice, issued_on=issued_on, progress=progress, should_cancel=should_cancel,
        footer=footer,
    )  # fmt: skip
    if pdf_path is not None:
        write_file_atomically(Path(pdf_path), data)
    if xlsx_path is not None:
        xlsx = BytesIO()
        write_tables_xlsx(notice.title, notice.tables(), xlsx)
        write_file_atomically(Path(xlsx_path), xlsx.getvalue())
    return BuiltNotice(notice.title, pages, data, signed, footer)
