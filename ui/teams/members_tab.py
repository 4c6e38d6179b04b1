"""The Teams screen's 队员 tab: members over time (those who left in grey)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QVBoxLayout, QWidget

from crm.codes import TeamRole
from crm.queries import teams as q
from ui.activities.forms import fmt_date
from ui.widgets.button_row import add_buttons
from ui.widgets.record_table import Column, RecordTable


class MembersTable(RecordTable):
    def columns(self) -> list[Column]:
        return [
            (self.tr("姓名"), lambda m: m.person_name),
            (self.tr("职务"), lambda m: TeamRole.label_of(m.role, self.language)),
            (self.tr("电话"), lambda m: m.phone),
            (self.tr("到队"), lambda m: fmt_date(m.from_on)),
            (self.tr("离队"), lambda m: fmt_date(m.to_on)),
        ]

    def colors(self, members: Sequence[q.MemberRow]) -> list[str | None]:
        return [None if m.active else "#888888" for m in members]  # those who left in grey


class MembersTab(QWidget):
    """`fill(members)`; the screen connects the add / end buttons."""

    def __init__(self, ctx_language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.members = MembersTable(self, ctx_language)
        layout.addWidget(self.members, 1)
        self.add_member_button, self.end_member_button = add_buttons(
            layout, self, (self.tr("添加队员"), None), (self.tr("结束任职"), None)
        )

    def fill(self, members: list[q.MemberRow]) -> None:
        self.members.fill(members)
