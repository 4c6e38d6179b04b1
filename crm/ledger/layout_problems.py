"""What a sheet's header row says before any data row is read: columns nobody reads (with
the field they look most like), columns the ledger computes, headers given twice."""

from __future__ import annotations

from crm.ledger.headers import closest_field
from crm.ledger.layout import COMPUTED_COLUMN, Column, SheetLayout
from crm.ledger.problems import INFO, WARNING, Problem, problem


def layout_problems(layout: SheetLayout) -> list[Problem]:
    found = []
    for column in layout.unmatched:
        found.append(unmatched_problem(layout, column))
    for column in layout.columns:
        if column.how == COMPUTED_COLUMN:
            found.append(
                problem(
                    layout.sheet,
                    layout.header_first + 1,
                    column.label,
                    column.header,
                    "computed_column",
                    severity=INFO,
                )
            )
    for first, again in layout.repeated:
        found.append(
            problem(
                layout.sheet,
                layout.header_first + 1,
                again.label,
                again.header,
                "repeated_header",
                f"{first.letter}, {again.letter}",
                severity=WARNING,
            )
        )
    return found


def unmatched_problem(layout: SheetLayout, column: Column) -> Problem:
    """A column nobody reads: listed, with the field whose headers it looks most like."""
    near = closest_field(layout.kind or "", column.header) if layout.kind else None
    detail_zh = f"（最接近的字段：{near.label}）" if near else ""
    detail_en = f" (closest field: {near.label_en})" if near else ""
    return problem(
        layout.sheet,
        layout.header_first + 1,
        column.label,
        column.header,
        "unmatched_column",
        (detail_zh, detail_en),
        severity=WARNING,
    )
