"""Where the application keeps its files. `CRM_HOME` overrides the platform folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "zhaoshang-crm"
DEFAULT_DB_NAME = "crm.sqlite"


def data_dir(*, create: bool = True) -> Path:
    override = os.environ.get("CRM_HOME")
    path = (
        Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    )
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return data_dir() / DEFAULT_DB_NAME


def resources_dir() -> Path:
    return Path(__file__).resolve().parents[1] / "resources"


def current_user() -> str:
    """The operating-system login; the name set in Settings takes precedence (see db settings)."""
    for var in ("CRM_USER", "USER", "USERNAME", "LOGNAME"):
        if os.environ.get(var):
            return os.environ[var]
    return "unknown"
