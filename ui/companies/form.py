"""The company form: USCC checked as it is typed, and a duplicate warning when the name or
the USCC resembles a company already in the ledger, with a button to open that one instead."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from crm.codes import Ownership
from crm.queries import companies as q
from crm.services import companies as svc
from ui.activities.forms import FieldForm, ProjectPicker, save_cancel_buttons
from ui.context import AppContext
from ui.ops import run_read, run_write
from ui.widgets.duplicate_warning import DuplicateWarning
from ui.widgets.filters import ChoiceCombo
from ui.widgets.search_combo import SearchableCombo


def _form_choices(session: Any, language: str) -> tuple[Any, Any, Any]:
    return (
        q.region_options(session, language),
        q.country_options(session, language),
        q.industry_options(session, language),
    )


def _company_search(session: Any, text: str) -> list[tuple[str, str]]:
    return [(o.code, o.label) for o in q.company_name_options(session, text, limit=30)]


class CompanyDialog(QDialog):
    """New company, or edit one (company_id). `open_existing(id)` when the user prefers a match."""

    open_existing = Signal(str)

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, company_id: str | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.company_id = company_id
        self.saved_id: str | None = None
        #: Possible duplicates the user has already been shown (a second press saves anyway).
        self._acknowledged: set[str] = set()
        self.setWindowTitle(self.tr("编辑企业") if company_id else self.tr("新增企业"))
        self.setMinimumWidth(620)
        self._build()

    def _set_choices(self, choices: tuple[Any, Any, Any]) -> None:
        regions, countries, industries = choices
        self.region.set_choices([(o.code, o.label) for o in regions])
        for option in countries:
            self.country.addItem(option.label, option.code)
        self.industry.set_choices([(o.code, o.label) for o in industries])
        if self.company_id:  # the record's values go into the filled lists
            run_read(
                self.ctx, self, lambda s: q.company_detail(s, self.company_id), on_done=self._load
            )

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.form = FieldForm(self)
        self.name = QLineEdit(self)
        self.uscc = QLineEdit(self)
        self.uscc.setPlaceholderText(self.tr("18位，境外企业可不填"))
        self.uscc.setMaxLength(24)
        self.former_names = QLineEdit(self)
        self.english_name = QLineEdit(self)
        self.region = SearchableCombo(self.tr("（未填）"), self)
        self.country = QComboBox(self)
        self.ownership = ChoiceCombo(self.tr("（未填）"), self)
        self.ownership.set_choices([(o.value, o.label(self.ctx.language)) for o in Ownership])
        self.industry = SearchableCombo(self.tr("（未填）"), self)
        language = self.ctx.language
        run_read(self.ctx, self, lambda s: _form_choices(s, language), on_done=self._set_choices)
        self.parent_company = ProjectPicker(self.ctx, _company_search, self)
        self.website = QLineEdit(self)
        self.notes = QPlainTextEdit(self)
        self.notes.setFixedHeight(60)
        for field, label, widget in (
            ("name", self.tr("企业名称 *"), self.name),
            ("uscc", self.tr("统一社会信用代码"), self.uscc),
            ("former_names", self.tr("曾用名"), self.former_names),
            ("english_name", self.tr("英文名称"), self.english_name),
            ("hq_region_code", self.tr("总部所在地"), self.region),
            ("hq_country_code", self.tr("国家或地区"), self.country),
            ("ownership", self.tr("企业性质"), self.ownership),
            ("industry_code", self.tr("所属行业"), self.industry),
            ("parent_id", self.tr("所属集团"), self.parent_company),
            ("website", self.tr("网址"), self.website),
            ("notes", self.tr("备注"), self.notes),
        ):
            self.form.add(field, label, widget)
        layout.addWidget(self.form)
        self.duplicates = DuplicateWarning(self)
        self.duplicates.open_requested.connect(self._open_existing)
        layout.addWidget(self.duplicates)
        self.buttons = save_cancel_buttons(self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        layout.addWidget(self.buttons)
        self.form.require(
            "name",
            lambda: bool(self.name.text().strip()),
            self.tr("请填写企业名称"),
            self.name.textChanged,
        )
        self.form.bind_save(self.save_button)
        self.name.editingFinished.connect(self.check_duplicates)
        self.uscc.editingFinished.connect(self._check_uscc)

    def _load(self, c: Any) -> None:
        if c is None:
            return
        self.name.setText(c.name)
        self.uscc.setText(c.uscc or "")
        self.former_names.setText(c.former_names)
        self.english_name.setText(c.english_name)
        self.region.set_value(c.hq_region_code)
        self.country.setCurrentIndex(max(self.country.findData(c.hq_country_code), 0))
        self.ownership.set_value(c.ownership)
        self.industry.set_value(c.industry_code)
        self.parent_company.set_value(c.parent_id, c.parent_name)
        self.website.setText(c.website)
        self.notes.setPlainText(c.notes)

    # -- checks while typing ------------------------------------------------------------------
    def _check_uscc(self) -> None:
        self.form.clear_errors()
        self._run_checks(lambda uscc_ok, _matches: None)

    def check_duplicates(self) -> None:
        self._run_checks(lambda _uscc_ok, _matches: None)

    def _run_checks(self, then: Any) -> None:
        """Check the USCC as soon as it is typed (the message stays next to the field) and look
        for similar companies, on a worker; `then(uscc_ok, matches)` in the GUI thread."""
        name, uscc, own_id = self.name.text().strip(), self.uscc.text().strip(), self.company_id

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
    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text(),
            "uscc": self.uscc.text() or None,
            "former_names": self.former_names.text(),
            "english_name": self.english_name.text(),
            "hq_region_code": self.region.value(),
            "hq_country_code": self.country.currentData() or "CN",
            "ownership": self.ownership.value(),
            "industry_code": self.industry.value(),
            "parent_id": self.parent_company.value(),
            "website": self.website.text(),
            "notes": self.notes.toPlainText(),
        }

    def save(self) -> None:
        """First press with possible duplicates only shows them; a second press saves anyway."""
        self.form.clear_errors()
        if not self.form.check_required():
            return
        self.save_button.setEnabled(False)  # until the checks and the write are done
        self._run_checks(self._save_checked)

    def _save_checked(self, _uscc_ok: bool, matches: list[tuple[str, str, float]]) -> None:
        self.save_button.setEnabled(True)
        shown = {company_id for company_id, _name, _score in matches}
        if shown - self._acknowledged:
            self._acknowledged |= shown
            return
        values = self.values()

        def write(session: Any) -> Any:
            if self.company_id:
                return svc.update_company(session, self.company_id, **values)
            return svc.create_company(session, **values)

        def saved(result: Any) -> None:
            self.saved_id = result.id
            self.accept()

        run_write(
            self.ctx,
            self,
            write,
            on_done=saved,
            busy=[self.save_button],
            on_error=lambda e: self.form.show_error(e, self.ctx.language),
        )
