"""Helpers shared by the command-line modules."""

from __future__ import annotations

import argparse
from datetime import date

from crm.db import Database, open_database
from crm.errors import ValidationError


def open_db(args: argparse.Namespace) -> Database:
    return open_database(getattr(args, "db", None))


def parse_date_arg(text: str, *, field: str = "date") -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError(field, text, f"日期格式应为 YYYY-MM-DD：{text}",
                              f"Dates are written YYYY-MM-DD: {text}", code="bad_date") from exc
