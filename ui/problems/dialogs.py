"""Forms for problems: raise / edit one, and close one out (销号) with a resolution note."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtWidgets import QWidget

from crm.codes import ProblemCategory
from crm.queries import activities as activity_queries
from crm.queries import problems as q
from crm.services import problems as svc
from ui.activities.forms import ProjectPicker, user_error
from ui.context import AppContext
from ui.ops import run_read
from ui.widgets.date_edit import OptionalDateEdit
from ui.widgets.form_dialog import FormDialog, coded_combo, day_edit, multi_line
from ui.widgets.search_combo import UnitCombo, offer_units


class ProblemDialog(FormDialog):
    """Raise a problem for a project (or edit one, with problem_id)."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        project_id: str | None = None,
        problem_id: str | None = None,
    ) -> None:
        title = self.tr("编辑问题") if problem_id else self.tr("新增问题")
        super().__init__(ctx, parent, title, 540, record_id=problem_id)
        projects = ProjectPicker(ctx, activity_queries.project_options, self)
        self.project = self.field("project_id", self.tr("项目 *"), projects)
        self.category = self.field(
            "category", self.tr("类别"), coded_combo(self, ProblemCategory, ctx.language)
        )
        self.description = self.field("description", self.tr("问题描述 *"), multi_line(self))
        self.responsible_unit = self.field("responsible_unit", self.tr("责任单位"), UnitCombo())
        offer_units(ctx, self, self.responsible_unit)
        self.raised_on = self.field("raised_on", self.tr("提出日期"), day_edit(self))
        self.due_on = self.field("due_on", self.tr("办结期限"), OptionalDateEdit())
        self.finish()
        self.require("project_id", self.tr("请选择项目"))
        self.require("description", self.tr("请填写问题描述"))
        if project_id:
            run_read(
                ctx,
                self,
                lambda s: activity_queries.name_of(s, "project", project_id),
                on_done=lambda name: self.project.set_value(project_id, name),
            )
        if problem_id:
            run_read(ctx, self, lambda s: q.problem_detail(s, problem_id), on_done=self._load)

    def _load(self, p: Any) -> None:
        if p is None:
            return
        self.project.set_value(p.project_id, p.project_name)
        self.project.setEnabled(False)  # a problem stays with its project
        self.fill_from(p)

    def save(self) -> None:
        if not self.start_save():
            return
        values = self.values()
        project_id = values.pop("project_id")  # a problem stays with its project

        def raise_problem(session: Any, **values: Any) -> Any:
            if not project_id:
                raise user_error("project_id", "请选择项目", "Choose a project")
            return svc.raise_problem(session, project_id=project_id, **values)

        self.save_record(values, raise_problem, svc.update_problem)


class CloseProblemDialog(FormDialog):
    """销号: how it was resolved, and when."""

    def __init__(self, ctx: AppContext, problem_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, self.tr("问题销号"), 480, record_id=problem_id)
        how = multi_line(self, 100, self.tr("如何解决的、由谁办结"))
        self.resolution = self.field("resolution", self.tr("办理结果 *"), how)
        self.resolved_on = self.field("resolved_on", self.tr("销号日期"), day_edit(self))
        self.finish(self.tr("销号"))
        self.require("resolution", self.tr("请填写办理结果"))

    def save(self) -> None:
        if self.start_save():
            close = partial(svc.close_problem, problem_id=self.record_id)
            self.save_record(self.values(), close)
