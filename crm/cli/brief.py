"""`crm brief` (the printable PDF, optionally the xlsx) and `crm stats` (the figures as JSON).

Periods: --period 2026-W47 | 2026-11-2 (second 旬) | 2026-11 | 2026-Q1 | 2026-H1 | 2026 |
2026-YTD, or --from DATE --to DATE, or --ytd DATE. Scopes: --scope team:NAME |
source:REGION | place:NAME (default: the whole bureau).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from crm.access import authorize
from crm.cli.common import open_db, parse_date_arg
from crm.errors import ValidationError
from crm.periods import Period, date_range, parse_period, year_to_date
from crm.reports.kinds import KINDS
from crm.services.settings import require_bureau

PERIOD_HELP = (
    "期间 / period: 2026-W47, 2026-11-2（第二旬 / second 旬）, 2026-11, 2026-Q1, 2026-H1, "
    "2026, 2026-YTD"
)
SCOPE_HELP = (
    "范围 / scope: team:工作队名称, source:粤港澳大湾区（或省、市、国家）, place:园区或地区"
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    brief = subparsers.add_parser(
        "brief",
        help="生成招商引资工作简报 PDF / build the printable brief (PDF)",
        description="生成招商引资工作简报（PDF，可同时导出 xlsx） / "
        "build the brief as PDF (and xlsx)",
    )
    _period_arguments(brief)
    brief.add_argument(
        "--kind",
        choices=list(KINDS),
        default="brief",
        help="brief：招商引资工作简报（默认）；requests：企业诉求办理情况通报；dispatch：重大项目"
        "调度通报；ranking：县区/园区排序通报 / brief: the investment-attraction brief "
        "(default); requests: the enterprise-requests notice; dispatch: the major-project "
        "dispatch notice; ranking: the ranked notice by county and park",
    )
    brief.add_argument(
        "--out",
        metavar="FILE.pdf",
        help="PDF 文件（默认：当前文件夹下的 招商引资简报_<期间>[_<范围>].pdf，例如 "
        "招商引资简报_2026-Q3.pdf） / PDF file (default: 招商引资简报_<period>[_<scope>].pdf "
        "in the current folder, e.g. 招商引资简报_2026-Q3.pdf)",
    )
    brief.add_argument("--xlsx", metavar="FILE.xlsx", help="同时导出表格 / also write the tables")
    brief.add_argument(
        "--issued",
        metavar="DATE",
        help="印发日期，未结束的期间统计截至该日 / date of issue; a period not over yet is "
        "counted up to it (default: today)",
    )
    brief.add_argument(
        "--sign",
        action="store_true",
        help="签发简报或通报（局领导）：记录签发人、时间和数字摘要，页脚印“签发：姓名 日期” / "
        "sign the brief or notice off (managers): records who, when and a digest of its "
        "figures; the footer shows who signed",
    )
    brief.add_argument(
        "--issue",
        metavar="N",
        type=int,
        help="期号，印在标题下（第N期）；不填时签发的简报按种类和年份自动续编，"
        "未签发的草稿不印期号 / issue number printed under the title (第N期); without it a "
        "signed brief takes the next number of its kind and year, a draft prints none",
    )
    brief.set_defaults(func=run_brief)

    stats = subparsers.add_parser(
        "stats",
        help="以 JSON 输出统计数字 / print the figures as JSON",
        description="以 JSON 输出简报的全部统计数字（键见 crm/stats/KEYS.md） / "
        "print every figure of the brief as JSON (keys: crm/stats/KEYS.md)",
    )
    _period_arguments(stats)
    stats.add_argument("--out", metavar="FILE.json", help="写入文件 / write to a file")
    stats.set_defaults(func=run_stats)


def _period_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", metavar="PERIOD", help=PERIOD_HELP)
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="开始日期 / first day")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="结束日期 / last day")
    parser.add_argument("--ytd", metavar="DATE", help="年初至该日 / year to date up to DATE")
    parser.add_argument("--scope", metavar="SCOPE", default="", help=SCOPE_HELP)


def period_from_args(args: argparse.Namespace, *, today: date | None = None) -> Period:
    """Exactly one of --period, --from/--to, --ytd."""
    given = [x for x in (args.period, args.date_from or args.date_to, args.ytd) if x]
    if len(given) != 1:
        raise ValidationError(
            "period",
            None,
            "请给出且只给出一种期间：--period、--from/--to 或 --ytd",
            "Give exactly one period: --period, --from/--to or --ytd",
            code="bad_period",
        )
    if args.period:
        return parse_period(args.period, today=today)
    if args.ytd:
        return year_to_date(parse_date_arg(args.ytd, field="ytd"))
    if not (args.date_from and args.date_to):
        raise ValidationError(
            "period",
            None,
            "--from 与 --to 需同时给出",
            "--from and --to go together",
            code="bad_period",
        )
    return date_range(
        parse_date_arg(args.date_from, field="from"), parse_date_arg(args.date_to, field="to")
    )


def run_brief(args: argparse.Namespace) -> int:
    from crm.reports.files import check_writable

    period = period_from_args(args)
    issued = parse_date_arg(args.issued, field="issued") if args.issued else date.today()
    period.cut_at(issued)  # a period not begun fails here, before the database opens
    for given, suffix in ((args.out, ".pdf"), (args.xlsx, ".xlsx")):
        if given:
            check_writable(Path(given), suffixes=(suffix,))
    kind = KINDS[args.kind]
    database = open_db(args)
    if args.sign and not (decision := authorize(database.access_actor(), "sign_off_brief")):
        database.close()
        print(f"错误 / error: {decision.reason_en if args.lang == 'en' else decision.reason_zh}",
              file=sys.stderr)  # fmt: skip
        return 2  # nothing ran, as for a refused sign-in
    try:
        with database.session() as session, TerminalProgress() as progress:
            scope = kind.scope_for(session, args.scope)
            stem = kind.file_stem(period, scope)
            out = Path(args.out) if args.out else Path.cwd() / f"{stem}.pdf"
            extra: dict[str, object] = {"sign": True} if args.sign else {}
            if args.issue is not None:
                extra["issue_no"] = args.issue
            built = kind.build(
                session,
                period=period,
                scope=scope,
                issued_on=issued,
                pdf_path=out,
                xlsx_path=args.xlsx,
                progress=progress,
                **extra,
            )
    finally:
        database.close()
    print(f"{built.title}：{out}（{built.pages} 页 / pages）")
    if built.issue_no is not None:
        print(f"期号 / issue: 第{built.issue_no}期")
    if getattr(built, "signed", None) is not None:
        print(built.signed.message(args.lang))
    if args.xlsx:
        print(f"xlsx：{args.xlsx}")
    return 0


def run_stats(args: argparse.Namespace) -> int:
    from crm.reports.files import check_writable, write_file_atomically
    from crm.stats import brief_figures, parse_scope
    from crm.stats.dispatch_json import dispatch_json
    from crm.stats.jsonout import figures_to_json

    period = period_from_args(args)
    period.cut_at(date.today())  # a period not begun fails here, before the database opens
    if args.out:
        check_writable(Path(args.out))
    database = open_db(args)
    try:
        with database.session() as session, TerminalProgress() as progress:
            require_bureau(session)
            scope = parse_scope(session, args.scope)
            figures = brief_figures(session, period, scope, progress=progress)
            data = figures_to_json(figures) | dispatch_json(session, period, scope)
    finally:
        database.close()
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if args.out:
        write_file_atomically(Path(args.out), (text + "\n").encode("utf-8"))
    else:
        sys.stdout.write(text + "\n")
    return 0


class TerminalProgress:
    """'42%' on stderr while working, only when stderr is a terminal: redirected output and
    logs stay clean. A context manager: on leaving, the progress line is wiped."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.shown = -1

    def __call__(self, fraction: float) -> None:
        percent = int(fraction * 100)
        if self.enabled and percent != self.shown:
            self.shown = percent
            print(f"\r{percent:3d}%", end="", file=sys.stderr, flush=True)

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.enabled and self.shown >= 0:
            print("\r    \r", end="", file=sys.stderr, flush=True)
