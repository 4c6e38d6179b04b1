"""Merge two duplicates (projects or companies): choose the one to keep, see what moves, merge.

The preview is the plan the core computed (crm.services.merge); merging hands that same plan
back, and the core refuses if the data changed since it was shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from crm.services.merge import MergePlan
from ui import ops
from ui.activities.forms import message_line, save_cancel_buttons
from ui.context import AppContext
from ui.field_labels import field_label

#: plan(session, survivor_id=…, loser_id=…) and merge(session, survivor_id=…, loser_id=…, plan=…)
PlanFn = Callable[..., MergePlan]


class MergeDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        records: list[tuple[str, str]],
        *,
        plan_fn: PlanFn,
        merge_fn: PlanFn,
        changes: frozenset[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.records = records
        self._plan_fn, self._merge_fn, self._changes = plan_fn, merge_fn, changes
        self.plan: MergePlan | None = None
        self.merged: MergePlan | None = None
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("保留哪一个？另一个并入它并作废（保留指向它的记录）："), self)
        )
        self.choices = QButtonGroup(self)
        for index, (record_id, name) in enumerate(records):
            button = QRadioButton(name, self)
            button.setObjectName(f"keep_{record_id}")
            self.choices.addButton(button, index)
            layout.addWidget(button)
        self.preview = QLabel("", self)
        self.preview.setObjectName("mergePreview")
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("background: #f7f9fc; border: 1px solid #d6dde8; padding: 6px;")
        layout.addWidget(self.preview)
        self.message = message_line(self)
        layout.addWidget(self.message)
        self.buttons = save_cancel_buttons(self, self.tr("合并"))
        self.merge_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.merge_button.setEnabled(False)  # until the plan is read
        layout.addWidget(self.buttons)
        self.choices.idToggled.connect(lambda _i, on: on and self.update_preview())
        self._read_plan(0, self._choose_first)

    def _choose_first(self, first: MergePlan | None) -> None:
        # Keep the one further along: the other's stage and history would be the ones kept.
        ahead = first is not None and any(w.code == "loser_ahead" for w in first.warnings)
        self.choices.button(1 if ahead else 0).setChecked(True)

    def survivor_index(self) -> int:
        return max(self.choices.checkedId(), 0)

    def _read_plan(self, survivor: int, then: Callable[[MergePlan | None], None]) -> None:
        (keep, _), (lose, _) = self.records[survivor], self.records[1 - survivor]

        def failed(exc: Exception) -> None:  # a record gone meanwhile: say so, merge nothing
            self.message.setText(ops.error_text(exc, self.ctx.language))
            then(None)

        ops.run_read(
            self.ctx,
            self,
            lambda s: self._plan_fn(s, survivor_id=keep, loser_id=lose),
            on_done=then,
            on_error=failed,
        )

    def update_preview(self) -> None:
        """Read the plan for the chosen survivor and show it."""
        survivor = self.survivor_index()

        def show(plan: MergePlan | None) -> None:
            if survivor != self.survivor_index():
                return  # the user chose the other one meanwhile
            self.plan = plan
            self.merge_button.setEnabled(plan is not None)
            self.preview.setText(self.describe(plan) if plan is not None else "")

        self._read_plan(survivor, show)

    def describe(self, plan: MergePlan) -> str:
        lines = [
            self.tr("保留“%1”；“%2”并入后作废。")
            .replace("%1", plan.survivor_name)
            .replace("%2", plan.loser_name)
        ]
        moved = [self._moved(table, len(ids)) for table, ids in plan.moves if ids]
        moved = [m for m in moved if m]
        lines.append(
            self.tr("移过去：%1").replace("%1", "、".join(moved))
            if moved
            else self.tr("没有要移过去的记录。")
        )
        if plan.fills:
            lines.append(
                self.tr("保留的记录补上它没有的：%1").replace(
                    "%1", "、".join(field_label(field) for field, _value in plan.fills)
                )
            )
        for warning in plan.warnings:
            lines.append("⚠ " + (warning.message_en if self.ctx.is_english else warning.message_zh))
        return "\n".join(lines)

    def _moved(self, table: str, count: int) -> str:
        texts = {
            "funds_entry": self.tr("到位资金 %1 笔"),
            "activity": self.tr("跟进记录 %1 条"),
            "problem": self.tr("问题 %1 个"),
            "project": self.tr("项目 %1 个"),
            "contact": self.tr("联系人 %1 个"),
            "company_tag": self.tr("榜单 %1 项"),
            "company": self.tr("下属企业 %1 家"),
            "company_tag_repeated": self.tr("重复的榜单 %1 项（作废）"),
        }
        return texts.get(table, "").replace("%1", str(count))

    def save(self) -> None:
        """Merge as the preview shows (the core checks the data did not change since)."""
        plan = self.plan
        if plan is None:
            return

        def show(exc: Exception) -> None:
            self.message.setText(ops.error_text(exc, self.ctx.language))
            self.update_preview()  # the data changed: show the plan as it is now

        ops.save_form(
            self.ctx,
            self,
            lambda s: self._merge_fn(
                s, survivor_id=plan.survivor_id, loser_id=plan.loser_id, plan=plan
            ),
            changes=self._changes,
            on_error=show,
            on_saved=lambda result: setattr(self, "merged", result),
        )
