"""The line a list shows when it holds no records, instead of a blank table."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QVBoxLayout

from ui.widgets.paged_model import PagedTableModel


class EmptyOverlay(QLabel):
    """Centred over the table's viewport while the (fully loaded) model has no rows."""

    def __init__(
        self, table: QAbstractItemView, model: PagedTableModel, text: str | None = None
    ) -> None:
        super().__init__(text or QCoreApplication.translate("EmptyOverlay", "没有符合条件的记录"))
        self.setObjectName("emptyOverlay")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("color: #7b8794; font-size: 14px; background: transparent;")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(table.viewport())
        layout.addWidget(self)
        self._model = model
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.loaded):
            signal.connect(self.update_visibility)
        self.update_visibility()

    def update_visibility(self, *_args: object) -> None:
        self.setVisible(self._model.complete and self._model.rowCount() == 0)
