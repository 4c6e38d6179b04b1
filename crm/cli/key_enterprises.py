"""`crm keylist …`: the company lists a bureau keeps (自治区重点企业, 上规培育库 …), their
members, the commissioner (特派员) and responsible leader (包保领导) of each key enterprise,
and the visit coverage (走访覆盖率) of a period."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

from crm.cli.brief import period_from_args
from crm.cli.common import opened_session, optional_date, parse_date_arg, saved
from crm.cli.requests import find_company
from crm.errors import ValidationError
from crm.services import companies
from crm.services import key_enterprises as key


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "keylist",
        help="重点企业名单、特派员与走访覆盖率 / key-enterprise lists, commissioners, coverage",
    )
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    define = sub.add_parser("define", help="新建本单位的企业名单 / define a list the bureau keeps")
    define.add_argument("name", help="名单名称，如 自治区重点企业 / the list's name")
    define.add_argument("--validity-years", type=int, help="有效年数 / years valid")
    define.add_argument("--publisher", default="", help="发布单位 / publisher")
    define.set_defaults(func=_define)

    add = sub.add_parser("add", help="把企业列入名单 / put a company on a list")
    add.add_argument("company", help="企业名称、统一社会信用代码或ID")
    add.add_argument("list", help="名单名称或代码 / list name or code")
    add.add_argument("--year", type=int, help="年度 / year")
    add.add_argument("--level", help="国家级、省级、市级、县级")
    add.add_argument("--valid-until", metavar="DATE", help="有效期至 / valid until")
    add.set_defaults(func=_add)

    liaison = sub.add_parser("liaison", help="指定特派员和包保领导 / assign a commissioner")
    liaison.add_argument("company", help="企业名称、统一社会信用代码或ID")
    liaison.add_argument("--commissioner", default="", help="特派员 / commissioner")
    liaison.add_argument("--leader", default="", help="包保领导 / responsible leader")
    liaison.add_argument("--from", dest="start", required=True, metavar="DATE", help="起始日期")
    liaison.add_argument("--to", dest="end", metavar="DATE", help="结束日期 / last day")
    liaison.set_defaults(func=_liaison)

    coverage = sub.add_parser("coverage", help="走访覆盖率 / visit coverage of a period")
    coverage.add_argument("--period", required=True, help="例如 2026-11-2（11月中旬）")
    coverage.add_argument("--list", help="名单名称（默认：本单位全部名单） / one list only")
    coverage.add_argument("--json", action="store_true", help="JSON 输出 / print JSON")
    coverage.add_argument("--xlsx", metavar="FILE.xlsx", help="导出走访情况表 / write the list")
    coverage.set_defaults(func=_coverage, date_from=None, date_to=None, ytd=None)


def _define(args: argparse.Namespace) -> int:
    with opened_session(args) as s:
        changed = key.define_company_list(
            s, name_zh=args.name, publisher=args.publisher, validity_years=args.validity_years
        )
    # The clerk typed the list's name and uses it in every other command: say that, not the
    # code made from it (zhi_du_ming_dan).
    english = getattr(args, "lang", "zh").startswith("en")
    name = args.name.strip()
    if changed.op == "insert":
        print(f"List defined: {name}" if english else f"已定义名单：{name}")
    else:
        print(f"The list already exists: {name}" if english else f"名单已有：{name}")
    return 0


def _add(args: argparse.Namespace) -> int:
    return _for_company(
        args,
        companies.add_company_tag,
        tag=args.list,
        edition_year=args.year,
        level=args.level,
        valid_until=optional_date(args.valid_until, "valid_until"),
    )


def _liaison(args: argparse.Namespace) -> int:
    return _for_company(
        args,
        key.assign_liaison,
        commissioner=args.commissioner,
        leader=args.leader,
        start_on=parse_date_arg(args.start, field="from"),
        end_on=optional_date(args.end, "to"),
    )


def _for_company(args: argparse.Namespace, change: Callable[..., Any], **fields: Any) -> int:
    """`change` for the company `args.company` names, with `fields`, in one transaction."""
    return saved(
        args, lambda s: change(s, company_id=find_company(s, args.company), **fields), show_id=False
    )


def _coverage(args: argparse.Namespace) -> int:
    from crm.reports.files import check_writable, write_file_atomically
    from crm.reports.request_tables import coverage_table
    from crm.reports.xlsx import write_tables_xlsx
    from crm.stats.coverage import key_enterprise_coverage
    from crm.stats.jsonout import to_json

    period = period_from_args(args)
    if args.xlsx:
        check_writable(Path(args.xlsx), suffixes=(".xlsx",))
    with opened_session(args, read_only=True) as s:
        code = key.find_list(s, args.list) if args.list else None
        if args.list and code is None:
            raise ValidationError(
                "list",
                args.list,
                f"没有这个企业名单：{args.list}",
                f"No such company list: {args.list}",
                code="unknown_code",
            )
        cov = key_enterprise_coverage(s, period, list_code=code)
    if args.xlsx:
        table = coverage_table(cov)
        buffer = BytesIO()
        write_tables_xlsx(table.title, {table.key: table}, buffer)
        write_file_atomically(Path(args.xlsx), buffer.getvalue())
    if args.json:
        sys.stdout.write(json.dumps(to_json(cov), ensure_ascii=False, indent=2) + "\n")
        return 0
    rate = "—" if cov.coverage_pct is None else f"{cov.coverage_pct:.1f}%"
    print(
        f"{cov.list_label}（{period.label_zh}）：名单内{cov.on_list}家，已走访{cov.contacted}家，"
        f"走访覆盖率{rate}；未指定特派员{cov.without_commissioner}家"
    )
    for r in cov.rows:
        mark = "已走访" if r.contacted else "未走访"
        who, leader = r.commissioner or "—", r.leader or "—"
        print(f"  {mark}  {r.company_name}  特派员：{who}  包保领导：{leader}")
    return 0
