"""The Teams screen's 队员 tab: members over time (those who left in grey)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableWidget, QVBoxLayout, QWidget

from crm.codes import TeamRole
from crm.queries import teams as q
from ui.activities.forms import code_label, fill_table, fmt_date, setup_table


class MembersTab(QWidget):
    """`fill(members)`; the screen connects the add / end buttons."""

    def __init__(self, ctx_language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = ctx_language
        layout = QVBoxLayout(self)
        self.members = QTableWidget(self)
        setup_table(self.members)
        self.add_member_button = QPushButton(self.tr("添加队员"), self)
        self.end_member_button = QPushButton(self.tr("结束任职"), self)
        row = QHBoxLayout()
        row.addWidget(self.add_member_button)
        row.addWidget(self.end_member_button)
        row.addStretch(1)
        layout.addWidget(self.members, 1)
        layout.addLayout(row)

    def fill(self, members: list[q.MemberRow]) -> None:
        lang = self.language
        headers = [
            self.tr("姓名"),
            self.tr("职务"),
            self.tr("电话"),
            self.tr("到队"),
            self.tr("离队"),
        ]
        rows = [
            [
                m.person_name,
                code_label(TeamRole, m.role, lang),
                m.phone,
                fmt_date(m.from_on),
                fmt_date(m.to_on),
            ]
            for m in members
        ]
        colors = [None if m.active else "#888888" for m in members]
        fill_table(self.members, headers, rows, ids=[m.id for m in members], colors=colors)
