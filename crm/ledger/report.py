"""The problems of an import as a workbook for whoever keeps the ledger, and as text lines."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from crm.ledger.problems import ERROR, INFO, WARNING, Problem
from crm.ledger.xlsx import export_table_to_xlsx

SEVERITY_LABELS = {ERROR: "错误 / error", WARNING: "提醒 / warning", INFO: "说明 / note"}
HEADERS = ["工作表 / Sheet", "行号 / Row", "列 / Column", "值 / Value", "问题", "Problem",
           "级别 / Severity", "代码 / Code"]  # fmt: skip
KINDS = ["text", "int", "text", "text", "text", "text", "text", "text"]


def export_problems(
    path: str | Path, problems: Sequence[Problem], *, title: str | None = None
) -> Path:
    rows = [
        [
            p.sheet,
            p.row,
            p.column,
            p.value,
            p.message_zh,
            p.message_en,
            SEVERITY_LABELS.get(p.severity, p.severity),
            p.code,
        ]
        for p in sort_problems(problems)
    ]
    return export_table_to_xlsx(path, HEADERS, rows, KINDS, sheet_name="问题清单", title=title)


def sort_problems(problems: Sequence[Problem]) -> list[Problem]:
    order = {ERROR: 0, WARNING: 1, INFO: 2}
    return sorted(problems, key=lambda p: (p.sheet, p.row or 0, order.get(p.severity, 3)))
