"""The shipped CJK font, registered once with reportlab and embedded (as a subset) in every
PDF, so briefs print the same everywhere."""

from __future__ import annotations

import threading

from crm.paths import resources_dir

FONT_NAME = "WQY"
FONT_FILE = "wqy-microhei.ttc"
_lock = threading.Lock()
_registered = False


def font_path() -> str:
    return str(resources_dir() / "fonts" / FONT_FILE)


def register_fonts() -> str:
    """Register the font under FONT_NAME (idempotent, thread-safe); return the name."""
    global _registered
    with _lock:
        if not _registered:
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            pdfmetrics.registerFont(TTFont(FONT_NAME, font_path(), subfontIndex=0))
            _add_line_start_rules()
            _registered = True
    return FONT_NAME


#: Full-width punctuation that must not begin a line (避头点). Reportlab's list has 、。）
#: but not the full-width comma, semicolon, colon, question and exclamation marks.
EXTRA_CANNOT_START = "，；：？！％"


def _add_line_start_rules() -> None:
    """Both of reportlab's CJK line breakers read the list from their own module."""
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    for module in (textsplit, paragraph):
        missing = "".join(ch for ch in EXTRA_CANNOT_START if ch not in module.ALL_CANNOT_START)
        module.ALL_CANNOT_START += missing
