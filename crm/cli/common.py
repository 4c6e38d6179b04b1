"""Helpers shared by the command-line modules."""

from __future__ import annotations

import argparse
from datetime import date

from crm.db import Database, open_database
from crm.errors import ValidationError

#: Chinese names of the domain tables, in load order (parents first).
TABLE_LABELS = {
    "company": "企业",
    "company_tag": "企业榜单",
    "contact": "联系人",
    "park": "园区",
    "team": "驻点工作队",
    "team_member": "队员",
    "team_target": "年度目标",
    "project": "项目",
    "stage_event": "阶段记录",
    "funds_entry": "到位资金",
    "activity": "跟进记录",
    "problem": "问题",
    "enterprise_liaison": "特派员",
    "enterprise_request": "企业诉求",
    "request_visit": "诉求回访",
}


def open_db(args: argparse.Namespace) -> Database:
    """An existing database: a mistyped --db path is refused, never created (only `crm init`
    and the desktop's first start create one)."""
    return open_database(getattr(args, "db", None), create=False)


def parse_date_arg(text: str, *, field: str = "date") -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError(
            field,
            text,
            f"日期格式应为 YYYY-MM-DD：{text}",
            f"Dates are written YYYY-MM-DD: {text}",
            code="bad_date",
        ) from exc
