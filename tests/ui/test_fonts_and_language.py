"""The shipped CJK font is registered; the English translation loads and covers the UI."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from typing import Any

from PySide6.QtCore import QCoreApplication

from crm import paths
from ui.fonts import register_cjk_font
from ui.i18n import install_translations


def test_shipped_font_is_registered_as_fallback(qapp: Any) -> None:
    family = register_cjk_font(qapp)
    assert family == "WenQuanYi Micro Hei"
    assert family in qapp.font().families() or any(
        "Hei" in f or "CJK" in f for f in qapp.font().families()
    )


def test_english_translation_loads_and_chinese_is_the_default(qapp: Any) -> None:
    try:
        install_translations(qapp, "en")
        assert QCoreApplication.translate("screens", "项目") == "Projects"
        assert QCoreApplication.translate("ProjectColumns", "工作队") == "Team"
    finally:
        install_translations(qapp, "zh")
    assert QCoreApplication.translate("screens", "项目") == "项目"


def test_every_string_of_the_ts_file_has_english() -> None:
    ts = paths.resources_dir() / "translations" / "crm_en.ts"
    unfinished = [
        m.findtext("source")
        for m in ET.parse(ts).getroot().iter("message")
        if (m.find("translation") is not None and m.find("translation").get("type") == "unfinished")
    ]
    assert unfinished == []
    assert (ts.with_suffix(".qm")).stat().st_size > 1000


def _tr_sources(source: str) -> list[str]:
    """The literal texts of tr("…") and translate("context", "…") calls (ast joins a text
    split over several lines)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", ""))
        index = {"tr": 0, "translate": 1}.get(name)
        if index is None or len(node.args) <= index:
            continue
        arg = node.args[index]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            found.append(arg.value)
    return found


def test_every_string_in_the_code_has_english() -> None:
    """New tr("…") strings need English in resources/translations/crm_en.ts (run
    python -m ui.i18n, add the English it lists, run it again)."""
    from ui.i18n import translations_dir
    from ui.ts_fill import translated_sources

    known = translated_sources(translations_dir() / "crm_en.ts")
    missing = set()
    for path in (paths.resources_dir().parent / "ui").rglob("*.py"):
        for source in _tr_sources(path.read_text(encoding="utf-8")):
            if any("\u4e00" <= ch <= "\u9fff" for ch in source) and source not in known:
                missing.add(f"{path.name}: {source}")
    assert sorted(missing) == []
