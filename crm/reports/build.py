"""One call from (session, period, scope) to a PDF and optionally an xlsx on disk or in
memory; shared by the command line and the desktop Briefs screen."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from io import BytesIO
from pathlib import Path

from sqlalchemy.orm import Session

from crm.periods import Period
from crm.reports.distribution import distribution_lines
from crm.reports.files import check_targets, write_file_atomically
from crm.reports.pdf import build_brief_pdf
from crm.reports.request_tables import all_brief_tables
from crm.reports.titles import brief_title, reader_note
from crm.reports.xlsx import write_brief_xlsx
from crm.signoff import BRIEF, SignResult, check_issue_no, figures_digest, sign_for_print
from crm.stats.brief import brief_figures
from crm.stats.jsonout import figures_to_json
from crm.stats.model import BriefFigures
from crm.stats.query import CancelFn, ProgressFn
from crm.stats.scope import BUREAU, Scope

#: Share of the progress bar the statistics take; the PDF takes the rest.
STATS_SHARE = 0.4


@dataclass(frozen=True)
class BuiltBrief:
    title: str
    figures: BriefFigures
    pdf: bytes | None
    pages: int
    #: The sign-off made with this print (`sign=True`), else None.
    signed: SignResult | None = None
    #: The sign-off line printed at the foot of each page ('' when never signed off).
    footer: str = ""
    #: What a sign-off of this print records besides who and when (crm.signoff.sign_off).
    period_code: str = ""
    digest: str = ""
    #: The number printed as 第N期 (None: a draft, printed without one).
    issue_no: int | None = None


def build_brief(
    session: Session,
    period: Period,
    scope: Scope = BUREAU,
    *,
    issued_on: date | None = None,
    pdf_path: str | Path | None = None,
    xlsx_path: str | Path | None = None,
    keep_pdf_bytes: bool = False,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
    sign: bool = False,
    issue_no: int | None = None,
) -> BuiltBrief:
    """Figures → PDF (to pdf_path, and/or kept in memory) → xlsx (to xlsx_path).
    The output paths are checked first, so a bad one fails before any work. `sign`: the
    session's actor signs the brief off (a manager's right) in the same transaction.
    `issue_no`: 第N期 (crm.signoff.sign_for_print says which number prints without one)."""
    check_targets(pdf_path, xlsx_path)
    check_issue_no(issue_no)

    def stats_progress(fraction: float) -> None:
        if progress is not None:
            progress(fraction * STATS_SHARE)

    def pdf_progress(fraction: float) -> None:
        if progress is not None:
            progress(STATS_SHARE + fraction * (1 - STATS_SHARE))

    issued = issued_on or date.today()
    # Figures as of the issue date: a period not over yet is cut there.
    figures = brief_figures(
        session, period, scope, as_of=issued, progress=stats_progress, should_cancel=should_cancel
    )
    digest = figures_digest(figures_to_json(figures))
    signing = sign_for_print(
        session, kind=BRIEF, period_code=period.code, scope_code=scope.code, digest=digest,
        sign=sign, issue_no=issue_no, issue_year=issued.year,
        filtered=bool(reader_note(figures.scope)),
    )  # fmt: skip
    built = render_brief(
        figures,
        issued_on=issued,
        pdf_path=pdf_path,
        xlsx_path=xlsx_path,
        keep_pdf_bytes=keep_pdf_bytes,
        progress=pdf_progress,
        should_cancel=should_cancel,
        footer=signing.footer,
        issue_no=signing.issue_no,
        distribution=distribution_lines(session),
    )
    return replace(built, signed=signing.signed, period_code=period.code, digest=digest)


def render_brief(
    figures: BriefFigures,
    *,
    issued_on: date,
    pdf_path: str | Path | None = None,
    xlsx_path: str | Path | None = None,
    keep_pdf_bytes: bool = False,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
    footer: str = "",
    issue_no: int | None = None,
    distribution: tuple[str, ...] = (),
) -> BuiltBrief:
    """The PDF and xlsx of figures already computed (no database needed); `footer`: the
    sign-off line (crm.signoff.footer_text); `issue_no`: 第N期 under the title (None: none);
    `distribution`: the lines 报：… 送：… 发：… at the end."""
    buffer = BytesIO()
    pages = build_brief_pdf(
        figures,
        buffer,
        issued_on=issued_on,
        progress=progress,
        should_cancel=should_cancel,
        footer=footer,
        issue_no=issue_no,
        distribution=distribution,
    )
    data = buffer.getvalue()
    if pdf_path is not None:
        write_file_atomically(Path(pdf_path), data)
    if xlsx_path is not None:
        xlsx = BytesIO()
        write_brief_xlsx(figures, all_brief_tables(figures), xlsx, issue_no=issue_no)
        write_file_atomically(Path(xlsx_path), xlsx.getvalue())
    return BuiltBrief(
        title=brief_title(figures.period, figures.scope),
        figures=figures,
        pdf=data if keep_pdf_bytes else None,
        pages=pages,
        footer=footer,
        issue_no=issue_no,
    )
