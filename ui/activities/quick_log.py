"""Quick log (快速记录跟进): one dialog to record a visit, call or negotiation from anywhere.

Opened from the activities screen, a project's detail panel, a company or a team, with that
record filled in. Errors show next to their field and the dialog stays open with what was typed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from crm.codes import ActivityKind
from crm.queries import activities as q
from crm.services import activities as svc
from ui.activities.forms import ProjectPicker, company_search
from ui.context import AppContext
from ui.ops import run_read
from ui.widgets.date_edit import OptionalDateEdit
from ui.widgets.form_dialog import FormDialog, coded_combo, day_edit, multi_line


class QuickLogDialog(FormDialog):
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
        title = self.tr("记录跟进") if not activity_id else self.tr("编辑跟进记录")
        super().__init__(ctx, parent, title, 560, record_id=activity_id)
        self._build()
        self._read_start(project_id, company_id, team_id)

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        f, lang = self.field, self.ctx.language
        self.kind = f("kind", self.tr("方式"), coded_combo(self, ActivityKind, lang))
        self.occurred_on = f("occurred_on", self.tr("日期"), day_edit(self))
        self.project = f("project_id", self.tr("项目"), ProjectPicker(self.ctx, q.project_options))
        self.company = f("company_id", self.tr("企业"), ProjectPicker(self.ctx, company_search))
        self.team = f("team_id", self.tr("工作队"), QComboBox())
        self.team.addItem(self.tr("（无）"), None)
        self.participants = f("participants", self.tr("参加人员"), QLineEdit())
        self.participants.setPlaceholderText(self.tr("我方与对方人员，用顿号分隔"))
        what = multi_line(self, 90, self.tr("谈了什么、对方的意向"))
        self.summary = f("summary", self.tr("内容摘要"), what)
        self.next_step = f("next_step", self.tr("下一步工作"), QLineEdit())
        self.next_step_due = f("next_step_due", self.tr("下一步期限"), OptionalDateEdit())
        self.finish()
        self.project.project_changed.connect(self._on_project_changed)

    def _read_start(
        self, project_id: str | None, company_id: str | None, team_id: str | None
    ) -> None:
        """Read the team list, the names of what the dialog was opened on, and the activity
        being edited, in one go on a worker; `_fill` puts them in."""
        activity_id = self.record_id

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
        self.project.set_value(a.project_id, project_name)
        self.company.set_value(a.company_id, company_name)
        self.fill_from(a)

    # -- saving -------------------------------------------------------------------------------
    def save(self) -> None:
        if self.start_save():
            values = self.values()
            self.save_record(values, svc.log_activity, svc.update_activity)
