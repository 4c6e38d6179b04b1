"""Record funds in place (到位资金) for a project."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from crm.codes import FundsSource
from crm.services import funds as funds_service
from ui import dialogs, ops
from ui.context import AppContext
from ui.widgets.date_edit import OptionalDateEdit
from ui.widgets.error_gate import ErrorGate
from ui.widgets.money import MoneyEdit


class FundsDialog(QDialog):
    def __init__(self, ctx: AppContext, project_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.project_id = project_id
        self.result_changed: Any = None
        self.setWindowTitle(self.tr("记录到位资金"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.received_on = OptionalDateEdit(self)
        self.received_on.set_value(date.today())
        self.amount = MoneyEdit(self)
        self.fixed_asset = MoneyEdit(self)
        self.source = QComboBox(self)
        self.source.addItem(self.tr("（按项目来源）"), None)
        for source in FundsSource:
            self.source.addItem(source.label(ctx.language), source.value)
        self.note = QLineEdit(self)
        self._errors: dict[str, QLabel] = {}
        form.addRow(self.tr("到位日期 *"), self._boxed("received_on", self.received_on))
        form.addRow(self.tr("金额（万元） *"), self._boxed("amount", self.amount))
        form.addRow(
            self.tr("其中固定资产投资（万元）"), self._boxed("fixed_asset_amount", self.fixed_asset)
        )
        form.addRow(self.tr("资金来源"), self.source)
        form.addRow(self.tr("说明/凭证"), self.note)
        self.message = QLabel("", self)
        self.message.setStyleSheet("color: #c0392b;")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.gate = ErrorGate()
        for field, edit in (
            ("received_on", self.received_on),
            ("amount", self.amount),
            ("fixed_asset_amount", self.fixed_asset),
        ):
            edit.textChanged.connect(lambda _t, f=field: self._on_edit(f))
        self._validate()

    def _boxed(self, field: str, widget: QWidget) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(widget)
        label = QLabel("", box)
        label.setStyleSheet("color: #c0392b; font-size: 11px;")
        label.hide()
        layout.addWidget(label)
        self._errors[field] = label
        return box

    def local_errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        if self.received_on.value() is None:
            errors["received_on"] = self.tr("请填写到位日期")
        amount = self.amount.value()
        if amount is None or amount <= 0:
            errors["amount"] = self.tr("金额应大于0")
        fixed = self.fixed_asset.value()
        if fixed is not None and amount is not None and fixed > amount:
            errors["fixed_asset_amount"] = self.tr("固定资产投资不能超过到位金额")
        return errors

    def _on_edit(self, field: str) -> None:
        self.gate.touch(field)
        self._validate()

    def _validate(self, *_args: object) -> None:
        errors = self.local_errors()
        self._show(self.gate.visible(errors))
        self.save_button.setEnabled(not errors)

    def _show(self, errors: dict[str, str]) -> None:
        for field, label in self._errors.items():
            label.setText(errors.get(field, ""))
            label.setVisible(field in errors)

    def shown_errors(self) -> dict[str, str]:
        """The messages visible beside fields (field → text)."""
        return {f: label.text() for f, label in self._errors.items() if not label.isHidden()}

    def save(self) -> None:
        self.gate.attempt()
        if self.local_errors():
            self._validate()
            return
        values = {
            "project_id": self.project_id,
            "received_on": self.received_on.value(),
            "amount": self.amount.value(),
            "fixed_asset_amount": self.fixed_asset.value(),
            "source": self.source.currentData(),
            "note": self.note.text().strip(),
        }
        result = ops.run_write(
            self.ctx,
            self,
            lambda s: funds_service.record_funds(s, **values),
            changes={"project", "funds_entry"},
            on_error=self._on_error,
        )
        if result is None:
            return
        self.result_changed = result
        if result.warnings:
            dialogs.show_info(
                self,
                "\n".join(
                    w.message_en if self.ctx.is_english else w.message_zh for w in result.warnings
                ),
            )
        self.accept()

    def _on_error(self, exc: Exception) -> None:
        text = ops.error_text(exc, self.ctx.language)
        field = ops.validation_field(exc) or ""
        errors = self.local_errors()
        if field in self._errors:
            errors[field] = text
            self.message.setText("")
        else:
            self.message.setText(text)
        self._show(errors)
