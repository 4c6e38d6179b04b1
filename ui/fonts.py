"""Chinese text on machines without Chinese fonts: register the shipped WenQuanYi Micro Hei."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from crm import paths

log = logging.getLogger(__name__)

FONT_FILE = "wqy-microhei.ttc"


def register_cjk_font(app: QApplication) -> str | None:
    """Add the shipped font; make it the fallback (or the default when no system font has CJK).

    Returns the registered family name, or None when the file could not be loaded.
    """
    font_id = QFontDatabase.addApplicationFont(str(paths.resources_dir() / "fonts" / FONT_FILE))
    if font_id < 0:
        log.warning("could not load %s", FONT_FILE)
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        return None
    shipped = families[0]
    system_cjk = [
        f
        for f in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
        if f not in families
    ]
    font = QFont(app.font())
    base = font.family()
    # Keep the system look for Latin text; fall back to a CJK family for Chinese glyphs.
    fallback = system_cjk[0] if system_cjk else shipped
    font.setFamilies([base, fallback, shipped] if base not in (fallback, shipped) else [fallback])
    app.setFont(font)
    return shipped
