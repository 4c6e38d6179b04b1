"""The screenshot script renders every screen and the project dialogs (here: tiny demo, English)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage


def test_screenshots_render_every_screen(qapp: Any, tmp_path: Path, monkeypatch: Any) -> None:
    pytest.importorskip("crm.demo")
    from ui import screenshots
    from ui.i18n import install_translations
    from ui.screens import SCREENS

    temp_root = tmp_path / "tmp"
    temp_root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp_root))
    monkeypatch.setenv("CRM_HOME", str(tmp_path / "home"))
    try:
        saved = screenshots.render_all(tmp_path / "shots", "en", scale="tiny")
    finally:
        install_translations(qapp, "zh")
    # The demo database folder (tens of MB at the default scale) is removed, CRM_HOME restored.
    assert list(temp_root.iterdir()) == []
    assert os.environ["CRM_HOME"] == str(tmp_path / "home")
    names = {p.name for p in saved}
    for info in SCREENS:
        assert f"en-screen-{info.screen_id}.png" in names
    assert {"en-projects-board.png", "en-dialog-new-project.png", "en-dialog-stage.png"} <= names
    for path in saved:
        image = QImage(str(path))
        # Not blank: the smallest (the board's one-line date dialog) is about 300 × 80.
        assert image.width() > 100 and image.height() > 60, path
