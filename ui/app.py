"""Application start: QApplication, fonts, translations, the database, the main window.

Heavy libraries (pandas, reportlab, openpyxl) are imported by the screens that need them,
never here, so the window appears fast.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from ui.fonts import register_cjk_font
from ui.i18n import install_translations
from ui.qsettings import app_settings

log = logging.getLogger(__name__)


def interface_language() -> str:
    language = str(app_settings().value("ui/language", "zh"))
    return language if language in ("zh", "en") else "zh"


def make_app(argv: Sequence[str] | None = None, language: str | None = None) -> QApplication:
    """The QApplication with our name, fonts and translations (reused when one exists)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    QCoreApplication.setOrganizationName("zhaoshang-crm")
    QCoreApplication.setApplicationName("zhaoshang-crm")
    register_cjk_font(app)
    install_translations(app, language or interface_language())
    return app


def main(argv: Sequence[str] | None = None) -> int:
    from ui.backup.startup import install_error_dialog, open_or_recover

    app = make_app(argv)
    install_error_dialog()  # the log file; any error is a dialog naming it
    from crm.db import open_database
    from ui.main_window import MainWindow

    language = interface_language()
    db = open_or_recover(language, open_database)
    if db is None:
        return 1
    from ui.access.login import ensure_signed_in

    if not ensure_signed_in(db, None, language):  # a shared database: who is there?
        db.close()
        return 0
    window = MainWindow(db, language=language)
    window.show()
    window.first_start()
    _smoke_quit(app, window)
    code = app.exec()
    from ui import ops

    ops.wait_for_workers()
    # The database the window ends on (File → Open may have switched it): closing it folds
    # the WAL into the file, so the file alone, copied to a laptop, holds every change.
    window.ctx.db.close()
    return code


def _smoke_quit(app: QApplication, window: object) -> None:
    """CRM_SMOKE_QUIT_MS (tools/smoke.py): say what started, then quit after that delay."""
    import os

    delay = os.environ.get("CRM_SMOKE_QUIT_MS")
    if not delay:
        return
    from PySide6.QtCore import QTimer

    from crm import paths

    font_ok = (paths.resources_dir() / "fonts" / "wqy-microhei.ttc").is_file()
    print(f"smoke: window shown; font file {'found' if font_ok else 'MISSING'}; "
          f"db {window.ctx.db.location}", flush=True)  # type: ignore[attr-defined]  # fmt: skip
    QTimer.singleShot(int(delay), app.quit)
