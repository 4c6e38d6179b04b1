"""Keep the English of resources/translations/crm_en.ts when pyside6-lupdate refreshes it.

The .ts file is where the English lives (edit it with pyside6-linguist, or by hand). lupdate
files a string under its class: a string that moved to another class (or module) comes back
unfinished. `known_english` reads what the file held before; `fill_ts` gives an unfinished
entry the English the same source text had in its old context, else anywhere in the file.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path


def known_english(ts_path: Path) -> dict[str, str]:
    """Finished translations of a .ts file: "Context|source" and plain "source" keys."""
    english: dict[str, str] = {}
    if not ts_path.exists():
        return english
    for context in ET.parse(ts_path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            text = _finished(message)
            if text is not None:
                source = message.findtext("source") or ""
                english[f"{name}|{source}"] = text
                english.setdefault(source, text)
    return english


def fill_ts(ts_path: Path, english: dict[str, str]) -> list[str]:
    """Put known English into unfinished entries; returns the sources still untranslated."""
    tree = ET.parse(ts_path)
    missing: list[str] = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            _fill_message(message, name, english, missing)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return missing


def untranslated(ts_path: Path) -> set[str]:
    """Sources of the .ts file that have no finished English."""
    return {
        message.findtext("source") or ""
        for message in ET.parse(ts_path).getroot().iter("message")
        if _finished(message) is None
    }


def translated_sources(ts_path: Path) -> set[str]:
    """Sources of the .ts file that have finished English (in some context)."""
    return {
        message.findtext("source") or ""
        for message in ET.parse(ts_path).getroot().iter("message")
        if _finished(message) is not None
    }


def _finished(message: ET.Element) -> str | None:
    translation = message.find("translation")
    if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
        return None
    forms = [form.text or "" for form in translation.iter("numerusform")]
    text = forms[0] if forms else (translation.text or "")
    return text if text else None  # " " is a deliberate English (a unit left out)


def _fill_message(
    message: ET.Element, context: str, english: dict[str, str], missing: list[str]
) -> None:
    """English for one message: its old context's wins over the same source elsewhere."""
    source = message.findtext("source") or ""
    translation = message.find("translation")
    if translation is None or _finished(message) is not None:
        return
    text = english.get(f"{context}|{source}", english.get(source))
    if text is None:
        missing.append(source)
        return
    if message.get("numerus") == "yes":
        for form in list(translation):
            translation.remove(form)
        numerus = ET.SubElement(translation, "numerusform")
        numerus.text = text
    else:
        translation.text = text
    translation.attrib.pop("type", None)
