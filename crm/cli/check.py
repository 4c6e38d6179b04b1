"""`crm check [--repair]`: integrity, references and the product's own rules (crm/check.py)."""

from __future__ import annotations

import argparse

from crm.check import run_check
from crm.cli.common import open_db


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "check", help="检查数据库（完整性、引用、规则）/ check the database (integrity, rules)"
    )
    parser.add_argument(
        "--repair", action="store_true", help="修复可推导的问题 / fix what can be recomputed"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    english = args.lang.startswith("en")
    db = open_db(args)
    try:
        report = run_check(db, repair=args.repair)
    finally:
        db.close()
    for key, count in report.repaired.items():
        print(f"Repaired: {count} ({key})" if english else f"已修复：{count} 处（{key}）")
    for finding in report.findings:
        print(("Problem: " if english else "问题：") + finding.message(args.lang))
    if report.sound:
        print("The database is sound" if english else "数据库完好，规则均满足")
        return 0
    return 1
