"""Record funds in place (到位资金) for a project, or correct an entry (`entry_id`).

Before saving, the dialog says what the save does to the project's stage (签约 → 资金到位, or
a funded date that follows the first entry), from the same rule the service applies.
"""

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
from crm.queries.project_detail import funds_entry_values
from crm.services import funds as funds_service
from ui import dialogs, ops
from ui.context import AppContext
from ui.widgets.date_edit import OptionalDateEdit
from ui.widgets.error_gate import ErrorGate
from ui.widgets.money import MoneyEdit


class FundsDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        project_id: str,
        parent: QWidget | None = None,
        *,
        entry_id: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.project_id = project_id
        self.entry_id = entry_id
        self.result_changed: Any = None
        self.setWindowTitle(self.tr("修改到位资金") if entry_id else self.tr("记录到位资金"))
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
        #: What saving does to the project's stage, said before saving.
        self.stage_notice = QLabel("", self)
        self.stage_notice.setObjectName("stageNotice")
        self.stage_notice.setStyleSheet(
            "background: #fff4d6; border: 1px solid #e0b84f; padding: 4px; color: #5c4400;"
        )
        self.stage_notice.setWordWrap(True)
        self.stage_notice.hide()
        layout.addWidget(self.stage_notice)
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
        if entry_id:
            self._load(entry_id)
        self.received_on.textChanged.connect(lambda _t: self.update_stage_notice())
        self._validate()
        self.update_stage_notice()

    def _load(self, entry_id: str) -> None:
        with self.ctx.db.session() as session:
            values = funds_entry_values(session, entry_id)
        if values is None:
            return
        self.gate.loading = True
        self.received_on.set_value(values["received_on"])
        self.amount.set_value(values["amount"])
        self.fixed_asset.set_value(values["fixed_asset_amount"])
        self.source.setCurrentIndex(max(self.source.findData(values["source"]), 0))
        self.note.setText(values["note"])
        self.gate.loading = False

    def update_stage_notice(self) -> str:
        """Say what saving does to the stage (empty when nothing); returns the text shown."""
        day = self.received_on.value()
        text = ""
        if day is not None:
            with self.ctx.db.session() as session:
                effect = funds_service.stage_effect(
                    session, self.project_id, entry_id=self.entry_id, received_on=day
                )
            text = self._effect_text(effect)
        self.stage_notice.setText(text)
        self.stage_notice.setVisible(bool(text))
        return text

    def _effect_text(self, effect: funds_service.StageEffect) -> str:
        if effect.kind == funds_service.EFFECT_TO_FUNDED:
            return self.tr("保存后项目阶段将由“签约”变为“资金到位”（日期 %1）。").replace(
                "%1", str(effect.new_date)
            )
        if effect.kind == funds_service.EFFECT_FUNDED_DATE:
            return (
                self.tr("这是项目的第一笔到位资金：保存后项目的资金到位日期将由 %1 改为 %2。")
                .replace("%1", str(effect.old_date))
                .replace("%2", str(effect.new_date))
            )
        return ""

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
            "received_on": self.received_on.value(),
            "amount": self.amount.value(),
            "fixed_asset_amount": self.fixed_asset.value(),
            "source": self.source.currentData(),
            "note": self.note.text().strip(),
        }
        entry_id, project_id = self.entry_id, self.project_id

        def write(session: Any) -> Any:
            if entry_id:
                return funds_service.update_funds_entry(session, entry_id, **values)
            return funds_service.record_funds(session, project_id=project_id, **values)

        result = ops.run_write(
            self.ctx,
            self,
            write,
            changes={"project", "funds_entry", "stage_event"},
            on_error=self._on_error,
        )
        if result is None:
            return
        self.result_changed = result
        # The stage notice said the funded date would change; the other warnings are news.
        news = [w for w in result.warnings if w.code != "funded_date_changed"]
        if news:
            dialogs.show_info(
                self, "\n".join(w.message_en if self.ctx.is_english else w.message_zh for w in news)
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
