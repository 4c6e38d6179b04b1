"""The project form: validates as you type, marks invalid fields with the reason beside them
(once the user edited the field or tried to save), keeps Save disabled while anything is invalid,
and keeps everything typed when a save fails. A project that looks like one already entered (the
same investor and a close name) is shown with a button to open it; saving anyway takes a second
press."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from crm import access
from crm.queries.project_choices import (
    ProjectChoices,
    county_choices,
    duplicate_candidates,
    project_choices,
)
from crm.queries.project_detail import project_values
from crm.services import projects as project_service
from ui import ops
from ui.activities.forms import message_line, save_cancel_buttons
from ui.context import AppContext
from ui.widgets.company_picker import CompanyPicker
from ui.widgets.date_edit import OptionalDateEdit
from ui.widgets.duplicate_warning import DuplicateWarning
from ui.widgets.error_gate import ErrorGate
from ui.widgets.filters import ChoiceCombo
from ui.widgets.live_checks import with_error
from ui.widgets.money import MoneyEdit
from ui.widgets.search_combo import SearchableCombo, UnitCombo, offer_units

ERROR_STYLE = "border: 1px solid #c0392b;"


class ProjectForm(QDialog):
    """New project (project_id None) or edit one. `saved_id` is set after a successful save;
    `open_existing(id)` when the user opens a possible duplicate instead."""

    open_existing = Signal(str)

    def __init__(
        self, ctx: AppContext, project_id: str | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.project_id = project_id
        self.saved_id: str | None = None
        self._errors: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}
        self._server_errors: dict[str, str] = {}
        self.gate = ErrorGate()
        self.setWindowTitle(self.tr("编辑项目") if project_id else self.tr("新建项目"))
        self.resize(560, 680)
        self._build()
        #: (name, investor) as loaded, for an edit: unchanged, no duplicate question.
        self._loaded_identity: tuple[str, str | None] | None = None
        #: The form's values as loaded (an edit): only the fields edited since are written,
        #: so a value the form cannot show (a park since deleted) is neither cleared nor
        #: checked again.
        self._loaded_values: dict[str, Any] = {}
        #: The change-log number the record was read at: a field someone else changed since
        #: is refused on saving (crm.services.records.refuse_changed_since), never overwritten.
        self._seen_through: int | None = None
        self.validate()
        language = ctx.language

        def read(session: Any) -> tuple[ProjectChoices, list[tuple[str, str]], dict | None]:
            values = project_values(session, project_id) if project_id else None
            return project_choices(session, language), county_choices(session), values

        ops.run_read(ctx, self, read, on_done=self._fill)

    def _fill(
        self, found: tuple[ProjectChoices, list[tuple[str, str]], dict[str, Any] | None]
    ) -> None:
        """The choice lists, then (for an edit) the record's values, as read on a worker."""
        choices, counties, values = found
        for combo, items in (
            (self.industry, choices.industries),
            (self.chain, choices.chains),
            (self.source_region, choices.provinces + choices.cities),
            (self.source_country, choices.countries),
            (self.landing, choices.cities + counties),
            (self.park, choices.parks),
            (self.team, choices.teams),
        ):
            combo.set_choices(items)
        if values:
            self.gate.loading = True
            self._load(values)
            self.gate.loading = False
            self._loaded_identity = ((values["name"] or "").strip(), values["company_id"])
            self._loaded_values = self.values()  # what the form showed, to save only edits
            self._seen_through = values.get("seen_through")
        else:
            own_team = self.ctx.db.access_actor().team_id
            if own_team:
                self.gate.loading = True  # a new project: the person's own team
                self.team.set_value(own_team)
                self.gate.loading = False
        self.validate()

    # -- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        inner = QWidget(scroll)
        self.form = QFormLayout(inner)
        self.name = self._add("name", self.tr("项目名称 *"), QLineEdit(inner))
        self.code = self._add("code", self.tr("项目编号"), QLineEdit(inner))
        self.company = self._add("company_id", self.tr("投资方"), CompanyPicker(self.ctx, inner))
        self.industry = self._add("industry_code", self.tr("行业"), self._combo(inner))
        self.chain = self._add("chain_code", self.tr("产业链"), self._combo(inner))
        self.planned = self._add(
            "planned_investment", self.tr("协议投资额（万元） *"), MoneyEdit(inner)
        )
        self.foreign = self._add(
            "foreign_investment", self.tr("其中外资（万元）"), MoneyEdit(inner)
        )
        self.source_region = self._add(
            "source_region_code",
            self.tr("来源地"),
            self._combo(inner),
        )
        self.source_country = self._add(
            "source_country_code", self.tr("来源国家/地区"), self._combo(inner)
        )
        self.landing = self._add("landing_region_code", self.tr("落地地区"), self._combo(inner))
        self.park = self._add("park_id", self.tr("落地园区"), self._combo(inner))
        self.team = self._add("team_id", self.tr("工作队"), self._combo(inner))
        self.unit = self._add("responsible_unit", self.tr("责任单位"), UnitCombo(inner))
        offer_units(self.ctx, self, self.unit)
        self.person = self._add("responsible_person", self.tr("责任人"), QLineEdit(inner))
        self.major = self._add("is_major", self.tr("重大项目"), QCheckBox(inner))
        # Seen only by its team and by bureau staff and above (crm.access).
        self.confidential = self._add("confidential", self.tr("保密线索"), QCheckBox(inner))
        self.jobs = self._add("expected_jobs", self.tr("预计就业（人）"), QLineEdit(inner))
        self.output = self._add(
            "expected_annual_output", self.tr("预计年产值（万元）"), MoneyEdit(inner)
        )
        self.expected_signing = self._add(
            "expected_signing_on", self.tr("预计签约日期"), OptionalDateEdit(inner)
        )
        self.expected_start = self._add(
            "expected_start_on", self.tr("预计开工日期"), OptionalDateEdit(inner)
        )
        self.expected_operation = self._add(
            "expected_operation_on", self.tr("预计投产日期"), OptionalDateEdit(inner)
        )
        self.notes = self._add("notes", self.tr("备注"), QPlainTextEdit(inner))
        self.notes.setMaximumHeight(90)
        scroll.setWidget(inner)
        outer.addWidget(scroll, 1)
        self.duplicates = DuplicateWarning(
            self, title=self.tr("可能与已有项目重复："), open_text=self.tr("打开已有项目")
        )
        self.duplicates.open_requested.connect(self._open_existing)
        outer.addWidget(self.duplicates)
        self.message = message_line(self)
        outer.addWidget(self.message)
        self.buttons = save_cancel_buttons(self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        outer.addWidget(self.buttons)
        self.jobs.setPlaceholderText(self.tr("整数"))
        self.name.editingFinished.connect(self.check_duplicates)
        self.company.company_changed.connect(lambda *_a: self.check_duplicates())

    def _combo(self, parent: QWidget) -> ChoiceCombo:
        combo = SearchableCombo(self.tr("（无）"), parent)  # type to search: 行业, 地区, 工作队 …
        combo.keeps_unlisted = True  # a value on record is never cleared by saving
        return combo

    def _add(self, field: str, label: str, widget: Any) -> Any:
        box, error = with_error(widget, widget.parent())
        self.form.addRow(label, box)
        self._errors[field] = error
        self._widgets[field] = widget
        signal = _change_signal(widget)
        if signal is not None:
            signal.connect(lambda *_a, f=field: self._on_edit(f))
        return widget

    def _load(self, values: dict[str, Any]) -> None:
        self.name.setText(values["name"] or "")
        self.code.setText(values["code"] or "")
        self.company.set_company(values["company_id"], values.get("company_name") or "")
        self.industry.set_value(values["industry_code"])
        self.chain.set_value(values["chain_code"])
        self.planned.set_value(values["planned_investment"])
        self.foreign.set_value(values["foreign_investment"])
        self.source_region.set_value(values["source_region_code"])
        self.source_country.set_value(values["source_country_code"])
        self.landing.set_value(values["landing_region_code"])
        self.park.set_value(values["park_id"])
        self.team.set_value(values["team_id"])
        self.unit.setText(values["responsible_unit"] or "")
        self.person.setText(values["responsible_person"] or "")
        self.major.setChecked(bool(values["is_major"]))
        self.confidential.setChecked(bool(values.get("confidential")))
        self.jobs.setText("" if values["expected_jobs"] is None else str(values["expected_jobs"]))
        self.output.set_value(values["expected_annual_output"])
        self.expected_signing.set_value(values["expected_signing_on"])
        self.expected_start.set_value(values["expected_start_on"])
        self.expected_operation.set_value(values["expected_operation_on"])
        self.notes.setPlainText(values["notes"] or "")

    # -- validation ---------------------------------------------------------------------------
    def _on_edit(self, field: str) -> None:
        self.gate.touch(field)
        self._server_errors.pop(field, None)
        self.validate()

    def local_errors(self) -> dict[str, str]:
        """Problems found while typing (the service checks again on save)."""
        errors: dict[str, str] = {}
        name = self.name.text().strip()
        if not name:
            errors["name"] = self.tr("请填写项目名称")
        elif len(name) > 300:
            errors["name"] = self.tr("项目名称不能超过300字")
        if not self.planned.text().strip():  # marked *: 签约额 sums it, so no silent 0
            errors["planned_investment"] = self.tr("请填写协议投资额（万元），尚不清楚时填 0")
        elif self.planned.value() is None:
            errors["planned_investment"] = self.tr("请输入数字（万元）")
        planned = self.planned.value() or Decimal(0)
        foreign = self.foreign.value()
        if foreign is not None and foreign > planned:
            errors["foreign_investment"] = self.tr("其中外资不能超过协议投资额")
        if not self.company.is_valid():
            errors["company_id"] = self.tr("请从列表中选择投资方，或清空")
        team_error = self._team_error()
        if team_error:
            errors["team_id"] = team_error
        jobs = self.jobs.text().strip()
        if jobs and not jobs.isdigit():
            errors["expected_jobs"] = self.tr("请输入整数")
        for field, edit in (
            ("expected_signing_on", self.expected_signing),
            ("expected_start_on", self.expected_start),
            ("expected_operation_on", self.expected_operation),
        ):
            if not edit.is_valid():
                errors[field] = self.tr("日期格式：2025-03-31")
        return errors

    def _team_error(self) -> str:
        """The 工作队 a member (or leader) must give: their own (crm.access.may_write); staff
        and above may leave it empty or choose any."""
        team = self.team.value()
        decision = access.may_write(
            self.ctx.db.access_actor(), "project", (team,), create=self.project_id is None
        )
        if decision:
            return ""
        if not team:
            return self.tr("请选择工作队")
        return decision.reason_en if self.ctx.is_english else decision.reason_zh

    def validate(self) -> bool:
        local = self.local_errors()
        shown = {**self.gate.visible(local), **self._server_errors}
        for field, label in self._errors.items():
            text = shown.get(field, "")
            label.setText(text)
            label.setVisible(bool(text))
            widget = self._widgets[field]
            widget.setStyleSheet(ERROR_STYLE if text else "")
        self.save_button.setEnabled(not local)
        return not local and not self._server_errors

    def field_error(self, field: str) -> str:
        label = self._errors.get(field)
        return label.text() if label is not None and not label.isHidden() else ""

    # -- saving -------------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        jobs = self.jobs.text().strip()
        return {
            "name": self.name.text().strip(),
            "code": self.code.text().strip() or None,
            "company_id": self.company.company_id(),
            "industry_code": self.industry.value(),
            "chain_code": self.chain.value(),
            "planned_investment": self.planned.value() or Decimal(0),
            "foreign_investment": self.foreign.value(),
            "source_region_code": self.source_region.value(),
            "source_country_code": self.source_country.value(),
            "landing_region_code": self.landing.value(),
            "park_id": self.park.value(),
            "team_id": self.team.value(),
            "responsible_unit": self.unit.text().strip(),
            "responsible_person": self.person.text().strip(),
            "is_major": self.major.isChecked(),
            "confidential": self.confidential.isChecked(),
            "expected_jobs": int(jobs) if jobs.isdigit() else None,
            "expected_annual_output": self.output.value(),
            "expected_signing_on": self.expected_signing.value(),
            "expected_start_on": self.expected_start.value(),
            "expected_operation_on": self.expected_operation.value(),
            "notes": self.notes.toPlainText().strip(),
        }

    # -- possible duplicates ------------------------------------------------------------------
    def check_duplicates(self, then: Any = None) -> None:
        """Show the projects this one may duplicate (crm.duplicates rule), read on a worker;
        `then(matches)` afterwards."""
        name = self.name.text().strip()
        if not (name and self.company.is_valid()):
            self._show_duplicates([], then)
            return
        company_id, own_id = self.company.company_id(), self.project_id

        def read(session: Any) -> list[tuple[str, str, float]]:
            found = duplicate_candidates(
                session, name=name, company_id=company_id, exclude_id=own_id
            )
            return [(m.id, m.name, m.score) for m in found]

        ops.run_read(self.ctx, self, read, on_done=lambda found: self._show_duplicates(found, then))

    def _show_duplicates(self, matches: list[tuple[str, str, float]], then: Any) -> None:
        self.duplicates.show_matches(matches)
        self.save_button.setText(self.tr("仍然保存") if matches else self.tr("保存"))
        if then is not None:
            then(matches)

    def _open_existing(self, project_id: str) -> None:
        self.open_existing.emit(project_id)
        self.reject()

    # -- saving -------------------------------------------------------------------------------
    def save(self) -> None:
        self.gate.attempt()
        if not self.validate() and self.local_errors():
            return
        # First press with possible duplicates only shows them; a second press saves anyway.
        # (An edit that keeps the name and investor is not asked again.)
        identity = (self.name.text().strip(), self.company.company_id())
        if identity == self._loaded_identity:
            self._save_checked([])
        else:
            self.check_duplicates(self._save_checked)

    def _save_checked(self, matches: list[tuple[str, str, float]]) -> None:
        if self.duplicates.stops_save(matches):
            return
        values = self.values()
        if self.project_id is not None:
            loaded = self._loaded_values
            values = {k: v for k, v in values.items() if k not in loaded or loaded[k] != v}
        project_id, seen = self.project_id, self._seen_through

        def write(session: Any) -> Any:
            if project_id is None:
                return project_service.create_project(session, **values)
            return project_service.update_project(session, project_id, seen_through=seen, **values)

        ops.save_form(self.ctx, self, write, on_error=self._show_save_error)

    def _show_save_error(self, exc: Exception) -> None:
        """Put the service's message beside the field it names; keep the form as typed."""
        text = ops.error_text(exc, self.ctx.language)
        field = ops.validation_field(exc)
        if field in self._errors:
            self._server_errors[field] = text
            self.message.setText("")
        else:
            self.message.setText(text)
        self.validate()


def _change_signal(widget: QWidget) -> Callable[..., Any] | None:
    for name in ("choice_changed", "company_changed", "textChanged", "toggled"):
        signal = getattr(widget, name, None)
        if signal is not None and hasattr(signal, "connect"):
            return signal
    return None
