"""The company form: USCC checked as it is typed, and a duplicate warning when the name or
the USCC resembles a company already in the ledger, with a button to open that one instead."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from crm.codes import Ownership
from crm.queries import companies as q
from crm.services import companies as svc
from ui.activities.forms import ProjectPicker, company_search
from ui.context import AppContext
from ui.ops import run_read
from ui.widgets.duplicate_warning import DuplicateWarning
from ui.widgets.filters import ChoiceCombo, code_choices
from ui.widgets.form_dialog import FormDialog, multi_line
from ui.widgets.search_combo import SearchableCombo


def _form_choices(session: Any, language: str) -> tuple[Any, Any, Any]:
    return (
        q.region_options(session, language),
        q.country_options(session, language),
        q.industry_options(session, language),
    )


class CompanyDialog(FormDialog):
    """New company, or edit one (company_id). `open_existing(id)` when the user prefers a match."""

    open_existing = Signal(str)

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, company_id: str | None = None
    ) -> None:
        title = self.tr("编辑企业") if company_id else self.tr("新增企业")
        super().__init__(ctx, parent, title, 620, record_id=company_id)
        self._build()

    def _set_choices(self, choices: tuple[Any, Any, Any]) -> None:
        regions, countries, industries = choices
        self.region.set_choices([(o.code, o.label) for o in regions])
        for option in countries:
            self.country.addItem(option.label, option.code)
        self.industry.set_choices([(o.code, o.label) for o in industries])
        if self.record_id:  # the record's values go into the filled lists
            run_read(
                self.ctx, self, lambda s: q.company_detail(s, self.record_id), on_done=self._load
            )

    def _build(self) -> None:
        f, unset = self.field, self.tr("（未填）")
        self.name = f("name", self.tr("企业名称 *"), QLineEdit())
        self.uscc = f("uscc", self.tr("统一社会信用代码"), QLineEdit())
        self.uscc.setPlaceholderText(self.tr("18位，境外企业可不填"))
        self.uscc.setMaxLength(24)
        self.former_names = f("former_names", self.tr("曾用名"), QLineEdit())
        self.english_name = f("english_name", self.tr("英文名称"), QLineEdit())
        self.region = f("hq_region_code", self.tr("总部所在地"), SearchableCombo(unset))
        self.country = f("hq_country_code", self.tr("国家或地区"), QComboBox())
        ownerships = code_choices(Ownership, self.ctx.language)
        self.ownership = f("ownership", self.tr("企业性质"), ChoiceCombo(unset, choices=ownerships))
        self.industry = f("industry_code", self.tr("所属行业"), SearchableCombo(unset))
        language = self.ctx.language
        run_read(self.ctx, self, lambda s: _form_choices(s, language), on_done=self._set_choices)
        group = ProjectPicker(self.ctx, company_search, self)
        self.parent_company = f("parent_id", self.tr("所属集团"), group)
        self.website = f("website", self.tr("网址"), QLineEdit())
        self.notes = f("notes", self.tr("备注"), multi_line(self, 60))
        self.duplicates = DuplicateWarning(self)
        self.duplicates.open_requested.connect(self._open_existing)
        self.finish(below=[self.duplicates])
        self.require("name", self.tr("请填写企业名称"))
        self.name.editingFinished.connect(self.check_duplicates)
        self.uscc.editingFinished.connect(self._check_uscc)

    def _load(self, c: Any) -> None:
        if c is not None:
            self.fill_from(c)
            self.parent_company.set_value(c.parent_id, c.parent_name)

    # -- checks while typing ------------------------------------------------------------------
    def _check_uscc(self) -> None:
        self.form.clear_errors()
        self._run_checks(lambda uscc_ok, _matches: None)

    def check_duplicates(self) -> None:
        self._run_checks(lambda _uscc_ok, _matches: None)

    def _run_checks(self, then: Any) -> None:
        """Check the USCC as soon as it is typed (the message stays next to the field) and look
        for similar companies, on a worker; `then(uscc_ok, matches)` in the GUI thread."""
        name, uscc, own_id = self.name.text().strip(), self.uscc.text().strip(), self.record_id

        def check(session: Any) -> tuple[Exception | None, list[tuple[str, str, float]]]:
            problem: Exception | None = None
            if uscc:
                try:
                    svc.clean_uscc(session, uscc, company_id=own_id)
                except Exception as exc:  # shown next to the field, not as a message box
                    problem = exc
            matches: list[tuple[str, str, float]] = []
            if name or uscc:
                matches = svc.find_similar_companies(
                    session, name=name, uscc=uscc or None, exclude_id=own_id
                )
            return problem, matches

        def show(result: tuple[Exception | None, list[tuple[str, str, float]]]) -> None:
            problem, matches = result
            if problem is not None:
                self.form.show_error(problem, self.ctx.language)
            self.duplicates.show_matches(matches)
            self.save_button.setText(self.tr("仍然保存") if matches else self.tr("保存"))
            then(problem is None, matches)

        run_read(self.ctx, self, check, on_done=show)

    def _open_existing(self, company_id: str) -> None:
        self.open_existing.emit(company_id)
        self.reject()

    # -- saving -------------------------------------------------------------------------------
    def values(self, names: Any = None) -> dict[str, Any]:
        values = super().values(names)
        values["uscc"] = values["uscc"] or None
        values["hq_country_code"] = values["hq_country_code"] or "CN"
        return values

    def save(self) -> None:
        """First press with possible duplicates only shows them; a second press saves anyway."""
        if not self.start_save():
            return
        self.save_button.setEnabled(False)  # until the checks and the write are done
        self._run_checks(self._save_checked)

    def _save_checked(self, _uscc_ok: bool, matches: list[tuple[str, str, float]]) -> None:
        self.save_button.setEnabled(True)
        if self.duplicates.stops_save(matches):
            return
        values = self.values()
        self.save_record(values, svc.create_company, svc.update_company)
