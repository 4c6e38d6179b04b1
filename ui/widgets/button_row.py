"""Buttons made with what they do: one alone (`push_button`), or a row of them under a table
or text (left-aligned, `add_buttons`), each calling its action."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QPushButton, QWidget

Action = tuple[str, Callable[[], object] | None]


def push_button(
    text: str, parent: QWidget, on_click: Callable[[], object] | None = None, *, tooltip: str = ""
) -> QPushButton:
    """A button, its action (None: connected by the caller) and its tooltip, made in one place."""
    button = QPushButton(text, parent)
    if tooltip:
        button.setToolTip(tooltip)
    if on_click is not None:
        button.clicked.connect(on_click)
    return button


def add_buttons(layout: QBoxLayout, parent: QWidget, *actions: Action) -> list[QPushButton]:
    """Add the row to `layout`; an action of None is connected by the caller."""
    row = QHBoxLayout()
    buttons = []
    for text, action in actions:
        button = QPushButton(text, parent)
        if action is not None:
            button.clicked.connect(lambda _checked=False, act=action: act())
        row.addWidget(button)
        buttons.append(button)
    row.addStretch(1)
    layout.addLayout(row)
    return buttons
