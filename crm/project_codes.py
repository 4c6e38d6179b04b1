"""Project codes (项目编号) made from the pattern in Settings, e.g. "ZS{year}-{seq:05d}".

`{year}` is the year the project is entered, `{seq}` its running number within that year
(any format spec, e.g. `{seq:05d}`). Pure functions: the service finds the next free number.
"""

from __future__ import annotations

import re
from string import Formatter

from crm.errors import ValidationError

MAX_CODE_LENGTH = 60


def pattern_problem(pattern: str) -> str | None:
    """Why a pattern cannot make codes (a code for the message), or None when it can."""
    try:
        fields = [name for _text, name, _spec, _conv in Formatter().parse(pattern) if name]
    except ValueError:
        return "syntax"
    if fields.count("seq") != 1 or set(fields) - {"year", "seq"}:
        return "fields"
    try:
        sample = format_code(pattern, 2026, 99999)
    except (ValueError, TypeError):
        return "syntax"
    return "too_long" if len(sample) > MAX_CODE_LENGTH else None


def check_pattern(pattern: str) -> str:
    """The pattern, or a ValidationError saying what is wrong with it."""
    problem = pattern_problem(pattern)
    if problem is None:
        return pattern
    raise ValidationError(
        "project_code_pattern",
        pattern,
        f"项目编号格式无效：{pattern}"
        "（须含一个 {seq}，可含 {year}，例如 ZS{year}-{seq:05d}）",
        f"Not a usable project code pattern: {pattern} (it needs one {{seq}} and may have "
        "{year}, e.g. ZS{year}-{seq:05d})",
        code="bad_pattern",
    )


def format_code(pattern: str, year: int, seq: int) -> str:
    return pattern.format(year=year, seq=seq)


def code_prefix(pattern: str, year: int) -> str:
    """The fixed text every code of the year starts with (narrows the database lookup)."""
    prefix = []
    for text, name, spec, _conversion in Formatter().parse(pattern):
        prefix.append(text)
        if name == "seq":
            break
        if name == "year":
            prefix.append(format(year, spec or ""))
    return "".join(prefix)


def sequence_of(pattern: str, year: int, code: str) -> int | None:
    """The running number of a code made by the pattern in that year (None: not one of them)."""
    parts = []
    for text, name, spec, _conversion in Formatter().parse(pattern):
        parts.append(re.escape(text))
        if name == "year":
            parts.append(re.escape(format(year, spec or "")))
        elif name == "seq":
            parts.append(r"(\d+)")
    match = re.fullmatch("".join(parts), code)
    return int(match.group(1)) if match else None
