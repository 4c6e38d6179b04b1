"""Excel / CSV ledger import and export.

Pipeline (each step a function with optional `progress` / `should_cancel` callbacks):
read_workbook → detect_layouts → parse → plan (build_plan: match against the database,
per-sheet counts and problems) → apply_plan (one transaction, after a backup).
"""

from crm.ledger.apply import ApplyResult, apply_plan
from crm.ledger.context import ImportOptions
from crm.ledger.export import ExportResult, LedgerFilters, export_ledger
from crm.ledger.plan import FuzzyMatch, ImportPlan, SheetSummary, build_plan, detect_layouts
from crm.ledger.problems import ImportCancelled, LedgerError, Problem
from crm.ledger.reader import Workbook, read_workbook
from crm.ledger.report import export_problems
from crm.ledger.xlsx import export_table_to_xlsx

__all__ = [
    "ApplyResult",
    "ExportResult",
    "FuzzyMatch",
    "ImportCancelled",
    "ImportOptions",
    "ImportPlan",
    "LedgerError",
    "LedgerFilters",
    "Problem",
    "SheetSummary",
    "Workbook",
    "apply_plan",
    "build_plan",
    "detect_layouts",
    "export_ledger",
    "export_problems",
    "export_table_to_xlsx",
    "read_workbook",
]
