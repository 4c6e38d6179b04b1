"""After a sync, records that arrived become findable by name."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def warm_search_after_sync(widget: QWidget) -> None:
    """Ask the main window to bring the name index up to date off the GUI thread, as after its
    own imports: a sync import, like a bulk load, leaves the index to be built (building it in
    the import's transaction made a 100k-change import 0.7x its floor slower)."""
    window: QWidget | None = widget
    while window is not None and not hasattr(window, "warm_search_index"):
        window = window.parentWidget()
    if window is not None:
        window.warm_search_index()  # type: ignore[attr-defined]
