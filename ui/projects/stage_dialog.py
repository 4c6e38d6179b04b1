"""Move a project to another stage: date, agreement type (signing), reason (dropping), and a
date or "not applicable" for each skipped stage. Operating/dropped projects are reopened."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from crm import stages
from crm.codes import AgreementType, Stage
from crm.services import stages as stage_service
from ui import ops
from ui.context import AppContext
from ui.widgets.date_edit import OptionalDateEdit
from ui.widgets.error_gate import ErrorGate

CLOSED = tuple(stage.value for stage in stages.CLOSED)


def skipped_between(current: str, target: str) -> list[Stage]:
    """Stages a forward move passes over (they need a date or "not applicable")."""
    return stages.stages_between(Stage(current), Stage(target))


class StageMoveDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        project_id: str,
        current_stage: str,
        to_stage: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.project_id = project_id
        self.current = current_stage
        self.reopening = current_stage in CLOSED
        self.result_changed: Any = None
        lang = ctx.language
        self.setWindowTitle(self.tr("重新启用项目") if self.reopening else self.tr("变更阶段"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        form.addRow(self.tr("当前阶段"), QLabel(Stage(current_stage).label(lang), self))
        self.target = QComboBox(self)
        for stage in stages.move_targets(Stage(current_stage)):
            self.target.addItem(stage.label(lang), stage.value)
        form.addRow(self.tr("变更为"), self.target)
        self.on = OptionalDateEdit(self)
        self.on.set_value(date.today())
        self.on_error = self._error_label()
        form.addRow(self.tr("日期"), self._with_error(self.on, self.on_error))
        self.agreement = QComboBox(self)
        self.agreement.addItem(self.tr("（未注明）"), None)
        for kind in AgreementType:
            self.agreement.addItem(kind.label(lang), kind.value)
        self.agreement_label = QLabel(self.tr("协议类型"), self)
        form.addRow(self.agreement_label, self.agreement)
        self.reason = QLineEdit(self)
        self.reason_error = self._error_label()
        self.reason_label = QLabel(self.tr("终止原因 *"), self)
        form.addRow(self.reason_label, self._with_error(self.reason, self.reason_error))
        self.comment = QLineEdit(self)
        form.addRow(self.tr("说明"), self.comment)
        self.skipped_box = QWidget(self)
        self.skipped_form = QFormLayout(self.skipped_box)
        self.skipped_form.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.skipped_box)
        self._skipped: dict[str, tuple[OptionalDateEdit, QCheckBox, QLabel]] = {}
        self.message = QLabel("", self)
        self.message.setStyleSheet("color: #c0392b;")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.target.currentIndexChanged.connect(self._on_target)
        self.gate = ErrorGate()
        self.on.textChanged.connect(lambda _t: self._on_edit("on"))
        self.reason.textChanged.connect(lambda _t: self._on_edit("reason"))
        if to_stage is not None and self.target.findData(to_stage) >= 0:
            self.target.setCurrentIndex(self.target.findData(to_stage))
        self._on_target()

    def _error_label(self) -> QLabel:
        label = QLabel("", self)
        label.setStyleSheet("color: #c0392b; font-size: 11px;")
        label.hide()
        return label

    def _with_error(self, widget: QWidget, error: QLabel) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(widget)
        layout.addWidget(error)
        return box

    def target_stage(self) -> str:
        return str(self.target.currentData())

    def _on_target(self) -> None:
        target = self.target_stage()
        dropping = target == Stage.DROPPED.value
        signing = target == Stage.SIGNED.value
        self.reason.setVisible(dropping)
        self.reason_label.setVisible(dropping)
        self.agreement.setVisible(signing)
        self.agreement_label.setVisible(signing)
        while self.skipped_form.rowCount():
            self.skipped_form.removeRow(0)
        self._skipped.clear()
        for stage in skipped_between(self.current, target):
            row = QWidget(self.skipped_box)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            edit = OptionalDateEdit(row)
            not_applicable = QCheckBox(self.tr("不适用"), row)
            error = QLabel("", row)
            error.setStyleSheet("color: #c0392b; font-size: 11px;")
            line.addWidget(edit)
            line.addWidget(not_applicable)
            line.addWidget(error)
            key = f"skipped.{stage.value}"
            edit.textChanged.connect(lambda _t, k=key: self._on_edit(k))
            not_applicable.toggled.connect(lambda _on, k=key: self._on_edit(k))
            not_applicable.toggled.connect(lambda on, e=edit: e.setEnabled(not on))
            self.skipped_form.addRow(
                self.tr("跳过的“%1”日期").replace("%1", stage.label(self.ctx.language)), row
            )
            self._skipped[stage.value] = (edit, not_applicable, error)
        self._validate()

    def set_skipped(self, stage: str, on: date | None) -> None:
        """Fill a skipped stage's date (None: not applicable)."""
        edit, not_applicable, _error = self._skipped[stage]
        not_applicable.setChecked(on is None)
        edit.set_value(on)

    def local_errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        if self.on.value() is None:
            errors["on"] = self.tr("请填写日期（yyyy-mm-dd）")
        if self.target_stage() == Stage.DROPPED.value and not self.reason.text().strip():
            errors["reason"] = self.tr("终止项目需要填写原因")
        for stage, (edit, not_applicable, _error) in self._skipped.items():
            if not not_applicable.isChecked() and edit.value() is None:
                errors[f"skipped.{stage}"] = self.tr("填写日期或勾选不适用")
        return errors

    def _on_edit(self, field: str) -> None:
        self.gate.touch(field)
        self._validate()

    def _validate(self, *_args: object) -> None:
        errors = self.local_errors()
        self._show_errors(self.gate.visible(errors))
        self.ok_button.setEnabled(not errors)

    def _show_errors(self, errors: dict[str, str]) -> None:
        for field, label in (("on", self.on_error), ("reason", self.reason_error)):
            label.setText(errors.get(field, ""))
            label.setVisible(field in errors)
        for stage, (_edit, _na, label) in self._skipped.items():
            label.setText(errors.get(f"skipped.{stage}", ""))

    def skipped_errors(self) -> dict[str, str]:
        """The messages shown beside skipped stages (stage → text; tests and screenshots)."""
        return {
            stage: label.text() for stage, (_e, _na, label) in self._skipped.items() if label.text()
        }

    def save(self) -> None:
        self.gate.attempt()
        if self.local_errors():
            self._validate()
            return
        target, on = self.target_stage(), self.on.value()
        comment = self.comment.text().strip()
        project_id = self.project_id
        if self.reopening:

            def write(session: Any) -> Any:
                return stage_service.reopen_project(
                    session, project_id, to_stage=target, on=on, comment=comment
                )

        else:
            skipped = {
                stage: (None if na.isChecked() else edit.value())
                for stage, (edit, na, _e) in self._skipped.items()
            }
            agreement = self.agreement.currentData() if target == Stage.SIGNED.value else None
            reason = self.reason.text().strip()

            def write(session: Any) -> Any:
                return stage_service.move_stage(
                    session,
                    project_id,
                    to_stage=target,
                    on=on,
                    agreement_type=agreement,
                    comment=comment,
                    reason=reason,
                    skipped=skipped,
                )

        self.result_changed = ops.run_write(
            self.ctx, self, write, changes={"stage_event"}, on_error=self._on_error
        )
        if self.result_changed is not None:
            self.accept()

    def _on_error(self, exc: Exception) -> None:
        text = ops.error_text(exc, self.ctx.language)
        field = ops.validation_field(exc) or ""
        errors = self.local_errors()
        if field in ("on", "reason") or field.startswith("skipped."):
            errors[field] = text
            self.message.setText("")
        else:
            self.message.setText(text)
        self._show_errors(errors)
