"""Forms for enterprise requests: receive / edit one, and each step that follows it (reply,
return visit, close, reject, escalate, reopen). Every save calls one service through
run_write; an error is shown beside the field it names."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget

from crm.codes import ProblemCategory, RequestChannel, Satisfaction
from crm.queries import activities as activity_queries
from crm.queries import requests as q
from crm.services import requests as svc
from ui.activities.forms import ProjectPicker, company_search
from ui.context import AppContext
from ui.ops import run_read
from ui.widgets.date_edit import OptionalDateEdit
from ui.widgets.form_dialog import FormDialog, coded_combo, multi_line
from ui.widgets.form_dialog import day_edit as date_edit
from ui.widgets.search_combo import UnitCombo, offer_units

__all__ = ["RequestDialog", "StepDialog", "coded_combo", "date_edit"]

TABLES = frozenset({"enterprise_request", "request_visit"})


class RequestDialog(FormDialog):
    """受理 a request (or edit one, with request_id)."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, request_id: str | None = None
    ) -> None:
        title = self.tr("编辑诉求") if request_id else self.tr("受理企业诉求")
        super().__init__(ctx, parent, title, 560, record_id=request_id)
        lang, f = ctx.language, self.field
        self.company = f("company_id", self.tr("企业 *"), ProjectPicker(ctx, company_search, self))
        self.project = f(
            "project_id",
            self.tr("相关项目"),
            ProjectPicker(ctx, activity_queries.project_options, self),
        )
        self.channel = f("channel", self.tr("来源渠道"), coded_combo(self, RequestChannel, lang))
        self.received_on = f("received_on", self.tr("受理日期"), date_edit(self))
        self.category = f("category", self.tr("类别"), coded_combo(self, ProblemCategory, lang))
        self.content = f("content", self.tr("诉求内容 *"), multi_line(self))
        self.handling_unit = f("handling_unit", self.tr("承办单位"), UnitCombo())
        self.co_units = f("co_units", self.tr("协办单位"), UnitCombo(several=True))
        offer_units(ctx, self, self.handling_unit, self.co_units)
        self.co_units.setPlaceholderText(self.tr("多个单位用顿号分隔"))
        self.due_on = f("due_on", self.tr("办理时限"), OptionalDateEdit())
        self.finish()
        self.require("company_id", self.tr("请选择企业"))
        self.require("content", self.tr("请填写诉求内容"))
        if request_id:
            run_read(ctx, self, lambda s: q.request_detail(s, request_id).row, on_done=self._load)

    def _load(self, r: Any) -> None:
        self.company.set_value(r.company_id, r.company_name)
        if r.project_id:
            self.project.set_value(r.project_id, r.project_name)
        self.fill_from(r)

    def save(self) -> None:
        if self.start_save():
            values = self.values()
            self.save_record(values, svc.raise_request, svc.update_request)


@dataclass(frozen=True)
class FieldValues:
    """A step dialog's field values as read when Save was pressed (what `write` gets)."""

    values: dict[str, Any]

    def value(self, field: str) -> Any:
        return self.values.get(field)


class StepDialog(FormDialog):
    """One step of a request: a few fields and one service call (`write`) on save."""

    def __init__(
        self,
        ctx: AppContext,
        title: str,
        fields: list[tuple[str, str, QWidget]],
        write: Callable[[Any], Any],
        parent: QWidget | None = None,
        *,
        required: tuple[str, ...] = (),
    ) -> None:
        super().__init__(ctx, parent, title, 460)
        self._write = write
        self.finish()
        self.add_fields(fields, required)

    def add_fields(self, fields: list[tuple[str, str, QWidget]], required: Iterable[str]) -> None:
        for field, label, widget in fields:
            self.field(field, label, widget)
        for field in required:
            self.require(field, self.tr("此项必填"))

    def value(self, field: str) -> Any:
        return self.values([field])[field]

    def save(self) -> None:
        if not self.start_save():
            return
        # The fields are read here, on the GUI thread; the write gets their values.
        values = FieldValues(self.values())
        self.save_record({}, lambda s: self._write(s, values), changes=TABLES)


@dataclass(frozen=True)
class Step:
    """A step's service (called with the request's id and the fields as keywords), the
    keywords whose names differ from their fields', and the fields that must be filled."""

    service: Callable[..., Any]
    keywords: dict[str, str]
    required: tuple[str, ...] = ()


STEP_SERVICES = {
    "reply": Step(svc.reply_request, {}, ("reply",)),
    "visit": Step(svc.record_return_visit, {}),
    "close": Step(svc.close_request, {}),
    "reject": Step(svc.reject_request, {"reject_reason": "reason"}, ("reject_reason",)),
    "escalate": Step(svc.escalate_request, {"escalation_unit": "unit"}, ("escalation_unit",)),
    "reopen": Step(svc.reopen_request, {}),
}


class RequestStepDialog(StepDialog):
    """One step that follows a request (a key of STEP_SERVICES): its fields, then its service
    called with the request's id and the fields as keywords."""

    def __init__(self, ctx: AppContext, step: str, request_id: str, parent: QWidget) -> None:
        spec = STEP_SERVICES[step]

        def write(session: Any, d: FieldValues) -> Any:
            values = {spec.keywords.get(field, field): value for field, value in d.values.items()}
            return spec.service(session, request_id, **values)

        super().__init__(ctx, "", [], write, parent)
        title, fields = self._step_fields(step)
        self.setWindowTitle(title)
        self.add_fields(fields, spec.required)

    def _step_fields(self, step: str) -> tuple[str, list[tuple[str, str, QWidget]]]:
        if step == "reply":
            return self.tr("答复企业诉求"), [
                ("reply", self.tr("答复内容 *"), multi_line()),
                ("replied_on", self.tr("答复日期"), date_edit(self)),
            ]
        if step == "visit":
            satisfaction = coded_combo(self, Satisfaction, self.ctx.language)
            return self.tr("回访"), [
                ("satisfaction", self.tr("满意度"), satisfaction),
                ("visited_on", self.tr("回访日期"), date_edit(self)),
                ("visited_by", self.tr("回访人"), QLineEdit()),
                ("notes", self.tr("回访记录"), multi_line(height=60)),
            ]
        if step == "close":
            return self.tr("办结"), [("closed_on", self.tr("办结日期"), date_edit(self))]
        if step == "reject":
            return self.tr("不予受理"), [("reject_reason", self.tr("理由 *"), multi_line())]
        if step == "escalate":
            unit = UnitCombo()
            offer_units(self.ctx, self, unit)
            return self.tr("督办"), [
                ("escalation_unit", self.tr("督办单位 *"), unit),
                ("escalated_on", self.tr("督办日期"), date_edit(self)),
            ]
        return self.tr("重新办理"), [("due_on", self.tr("新的办理时限"), OptionalDateEdit())]
