"""The projects screen's layout: which columns show, in which order and how wide, the splitter
between views, list (or board) and detail panel for each mode, remembered in the UI settings
file and put back to the defaults by View → Reset layout.

Sizes are counted in characters of the screen's font, so the default fits a 1366×768 laptop
(stage, amount and team in view beside the detail panel) at any font size or scaling."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QHeaderView, QSplitter, QTableView, QWidget

from crm.codes import Stage
from ui.layouts import HEADER_PADDING, em, line_height, text_width
from ui.projects.columns import DEFAULT_VISIBLE, DEFAULT_WIDTHS
from ui.qsettings import app_settings

TABLE_MODE, BOARD_MODE = 0, 1
HEADER_KEY = "projects/header"
MODE_KEY = "projects/mode"
SPLITTER_KEYS = {TABLE_MODE: "projects/splitter", BOARD_MODE: "projects/splitter_board"}
CELL_PADDING = 12
#: Widths in characters: the saved-views list and the detail panel in each mode. The board
#: gives the views list's room to its six columns (drag the splitter to bring it back).
SIDEBAR_CHARS = {TABLE_MODE: 8.5, BOARD_MODE: 0}
DETAIL_CHARS = {TABLE_MODE: 24, BOARD_MODE: 22}
DETAIL_SHARE = 0.2


def _widest(language: str) -> dict[str, list[str]]:
    """Texts a column of codes must show whole."""
    return {"stage": [s.label(language) for s in Stage]}


def apply_default_columns(table: QTableView, model: Any, language: str = "zh") -> None:
    """The default column set, order and widths (what a new user sees)."""
    header = table.horizontalHeader()
    for i, spec in enumerate(model.columns):
        header.setSectionHidden(i, spec.key not in DEFAULT_VISIBLE)
    # Visible columns first, in DEFAULT_VISIBLE's order; the others keep theirs behind them.
    wanted = [model.column_index(key) for key in DEFAULT_VISIBLE]
    wanted += [i for i in range(len(model.columns)) if i not in wanted]
    for position, logical in enumerate(wanted):
        header.moveSection(header.visualIndex(logical), position)
    widest = _widest(language)
    for i, spec in enumerate(model.columns):
        header.resizeSection(
            i,
            max(em(table, DEFAULT_WIDTHS.get(spec.key, 6)), _whole_width(table, spec, widest)),
        )


def _whole_width(table: QTableView, spec: Any, widest: dict[str, list[str]]) -> int:
    """What a column needs to show its title and its codes' labels whole."""
    texts = [text_width(table, text) + CELL_PADDING for text in widest.get(spec.key, [])]
    return max([text_width(table.horizontalHeader(), spec.title) + HEADER_PADDING, *texts])


def widen_to_labels(table: QTableView, model: Any, language: str) -> None:
    """Columns of codes widened to show their labels whole in this language: a layout saved
    in Chinese (阶段: 在谈) is restored in English (Negotiating) too narrow."""
    header = table.horizontalHeader()
    widest = _widest(language)
    for i, spec in enumerate(model.columns):
        if spec.key in widest and not header.isSectionHidden(i):
            header.resizeSection(i, max(header.sectionSize(i), _whole_width(table, spec, widest)))


def set_up_header(table: QTableView, model: Any, language: str) -> None:
    header = table.horizontalHeader()
    header.setMinimumSectionSize(em(table, 2.5))
    header.setDefaultSectionSize(em(table, 7))
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.verticalHeader().setDefaultSectionSize(line_height(table))
    apply_default_columns(table, model, language)


def default_sizes(splitter: QSplitter, mode: int, total: int) -> list[int]:
    views = splitter.widget(0)
    natural = getattr(views, "natural_width", lambda: 0)()
    sidebar = max(em(splitter, SIDEBAR_CHARS[mode]), natural) if SIDEBAR_CHARS[mode] else 0
    # On a wide screen the detail panel takes its share too (a fifth of the width).
    detail = max(em(splitter, DETAIL_CHARS[mode]), round(total * DETAIL_SHARE))
    return [sidebar, max(total - sidebar - detail, em(splitter, 20)), detail]


def forget_projects_layout() -> None:
    """Drop the saved header and splitters (the saved views stay)."""
    settings = app_settings()
    for key in (HEADER_KEY, *SPLITTER_KEYS.values()):
        settings.remove(key)


class ProjectsLayout:
    """Remembers the table's header and the splitter of each mode; resets them."""

    def __init__(
        self, table: QTableView, model: Any, splitter: QSplitter, language: str = "zh"
    ) -> None:
        self.table, self.model, self.splitter = table, model, splitter
        self.language = language
        self.mode = TABLE_MODE
        #: Each mode's splitter state as the user left it (None: the default sizes).
        self.states: dict[int, QByteArray | None] = {TABLE_MODE: None, BOARD_MODE: None}
        set_up_header(table, model, language)

    def _width(self) -> int:
        width = self.splitter.width()
        parent: QWidget | None = self.splitter.window()
        return width if width > 200 else max((parent.width() if parent else 0) - 160, 900)

    def restore(self) -> int:
        """Put back what was saved; returns the mode the user left the screen in."""
        settings = app_settings()
        header = settings.value(HEADER_KEY)
        if isinstance(header, QByteArray | bytes):
            self.table.horizontalHeader().restoreState(QByteArray(header))
            widen_to_labels(self.table, self.model, self.language)
        for mode, key in SPLITTER_KEYS.items():
            state = settings.value(key)
            self.states[mode] = QByteArray(state) if isinstance(state, QByteArray | bytes) else None
        mode = int(settings.value(MODE_KEY, TABLE_MODE) or TABLE_MODE)
        self.show_mode(mode, remember=False)
        return mode

    def show_mode(self, mode: int, *, remember: bool = True) -> None:
        """The splitter as the user left it in this mode (table and board differ)."""
        if remember:
            self.states[self.mode] = self.splitter.saveState()
        self.mode = mode
        state = self.states.get(mode)
        if state is None or not self.splitter.restoreState(state):
            self.splitter.setSizes(default_sizes(self.splitter, mode, self._width()))

    def fit(self) -> None:
        """Default sizes for the splitter's real width (once the window is laid out)."""
        if self.states.get(self.mode) is None:
            self.splitter.setSizes(default_sizes(self.splitter, self.mode, self._width()))

    def save(self) -> None:
        self.states[self.mode] = self.splitter.saveState()
        settings = app_settings()
        settings.setValue(HEADER_KEY, self.table.horizontalHeader().saveState())
        for mode, key in SPLITTER_KEYS.items():
            if self.states[mode] is not None:
                settings.setValue(key, self.states[mode])
        settings.setValue(MODE_KEY, self.mode)
        settings.sync()

    def reset(self) -> None:
        """Defaults: the column set, order and widths; both modes' splitters."""
        forget_projects_layout()
        self.states = {TABLE_MODE: None, BOARD_MODE: None}
        apply_default_columns(self.table, self.model, self.language)
        self.splitter.setSizes(default_sizes(self.splitter, self.mode, self._width()))
