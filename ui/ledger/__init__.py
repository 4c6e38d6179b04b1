"""Ledger import wizard and the table export helper used by every table screen."""

from ui.ledger.export import export_table
from ui.ledger.wizard import ImportWizard

__all__ = ["ImportWizard", "export_table"]
