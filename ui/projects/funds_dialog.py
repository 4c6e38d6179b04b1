"""Record funds in place (到位资金) for a project, or correct an entry (`entry_id`).

Before saving, the dialog says what the save does to the project's stage (签约 → 资金到位, or
a funded date that follows the first entry), from the same rule the service applies.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from crm.codes import FundsSource
from crm.queries.project_detail import funds_entry_values
from crm.services import funds as funds_service
from ui import dialogs, ops
from ui.context import AppContext
from ui.widgets.date_edit import OptionalDateEdit
from ui.widgets.live_checks import CheckedDialog
from ui.widgets.money import MoneyEdit


class FundsDialog(CheckedDialog):
    def __init__(
        self,
        ctx: AppContext,
        project_id: str,
        parent: QWidget | None = None,
        *,
        entry_id: str | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.project_id = project_id
        self.entry_id = entry_id
        self.setWindowTitle(self.tr("修改到位资金") if entry_id else self.tr("记录到位资金"))
        self.received_on = OptionalDateEdit(self)
        self.received_on.set_value(date.today())
        self.amount = MoneyEdit(self)
        self.fixed_asset = MoneyEdit(self)
        self.source = QComboBox(self)
        self.source.addItem(self.tr("（按项目来源）"), None)
        for source in FundsSource:
            self.source.addItem(source.label(ctx.language), source.value)
        self.note = QLineEdit(self)
        self.checked_row("received_on", self.tr("到位日期 *"), self.received_on)
        self.checked_row("amount", self.tr("金额（万元） *"), self.amount)
        self.checked_row(
            "fixed_asset_amount", self.tr("其中固定资产投资（万元）"), self.fixed_asset
        )
        self.form.addRow(self.tr("资金来源"), self.source)
        self.form.addRow(self.tr("说明/凭证"), self.note)
        #: What saving does to the project's stage, said before saving.
        self.stage_notice = QLabel("", self)
        self.stage_notice.setObjectName("stageNotice")
        self.stage_notice.setStyleSheet(
            "background: #fff4d6; border: 1px solid #e0b84f; padding: 4px; color: #5c4400;"
        )
        self.stage_notice.setWordWrap(True)
        self.stage_notice.hide()
        self.body.addWidget(self.stage_notice)
        self.save_button = self.finish()
        self.received_on.textChanged.connect(lambda _t: self.update_stage_notice())
        self._validate()
        if entry_id:
            ops.run_read(ctx, self, lambda s: funds_entry_values(s, entry_id), on_done=self._load)
        else:
            self.update_stage_notice()

    def _load(self, values: dict[str, Any] | None) -> None:
        if values is None:
            return
        self.gate.loading = True
        self.received_on.set_value(values["received_on"])
        self.amount.set_value(values["amount"])
        self.fixed_asset.set_value(values["fixed_asset_amount"])
        self.source.setCurrentIndex(max(self.source.findData(values["source"]), 0))
        self.note.setText(values["note"])
        self.gate.loading = False

    def update_stage_notice(self) -> None:
        """Say what saving does to the stage (nothing shown when nothing), read on a worker."""
        day = self.received_on.value()
        if day is None:
            self._show_notice(day, "")
            return
        project_id, entry_id = self.project_id, self.entry_id

        def read(session: Any) -> funds_service.StageEffect:
            return funds_service.stage_effect(
                session, project_id, entry_id=entry_id, received_on=day
            )

        ops.run_read(
            self.ctx,
            self,
            read,
            on_done=lambda effect: self._show_notice(day, self._effect_text(effect)),
        )

    def _show_notice(self, day: Any, text: str) -> None:
        if day != self.received_on.value():
            return  # the date was changed again meanwhile
        self.stage_notice.setText(text)
        self.stage_notice.setVisible(bool(text))

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

    def shown_errors(self) -> dict[str, str]:
        """The messages visible beside fields (field → text)."""
        return {f: label.text() for f, label in self.error_lines.items() if not label.isHidden()}

    def save(self) -> None:
        if not self.ready_to_save():
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

        ops.save_form(
            self.ctx,
            self,
            write,
            changes={"project", "funds_entry", "stage_event"},
            on_error=self._on_error,
            on_saved=self._saved,
        )

    def _saved(self, result: Any) -> None:
        self.result_changed = result
        # The stage notice said the funded date would change; the other warnings are news.
        news = [w for w in result.warnings if w.code != "funded_date_changed"]
        if news:
            dialogs.show_info(
                self, "\n".join(w.message_en if self.ctx.is_english else w.message_zh for w in news)
            )
