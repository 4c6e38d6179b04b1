"""The Teams screen's 队员 tab: members over time (those who left in grey)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from crm.codes import TeamRole
from crm.queries import teams as q
from ui.activities.forms import code_label, fmt_date
from ui.widgets.record_table import Column, RecordTable


class MembersTable(RecordTable):
    def columns(self) -> list[Column]:
        return [
            (self.tr("姓名"), lambda m: m.person_name),
            (self.tr("职务"), lambda m: code_label(TeamRole, m.role, self.language)),
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
        self.add_member_button = QPushButton(self.tr("添加队员"), self)
        self.end_member_button = QPushButton(self.tr("结束任职"), self)
        row = QHBoxLayout()
        row.addWidget(self.add_member_button)
        row.addWidget(self.end_member_button)
        row.addStretch(1)
        layout.addWidget(self.members, 1)
        layout.addLayout(row)

    def fill(self, members: list[q.MemberRow]) -> None:
        self.members.fill(members)
