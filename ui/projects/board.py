"""The pipeline board (kanban): one column per stage with count and sum; drag cards to move.

The board only shows and reports: a drop emits `card_dropped(project_id, to_stage)`, and the
screen runs the same stage-move flow (dialog, service, validation) as the form.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFontMetrics,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from crm.codes import Stage
from crm.queries.project_board import BOARD_STAGES, BoardColumn
from ui.layouts import em
from ui.widgets.money import UNIT_YI, format_amount

# The narrowest a stage column gets, in characters (it shares out the rest evenly).
COLUMN_CHARS = 7.5
MIME_TYPE = "application/x-crm-project-id"
ID_ROLE = Qt.ItemDataRole.UserRole
STAGE_ROLE = Qt.ItemDataRole.UserRole + 1
MORE_ROLE = Qt.ItemDataRole.UserRole + 2
#: A card's lines before they were broken for the list's width.
LINES_ROLE = Qt.ItemDataRole.UserRole + 3
#: Pixels of a card's row that are not text: margins, padding, border, the style's text margin.
CARD_ROOM = 2 * 2 + 2 * 3 + 2 * 2 + 2 * 4
MIN_TEXT_WIDTH = 24
CARD_STYLE = (
    "QListWidget { background: #f3f4f6; border: none; }"
    "QListWidget::item { background: white; border: 1px solid #d0d4da; border-radius: 4px;"
    " margin: 2px; padding: 3px; color: #1f2933; }"
    "QListWidget::item:selected { border: 2px solid #2f80ed; }"
)


def card_text(lines: list[str], metrics: QFontMetrics, width: int) -> str:
    """The first line (the project's name) on up to two lines, the others on one, each cut
    with '…' where it does not fit `width` pixels."""
    first, *rest = lines
    shown = [metrics.elidedText(first, Qt.TextElideMode.ElideRight, width)]
    if metrics.horizontalAdvance(first) > width:
        cut = len(first)
        while cut > 1 and metrics.horizontalAdvance(first[:cut]) > width:
            cut -= 1
        second = metrics.elidedText(first[cut:], Qt.TextElideMode.ElideRight, width)
        shown = [first[:cut], second]
    shown += [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in rest]
    return "\n".join(shown)


class BoardList(QListWidget):
    """One stage's cards. Accepts cards dragged from other stages."""

    dropped = Signal(str, str)  # project id, this list's stage

    def __init__(self, stage: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        # Qt's own wrapping made it cut the amount line off: the card's lines are broken by
        # card_text for the list's width instead (the name on up to two lines).
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSpacing(1)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setStyleSheet(CARD_STYLE)
        self._text_width = 0

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_texts()

    def fit_texts(self) -> None:
        """Break each card's lines for the width the list has now."""
        # Counted from the list's own width with room for its scroll bar: the viewport
        # narrows when the bar appears after the cards are in, without a resize event.
        inner = self.width() - 2 * self.frameWidth() - self.verticalScrollBar().sizeHint().width()
        width = max(inner - CARD_ROOM, MIN_TEXT_WIDTH)
        if width == self._text_width:
            return
        self._text_width = width
        metrics = self.fontMetrics()
        for row in range(self.count()):
            item = self.item(row)
            lines = item.data(LINES_ROLE)
            if lines:
                item.setText(card_text(lines, metrics, width))

    def add_card(self, item: QListWidgetItem, lines: list[str]) -> None:
        item.setData(LINES_ROLE, lines)
        self._text_width = 0  # fit_texts runs again for the new item
        self.addItem(item)

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, items: list[QListWidgetItem]) -> QMimeData:
        data = QMimeData()
        ids = [i.data(ID_ROLE) for i in items if i.data(ID_ROLE)]
        if ids:
            data.setData(MIME_TYPE, ids[0].encode())
        return data

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._accept_cards(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._accept_cards(event)

    @staticmethod
    def _accept_cards(event: QDragMoveEvent) -> None:
        """Only a project's card may be dropped on a column."""
        if event.mimeData().hasFormat(MIME_TYPE):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        if not event.mimeData().hasFormat(MIME_TYPE):
            event.ignore()
            return
        project_id = bytes(event.mimeData().data(MIME_TYPE).data()).decode()
        # The board is redrawn from the database after the move; Qt must not move the item.
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if project_id:
            self.dropped.emit(project_id, self.stage)

    def dropMimeData(self, index: int, data: QMimeData, action: Qt.DropAction) -> bool:  # type: ignore[override]
        return False

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction


class BoardView(QWidget):
    card_dropped = Signal(str, str)
    card_selected = Signal(str)
    card_activated = Signal(str)
    #: The "+k more" line of a column was clicked: show that stage's projects as a table.
    more_requested = Signal(str)

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self._lists: dict[str, BoardList] = {}
        self._headers: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget(scroll)
        row = QHBoxLayout(inner)
        row.setContentsMargins(4, 4, 4, 4)
        for stage in BOARD_STAGES:
            row.addWidget(self._make_column(stage, inner), 1)
        scroll.setWidget(inner)
        outer.addWidget(scroll)

    def _make_column(self, stage: str, parent: QWidget) -> QWidget:
        frame = QFrame(parent)
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        # Six columns side by side at 1366×768 beside the detail panel; cards elide, with
        # the whole card in their tooltip.
        frame.setMinimumWidth(em(frame, COLUMN_CHARS))
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(2, 2, 2, 2)
        header = QLabel(Stage(stage).label(self._language), frame)
        header.setObjectName(f"board-header-{stage}")
        header.setWordWrap(True)
        cards = BoardList(stage, frame)
        cards.setObjectName(f"board-list-{stage}")
        cards.dropped.connect(self.card_dropped)
        cards.currentItemChanged.connect(self._on_current)
        cards.itemDoubleClicked.connect(self._on_double)
        cards.itemClicked.connect(lambda item, s=stage: self._on_click(s, item))
        layout.addWidget(header)
        layout.addWidget(cards, 1)
        self._headers[stage] = header
        self._lists[stage] = cards
        return frame

    def list_for(self, stage: str) -> BoardList:
        return self._lists[stage]

    def set_columns(self, columns: list[BoardColumn], unit: str) -> None:
        unit_text = self.tr("亿元") if unit == UNIT_YI else self.tr("万元")
        for column in columns:
            header = self._headers[column.stage]
            header.setText(
                self.tr("%1　%2 个\n合计 %3 %4")
                .replace("%1", Stage(column.stage).label(self._language))
                .replace("%2", f"{column.count:,}")
                .replace("%3", format_amount(column.planned_total, unit))
                .replace("%4", unit_text)
            )
            self._fill(self._lists[column.stage], column, unit)

    def _fill(self, cards: BoardList, column: BoardColumn, unit: str) -> None:
        cards.clear()
        for card in column.cards:
            # The column's header names the unit: a card's amount stays whole when narrow.
            amount = format_amount(card.planned_investment, unit)
            lines = [line for line in (card.name, card.company, amount) if line]
            item = QListWidgetItem("\n".join(lines))
            item.setData(ID_ROLE, card.id)
            item.setData(STAGE_ROLE, column.stage)
            whole = [card.name, card.company, f"{amount} {self._unit_text(unit)}"]
            item.setToolTip("\n".join(line for line in whole if line))
            cards.add_card(item, lines)
        more = column.count - len(column.cards)
        if more > 0:
            text = self.tr("还有 %1 个…（点击在表格中查看）").replace("%1", f"{more:,}")
            item = QListWidgetItem(text)
            item.setData(MORE_ROLE, True)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setForeground(Qt.GlobalColor.gray)
            item.setToolTip(text)
            cards.add_card(item, [text])
        cards.fit_texts()

    def _unit_text(self, unit: str) -> str:
        return self.tr("亿元") if unit == UNIT_YI else self.tr("万元")

    def card_ids(self, stage: str) -> list[str]:
        cards = self._lists[stage]
        return [
            cards.item(i).data(ID_ROLE) for i in range(cards.count()) if cards.item(i).data(ID_ROLE)
        ]

    def _on_current(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None and current.data(ID_ROLE):
            self.card_selected.emit(current.data(ID_ROLE))

    def more_item(self, stage: str) -> QListWidgetItem | None:
        cards = self._lists[stage]
        last = cards.item(cards.count() - 1) if cards.count() else None
        return last if last is not None and last.data(MORE_ROLE) else None

    def _on_click(self, stage: str, item: QListWidgetItem) -> None:
        if item.data(MORE_ROLE):
            self.more_requested.emit(stage)

    def _on_double(self, item: QListWidgetItem) -> None:
        if item.data(ID_ROLE):
            self.card_activated.emit(item.data(ID_ROLE))
