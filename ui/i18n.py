"""Interface language: load the compiled translations; regenerate them with `python -m ui.i18n`.

Chinese is the source language (strings in the code); English lives only in
resources/translations/crm_en.ts (compiled to crm_en.qm). `python -m ui.i18n` runs
pyside6-lupdate over ui/ to refresh the .ts (a string that moved keeps its English, see
ui/ts_fill.py), prints the strings still without English, then runs pyside6-lrelease. Add English
for new strings in the .ts (pyside6-linguist, or by hand) and run it again.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from crm import paths

LANGUAGES = ("zh", "en")
_installed: list[QTranslator] = []


def translations_dir() -> Path:
    return paths.resources_dir() / "translations"


class Labels:
    """Codes and the source text of their labels in one translation context (mark each source
    with QT_TRANSLATE_NOOP so that lupdate finds it): the table is built once, a label is
    translated when asked, so it follows the language in use."""

    def __init__(self, context: str, sources: Mapping[str, str]) -> None:
        self.context = context
        self._sources = dict(sources)

    def __call__(self, code: str) -> str:
        """The label of `code`; a code without one stands for itself."""
        source = self._sources.get(code)
        return code if source is None else QCoreApplication.translate(self.context, source)


#: Qt's own strings that the qtbase_zh_CN.qm shipped with PySide6 lacks: Qt renamed them (added
#: a mnemonic) after the translation was made, so the file dialog read "&Look in:" and
#: "Files of &type:" between Chinese labels.
QT_ZH_GAPS: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
}


class GapTranslator(QTranslator):
    """Answers only the strings in `gaps`; everything else falls through to Qt's file."""

    def __init__(self, gaps: dict[tuple[str, str], str], parent: QCoreApplication) -> None:
        super().__init__(parent)
        self._gaps = gaps

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None becomes a null QString: "not translated here", Qt asks the next translator
        # ("" would be taken as the translation).
        return self._gaps.get((context, source))

    def isEmpty(self) -> bool:
        return not self._gaps


def install_translations(app: QCoreApplication, language: str) -> None:
    """Load our .qm (English) and Qt's own strings (standard buttons, the file dialog) for the
    language; the Chinese gaps of Qt's file are filled by `GapTranslator`."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    qt_name = "qtbase_zh_CN" if language == "zh" else "qtbase_en"
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    _load(app, qt_name, qt_dir)
    if language == "zh":
        gaps = GapTranslator(QT_ZH_GAPS, app)
        app.installTranslator(gaps)  # asked before qtbase (the last installed is asked first)
        _installed.append(gaps)
    if language == "en":
        _load(app, "crm_en", str(translations_dir()))
    QLocale.setDefault(
        QLocale(QLocale.Language.Chinese if language == "zh" else QLocale.Language.English)
    )


def _load(app: QCoreApplication, name: str, folder: str) -> None:
    translator = QTranslator(app)
    if translator.load(name, folder):
        app.installTranslator(translator)
        _installed.append(translator)


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def regenerate() -> int:
    """Extract strings from ui/, keep their known English, compile the .qm."""
    from ui.ts_fill import fill_ts, known_english

    root = Path(__file__).resolve().parents[1]  # the source folder (a developer command)
    ts = translations_dir() / "crm_en.ts"
    english = known_english(ts)
    sources = sorted(str(p) for p in (root / "ui").rglob("*.py"))
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *sources,
            "-source-language",
            "zh_CN",
            "-target-language",
            "en",
            "-no-obsolete",
            "-ts",
            str(ts),
        ],
        check=True,
    )
    missing = fill_ts(ts, english)
    subprocess.run(
        [_tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True
    )
    for source in missing:
        print(f"untranslated: {source}")
    return 0


if __name__ == "__main__":
    raise SystemExit(regenerate())
