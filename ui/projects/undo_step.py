"""One undoable step of the projects screen: how to revert it, and which project it touched."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class UndoStep:
    label: str
    run: Callable[[Any], Any]
    project_id: str
