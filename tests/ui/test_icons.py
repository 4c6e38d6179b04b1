"""The window's icons are drawn from QtAwesome's Material Design Icons font without importing
QtAwesome (0.25 s of every start): they must look exactly as QtAwesome draws them."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QIcon

from ui import icons

MODES = (QIcon.Mode.Normal, QIcon.Mode.Disabled, QIcon.Mode.Active, QIcon.Mode.Selected)


@pytest.mark.parametrize("name", ["mdi6.plus", "mdi6.domain", "mdi6.file-pdf-box", "save"])
@pytest.mark.parametrize("size", [16, 24, 32])
def test_an_icon_is_qtawesomes_pixel_for_pixel(qapp: Any, name: str, size: int) -> None:
    import qtawesome

    ours = icons.icon(name)
    theirs = qtawesome.icon(icons.NAMED.get(name, name), color=icons.COLOR)
    for mode in MODES:
        image = ours.pixmap(size, size, mode).toImage()
        assert image == theirs.pixmap(size, size, mode).toImage(), mode
    drawn = ours.pixmap(size, size).toImage()
    pixels = [drawn.pixelColor(x, y) for x in range(size) for y in range(size)]
    darkest = max(pixels, key=lambda c: c.alpha())
    assert darkest.alpha() > 200 and darkest.name() == icons.COLOR  # drawn, in the accent


def test_other_fonts_still_come_from_qtawesome_and_unknown_names_give_no_icon(
    qapp: Any,
) -> None:
    assert not icons.icon("fa5s.check").isNull()
    assert icons.icon("mdi6.no-such-icon-anywhere").isNull()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_buttons_get_their_icon_in_either_language(
    qapp: Any, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The English texts (read from crm_en.ts, 50 ms) are read only for an English window."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QPushButton, QWidget

    english = icons._english()
    read: list[bool] = []
    monkeypatch.setattr(icons, "_english", lambda: read.append(True) or english)
    chinese = language == "zh"
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Chinese if chinese else QLocale.Language.English))
    try:
        root = QWidget()
        button = QPushButton("新建项目" if chinese else english["新建项目"], root)
        icons.decorate_buttons(root)
    finally:
        QLocale.setDefault(before)
    assert not button.icon().isNull()
    assert read == ([] if chinese else [True])
