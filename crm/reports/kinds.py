"""The kinds of printout — the investment-attraction brief and the three notices — in one
table: each kind's code (`crm brief --kind`, `brief_signoff.kind`), its names, its default
file name and its builder. The command line and the window's Briefs screen both read it, so a
kind added here is offered by both, under the same file name.

Builders load reportlab on first use only: `crm.cli.brief` and the window import this module
at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from crm.periods import Period
from crm.services.settings import require_bureau
from crm.stats.scope import BUREAU, Scope, parse_scope

BRIEF = "brief"
DISPATCH = "dispatch"
RANKING = "ranking"
REQUESTS = "requests"


@dataclass(frozen=True)
class PrintKind:
    code: str
    label_zh: str
    label_en: str
    #: (period, scope) → the default file name without extension.
    file_stem: Callable[[Period, Scope], str]
    #: (session, period, scope, *, issued_on, pdf_path, xlsx_path, keep_pdf_bytes, progress,
    #: should_cancel, sign) → the built printout (title, pages, pdf, signed, footer).
    build: Callable[..., Any]
    #: Its figures class money and places by the bureau's region, which must be set first
    #: (crm.services.settings.require_bureau); the requests notice names no region.
    names_region: bool = True
    #: Its figures follow the chosen scope; the ranking notice ranks every county and park
    #: whatever scope is chosen.
    takes_scope: bool = True

    def label(self, language: str = "zh") -> str:
        return self.label_en if language == "en" else self.label_zh

    def scope_for(self, session: Session, scope_code: str | None) -> Scope:
        """What the printout needs before it is built: the bureau's region when it names one
        (refused with a sentence saying where to set it), and the scope read from its code."""
        if self.names_region:
            require_bureau(session)
        return parse_scope(session, scope_code)


def _stem(title: str, *, with_scope: bool = True) -> Callable[[Period, Scope], str]:
    """'招商引资简报_2026-Q1' (+ '_<scope>'); without `with_scope` the scope is not in the
    name: '重大项目调度通报_2026-11-2', '排序通报_2026-11-2'."""

    def stem(period: Period, scope: Scope) -> str:
        from crm.reports.titles import file_stem

        return file_stem(period, scope if with_scope else BUREAU, title)

    return stem


def _build_brief(session: Session, period: Period, scope: Scope, **options: Any) -> Any:
    from crm.reports.build import build_brief

    return build_brief(session, period, scope, **options)


def _notice_builder(kind: str) -> Callable[..., Any]:
    def build(
        session: Session, period: Period, scope: Scope, *, keep_pdf_bytes: bool = False,
        **options: Any,
    ) -> Any:  # fmt: skip
        # keep_pdf_bytes is the brief's: a built notice always keeps its PDF (BuiltNotice.pdf).
        if kind == REQUESTS:
            from crm.reports.requests_notice import build_requests_notice

            return build_requests_notice(session, period, scope, **options)
        from crm.reports.notice import build_notice

        return build_notice(session, period, scope, kind=kind, **options)

    return build


#: Every kind, in the order the window offers them.
KINDS: dict[str, PrintKind] = {
    k.code: k
    for k in (
        PrintKind(BRIEF, "简报", "Brief", _stem("招商引资简报"), _build_brief),
        PrintKind(DISPATCH, "重大项目调度通报", "Major-project dispatch notice",
                  _stem("重大项目调度通报", with_scope=False), _notice_builder(DISPATCH)),
        PrintKind(RANKING, "排序通报", "Ranking notice", _stem("排序通报", with_scope=False),
                  _notice_builder(RANKING), takes_scope=False),
        PrintKind(REQUESTS, "企业诉求通报", "Enterprise requests notice", _stem("企业诉求通报"),
                  _notice_builder(REQUESTS), names_region=False),
    )
}  # fmt: skip
