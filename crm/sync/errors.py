"""Errors of sync: one sentence in each language, a stable code."""

from __future__ import annotations

from crm.errors import CrmError


class SyncError(CrmError):
    code = "sync"
