"""`crm analyze`: a measure by one or two dimensions over a period, as xlsx or JSON.

    crm analyze --measure signed_investment --by chain,source_province --period 2025-H2 \
        [--filter industry=C] [--scope team:NAME] --out 分析.xlsx   (or --json)
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from crm.cli.brief import TerminalProgress, _period_arguments, period_from_args
from crm.cli.common import opened_session
from crm.errors import ValidationError

if TYPE_CHECKING:
    from crm.analysis import AnalysisSpec


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from crm.analysis.spec import DIMENSIONS, MEASURES

    parser = subparsers.add_parser(
        "analyze",
        help="按维度分析签约、到位资金 / a measure by one or two dimensions",
        description="按一个或两个维度汇总指标（含合计、上年同期、同比、占比） / a measure by "
        "one or two dimensions, with totals, last year's figure, change and shares",
    )
    parser.add_argument("--measure", choices=MEASURES, help="指标 / measure")
    parser.add_argument(
        "--by", metavar="DIM[,DIM2]", help=f"分组维度 / dimensions: {', '.join(DIMENSIONS)}"
    )
    _period_arguments(parser)
    parser.add_argument(
        "--filter",
        action="append",
        default=[],
        metavar="DIM=VALUE[,VALUE]",
        help="筛选（代码或名称，可重复） / filter by code or name (repeatable)",
    )
    parser.add_argument("--out", metavar="FILE.xlsx", help="写入 xlsx（或 .json） / output file")
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    parser.add_argument("--save", metavar="NAME", help="保存为命名分析 / save under a name")
    parser.add_argument("--saved", metavar="NAME", help="运行已保存的分析 / run a saved one")
    parser.add_argument("--list", action="store_true", help="列出已保存的分析 / list saved")
    parser.set_defaults(func=run_analyze)


def run_analyze(args: argparse.Namespace) -> int:
    from crm.analysis import AnalysisSpec, parse_filters, run_analysis
    from crm.analysis.export import to_json, to_xlsx
    from crm.analysis.saved import save_analysis, saved_analyses, saved_analysis
    from crm.reports.files import check_writable, write_file_atomically

    if args.out:
        check_writable(Path(args.out), suffixes=(".xlsx", ".json"))
    with opened_session(args) as session:
        if args.list:
            for name, saved in saved_analyses(session):
                print(f"{name}：{_described(saved, args.lang)}")
            return 0
        if args.saved:
            spec = saved_analysis(session, args.saved)
        else:
            spec = AnalysisSpec(
                measure=_required(args.measure, "--measure"),
                dimensions=tuple(_required(args.by, "--by").split(",")),
                period=period_from_args(args),
                filters=parse_filters(args.filter),
                scope=args.scope,
            )
        with TerminalProgress() as progress:
            table = run_analysis(
                session, spec, as_of=date.today(), progress=progress, language=args.lang
            )
        if args.save:
            save_analysis(session, args.save, spec)
    as_json = args.json or (args.out or "").lower().endswith(".json")
    if as_json:
        text = json.dumps(to_json(table), ensure_ascii=False, indent=2) + "\n"
        if args.out:
            write_file_atomically(Path(args.out), text.encode("utf-8"))
        else:
            sys.stdout.write(text)
    elif args.out:
        write_file_atomically(Path(args.out), to_xlsx(table))
        print(f"xlsx：{args.out}")
    else:
        sys.stdout.write(table.map(_printed).to_string() + "\n")
    return 0


def _printed(value: object) -> str:
    """Money to two places for the terminal; the files keep the exact numbers."""
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _required(value: str | None, option: str) -> str:
    if not value:
        raise ValidationError(
            option, None, f"请给出 {option}", f"{option} is required", code="required"
        )
    return value


def _described(spec: AnalysisSpec, language: str) -> str:
    """到位资金 · 按月份、工作队 · 2026年一季度（2026-Q1） · 行业门类=制造业: what --saved runs."""
    from crm.analysis.spec import label

    names = [label(d, language) for d in spec.dimensions]
    english = language.startswith("en")
    dims = "by " + ", ".join(names) if english else "按" + "、".join(names)
    parts = [label(spec.measure, language), dims,
             f"{spec.period.label(language)}（{spec.period.code}）"]  # fmt: skip
    parts += [f"{label(d, language)}={','.join(v)}" for d, v in spec.filters.items()]
    if spec.scope:
        parts.append(spec.scope)
    return " · ".join(parts)
