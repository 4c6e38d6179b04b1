"""Quick log (快速记录跟进): one dialog to record a visit, call or negotiation from anywhere.

Opened from the activities screen, a project's detail panel, a company or a team, with that
record filled in. Errors show next to their field and the dialog stays open with what was typed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from crm.codes import ActivityKind
from crm.queries import activities as q
from crm.queries.companies import company_name_options
from crm.services import activities as svc
from ui.activities.forms import FieldForm, ProjectPicker, save_cancel_buttons, user_error
from ui.context import AppContext
from ui.ops import run_read, save_form
from ui.widgets.date_edit import OptionalDateEdit


def _company_search(session: Any, text: str) -> list[tuple[str, str]]:
    return [(o.code, o.label) for o in company_name_options(session, text, limit=30)]


class QuickLogDialog(QDialog):
    """Record (or, with activity_id, edit) one activity. `saved_id` holds the record after OK."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        project_id: str | None = None,
        company_id: str | None = None,
        team_id: str | None = None,
        activity_id: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.activity_id = activity_id
        self.saved_id: str | None = None
        self.setWindowTitle(self.tr("记录跟进") if not activity_id else self.tr("编辑跟进记录"))
        self.setMinimumWidth(560)
        self._build()
        self._read_start(project_id, company_id, team_id)

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.form = FieldForm(self)
        self.kind = QComboBox(self)
        for kind in ActivityKind:
            self.kind.addItem(kind.label(self.ctx.language), kind.value)
        self.occurred_on = QDateEdit(self)
        self.occurred_on.setCalendarPopup(True)
        self.occurred_on.setDisplayFormat("yyyy-MM-dd")
        self.occurred_on.setDate(QDate(date.today()))
        self.project = ProjectPicker(self.ctx, q.project_options, self)
        self.company = ProjectPicker(self.ctx, _company_search, self)
        self.team = QComboBox(self)
        self.team.addItem(self.tr("（无）"), None)
        self.participants = QLineEdit(self)
        self.participants.setPlaceholderText(self.tr("我方与对方人员，用顿号分隔"))
        self.summary = QPlainTextEdit(self)
        self.summary.setPlaceholderText(self.tr("谈了什么、对方的意向"))
        self.summary.setFixedHeight(90)
        self.next_step = QLineEdit(self)
        self.next_step_due = OptionalDateEdit(self)
        for field, label, widget in (
            ("kind", self.tr("方式"), self.kind),
            ("occurred_on", self.tr("日期"), self.occurred_on),
            ("project_id", self.tr("项目"), self.project),
            ("company_id", self.tr("企业"), self.company),
            ("team_id", self.tr("工作队"), self.team),
            ("participants", self.tr("参加人员"), self.participants),
            ("summary", self.tr("内容摘要"), self.summary),
            ("next_step", self.tr("下一步工作"), self.next_step),
            ("next_step_due", self.tr("下一步期限"), self.next_step_due),
        ):
            self.form.add(field, label, widget)
        layout.addWidget(self.form)
        self.buttons = save_cancel_buttons(self)
        layout.addWidget(self.buttons)
        self.project.project_changed.connect(self._on_project_changed)

    def _read_start(
        self, project_id: str | None, company_id: str | None, team_id: str | None
    ) -> None:
        """Read the team list, the names of what the dialog was opened on, and the activity
        being edited, in one go on a worker; `_fill` puts them in."""
        activity_id = self.activity_id

        def read(session: Any) -> dict[str, Any]:
            found: dict[str, Any] = {"teams": q.team_options(session), "team_id": team_id}
            found["activity"] = q.activity_detail(session, activity_id) if activity_id else None
            chosen_company = company_id
            if project_id:
                found["project"] = (project_id, q.name_of(session, "project", project_id))
                project_company, project_team = q.project_company_and_team(session, project_id)
                chosen_company = chosen_company or project_company
                found["team_id"] = team_id or project_team
            if chosen_company:
                name = q.name_of(session, "company", chosen_company)
                found["company"] = (chosen_company, name)
            a = found["activity"]
            if a is not None:
                found["names"] = (
                    q.name_of(session, "project", a.project_id),
                    q.name_of(session, "company", a.company_id),
                )
            return found

        run_read(self.ctx, self, read, on_done=self._fill)

    def _fill(self, found: dict[str, Any]) -> None:
        for team_id, name in found["teams"]:
            self.team.addItem(name, team_id)
        if "project" in found:
            self.project.set_value(*found["project"])
        if "company" in found:
            self.company.set_value(*found["company"])
        if found["team_id"]:
            self.team.setCurrentIndex(max(self.team.findData(found["team_id"]), 0))
        if found["activity"] is not None:
            self._load(found["activity"], *found["names"])

    def _on_project_changed(self, project_id: str | None) -> None:
        """Choosing a project fills in its investor and team when those are still empty."""
        if not project_id:
            return

        def read(session: Any) -> tuple[str | None, str | None, str]:
            company_id, team_id = q.project_company_and_team(session, project_id)
            return company_id, team_id, q.name_of(session, "company", company_id)

        run_read(self.ctx, self, read, on_done=self._fill_from_project)

    def _fill_from_project(self, found: tuple[str | None, str | None, str]) -> None:
        company_id, team_id, company_name = found
        if company_id and not self.company.value():
            self.company.set_value(company_id, company_name)
        if team_id and self.team.currentData() is None:
            self.team.setCurrentIndex(max(self.team.findData(team_id), 0))

    def _load(self, a: Any, project_name: str, company_name: str) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(a.kind), 0))
        self.occurred_on.setDate(QDate(a.occurred_on))
        self.project.set_value(a.project_id, project_name)
        self.company.set_value(a.company_id, company_name)
        self.team.setCurrentIndex(max(self.team.findData(a.team_id), 0) if a.team_id else 0)
        self.participants.setText(a.participants)
        self.summary.setPlainText(a.summary)
        self.next_step.setText(a.next_step)
        self.next_step_due.set_value(a.next_step_due)

    # -- saving -------------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        if not self.next_step_due.is_valid():
            raise user_error("next_step_due", "日期格式应为 yyyy-mm-dd", "Use yyyy-mm-dd")
        return {
            "kind": self.kind.currentData(),
            "occurred_on": self.occurred_on.date().toPython(),
            "project_id": self.project.value(),
            "company_id": self.company.value(),
            "team_id": self.team.currentData(),
            "participants": self.participants.text(),
            "summary": self.summary.toPlainText(),
            "next_step": self.next_step.text(),
            "next_step_due": self.next_step_due.value(),
        }

    def save(self) -> None:
        self.form.clear_errors()
        try:
            values = self.values()
        except Exception as exc:
            self.form.show_error(exc, self.ctx.language)
            return

        def write(session: Any) -> Any:
            if self.activity_id:
                return svc.update_activity(session, self.activity_id, **values)
            return svc.log_activity(session, **values)

        save_form(self.ctx, self, write)
