"""Merge two duplicates (projects or companies): choose the one to keep, see what moves, merge.

The preview is the plan the core computed (crm.services.merge); merging hands that same plan
back, and the core refuses if the data changed since it was shown.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from crm.codes import Ownership, Stage
from crm.queries.companies import company_rows
from crm.queries.project_list import fetch_project_rows
from crm.services import merge as merge_service
from crm.services.merge import MergePlan
from ui import ops
from ui.activities.forms import message_line, save_cancel_buttons
from ui.context import AppContext
from ui.field_labels import field_label
from ui.qsettings import app_settings
from ui.widgets.money import UNIT_YI, amount_unit, format_amount

#: What tells two same-named records apart: (field, value as shown), in the order shown.
Facts = list[tuple[str, str]]
#: The facts a choice's label shows (the rest appear in the preview when they differ).
_CHOICE_FIELDS = {
    "project": ("code", "team_id", "planned_investment", "stage"),
    "company": ("uscc", "hq_region_code", "industry_code", "projects"),
}


def read_facts(
    session: Any, table: str, ids: list[str], language: str, unit: str, unit_text: str
) -> dict[str, Facts]:
    """Each record's facts (from the list queries the screens show), for the choice labels
    and the preview's 'what differs' lines."""

    def money(value: Decimal | None) -> str:
        return f"{format_amount(value, unit)} {unit_text}" if value else ""

    if table == "company":
        return {
            r.id: [
                ("uscc", r.uscc),
                ("hq_region_code", r.place),
                ("industry_code", r.industry),
                ("ownership", Ownership.label_of(r.ownership, language)),
                ("projects", str(r.project_count)),
            ]
            for r in company_rows(session, ids, language)
        }
    return {
        r.id: [
            ("code", r.code or ""),
            ("company_id", r.company),
            ("team_id", r.team),
            ("planned_investment", money(r.planned_investment)),
            ("stage", Stage.label_of(r.stage, language)),
            ("industry_code", r.industry),
            ("source_region_code", r.source_place),
            ("park_id", r.landing),
            ("responsible_person", r.responsible_person),
            ("signed_on", r.signed_on.isoformat() if r.signed_on else ""),
        ]
        for r in fetch_project_rows(session, ids, language=language)
    }


class MergeDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        records: list[tuple[str, str]],
        *,
        table: str,
        parent: QWidget | None = None,
    ) -> None:
        """`records`: the two (id, name) of `table` ("project" or "company")."""
        super().__init__(parent)
        self.ctx = ctx
        self.records = records
        self.merger = merge_service.MERGERS[table]
        self.plan: MergePlan | None = None
        self.merged: MergePlan | None = None
        # The two records may carry the same name (user test, finding 36): each choice and
        # the preview show what tells them apart.
        self.table_name = table
        self.setWindowTitle(
            self.tr("合并重复企业") if table == "company" else self.tr("合并重复项目")
        )
        self.facts: dict[str, Facts] = {}
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
        self.preview.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # Many fields may differ: the preview scrolls rather than being cut off.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.preview)
        scroll.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        layout.addWidget(scroll, 1)
        self.message = message_line(self)
        layout.addWidget(self.message)
        self.buttons = save_cancel_buttons(self, self.tr("合并"))
        self.merge_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.merge_button.setEnabled(False)  # until the plan is read
        layout.addWidget(self.buttons)
        self.choices.idToggled.connect(lambda _i, on: on and self.update_preview())
        self._read_facts()
        self._read_plan(0, self._choose_first)

    def _read_facts(self) -> None:
        table, language = self.table_name, self.ctx.language
        unit = amount_unit(app_settings())
        unit_text = self.tr("亿元") if unit == UNIT_YI else self.tr("万元")
        ids = [record_id for record_id, _name in self.records]
        ops.run_read(
            self.ctx,
            self,
            lambda s: read_facts(s, table, ids, language, unit, unit_text),
            on_done=self._show_facts,
        )

    def _show_facts(self, facts: dict[str, Facts]) -> None:
        self.facts = facts
        for index, (record_id, name) in enumerate(self.records):
            shown = dict(facts.get(record_id, ()))
            parts = [
                self._fact_text(field, shown[field])
                for field in _CHOICE_FIELDS[self.table_name]
                if shown.get(field)
            ]
            button = self.choices.button(index)
            button.setText(name + ("\n" + " · ".join(parts) if parts else ""))
        if self.plan is not None:
            self._set_preview(self.describe(self.plan))

    def _fact_text(self, field: str, value: str) -> str:
        """A fact in a choice's label: the value, with its field where the value alone is
        unclear (a code, a count)."""
        if field == "uscc":
            return self.tr("信用代码 %1").replace("%1", value)
        if field == "projects":
            return self.tr("项目 %1 个").replace("%1", value)
        return value

    def _label(self, field: str) -> str:
        if field == "projects":
            return self.tr("项目数")
        return field_label(field, self.table_name)

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
            lambda s: self.merger.plan(s, survivor_id=keep, loser_id=lose),
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
            self._set_preview(self.describe(plan) if plan is not None else "")

        self._read_plan(survivor, show)

    def _named(self, record_id: str, name: str) -> str:
        """“name” with its code (or credit code) when there is one: names may be the same."""
        first = next(iter(self.facts.get(record_id, ())), ("", ""))[1]
        if not first:
            return self.tr("“%1”").replace("%1", name)
        return self.tr("“%1”（%2）").replace("%2", first).replace("%1", name)

    def _set_preview(self, text: str) -> None:
        # The lines of what differs vary in number: the dialog grows to show them (as far as
        # the screen allows; the rest scrolls).
        self.preview.setText(text)
        self.adjustSize()

    def describe(self, plan: MergePlan) -> str:
        lines = [
            self.tr("保留%1；%2并入后作废。")
            .replace("%1", self._named(plan.survivor_id, plan.survivor_name))
            .replace("%2", self._named(plan.loser_id, plan.loser_name))
        ]
        lines += self._differences(plan)
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

    def _differences(self, plan: MergePlan) -> list[str]:
        """The fields whose values differ and the value the merged record keeps (the
        survivor's, or the other's where the survivor has none and takes it: plan.fills)."""
        kept = dict(self.facts.get(plan.survivor_id, ()))
        gone = dict(self.facts.get(plan.loser_id, ()))
        if not kept or not gone:
            return []
        filled = {field for field, _value in plan.fills}
        empty = self.tr("（空）")
        lines = []
        for field, value in self.facts[plan.survivor_id]:
            other = gone.get(field, "")
            if value == other or field == "projects":
                continue  # the same; a company's projects all move to the one kept
            if field in filled and not value:
                text = self.tr("· %1：取作废一方的 %2（保留的一方为空）")
                lines.append(text.replace("%1", self._label(field)).replace("%2", other))
            else:
                text = self.tr("· %1：保留 %2，舍弃 %3")
                lines.append(
                    text.replace("%1", self._label(field))
                    .replace("%2", value or empty)
                    .replace("%3", other or empty)
                )
        if lines:
            lines.insert(0, self.tr("两者不同的字段："))
        return lines

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
            lambda s: self.merger.merge(
                s, survivor_id=plan.survivor_id, loser_id=plan.loser_id, plan=plan
            ),
            changes=self.merger.tables,
            on_error=show,
            on_saved=lambda result: setattr(self, "merged", result),
        )
