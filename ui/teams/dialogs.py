"""Forms of the teams screen: a team, an annual target, a member."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crm.codes import TeamRole
from crm.queries import companies as company_queries
from crm.queries import teams as q
from crm.services import teams as svc
from ui.activities.forms import FieldForm, save_cancel_buttons, user_error
from ui.context import AppContext
from ui.ops import run_read, save_form
from ui.widgets.date_edit import OptionalDateEdit
from ui.widgets.money import MoneyEdit
from ui.widgets.search_combo import SearchableCombo


def _bad_date(field: str) -> Exception:
    return user_error(field, "日期格式应为 yyyy-mm-dd", "Use yyyy-mm-dd")


class TeamDialog(QDialog):
    """A new resident team, or edit one (team_id)."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, team_id: str | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.team_id = ctx, team_id
        self.saved_id: str | None = None
        self.setWindowTitle(self.tr("编辑工作队") if team_id else self.tr("新增工作队"))
        self.setMinimumWidth(500)
        layout = QVBoxLayout(self)
        self.form = FieldForm(self)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("如：南宁市驻深圳招商工作队"))
        self.home_unit = QLineEdit(self)
        self.station = SearchableCombo(self.tr("（未填）"), self)
        self.group = SearchableCombo(self.tr("（未填）"), self)
        self.leader = QLineEdit(self)
        self.active_from = OptionalDateEdit(self)
        self.active_to = OptionalDateEdit(self)
        self.notes = QPlainTextEdit(self)
        self.notes.setFixedHeight(60)
        for field, label, widget in (
            ("name", self.tr("名称 *"), self.name),
            ("home_unit", self.tr("派出单位"), self.home_unit),
            ("station_region_code", self.tr("驻点城市"), self.station),
            ("region_group_code", self.tr("对接区域"), self.group),
            ("leader_name", self.tr("队长"), self.leader),
            ("active_from", self.tr("派驻开始"), self.active_from),
            ("active_to", self.tr("派驻结束"), self.active_to),
            ("notes", self.tr("备注"), self.notes),
        ):
            self.form.add(field, label, widget)
        layout.addWidget(self.form)
        self.buttons = save_cancel_buttons(self)
        layout.addWidget(self.buttons)
        self.form.require(
            "name",
            lambda: bool(self.name.text().strip()),
            self.tr("请填写工作队名称"),
            self.name.textChanged,
        )
        self.form.bind_save(self.buttons.button(QDialogButtonBox.StandardButton.Save))

        language = ctx.language

        def read(session: Any) -> tuple[Any, Any, Any]:
            team = q.team_detail(session, team_id) if team_id else None
            regions = company_queries.region_options(session, language)
            return regions, q.region_group_options(session, language), team

        run_read(ctx, self, read, on_done=self._fill)

    def _fill(self, found: tuple[Any, Any, Any]) -> None:
        regions, groups, t = found
        self.station.set_choices([(o.code, o.label) for o in regions])
        self.group.set_choices(groups)
        if t is None:
            return
        self.name.setText(t.name)
        self.home_unit.setText(t.home_unit)
        self.station.set_value(t.station_region_code)
        self.group.set_value(t.region_group_code)
        self.leader.setText(t.leader_name)
        self.active_from.set_value(t.active_from)
        self.active_to.set_value(t.active_to)
        self.notes.setPlainText(t.notes)

    def save(self) -> None:
        self.form.clear_errors()
        if not self.form.check_required():
            return
        for field, edit in (("active_from", self.active_from), ("active_to", self.active_to)):
            if not edit.is_valid():
                self.form.show_error(_bad_date(field), self.ctx.language)
                return
        values = {
            "name": self.name.text(),
            "home_unit": self.home_unit.text(),
            "station_region_code": self.station.value(),
            "region_group_code": self.group.value(),
            "leader_name": self.leader.text(),
            "active_from": self.active_from.value(),
            "active_to": self.active_to.value(),
            "notes": self.notes.toPlainText(),
        }

        def write(session: Any) -> Any:
            if self.team_id:
                return svc.update_team(session, self.team_id, **values)
            return svc.create_team(session, **values)

        save_form(self.ctx, self, write)


class TargetDialog(QDialog):
    """Set or change a team's annual target (万元 and counts)."""

    def __init__(
        self, ctx: AppContext, team_id: str, year: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.team_id = ctx, team_id
        self.setWindowTitle(self.tr("年度目标"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        self.form = FieldForm(self)
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.signed_investment = MoneyEdit(self)
        self.signed_projects = QLineEdit(self)
        self.signed_projects.setValidator(QIntValidator(0, 100000, self))
        self.funds_in_place = MoneyEdit(self)
        self.projects_over_100m = QLineEdit(self)
        self.projects_over_100m.setValidator(QIntValidator(0, 100000, self))
        for field, label, widget in (
            ("year", self.tr("年度"), self.year),
            ("signed_investment", self.tr("签约投资额（万元）"), self.signed_investment),
            ("signed_projects", self.tr("签约项目数"), self.signed_projects),
            ("funds_in_place", self.tr("到位资金（万元）"), self.funds_in_place),
            ("projects_over_100m", self.tr("亿元以上项目数"), self.projects_over_100m),
        ):
            self.form.add(field, label, widget)
        layout.addWidget(self.form)
        self.buttons = save_cancel_buttons(self)
        layout.addWidget(self.buttons)
        self.year.valueChanged.connect(self._load)
        self._load(year)

    def _load(self, year: int) -> None:
        team_id = self.team_id

        def read(session: Any) -> Any:
            return next((t for t in q.team_targets(session, team_id) if t.year == year), None)

        run_read(self.ctx, self, read, on_done=lambda target: self._show_target(year, target))

    def _show_target(self, year: int, target: Any) -> None:
        if year != self.year.value():
            return  # the user moved on to another year
        self.signed_investment.set_value(target.signed_investment if target else None)
        self.funds_in_place.set_value(target.funds_in_place if target else None)
        for edit, value in (
            (self.signed_projects, target.signed_projects if target else None),
            (self.projects_over_100m, target.projects_over_100m if target else None),
        ):
            edit.setText("" if value is None else str(value))

    def save(self) -> None:
        self.form.clear_errors()
        values = {
            "signed_investment": self.signed_investment.value(),
            "signed_projects": self.signed_projects.text() or None,
            "funds_in_place": self.funds_in_place.value(),
            "projects_over_100m": self.projects_over_100m.text() or None,
        }
        team_id, year = self.team_id, self.year.value()  # widgets are read here, not on the worker
        save_form(self.ctx, self, lambda s: svc.set_target(s, team_id=team_id, year=year, **values))


class MemberDialog(QDialog):
    """Add a member to a team, from a date."""

    def __init__(self, ctx: AppContext, team_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.team_id = ctx, team_id
        self.setWindowTitle(self.tr("添加队员"))
        self.setMinimumWidth(400)
        layout = QVBoxLayout(self)
        self.form = FieldForm(self)
        self.person_name = QLineEdit(self)
        self.role = QComboBox(self)
        for role in TeamRole:
            self.role.addItem(role.label(ctx.language), role.value)
        self.role.setCurrentIndex(self.role.findData(TeamRole.MEMBER.value))
        self.phone = QLineEdit(self)
        self.from_on = OptionalDateEdit(self)
        self.from_on.set_value(date.today())
        for field, label, widget in (
            ("person_name", self.tr("姓名"), self.person_name),
            ("role", self.tr("职务"), self.role),
            ("phone", self.tr("电话"), self.phone),
            ("from_on", self.tr("到队日期"), self.from_on),
        ):
            self.form.add(field, label, widget)
        layout.addWidget(self.form)
        self.buttons = save_cancel_buttons(self)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        self.form.clear_errors()
        if not self.from_on.is_valid():
            self.form.show_error(_bad_date("from_on"), self.ctx.language)
            return
        values = {
            "person_name": self.person_name.text(),
            "role": self.role.currentData(),
            "phone": self.phone.text(),
            "from_on": self.from_on.value(),
        }
        save_form(self.ctx, self, lambda s: svc.add_member(s, team_id=self.team_id, **values))
