"""The enterprise-requests notice (企业诉求办理情况通报): 办结率, 按时办结率, 满意率, the
handling units ranked, the categories and the overdue list, as PDF and xlsx through the one
notice builder (crm/reports/notice_doc.py)."""

from __future__ import annotations

from datetime import date
from typing import Unpack

from sqlalchemy.orm import Session

from crm.periods import Period
from crm.reports.notice_doc import (
    BuiltNotice,
    IssueOptions,
    Notice,
    Section,
    issue_notice,
    subtitles,
)
from crm.reports.request_tables import notice_tables, request_sentence
from crm.reports.titles import scope_subject
from crm.stats.requests import RequestFigures, request_figures
from crm.stats.scope import BUREAU, Scope


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
    xlsx_only = () if f.overdue else (overdue,)
    return Notice(title, bureau_name, subtitles(period, scope), sections, xlsx_only=xlsx_only)


def build_requests_notice(
    session: Session, period: Period, scope: Scope = BUREAU, **options: Unpack[IssueOptions]
) -> BuiltNotice:
    """Figures as of the issue date → PDF (and xlsx)."""

    def compose(cut: Period, issued: date, bureau_name: str) -> Notice:
        return requests_notice(request_figures(session, cut, scope), cut, scope, bureau_name)

    return issue_notice(session, period, scope, kind="requests", compose=compose, **options)
