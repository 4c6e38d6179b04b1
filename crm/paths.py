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
    """Reference lists, fonts and translations: the package crm_resources (the source
    folder's resources/, installed under that name; see setup.py), found through
    importlib.resources so an installed or bundled program finds them too."""
    from importlib.resources import files

    return Path(str(files("crm_resources")))


def current_user() -> str:
    """The operating-system login; the name set in Settings takes precedence (see db settings)."""
    for var in ("CRM_USER", "USER", "USERNAME", "LOGNAME"):
        if os.environ.get(var):
            return os.environ[var]
    try:  # no login variables (a service, cron): the account the program runs as
        import getpass

        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        uid = getattr(os, "getuid", lambda: None)()
        return f"uid {uid}" if uid is not None else "system"
