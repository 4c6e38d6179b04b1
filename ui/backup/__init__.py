"""Backups, restore and the database check in the window (the work is crm/backup.py and
crm/check.py, run through the operation runner)."""

from ui.backup.controller import BackupController

__all__ = ["BackupController"]
