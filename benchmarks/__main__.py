"""`python -m benchmarks [--scale large] [--seed 1] [--only NAME] [--rebuild]`

Builds the demo database once (cached in benchmarks/.cache/<scale>-<seed>.sqlite), runs every
case of every benchmarks/bench_*.py module and prints one table: case, measured, floor,
ratio (measured cost ÷ floor cost), goal.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile

from benchmarks import runner
from crm.demo import SCALES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--scale",
        choices=list(SCALES),
        default="large",
        help="size of the cached demo database (default: large)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--only",
        default="",
        metavar="NAME",
        help="a module (core, bench_ui) or part of a case name",
    )
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached database")
    parser.add_argument("--list", action="store_true", help="list the benchmark modules")
    args = parser.parse_args(argv)
    # This computer's settings, site keys and logs go to a scratch folder: a benchmark opens
    # databases as the program does, and must never write to the user's own data folder.
    os.environ.setdefault("CRM_HOME", tempfile.mkdtemp(prefix="crm-bench-home-"))
    if args.list:
        print("\n".join(runner.discover()))
        return 0
    ctx = runner.open_context(args.scale, args.seed, rebuild=args.rebuild)
    try:
        print(
            f"database: {ctx.path} ({args.scale}, seed {args.seed}, data as of {ctx.today})",
            file=sys.stderr,
        )
        results = runner.collect(ctx, args.only)
    finally:
        ctx.close()
        shutil.rmtree(ctx.scratch, ignore_errors=True)
    print(runner.format_table(results))
    return 1 if any(r.error for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
