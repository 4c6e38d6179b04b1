"""The screenshot script renders every screen and the project dialogs (here: tiny demo, English)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage


def test_screenshots_render_every_screen(qapp: Any, tmp_path: Path, monkeypatch: Any) -> None:
    pytest.importorskip("crm.demo")
    from ui import screenshots
    from ui.i18n import install_translations
    from ui.screens import SCREENS

    monkeypatch.setenv("CRM_HOME", str(tmp_path / "home"))
    try:
        saved = screenshots.render_all(
            tmp_path / "shots", "en", scale="tiny", home=tmp_path / "home"
        )
    finally:
        install_translations(qapp, "zh")
    names = {p.name for p in saved}
    for info in SCREENS:
        assert f"en-screen-{info.screen_id}.png" in names
    assert {"en-projects-board.png", "en-dialog-new-project.png", "en-dialog-stage.png"} <= names
    for path in saved:
        image = QImage(str(path))
        assert image.width() > 100 and image.height() > 100, path
