"""Fill a Qt Linguist .ts file from the English dictionary in ui/translations_en.py."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path


def fill_ts(ts_path: Path) -> list[str]:
    """Put known English into unfinished entries; returns the sources still untranslated."""
    from ui.translations_en import EN

    tree = ET.parse(ts_path)
    missing: list[str] = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            _fill_message(message, name, EN, missing)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return missing


def _fill_message(
    message: ET.Element, context: str, en: dict[str, str], missing: list[str]
) -> None:
    """English for one message: "Context|source" keys win over plain source keys."""
    source = message.findtext("source") or ""
    translation = message.find("translation")
    if translation is None:
        return
    english = en.get(f"{context}|{source}", en.get(source))
    if english is None:
        if not (translation.text or "").strip():
            missing.append(source)
        return
    if message.get("numerus") == "yes":
        for form in list(translation):
            translation.remove(form)
        numerus = ET.SubElement(translation, "numerusform")
        numerus.text = english
    else:
        translation.text = english
    translation.attrib.pop("type", None)
