"""Forms of the teams screen: a team, an annual target, a member."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QLineEdit, QSpinBox, QWidget

from crm.codes import TeamRole
from crm.queries import companies as company_queries
from crm.queries import teams as q
from crm.services import teams as svc
from ui.context import AppContext
from ui.ops import run_read
from ui.widgets.date_edit import OptionalDateEdit
from ui.widgets.form_dialog import FormDialog, coded_combo, multi_line, set_widget_value
from ui.widgets.money import MoneyEdit
from ui.widgets.search_combo import SearchableCombo

TARGET_FIELDS = ("signed_investment", "signed_projects", "funds_in_place", "projects_over_100m")


class TeamDialog(FormDialog):
    """A new resident team, or edit one (team_id)."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, team_id: str | None = None
    ) -> None:
        title = self.tr("编辑工作队") if team_id else self.tr("新增工作队")
        super().__init__(ctx, parent, title, 500, record_id=team_id)
        self.name = self.field("name", self.tr("名称 *"), QLineEdit())
        self.name.setPlaceholderText(self.tr("如：南宁市驻深圳招商工作队"))
        self.home_unit = self.field("home_unit", self.tr("派出单位"), QLineEdit())
        unset = self.tr("（未填）")
        self.station = self.field(
            "station_region_code", self.tr("驻点城市"), SearchableCombo(unset)
        )
        self.group = self.field("region_group_code", self.tr("对接区域"), SearchableCombo(unset))
        self.leader = self.field("leader_name", self.tr("队长"), QLineEdit())
        self.active_from = self.field("active_from", self.tr("派驻开始"), OptionalDateEdit())
        self.active_to = self.field("active_to", self.tr("派驻结束"), OptionalDateEdit())
        self.notes = self.field("notes", self.tr("备注"), multi_line(self, 60))
        self.finish()
        self.require("name", self.tr("请填写工作队名称"))

        language = ctx.language

        def read(session: Any) -> tuple[Any, Any, Any]:
            team = q.team_detail(session, team_id) if team_id else None
            regions = company_queries.region_options(session, language)
            return regions, q.region_group_options(session, language), team

        run_read(ctx, self, read, on_done=self._fill)

    def _fill(self, found: tuple[Any, Any, Any]) -> None:
        regions, groups, team = found
        self.station.set_choices([(o.code, o.label) for o in regions])
        self.group.set_choices(groups)
        if team is not None:
            self.fill_from(team)

    def save(self) -> None:
        if self.start_save():
            self.save_record(self.values(), svc.create_team, svc.update_team)


class TargetDialog(FormDialog):
    """Set or change a team's annual target (万元 and counts)."""

    def __init__(
        self, ctx: AppContext, team_id: str, year: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent, self.tr("年度目标"), 420)
        self.team_id = team_id
        self.year = self.field("year", self.tr("年度"), QSpinBox())
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.signed_investment = self.field(
            "signed_investment", self.tr("签约投资额（万元）"), MoneyEdit()
        )
        self.signed_projects = self.field("signed_projects", self.tr("签约项目数"), QLineEdit())
        self.funds_in_place = self.field("funds_in_place", self.tr("到位资金（万元）"), MoneyEdit())
        self.projects_over_100m = self.field(
            "projects_over_100m", self.tr("亿元以上项目数"), QLineEdit()
        )
        for count in (self.signed_projects, self.projects_over_100m):
            count.setValidator(QIntValidator(0, 100000, self))
        self.finish()
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
        for name in TARGET_FIELDS:
            set_widget_value(self.widgets[name], getattr(target, name) if target else None)

    def save(self) -> None:
        if self.start_save():  # counts left empty are None to the service
            self.save_record(self.values(), partial(svc.set_target, team_id=self.team_id))


class MemberDialog(FormDialog):
    """Add a member to a team, from a date."""

    def __init__(self, ctx: AppContext, team_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, self.tr("添加队员"), 400)
        self.team_id = team_id
        self.person_name = self.field("person_name", self.tr("姓名"), QLineEdit())
        self.role = self.field("role", self.tr("职务"), coded_combo(self, TeamRole, ctx.language))
        self.role.setCurrentIndex(self.role.findData(TeamRole.MEMBER.value))
        self.phone = self.field("phone", self.tr("电话"), QLineEdit())
        self.from_on = self.field("from_on", self.tr("到队日期"), OptionalDateEdit())
        self.from_on.set_value(date.today())
        self.finish()

    def save(self) -> None:
        if self.start_save():
            self.save_record(self.values(), partial(svc.add_member, team_id=self.team_id))
