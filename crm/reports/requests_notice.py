"""The enterprise-requests notice (企业诉求办理情况通报): 办结率, 按时办结率, 满意率, the
handling units ranked, the categories and the overdue list, as PDF and xlsx through the one
notice builder (crm/reports/notice_doc.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from crm.periods import Period
from crm.reports.notice_doc import (
    BuiltNotice,
    Notice,
    Section,
    check_targets,
    cut_line,
    render_notice,
    signature,
)
from crm.reports.request_tables import notice_tables, request_sentence
from crm.reports.titles import scope_line, scope_subject
from crm.services.settings import get_setting
from crm.stats.query import ProgressFn
from crm.stats.requests import RequestFigures, request_figures
from crm.stats.scope import BUREAU, Scope, ScopeKind


def notice_file_stem(period: Period, scope: Scope) -> str:
    stem = f"企业诉求通报_{period.code.replace(':', '-').replace('..', '_')}"
    if scope.kind is not ScopeKind.BUREAU:
        stem += f"_{scope.label}"
    return "".join(ch for ch in stem if ch not in '\\/:*?"<>|')


def requests_notice(f: RequestFigures, period: Period, scope: Scope, bureau_name: str) -> Notice:
    """总体情况, the handling units ranked, the categories, what is overdue (the overdue
    table stays in the xlsx when nothing is)."""
    tables = notice_tables(f)
    overdue = tables["逾期诉求"]
    sections = (
        Section("总体情况", (request_sentence(f),), (tables["诉求办理"],)),
        Section("承办单位办理情况", (), (tables["承办单位排名"],)),
        Section("分类别情况", (), (tables["诉求分类"],)),
        Section("逾期未办结事项", (), (overdue,))
        if f.overdue
        else Section("逾期未办结事项", ("期末无逾期未办结的诉求和问题。",), ()),
    )
    title = f"{scope_subject(scope)}企业诉求办理情况通报（{period.whole.label_zh}）"
    subtitles = tuple(s for s in (scope_line(scope), cut_line(period)) if s)
    return Notice(
        title, bureau_name, subtitles, sections, xlsx_only=() if f.overdue else (overdue,)
    )


def build_requests_notice(
    session: Session,
    period: Period,
    scope: Scope = BUREAU,
    *,
    issued_on: date | None = None,
    pdf_path: str | Path | None = None,
    xlsx_path: str | Path | None = None,
    progress: ProgressFn | None = None,
    sign: bool = False,
) -> BuiltNotice:
    """Figures as of the issue date → PDF (and xlsx). Output paths are checked first.
    `sign`: the session's actor signs the notice off (a manager's right)."""
    check_targets(pdf_path, xlsx_path)
    issued = issued_on or date.today()
    cut = period.cut_at(issued)
    figures = request_figures(session, cut, scope)
    bureau_name = str(get_setting(session, "bureau_name") or "")
    notice = requests_notice(figures, cut, scope, bureau_name)
    signing = signature(
        session, notice, kind="requests", period_code=period.code, scope_code=scope.code,
        sign=sign,
    )  # fmt: skip
    return render_notice(
        notice, issued_on=issued, pdf_path=pdf_path, xlsx_path=xlsx_path, progress=progress,
        signing=signing,
    )  # fmt: skip
