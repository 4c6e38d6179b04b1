"""Layout helpers that keep screens readable at 1366×768 and at any font size or scaling:
sizes in character widths instead of pixels, a layout that wraps its widgets onto more rows,
and a tab strip that wraps instead of hiding tabs behind scroll arrows."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QHeaderView,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QTableView,
    QTableWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)

#: One "character" of a size given in characters: a CJK ideograph is the widest common glyph.
WIDE_CHAR = "中"


def em(widget: QWidget, chars: float) -> int:
    """The width of `chars` Chinese characters in the widget's font, in pixels."""
    return round(widget.fontMetrics().horizontalAdvance(WIDE_CHAR) * chars)


def text_width(widget: QWidget, text: str) -> int:
    return widget.fontMetrics().horizontalAdvance(text)


def line_height(widget: QWidget, padding: int = 8) -> int:
    """A table row that holds one line of the widget's font."""
    return widget.fontMetrics().height() + padding


#: Room kept free on a screen for the window's title bar and frame.
FRAME_ROOM = (16, 40)


def fit_to_screen(window: QWidget, size: tuple[int, int]) -> None:
    """Resize to `size`, or to what the screen offers if it is smaller, and centre it."""
    screen = QWidget.screen(window) or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(*size)
        return
    area = screen.availableGeometry()
    width = min(size[0], area.width() - FRAME_ROOM[0])
    height = min(size[1], area.height() - FRAME_ROOM[1])
    window.resize(width, height)
    window.move(area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2)


def forget_layouts(screen_ids: list[str]) -> None:
    """Drop the saved window geometry and the list screens' column widths."""
    from ui.qsettings import app_settings

    settings = app_settings()
    for key in ("window/geometry", "window/state"):
        settings.remove(key)
    for screen_id in screen_ids:
        settings.remove(f"{screen_id}/column_widths")
    settings.sync()


#: Room for a header's sort arrow and padding beside its text.
HEADER_PADDING = 28


def fit_headers(table: QTableView) -> None:
    """Widen any column narrower than its header's text (English titles are longer)."""
    header = table.horizontalHeader()
    model = table.model()
    for column in range(model.columnCount()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        needed = header.fontMetrics().horizontalAdvance(title) + HEADER_PADDING
        if header.sectionSize(column) < needed:
            header.resizeSection(column, needed)


def share_width(table: QTableWidget, *, stretch: set[int]) -> None:
    """Short columns as wide as their contents, the `stretch` ones share what is left: the
    table fits its panel without a sideways scroll bar, and an elided cell shows its whole
    text in a tooltip."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for column in range(table.columnCount()):
        mode = (
            QHeaderView.ResizeMode.Stretch
            if column in stretch
            else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, mode)
    for row in range(table.rowCount()):
        for column in stretch:
            item = table.item(row, column)
            if item is not None and item.text():
                item.setToolTip(item.text())


class FlowLayout(QLayout):
    """Lays its items out left to right and starts a new row when the width is used up."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def add(self, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, row_height = area.x(), area.y(), 0
        for item in self._items:
            if item.widget() is not None and item.widget().isHidden():
                continue
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y = area.x(), y + row_height + self._spacing
                row_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y() + margins.bottom()


def with_tab_strip(tabs: QTabWidget, parent: QWidget | None = None) -> QWidget:
    """The tab widget under a TabStrip, in one panel (for a splitter)."""
    panel = QWidget(parent)
    column = QVBoxLayout(panel)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(TabStrip(tabs, panel))
    column.addWidget(tabs, 1)
    tabs.setDocumentMode(True)
    return panel


TAB_STYLE = (
    "QToolButton { padding: 3px 8px; border: 1px solid #c9ced6; border-radius: 3px;"
    " background: #f7f8fa; color: #1f2933; }"
    "QToolButton:checked { background: #dce7f7; border-color: #2f80ed; color: #1d3f73; }"
    "QToolButton:hover:!checked { background: #eef2f8; }"
)


class TabStrip(QWidget):
    """The tabs of a QTabWidget as buttons that wrap onto a second row when the panel is
    narrow: every tab stays visible and readable (no scroll arrows, no elided titles).
    The tab widget keeps its pages and its API; its own tab bar is hidden."""

    def __init__(self, tabs: QTabWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = tabs
        self.setObjectName("tab-strip")
        self.setStyleSheet(TAB_STYLE)
        self.flow = FlowLayout(self)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.idClicked.connect(tabs.setCurrentIndex)
        self.buttons: list[QToolButton] = []
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        tabs.tabBar().hide()
        tabs.currentChanged.connect(self._on_current)
        self.sync()

    def sync(self) -> None:
        """One button per tab of the tab widget (call after adding tabs)."""
        for button in self.buttons:
            self.group.removeButton(button)
            button.deleteLater()
        self.buttons = []
        for index in range(self.tabs.count()):
            button = QToolButton(self)
            button.setText(self.tabs.tabText(index))
            button.setIcon(self.tabs.tabIcon(index))
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self.group.addButton(button, index)
            self.flow.add(button)
            self.buttons.append(button)
        self._on_current(self.tabs.currentIndex())

    def _on_current(self, index: int) -> None:
        if 0 <= index < len(self.buttons):
            self.buttons[index].setChecked(True)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.flow.heightForWidth(width)

    def sizeHint(self) -> QSize:
        width = sum(b.sizeHint().width() + 4 for b in self.buttons)
        return QSize(width, self.flow.heightForWidth(width))
