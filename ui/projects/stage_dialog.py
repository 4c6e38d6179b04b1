"""Move a project to another stage: date, agreement type (signing), reason (dropping), and a
date or "not applicable" for each skipped stage. Operating/dropped projects are reopened."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from crm import stages
from crm.codes import AgreementType, Stage
from crm.services import stages as stage_service
from ui import ops
from ui.context import AppContext
from ui.widgets.date_edit import OptionalDateEdit
from ui.widgets.live_checks import CheckedDialog, field_error

CLOSED = tuple(stage.value for stage in stages.CLOSED)


def skipped_between(current: str, target: str) -> list[Stage]:
    """Stages a forward move passes over (they need a date or "not applicable")."""
    return stages.stages_between(Stage(current), Stage(target))


def default_target(current: Stage) -> str | None:
    """The stage 变更为 offers first: the next one forward in crm.stages' order (签约 →
    资金到位); None for a closed project (reopening: its own list's first)."""
    if current in stages.CLOSED:
        return None
    later = stages.PIPELINE[current.order + 1 :]
    return later[0].value if later else None


class StageMoveDialog(CheckedDialog):
    def __init__(
        self,
        ctx: AppContext,
        project_id: str,
        current_stage: str,
        to_stage: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.project_id = project_id
        self.current = current_stage
        self.reopening = current_stage in CLOSED
        lang = ctx.language
        self.setWindowTitle(self.tr("重新启用项目") if self.reopening else self.tr("变更阶段"))
        form = self.form
        form.addRow(self.tr("当前阶段"), QLabel(Stage(current_stage).label(lang), self))
        self.target = QComboBox(self)
        for stage in stages.move_targets(Stage(current_stage)):
            self.target.addItem(stage.label(lang), stage.value)
        form.addRow(self.tr("变更为"), self.target)
        self.on = OptionalDateEdit(self)
        self.on.set_value(date.today())
        self.checked_row("on", self.tr("日期"), self.on)
        self.agreement = QComboBox(self)
        self.agreement.addItem(self.tr("（未注明）"), None)
        for kind in AgreementType:
            self.agreement.addItem(kind.label(lang), kind.value)
        self.agreement_label = QLabel(self.tr("协议类型"), self)
        form.addRow(self.agreement_label, self.agreement)
        self.reason = QLineEdit(self)
        self.reason_label = QLabel(self.tr("终止原因 *"), self)
        self.checked_row("reason", self.reason_label, self.reason)
        self.comment = QLineEdit(self)
        form.addRow(self.tr("说明"), self.comment)
        self.skipped_box = QWidget(self)
        self.skipped_form = QFormLayout(self.skipped_box)
        self.skipped_form.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(self.skipped_box)
        self._skipped: dict[str, tuple[OptionalDateEdit, QCheckBox]] = {}
        self.ok_button = self.finish(self.tr("确定"))
        self.target.currentIndexChanged.connect(self._on_target)
        wanted = to_stage or default_target(Stage(current_stage))
        if wanted is not None and self.target.findData(wanted) >= 0:
            self.target.setCurrentIndex(self.target.findData(wanted))
        self._on_target()

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
        self.error_lines = {field: self.error_lines[field] for field in ("on", "reason")}
        for stage in skipped_between(self.current, target):
            row = QWidget(self.skipped_box)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            edit = OptionalDateEdit(row)
            not_applicable = QCheckBox(self.tr("不适用"), row)
            edit.setMinimumWidth(110)  # room for a date beside the message
            error = field_error(row)
            error.setWordWrap(False)
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
            self._skipped[stage.value] = (edit, not_applicable)
            self.error_lines[key] = error
        self._validate()

    def set_skipped(self, stage: str, on: date | None) -> None:
        """Fill a skipped stage's date (None: not applicable)."""
        edit, not_applicable = self._skipped[stage]
        not_applicable.setChecked(on is None)
        edit.set_value(on)

    def local_errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        if self.on.value() is None:
            errors["on"] = self.tr("请填写日期（yyyy-mm-dd）")
        if self.target_stage() == Stage.DROPPED.value and not self.reason.text().strip():
            errors["reason"] = self.tr("终止项目需要填写原因")
        for stage, (edit, not_applicable) in self._skipped.items():
            if not not_applicable.isChecked() and edit.value() is None:
                errors[f"skipped.{stage}"] = self.tr("填写日期或勾选不适用")
        return errors

    def skipped_errors(self) -> dict[str, str]:
        """The messages shown beside skipped stages (stage → text; tests and screenshots)."""
        return {
            stage: self.error_lines[f"skipped.{stage}"].text()
            for stage in self._skipped
            if self.error_lines[f"skipped.{stage}"].text()
        }

    def save(self) -> None:
        if not self.ready_to_save():
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
                for stage, (edit, na) in self._skipped.items()
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

        ops.save_form(
            self.ctx,
            self,
            write,
            changes={"stage_event"},
            on_error=self._on_error,
            on_saved=lambda result: setattr(self, "result_changed", result),
        )
