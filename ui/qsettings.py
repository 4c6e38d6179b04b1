"""Window and view preferences (sizes, columns, last screen, saved views) in an INI file.

The file lives in the application data folder, so CRM_HOME (tests: a temp folder) moves it too.
Data-related settings (bureau, thresholds …) live in the database: crm.services.settings.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from crm import paths

FILE_NAME = "ui-settings.ini"


def app_settings() -> QSettings:
    """A QSettings on <data dir>/ui-settings.ini. Cheap; make one per use."""
    return QSettings(str(paths.data_dir() / FILE_NAME), QSettings.Format.IniFormat)
