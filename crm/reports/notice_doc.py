"""The one document builder of every notice (重大项目调度通报, 排序通报, 企业诉求办理情况通报):
a `Notice` (title, lines under it, numbered sections of prose and tables) → PDF with the
brief's page furniture (fonts, masthead, numbered tables, '第 N 页 共 M 页') and its tables →
xlsx. A notice module only says what its sections hold.

A notice is signed off like the brief (crm.signoff): `issue_notice` records who, when, which
notice (kind, period, scope) and a digest of what it prints, and prints the footer line
签发：NAME DATE that every later print of the same notice carries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import TypedDict, Unpack

from reportlab.platypus import Flowable
from sqlalchemy.orm import Session

from crm.periods import Period
from crm.reports.distribution import distribution_block, distribution_lines
from crm.reports.files import check_targets, write_file_atomically
from crm.reports.fonts import register_fonts
from crm.reports.kinds import RANKING
from crm.reports.pdf import _Document, _numbered_canvas, _Numbers, _PageCounter, headed
from crm.reports.pdf import masthead as _masthead
from crm.reports.pdf_style import paragraph
from crm.reports.pdf_tables import table_flow
from crm.reports.tables import BriefTable
from crm.reports.titles import reader_note, scope_line
from crm.reports.xlsx import write_tables_xlsx
from crm.services.settings import get_setting
from crm.signoff import (
    PrintSigning,
    SignResult,
    check_issue_no,
    figures_digest,
    sign_for_print,
)
from crm.stats.query import CancelFn, ProgressFn
from crm.stats.scope import BUREAU, Scope, seen_by

NUMERALS = "一二三四五六七八九十"
#: A print with no sign-off, footer or issue number (a notice rendered on its own).
UNSIGNED = PrintSigning()


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
    #: What the figures leave out for the person printing it (titles.reader_note), or ''.
    reader_note: str = ""

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
    #: The digest of what it prints (`notice_digest`): what signing off this print vouches for.
    digest: str = ""
    #: The number printed as 第N期 (None: a draft, printed without one).
    issue_no: int | None = None


def notice_digest(notice: Notice) -> str:
    """SHA-256 of everything the notice prints: its prose and every table's cells."""
    tables = {
        key: [t.title, list(t.header), [list(r) for r in t.rows]]
        for key, t in notice.tables().items()
    }
    prose = [[s.heading, list(s.paragraphs)] for s in notice.sections]
    return figures_digest([notice.title, list(notice.subtitles), prose, tables])


def subtitles(period: Period, scope: Scope | None = None) -> tuple[str, ...]:
    """The lines under a notice's title: whose figures (none for the bureau or a notice of
    no scope) and '数据截至2026年11月20日' while the period is not over."""
    end = period.end
    cut = f"数据截至{end.year}年{end.month}月{end.day}日" if period.is_cut else ""
    return tuple(s for s in (scope_line(scope) if scope is not None else "", cut) if s)


def notice_pdf(
    notice: Notice,
    *,
    issued_on: date,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
    footer: str = "",
    issue_no: int | None = None,
    distribution: tuple[str, ...] = (),
) -> tuple[bytes, int]:
    """(PDF bytes, pages): masthead, then '一、heading', its paragraphs and numbered tables;
    `footer`: the sign-off line at the foot of each page; `issue_no`: 第N期 under the title
    (None: none); `distribution`: the lines 报：… 送：… 发：… at the end."""
    register_fonts()
    story: list[Flowable] = _masthead(
        notice.bureau_name, notice.title, list(notice.subtitles), issued_on,
        note=notice.reader_note, issue_no=issue_no,
    )  # fmt: skip
    numbers = _Numbers()
    for n, section in enumerate(notice.sections):
        body = [paragraph(text) for text in section.paragraphs]
        for table in section.tables:
            body += table_flow(table, numbers.table(table.title))
        story += headed(paragraph(f"{NUMERALS[n]}、{section.heading}", "h1"), body)
    story += distribution_block(distribution)
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
    signing: PrintSigning = UNSIGNED,
    distribution: tuple[str, ...] = (),
) -> BuiltNotice:
    """The notice's PDF (kept, and written to pdf_path) and its tables as xlsx; `signing`:
    what crm.signoff.sign_for_print answered (the sign-off made now, the footer line, the
    issue number); `distribution`: the lines 报：… 送：… 发：… at the end."""
    signed, footer, issue_no = signing.signed, signing.footer, signing.issue_no
    data, pages = notice_pdf(
        notice, issued_on=issued_on, progress=progress, should_cancel=should_cancel,
        footer=footer, issue_no=issue_no, distribution=distribution,
    )  # fmt: skip
    if pdf_path is not None:
        write_file_atomically(Path(pdf_path), data)
    if xlsx_path is not None:
        xlsx = BytesIO()
        write_tables_xlsx(
            notice.title, notice.tables(), xlsx, note=notice.reader_note, issue_no=issue_no
        )
        write_file_atomically(Path(xlsx_path), xlsx.getvalue())
    digest = notice_digest(notice)
    return BuiltNotice(notice.title, pages, data, signed, footer, digest, issue_no)


#: What a notice module gives `issue_notice`: (the period cut at the issue date, the issue
#: date, the bureau's name) → the notice of its figures.
Compose = Callable[[Period, date, str], Notice]


class IssueOptions(TypedDict, total=False):
    """The keywords every notice builder takes (declared once, passed on to `issue_notice`)."""

    #: The day the figures are cut at and the masthead shows (default today).
    issued_on: date | None
    pdf_path: str | Path | None
    xlsx_path: str | Path | None
    progress: ProgressFn | None
    should_cancel: CancelFn | None
    #: The session's actor signs the notice off (a manager's right).
    sign: bool
    #: 第N期 (crm.signoff.sign_for_print says which number prints without one).
    issue_no: int | None


def issue_notice(
    session: Session,
    period: Period,
    scope: Scope,
    *,
    kind: str,
    compose: Compose,
    **options: Unpack[IssueOptions],
) -> BuiltNotice:
    """Figures as of the issue date → PDF (and xlsx), the same steps for every notice: the
    output paths are checked first, before any work; a sign-off (crm.signoff) is made in the
    session's transaction."""
    pdf_path, xlsx_path = options.get("pdf_path"), options.get("xlsx_path")
    check_targets(pdf_path, xlsx_path)
    check_issue_no(options.get("issue_no"))
    issued = options.get("issued_on") or date.today()
    bureau_name = str(get_setting(session, "bureau_name") or "")
    notice = compose(period.cut_at(issued), issued, bureau_name)
    # Every notice counts projects as the reader sees them (crm.stats.scope.seen_by): the
    # ranking notice ranks the whole bureau whatever scope is chosen.
    counted = BUREAU if kind == RANKING else scope
    notice = replace(notice, reader_note=reader_note(seen_by(session, counted), "通报"))
    signing = sign_for_print(
        session, kind=kind, period_code=period.code, scope_code=scope.code,
        digest=notice_digest(notice), sign=options.get("sign", False),
        issue_no=options.get("issue_no"), issue_year=issued.year,
        filtered=bool(notice.reader_note),
    )  # fmt: skip
    return render_notice(
        notice, issued_on=issued, pdf_path=pdf_path, xlsx_path=xlsx_path,
        progress=options.get("progress"), should_cancel=options.get("should_cancel"),
        signing=signing, distribution=distribution_lines(session),
    )  # fmt: skip
