"""`crm demo`: fill an empty database with deterministic demo data."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from crm.cli.common import TABLE_LABELS, open_db, parse_date_arg
from crm.demo import SCALES, DemoSummary, generate_demo

#: Not rows of the demo's records: the change log has its own line (the last), the settings
#: the demo sets are not counted.
_NOT_COUNTED = frozenset({"change_log", "setting"})


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = subparsers.add_parser(
        "demo",
        help="生成演示数据 / generate demo data",
        description="向空数据库写入可复现的演示数据 / write reproducible demo data into an empty "
        "database (same seed and --today give the same data)",
    )
    sizes = ", ".join(f"{s.name} ≈ {s.projects:,} 项目/projects" for s in SCALES.values())
    demo.add_argument(
        "--scale", choices=list(SCALES), default="small", help=f"规模 / size: {sizes}"
    )
    demo.add_argument("--seed", type=int, default=1, help="随机种子 / random seed (default 1)")
    demo.add_argument(
        "--today", metavar="DATE", help="视为今天的日期 / the date taken as today (YYYY-MM-DD)"
    )
    demo.add_argument("--quiet", action="store_true", help="不显示进度 / no progress output")
    demo.set_defaults(func=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    today = parse_date_arg(args.today, field="today") if args.today else None
    db = open_db(args)
    # Progress only on a terminal: redirected output stays clean.
    show = not args.quiet and sys.stderr.isatty()
    try:
        summary = generate_demo(
            db,
            scale=args.scale,
            seed=args.seed,
            today=today,
            progress=_progress_printer() if show else None,
        )
    finally:
        if show:  # end the progress line, so a result or an error starts on its own line
            print(file=sys.stderr, flush=True)
        db.close()
    print(format_summary(summary, args.lang))
    return 0


def _progress_printer() -> Callable[[int, int], None]:
    last = [-1]

    def show(done: int, total: int) -> None:
        percent = done * 100 // max(total, 1)
        if percent != last[0]:
            last[0] = percent
            print(f"\r演示数据 / demo data: {percent:3d}%", end="", file=sys.stderr, flush=True)

    return show


def format_summary(summary: DemoSummary, language: str = "zh") -> str:
    english = language.startswith("en")
    lines = [
        (
            f"Demo data written ({summary.scale}, seed {summary.seed}, today {summary.today}) "
            f"in {summary.seconds:.1f} s: {summary.location}"
            if english
            else f"已写入演示数据（规模 {summary.scale}，种子 {summary.seed}，"
            f"今天 {summary.today}），用时 {summary.seconds:.1f} 秒：{summary.location}"
        )
    ]
    for table, label in TABLE_LABELS.items():
        if table in _NOT_COUNTED:
            continue
        count = summary.counts.get(table, 0)
        lines.append(f"  {table if english else label}: {count:,}")
    log_label = "change_log" if english else "变更日志"
    lines.append(f"  {log_label}: {summary.change_log_rows:,}")
    return "\n".join(lines)
